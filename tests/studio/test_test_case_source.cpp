// Test case blocks written into real pathways: rendered, found, replaced and appended, and the file still compiling
// with every case passing.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "pathway_sources.h"
#include "waymark/studio/test_case_source.h"
#include "waymark/studio/test_results.h"

using namespace waymark::studio;
using namespace waymark::studio::testing;

namespace {

const std::string kLowRisk = "A total score of 3 is still low risk";


std::string to_crlf(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const CaseResult *result_named(const TestRun &run, const std::string &name) {
  for (const CaseResult &c : run.cases)
    if (c.name == name) return &c;
  return nullptr;
}

} // namespace

TEST_CASE("test case source: a draft renders as a test block in the bundled pathways' layout") {
  CaseDraft draft;
  draft.name = "Say \"hi\" to a C:\\ path";
  draft.given = {{"leg_pain", "true"}, {"Admin Category", "\"01\""}, {"missing", std::nullopt}, {"age", std::nullopt}};
  draft.expect = {"risk = \"low\"", "fired low_risk"};
  CHECK(render_test_block(draft) == "test \"Say \\\"hi\\\" to a C:\\\\ path\"\n"
                                    "  given\n"
                                    "    leg_pain = true\n"
                                    "    `Admin Category` = \"01\"\n"
                                    "    `missing` = missing\n"
                                    "    age = missing\n"
                                    "  expect\n"
                                    "    risk = \"low\"\n"
                                    "    fired low_risk\n"
                                    "end\n");
  CHECK(render_test_block(CaseDraft{"empty", {}, {}}) == "test \"empty\"\nend\n");
}

TEST_CASE("test case source: a test block is found by its decoded name with the lexer, through the newline after end") {
  const std::string source = read_source(kStartBack);
  const auto range = find_test_block(source, kLowRisk);
  REQUIRE(range);
  const std::string block = source.substr(range->begin, range->end - range->begin);
  CHECK(block.rfind("test \"" + kLowRisk + "\"\n  given\n", 0) == 0);
  CHECK(block.size() > 5);
  CHECK(block.substr(block.size() - 5) == "\nend\n");
  CHECK(!find_test_block(source, "no such case"));
  CHECK(!find_test_block(source, kLowRisk.substr(0, 10))); // a whole name, not a prefix

  const std::string tricky = "# test \"a\" is only a comment\n"
                             "rule r when x = \"test\" then set y = 1 end\n"
                             "  test 'say \\'hi\\'' given a = 1 end  # trailing\n"
                             "test \"open\" given a = 1\n"
                             "test \"b\" end";
  const auto quoted = find_test_block(tricky, "say 'hi'");
  REQUIRE(quoted);
  CHECK(tricky.substr(quoted->begin, quoted->end - quoted->begin) == "  test 'say \\'hi\\'' given a = 1 end");
  CHECK(!find_test_block(tricky, "a"));
  CHECK(!find_test_block(tricky, "open")); // never closed: the next `end` belongs to another test
  const auto last = find_test_block(tricky, "b");
  REQUIRE(last);
  CHECK(last->end == tricky.size());
}

TEST_CASE(
    "test case source: every compiled case turns back into a block that leaves the pathway compiling and passing") {
  for (const std::string &path : {kStartBack, kCes}) {
    INFO(path);
    const std::string original = read_source(path);
    const auto program = compile_buffer(path, original);
    REQUIRE(program);
    REQUIRE(!program->tests.empty());
    std::string edited = original;
    for (const auto &test : program->tests) {
      const std::string &name = program->str(test.name);
      const auto draft = draft_of_test(*program, name);
      REQUIRE(draft);
      CHECK(draft->name == name);
      REQUIRE(find_test_block(edited, name));
      edited = replace_test_block(edited, name, *draft);
    }
    const TestRun run = run_buffer_tests(path, edited);
    REQUIRE(run.compiled);
    CHECK(run.cases.size() == program->tests.size());
    CHECK(run.failed == 0);
    CHECK(run.passed == program->tests.size());
  }
}

TEST_CASE(
    "test case source: a case written one expectation a line renders back to exactly the bytes the author wrote") {
  const std::string source = read_source(kStartBack);
  const auto program = compile_buffer(kStartBack, source);
  REQUIRE(program);
  const auto draft = draft_of_test(*program, kLowRisk);
  REQUIRE(draft);
  const auto range = find_test_block(source, kLowRisk);
  REQUIRE(range);
  CHECK(render_test_block(*draft) == source.substr(range->begin, range->end - range->begin));
  CHECK(replace_test_block(source, kLowRisk, *draft) == source);
  CHECK(!draft_of_test(*program, "no such case"));
}

TEST_CASE("test case source: a changed given value makes that case fail, saying what was expected and what came") {
  const std::string source = read_source(kStartBack);
  const auto program = compile_buffer(kStartBack, source);
  REQUIRE(program);
  auto draft = draft_of_test(*program, kLowRisk);
  REQUIRE(draft);
  for (GivenValue &given : draft->given)
    if (given.column == "dressed_slowly") given.literal = "true";
  const TestRun run = run_buffer_tests(kStartBack, replace_test_block(source, kLowRisk, *draft));
  REQUIRE(run.compiled);
  CHECK(run.failed == 1);
  CHECK(run.passed == program->tests.size() - 1);
  const CaseResult *changed = result_named(run, kLowRisk);
  REQUIRE(changed);
  CHECK(!changed->passed);
  CHECK(changed->failure_lines == std::vector<std::string>{"expected total_score = 3, got 4",
                                                           "expected risk = \"low\", got \"medium\"",
                                                           "expected fired low_risk, but it is not fired"});
  REQUIRE(changed->failed_checks.size() == 3);
  CHECK(changed->failed_checks[1].expected == "risk = \"low\"");
  CHECK(changed->failed_checks[1].actual == "\"medium\"");
}

TEST_CASE("test case source: a new case appended after the last block compiles and runs last") {
  const std::string source = read_source(kCes);
  CaseDraft draft;
  draft.name = "Nothing answered yet asks for the answers";
  draft.given = {{"urinary_difficulty", std::nullopt}};
  draft.expect = {"urgency = \"urgent\"", "fired assessment_incomplete, ask_urinary_difficulty"};
  const std::string appended = append_test_block(source, draft);
  CHECK(appended.rfind(source.substr(0, source.find_last_not_of('\n') + 1) + "\n\ntest \"Nothing answered", 0) == 0);
  CHECK(appended.substr(appended.size() - 5) == "\nend\n");
  const auto range = find_test_block(appended, draft.name);
  REQUIRE(range);
  CHECK(range->end == appended.size());

  const TestRun run = run_buffer_tests(kCes, appended);
  REQUIRE(run.compiled);
  REQUIRE(!run.cases.empty());
  CHECK(run.cases.back().name == draft.name);
  CHECK(run.cases.back().passed);
  CHECK(run.failed == 0);
  CHECK(append_test_block("", draft) == render_test_block(draft));
}

TEST_CASE("test case source: a CRLF file keeps CRLF when a block is replaced or appended") {
  const std::string source = to_crlf(read_source(kStartBack));
  REQUIRE(uses_crlf(source));
  CHECK(!uses_crlf("a\r\nb\nc\r\n"));
  CHECK(!uses_crlf("no line break"));
  const auto program = compile_buffer(kStartBack, source);
  REQUIRE(program);
  auto draft = draft_of_test(*program, kLowRisk);
  REQUIRE(draft);
  draft->expect.push_back("not fired high_risk");
  std::string edited = replace_test_block(source, kLowRisk, *draft);
  draft->name = "A copy of the low risk case";
  edited = append_test_block(edited, *draft);
  CHECK(uses_crlf(edited));
  CHECK(edited.find("    not fired high_risk\r\nend\r\n") != std::string::npos);
  CHECK(edited.substr(edited.size() - 7) == "\r\nend\r\n");
  const TestRun run = run_buffer_tests(kStartBack, edited);
  REQUIRE(run.compiled);
  CHECK(run.failed == 0);
  CHECK(run.cases.size() == program->tests.size() + 1);
}

TEST_CASE("test case source: given values are written in their column's type") {
  const std::string source =
      "pathway t.literals\n  version \"1\"\n\n"
      "input\n"
      "  flag: bool optional\n  count: int optional\n  weight: decimal optional\n"
      "  seen: date optional\n  `Admin Category`: code optional\n"
      "  codes: code list optional from \"Der Codes\"\n  note: text optional\n"
      "end\n\noutput\n  y: int\nend\n\n"
      "rule r when flag then set y = count end\n\n"
      "test \"all kinds\"\n  given\n    flag = true\n    count = -3\n    weight = 0.25\n"
      "    seen = @2024-02-29\n    `Admin Category` = \"01\"\n    `Der Codes` = \"||M54.5 ,G551\"\n"
      "    note = \"tab\\there \\\"quoted\\\"\"\n  expect\n    y = -3\n    fired r\nend\n";
  const auto program = compile_buffer("/tmp/literals.wm", source);
  REQUIRE(program);
  const auto draft = draft_of_test(*program, "all kinds");
  REQUIRE(draft);
  const auto range = find_test_block(source, "all kinds");
  REQUIRE(range);
  CHECK(render_test_block(*draft) == source.substr(range->begin));
  CHECK(test_value_literal(*program, "weight", "3") == "3");
}
