// Running a buffer's test cases: every case in source order, passed or failed with `waymark test`'s lines, and a
// buffer that does not compile giving its errors instead.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "pathway_sources.h"
#include "waymark/studio/test_results.h"

using namespace waymark::studio;
using namespace waymark::studio::testing;

namespace {

} // namespace

TEST_CASE("test results: every case of the bundled pathways passes, in source order") {
  for (const std::string &path : {kStartBack, kCes, kFirstContact}) { // first_contact imports the other two
    INFO(path);
    const TestRun run = run_buffer_tests(path, read_source(path));
    REQUIRE(run.compiled);
    CHECK(run.errors.empty());
    CHECK(!run.cases.empty());
    CHECK(run.failed == 0);
    CHECK(run.passed == run.cases.size());
    CHECK(run.message == std::to_string(run.passed) + " passed, 0 failed");
    for (size_t i = 1; i < run.cases.size(); ++i) CHECK(run.cases[i - 1].line < run.cases[i].line);
    for (const CaseResult &c : run.cases) {
      CHECK(c.passed);
      CHECK(c.failure_lines.empty());
    }
  }
}

TEST_CASE("test results: a case is placed where `waymark test` places it: its name's line and column") {
  const std::string source = read_source(kStartBack);
  const TestRun run = run_buffer_tests(kStartBack, source);
  REQUIRE(run.compiled);
  REQUIRE(!run.cases.empty());
  const CaseResult &first = run.cases.front();
  size_t line = 1;
  for (size_t i = 0; i < source.find("test \"" + first.name + "\""); ++i) line += source[i] == '\n';
  CHECK(first.line == line);
  CHECK(first.column == 6); // test "...": the name starts in column 6
}

TEST_CASE("test results: a failed expectation gives waymark test's lines, with expected and actual apart") {
  const std::string source =
      replaced(read_source(kCes), "    urgency = \"emergency\"\n", "    urgency = \"routine\"\n");
  const TestRun run = run_buffer_tests(kCes, source);
  REQUIRE(run.compiled);
  CHECK(run.failed == 1);
  CHECK(run.message == std::to_string(run.passed) + " passed, 1 failed");
  const CaseResult &failed = run.cases.front();
  CHECK(!failed.passed);
  CHECK(failed.failure_lines == std::vector<std::string>{"expected urgency = \"routine\", got \"emergency\""});
  REQUIRE(failed.failed_checks.size() == 1);
  CHECK(failed.failed_checks[0].expected == "urgency = \"routine\"");
  CHECK(failed.failed_checks[0].actual == "\"emergency\"");

  const std::string rules = replaced(read_source(kCes), "    fired suspected_ces\n    not fired assessment_incomplete",
                                     "    not fired suspected_ces\n    not fired assessment_incomplete");
  const TestRun rule_run = run_buffer_tests(kCes, rules);
  REQUIRE(rule_run.compiled);
  REQUIRE(rule_run.failed == 1);
  for (const CaseResult &c : rule_run.cases)
    if (!c.passed) CHECK(c.failure_lines == std::vector<std::string>{"expected not fired suspected_ces, but it fired"});
}

TEST_CASE("test results: a buffer that does not compile runs nothing and gives its errors") {
  const std::string source = replaced(read_source(kStartBack), "    leg_pain = false\n", "    leg_pain = 3\n");
  const TestRun run = run_buffer_tests(kStartBack, source);
  CHECK(!run.compiled);
  CHECK(run.cases.empty());
  CHECK(run.passed == 0);
  CHECK(run.failed == 0);
  REQUIRE(run.errors.size() == 1);
  CHECK(run.message == "not tested, 1 error");
  CHECK(run.errors[0].path == kStartBack);
  CHECK(run.errors[0].message == "input 'leg_pain' is bool, but this is int");

  const TestRun broken = run_buffer_tests(kStartBack, "pathway broken\n  version \"1\"\ninput\n  x: bool\n");
  CHECK(!broken.compiled);
  CHECK(!broken.errors.empty());
  CHECK(broken.message.rfind("not tested, ", 0) == 0);
}

TEST_CASE("test results: imports resolve from the buffer's own folder on disk") {
  const std::string source = read_source(kFirstContact);
  CHECK(run_buffer_tests(kFirstContact, source).compiled);
  const TestRun elsewhere = run_buffer_tests(std::string(WAYMARK_SOURCE_DIR) + "/first_contact.wm", source);
  CHECK(!elsewhere.compiled);
  CHECK(!elsewhere.errors.empty());
}
