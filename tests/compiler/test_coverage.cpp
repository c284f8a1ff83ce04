// Coverage of a pathway's test cases: which rules fired and did not, which conditions (every test, and, or, not
// and operand, at its own place) were true, false and unknown, and the percentage of the outcomes asked.
#include <catch2/catch.hpp>

#include <algorithm>

#include "test_support.h"
#include "waymark/compiler/lowering.h"
#include "waymark/runtime/coverage.h"
#include "waymark/runtime/pack.h"
#include "waymark/runtime/test_runner.h"
#include "waymark/runtime/trace.h"

namespace rt = waymark::rt;

namespace {

using waymark::testing::compile_text;

// Runs every test case of the program with a trace attached, as `waymark test --coverage` does.
rt::CoverageReport coverage_of(const rt::Program& program) {
  rt::Machine machine(program);
  rt::Trace trace;
  machine.set_trace(&trace);
  rt::CoverageRecorder recorder(program);
  for (const auto& test : program.tests) {
    const rt::TestOutcome outcome = rt::run_test_case(program, test, machine);
    INFO("test " << program.str(test.name));
    REQUIRE(outcome.passed());
    recorder.record(machine, trace);
  }
  return recorder.report();
}

const rt::ConditionCoverage& condition(const rt::CoverageReport& report, const std::string& text) {
  auto it = std::find_if(report.conditions.begin(), report.conditions.end(),
                         [&](const rt::ConditionCoverage& c) { return c.text == text; });
  INFO("condition " << text);
  REQUIRE(it != report.conditions.end());
  return *it;
}

std::vector<std::string> messages(const std::vector<rt::CoverageGap>& gaps) {
  std::vector<std::string> out;
  for (const auto& gap : gaps)
    out.push_back(std::to_string(gap.at.line) + ":" + std::to_string(gap.at.column) + ": " + gap.message);
  return out;
}

const char* const kHeader = R"(pathway t.cover
  coverage 80%
input
  age: int optional
  smoker: bool optional
end
output
  risk: text
end
rule high "High risk"
  when age > 60 and smoker
  then set risk = "high"
  cite "c"
end
)";

const char* const kOldSmoker = R"(
test "old smoker"
  given
    age = 70
    smoker = true
  expect
    fired high
end
)";

const char* const kYoungSmoker = R"(
test "young smoker"
  given
    age = 30
    smoker = true
  expect
    not fired high
end
)";

const char* const kOldNonSmoker = R"(
test "old non-smoker"
  given
    age = 70
    smoker = false
  expect
    not fired high
end
)";

} // namespace

TEST_CASE("coverage: cases that take every rule and condition both ways cover all", "[coverage]") {
  const auto program = compile_text(std::string(kHeader) + kOldSmoker + kYoungSmoker + kOldNonSmoker);
  const auto report = coverage_of(program);
  CHECK(report.evaluations == 3);
  REQUIRE(report.conditions.size() == 3);
  // The `and` comes before its first operand, which starts where it does.
  CHECK(report.conditions[0].text == "age > 60 and smoker");
  CHECK(report.conditions[1].text == "age > 60");
  CHECK(report.conditions[2].text == "smoker");
  CHECK(report.conditions[0].at.line == 11);
  CHECK(report.conditions[0].at.column == 8);
  CHECK(report.conditions[2].at.column == 21);
  // The young smoker stops the `and` at its first operand: the `and` is false without an AND of its own.
  CHECK(condition(report, "age > 60 and smoker").true_count == 1);
  CHECK(condition(report, "age > 60 and smoker").false_count == 2);
  CHECK(condition(report, "age > 60").false_count == 1);
  CHECK(condition(report, "smoker").true_count == 1);
  CHECK(condition(report, "smoker").false_count == 1);
  REQUIRE(report.rules.size() == 1);
  CHECK(report.rules[0].fired == 1);
  CHECK(report.rules[0].not_fired == 2);
  CHECK(report.asked() == 8);
  CHECK(report.covered() == 8);
  CHECK(report.percent() == 100);
  CHECK(report.gaps(program).empty());
  CHECK(messages(report.never_unknown()) ==
        std::vector<std::string>{"11:8: condition `age > 60 and smoker` never unknown",
                                 "11:8: condition `age > 60` never unknown", "11:21: condition `smoker` never unknown"});
  CHECK(program.meta.coverage == 80);
  CHECK(report.meets(80));
  CHECK(report.meets(100));
}

TEST_CASE("coverage: a false branch no case takes is a gap", "[coverage]") {
  const auto program = compile_text(std::string(kHeader) + kOldSmoker + kYoungSmoker);
  const auto report = coverage_of(program);
  CHECK(report.covered() == 7);
  CHECK(report.asked() == 8);
  CHECK(report.percent() == 87); // 87.5, rounded down
  CHECK(messages(report.gaps(program)) == std::vector<std::string>{"11:21: condition `smoker` never false"});
  CHECK(report.meets(80));
  CHECK(report.meets(87));
  CHECK_FALSE(report.meets(88));
}

TEST_CASE("coverage: an `or` operand never true, inside a definition compiled into the rule", "[coverage]") {
  const auto program = compile_text(R"(pathway t.cover_or
input
  fever: bool optional
  rash: bool optional
  age: int optional
end
output
  seen: text
end
define warning_sign = fever or rash
rule see_today
  when warning_sign and age < 5
  then set seen = "today"
  cite "c"
end
test "feverish child"
  given
    fever = true
    age = 2
  expect
    fired see_today
end
test "well child"
  given
    fever = false
    rash = false
    age = 2
  expect
    not fired see_today
end
)");
  const auto report = coverage_of(program);
  // The definition's constructs are counted where the definition writes them, line 10.
  const auto& either = condition(report, "fever or rash");
  CHECK(either.at.line == 10);
  CHECK(either.at.column == 23);
  CHECK(either.true_count == 1); // the fever stopped the `or` at its first operand
  CHECK(either.false_count == 1);
  CHECK(condition(report, "rash").true_count == 0);
  CHECK(condition(report, "rash").false_count == 1);
  CHECK(condition(report, "warning_sign and age < 5").true_count == 1);
  CHECK(condition(report, "warning_sign and age < 5").false_count == 1);
  CHECK(condition(report, "age < 5").false_count == 0);
  // rule 2 + (or, fever, rash, and, age < 5) 10 = 12 asked; missing: rash true, age < 5 false.
  CHECK(report.asked() == 12);
  CHECK(report.covered() == 10);
  CHECK(report.percent() == 83);
  CHECK(program.meta.coverage == 0);
  CHECK(messages(report.gaps(program)) ==
        std::vector<std::string>{"10:32: condition `rash` never true", "12:25: condition `age < 5` never false"});
}

TEST_CASE("coverage: rules never fired, always fired, skipped and unknown", "[coverage]") {
  const auto program = compile_text(R"(pathway t.cover_rules
input
  age: int optional
end
output
  band: text
  note: text
end
group bands "Bands" policy first
  rule senior
    when age >= 65
    then set band = "senior"
    cite "c"
  end
  rule adult
    when age >= 18
    then set band = "adult"
    cite "c"
  end
end
rule recorded
  when age is present
  then set note = "recorded"
  cite "c"
end
test "thirty"
  given
    age = 30
  expect
    band = "adult"
end
test "seventy"
  given
    age = 70
  expect
    band = "senior"
end
test "no age"
  given
    age = missing
  expect
    unknown senior, adult
    not fired recorded
end
)");
  const auto report = coverage_of(program);
  REQUIRE(report.rules.size() == 3);
  const rt::RuleCoverage& senior = report.rules[0];
  const rt::RuleCoverage& adult = report.rules[1];
  const rt::RuleCoverage& recorded = report.rules[2];
  CHECK(senior.fired == 1);
  CHECK(senior.not_fired == 1);
  CHECK(senior.unknown == 1);
  CHECK(adult.fired == 1);
  CHECK(adult.not_fired == 1); // skipped after senior fired
  CHECK(adult.unknown == 1);
  CHECK(recorded.fired == 2);
  CHECK(recorded.not_fired == 1);
  // `age >= 18` ran twice (true, unknown): the seventy-year-old skipped it.
  CHECK(condition(report, "age >= 18").true_count == 1);
  CHECK(condition(report, "age >= 18").unknown_count == 1);
  CHECK(condition(report, "age >= 65").unknown_count == 1);
  CHECK(condition(report, "age is present").unknown_count == 0);
  CHECK(report.asked() == 12);
  CHECK(report.covered() == 11);
  CHECK(report.percent() == 91);
  CHECK(messages(report.gaps(program)) == std::vector<std::string>{"16:10: condition `age >= 18` never false"});
  CHECK(messages(report.never_unknown()) == std::vector<std::string>{"22:8: condition `age is present` never unknown"});
}

TEST_CASE("coverage: gaps say which outcome is missing, and no case at all covers nothing", "[coverage]") {
  const auto program = compile_text(R"(pathway t.cover_none
input
  age: int optional
end
output
  band: text
end
rule adult
  when age >= 18
  then set band = "adult"
  cite "c"
end
rule child
  when age < 18
  then set band = "child"
  cite "c"
end
test "no age"
  given
    age = missing
  expect
    band is missing
end
)");
  auto report = coverage_of(program);
  CHECK(report.covered() == 0);
  CHECK(report.percent() == 0);
  CHECK(messages(report.gaps(program)) ==
        std::vector<std::string>{"8:6: rule adult always unknown", "9:8: condition `age >= 18` always unknown",
                                 "13:6: rule child always unknown", "14:8: condition `age < 18` always unknown"});
  const auto untested = rt::CoverageRecorder(program).report();
  CHECK(untested.evaluations == 0);
  CHECK(untested.percent() == 0);
  CHECK(messages(untested.gaps(program)).front() == "8:6: rule adult never evaluated");
  CHECK(untested.meets(0));
  CHECK_FALSE(untested.meets(1));
}

TEST_CASE("coverage: a program without rules asks nothing and is fully covered", "[coverage]") {
  const auto program = compile_text(R"(pathway t.no_rules
input
  age: int optional
end
)");
  const auto report = coverage_of(program);
  CHECK(report.asked() == 0);
  CHECK(report.percent() == 100);
  CHECK(report.meets(100));
}

TEST_CASE("coverage: the declared coverage travels in the pack", "[coverage]") {
  const auto program = compile_text(std::string(kHeader) + kOldSmoker);
  REQUIRE(program.meta.coverage == 80);
  const std::vector<uint8_t> bytes = rt::write_pack(program);
  auto loaded = rt::load_pack(bytes);
  REQUIRE(std::holds_alternative<rt::Program>(loaded));
  CHECK(std::get<rt::Program>(loaded).meta.coverage == 80);
  rt::Program bad = program;
  bad.meta.coverage = 101;
  const auto error = rt::verify_program(bad);
  REQUIRE(error);
  CHECK_THAT(error->message, Catch::Contains("coverage 101% is more than 100%"));
}

TEST_CASE("coverage: not, between and an `in` list tested item by item keep their own values", "[coverage]") {
  const auto program = compile_text(R"(pathway t.cover_forms
input
  score: int optional
  age: int optional
end
output
  seen: text
end
rule r
  when not (score in [1, 2]) and age not between 18 and 65
  then set seen = "yes"
  cite "c"
end
test "score 3, child"
  given
    score = 3
    age = 10
  expect
    fired r
end
test "score 1"
  given
    score = 1
    age = 10
  expect
    not fired r
end
test "no score, adult"
  given
    score = missing
    age = 30
  expect
    not fired r
end
)");
  const auto report = coverage_of(program);
  std::vector<std::string> texts;
  for (const auto& c : report.conditions) texts.push_back(c.text);
  CHECK(texts == std::vector<std::string>{"not (score in [1, 2]) and age not between 18 and 65",
                                          "not (score in [1, 2])", "score in [1, 2]", "age not between 18 and 65"});
  const auto& in_list = condition(report, "score in [1, 2]");
  CHECK(in_list.true_count == 1);
  CHECK(in_list.false_count == 1);
  CHECK(in_list.unknown_count == 1); // no score: unknown, not the last item compared
  const auto& negation = condition(report, "not (score in [1, 2])");
  CHECK(negation.true_count == 1);
  CHECK(negation.false_count == 1);
  CHECK(negation.unknown_count == 1);
  const auto& outside = condition(report, "age not between 18 and 65");
  CHECK(outside.true_count == 1);
  CHECK(outside.false_count == 1); // the adult; the score 1 case never reached it
  CHECK(outside.unknown_count == 0);
  const auto& both = condition(report, "not (score in [1, 2]) and age not between 18 and 65");
  CHECK(both.true_count == 1);
  CHECK(both.false_count == 2); // unknown and false is false
  CHECK(report.percent() == 100);
}
