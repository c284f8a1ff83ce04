// run_test_case on hand-built programs: the record from `given`, every kind of expectation, values in each
// output type, a rejected record, and nothing carried over from one case to the next on the same machine.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pack_samples.h"
#include "waymark/runtime/pack.h"
#include "waymark/runtime/test_runner.h"

using namespace waymark::rt;
using samples::intern;

namespace {

std::vector<std::string> messages(const TestOutcome &outcome) {
  std::vector<std::string> out;
  for (const auto &f : outcome.failures) out.push_back(f.message);
  return out;
}

TestExpectation expect(Program &p, ExpectKind kind, const std::string &name, std::vector<std::string> values = {},
                       bool list = false) {
  TestExpectation x;
  x.kind = kind;
  x.name = intern(p, name);
  for (const auto &v : values) x.values.push_back(intern(p, v));
  x.list = list;
  return x;
}

TestGiven given(Program &p, const std::string &column, const std::string &value) {
  return TestGiven{intern(p, column), false, intern(p, value)};
}

// Inputs n: int, d: decimal, when: date, flag: bool, dx: code, copied by one rule `copy` (which always fires) into
// outputs of the same names and types.
Program typed_program() {
  Program p = samples::minimal_program();
  const std::vector<std::pair<std::string, BaseType>> columns = {{"n", BaseType::Int},
                                                                 {"d", BaseType::Decimal},
                                                                 {"when", BaseType::Date},
                                                                 {"flag", BaseType::Bool},
                                                                 {"dx", BaseType::Code}};
  const RegType condition_reg = RegType::Bool;
  p.constants = {Constant{RegType::Bool, 1, 0, 0}};
  p.code = {Instr::wide(OpCode::LOADK, 0, 0), Instr{OpCode::RETURN, 0, 0, 0, 0}};
  p.registers = {condition_reg};
  const uint32_t actions_begin = static_cast<uint32_t>(p.code.size());
  for (uint16_t i = 0; i < columns.size(); ++i) {
    const auto &[name, base] = columns[i];
    const StringId id = intern(p, name);
    FieldInfo field = samples::field(id, id, id, ValueType{base});
    field.optional = true;
    p.fields.push_back(field);
    p.outputs.push_back(OutputInfo{id, 0, id, ValueType{base}});
    const uint16_t reg = static_cast<uint16_t>(p.registers.size());
    p.registers.push_back(reg_type_of(ValueType{base}));
    p.code.push_back(Instr::wide(OpCode::FIELD, reg, i));
    p.code.push_back(samples::ins(OpCode::SETOUT, i, reg));
  }
  p.code.push_back(samples::ins(OpCode::END));
  p.fragments = {Fragment{FragmentKind::Condition, 0, actions_begin},
                 Fragment{FragmentKind::Actions, actions_begin, static_cast<uint32_t>(p.code.size())}};
  RuleInfo rule;
  rule.name = intern(p, "copy");
  rule.condition = 0;
  rule.actions = 1;
  p.rules = {rule};
  p.groups = {GroupInfo{intern(p, "main"), 0, Policy::All, true, {0}}};
  p.source_map.assign(p.code.size(), SourceLocation{0, 1, 1});
  p.sources = {SourceInfo{intern(p, "typed.wm"), false, ""}};
  return p;
}

} // namespace

TEST_CASE("test runner: the sample's own case fails, with what was expected and what was found", "[test_runner]") {
  const Program p = samples::sample_program();
  Machine machine(p);
  const TestOutcome outcome = run_test_case(p, p.tests[0], machine);
  // name is missing, so `name like 'a%' or name in [...]` is unknown and the rule is undecided.
  CHECK_FALSE(outcome.passed());
  CHECK(outcome.rejected.empty());
  CHECK(outcome.errors.empty());
  CHECK(messages(outcome) == std::vector<std::string>{"expected risk = \"high\", got missing",
                                                      "expected notes contains \"high\", got missing",
                                                      "expected fired high_risk, but it is unknown"});
  REQUIRE(outcome.failures.size() == 3);
  CHECK(outcome.failures[0].expectation == 0);
  CHECK(outcome.failures[0].expected == "risk = \"high\"");
  CHECK(outcome.failures[0].actual == "missing");
  CHECK(outcome.failures[2].expected == "fired high_risk");
  CHECK(outcome.failures[2].actual == "unknown");
  CHECK(outcome.outputs == std::vector<std::string>{"missing", "missing"});
  CHECK(outcome.fired.empty());
  CHECK(outcome.rule_states == std::vector<RuleState>{RuleState::Unknown});
  CHECK(outcome.record == std::vector<std::string>{"40", "C501", ""});
}

TEST_CASE("test runner: a case whose expectations hold passes, and each kind of expectation can fail",
          "[test_runner]") {
  Program p = samples::sample_program();
  TestCaseInfo test = p.tests[0];
  test.given[2] = given(p, "name", "anna"); // like 'a%': the rule fires
  Machine machine(p);
  TestOutcome outcome = run_test_case(p, test, machine);
  CHECK(outcome.passed());
  CHECK(outcome.failures.empty());
  CHECK(outcome.outputs == std::vector<std::string>{"\"high\"", "[\"high\"]"});
  CHECK(outcome.fired == std::vector<uint32_t>{0});
  CHECK(outcome.rule_states == std::vector<RuleState>{RuleState::Fired});

  test.expect = {expect(p, ExpectKind::Value, "notes", {"high"}, true),
                 expect(p, ExpectKind::Value, "notes", {"high", "low"}, true),
                 expect(p, ExpectKind::Value, "notes", {}, true),
                 expect(p, ExpectKind::Missing, "risk"),
                 expect(p, ExpectKind::Contains, "notes", {"low"}),
                 expect(p, ExpectKind::Contains, "risk", {"high"}), // a one-value output holds no items
                 expect(p, ExpectKind::NotFired, "high_risk"),
                 expect(p, ExpectKind::Unknown, "high_risk"),
                 expect(p, ExpectKind::Value, "nothing", {"x"}),
                 expect(p, ExpectKind::Missing, "nothing"),
                 expect(p, ExpectKind::Fired, "no_rule"),
                 expect(p, ExpectKind::NotFired, "no_rule")};
  outcome = run_test_case(p, test, machine);
  CHECK_FALSE(outcome.passed());
  CHECK(messages(outcome) == std::vector<std::string>{
                                 "expected notes = [\"high\", \"low\"], got [\"high\"]",
                                 "expected notes = [], got [\"high\"]",
                                 "expected risk is missing, got \"high\"",
                                 "expected notes contains \"low\", got [\"high\"]",
                                 "expected risk contains \"high\", got \"high\"",
                                 "expected not fired high_risk, but it fired",
                                 "expected unknown high_risk, but it is fired",
                                 "expected nothing: no such output",
                                 "expected fired no_rule, but it is not evaluated",
                             });
  std::vector<uint32_t> failed;
  for (const auto &f : outcome.failures) failed.push_back(f.expectation);
  CHECK(failed == std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 7, 8, 10});
}

TEST_CASE("test runner: a record that does not read fails the case, and nothing of an earlier case is kept",
          "[test_runner]") {
  Program p = samples::sample_program();
  TestCaseInfo firing = p.tests[0];
  firing.given[2] = given(p, "name", "high");
  TestCaseInfo rejected = firing;
  rejected.given[0] = given(p, "age", "forty");
  rejected.expect.push_back(expect(p, ExpectKind::Missing, "risk"));
  rejected.expect.push_back(expect(p, ExpectKind::NotFired, "high_risk"));

  Machine machine(p);
  REQUIRE(run_test_case(p, firing, machine).passed());
  const TestOutcome outcome = run_test_case(p, rejected, machine);
  CHECK_FALSE(outcome.passed());
  CHECK_THAT(outcome.rejected, Catch::Contains("\"forty\" is not a whole number"));
  CHECK(outcome.outputs == std::vector<std::string>{"missing", "missing"});
  CHECK(outcome.fired.empty());
  CHECK(outcome.rule_states == std::vector<RuleState>{RuleState::NotEvaluated});
  CHECK(messages(outcome) == std::vector<std::string>{"expected risk = \"high\", got missing",
                                                      "expected notes contains \"high\", got missing",
                                                      "expected fired high_risk, but it is not evaluated"});

  TestCaseInfo no_expectations = rejected;
  no_expectations.expect.clear();
  CHECK_FALSE(run_test_case(p, no_expectations, machine).passed());
}

TEST_CASE("test runner: the record holds the given columns, the last of a column given twice", "[test_runner]") {
  Program p = samples::sample_program();
  TestCaseInfo test = p.tests[0];
  test.given = {given(p, "dx", "C509"), given(p, "name", "zed"),       given(p, "age", "17"),
                given(p, "age", "40"),  given(p, "not_a_column", "1"), TestGiven{intern(p, "name"), true, 0}};
  Machine machine(p);
  const TestOutcome outcome = run_test_case(p, test, machine);
  CHECK(outcome.record == std::vector<std::string>{"40", "C509", ""});
}

TEST_CASE("test runner: expected values are compared in the output's type", "[test_runner]") {
  Program p = typed_program();
  REQUIRE_FALSE(verify_program(p));
  TestCaseInfo test;
  test.name = intern(p, "typed");
  test.given = {given(p, "n", "45"), given(p, "d", "3.5"), given(p, "when", "2024-01-31"), given(p, "flag", "yes"),
                given(p, "dx", " m54.5 ")};
  test.expect = {expect(p, ExpectKind::Value, "n", {"45"}),
                 expect(p, ExpectKind::Value, "d", {"3.50"}),
                 expect(p, ExpectKind::Value, "when", {"2024-01-31"}),
                 expect(p, ExpectKind::Value, "flag", {"true"}),
                 expect(p, ExpectKind::Value, "dx", {"M54.5"}),
                 expect(p, ExpectKind::Fired, "copy")};
  Machine machine(p);
  TestOutcome outcome = run_test_case(p, test, machine);
  CHECK(messages(outcome).empty());
  CHECK(outcome.passed());
  CHECK(outcome.outputs == std::vector<std::string>{"45", "3.5", "@2024-01-31", "true", "\"M545\""});

  test.given[1] = given(p, "d", "45");
  test.expect = {expect(p, ExpectKind::Value, "d", {"45"})}; // an int literal for a decimal output
  CHECK(run_test_case(p, test, machine).passed());

  test.expect = {expect(p, ExpectKind::Value, "n", {"46"}),
                 expect(p, ExpectKind::Value, "d", {"45.01"}),
                 expect(p, ExpectKind::Value, "when", {"2024-02-01"}),
                 expect(p, ExpectKind::Value, "flag", {"false"}),
                 expect(p, ExpectKind::Value, "dx", {"m54.6"}),
                 expect(p, ExpectKind::Value, "n", {"forty-five"}),
                 expect(p, ExpectKind::Value, "n", {"1", "2"}, true)};
  outcome = run_test_case(p, test, machine);
  CHECK(messages(outcome) == std::vector<std::string>{
                                 "expected n = 46, got 45",
                                 "expected d = 45.01, got 45",
                                 "expected when = @2024-02-01, got @2024-01-31",
                                 "expected flag = false, got true",
                                 "expected dx = \"M546\", got \"M545\"",
                                 "expected n = forty-five, got 45 (the expected value does not read as int)",
                                 "expected n = [\"1\", \"2\"], got 45",
                             });

  test.given = {}; // every output missing: a value expected of each fails
  test.expect = {expect(p, ExpectKind::Value, "flag", {"false"}), expect(p, ExpectKind::Missing, "flag")};
  outcome = run_test_case(p, test, machine);
  CHECK(messages(outcome) == std::vector<std::string>{"expected flag = false, got missing"});
}

TEST_CASE("test runner: values and expectations are written as the language writes them", "[test_runner]") {
  CHECK(quote_text("plain") == "\"plain\"");
  CHECK(quote_text("say \"no\"\\\n\tnow") == "\"say \\\"no\\\"\\\\\\n\\tnow\"");
  Program p = samples::sample_program();
  CHECK(format_expectation(p, expect(p, ExpectKind::Value, "risk", {"high"})) == "risk = \"high\"");
  CHECK(format_expectation(p, expect(p, ExpectKind::Value, "notes", {"a", "b"}, true)) == "notes = [\"a\", \"b\"]");
  CHECK(format_expectation(p, expect(p, ExpectKind::Missing, "risk")) == "risk is missing");
  CHECK(format_expectation(p, expect(p, ExpectKind::Contains, "notes", {"a"})) == "notes contains \"a\"");
  CHECK(format_expectation(p, expect(p, ExpectKind::Fired, "high_risk")) == "fired high_risk");
  CHECK(format_expectation(p, expect(p, ExpectKind::NotFired, "high_risk")) == "not fired high_risk");
  CHECK(format_expectation(p, expect(p, ExpectKind::Unknown, "high_risk")) == "unknown high_risk");

  TestCaseInfo test = p.tests[0];
  test.given[2] = given(p, "name", "abc");
  Machine machine(p);
  REQUIRE(run_test_case(p, test, machine).passed());
  CHECK(format_output_value(machine, 0) == "\"high\"");
  CHECK(format_output_value(machine, 1) == "[\"high\"]");
}
