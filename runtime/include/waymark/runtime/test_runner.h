#pragma once
// Runs a program's own test cases (`test "name" given ... expect ... end`) on the VM, so that a deployment can
// check a pack with the runtime alone. The semantics are those of the reference evaluator's run_test
// (tests/reference/reference_evaluator.h): the record holds the `given` columns (the rest are missing), a
// record that does not read fails the case, and values are compared in the output's type.
#include <cstdint>
#include <string>
#include <vector>

#include "waymark/runtime/machine.h"
#include "waymark/runtime/program.h"

namespace waymark::rt {

// One expectation that did not hold, in plain words.
struct FailedExpectation {
  uint32_t expectation = 0; // index into TestCaseInfo::expect
  std::string expected;     // the expectation as written: `category = "x"`, `fired rule_a`, `actions contains "y"`
  std::string actual;       // what was found: an output's value (`missing`, `45`, ...) or a rule's state (`unknown`)
  std::string message;      // the whole sentence: `expected category = "x", got missing`
};

struct TestOutcome {
  std::string rejected;            // why the record did not read; empty when it read
  std::vector<std::string> errors; // evaluation errors (a `unique` group with two rules true)
  std::vector<FailedExpectation> failures;
  std::vector<std::string> outputs;   // parallel to Program::outputs, each as the language writes a value
  std::vector<uint32_t> fired;        // rules, in firing order
  std::vector<RuleState> rule_states; // parallel to Program::rules; all NotEvaluated when the record was rejected
  // The raw text of each field (Program::fields order) as the machine read it. The machine's text values point
  // into these strings, so its state after the case stays readable for as long as this outcome lives.
  std::vector<std::string> record;

  bool passed() const { return rejected.empty() && errors.empty() && failures.empty(); }
};

// Builds the case's record, reads it into `machine` (which must run `program`), evaluates it and checks every
// expectation. The machine is left holding this case's evaluation.
TestOutcome run_test_case(const Program &program, const TestCaseInfo &test, Machine &machine);

// An output of the machine's last evaluation as the language writes a value:
// missing, true, 45, 3.5, "text", @2024-01-31, ["a", "b"].
std::string format_output_value(const Machine &machine, uint32_t output);
// A text as a string literal: quoted, with `"`, `\`, newlines and tabs escaped.
std::string quote_text(std::string_view text);
// An expectation as a test case writes it: `category = "x"`, `risk is missing`, `not fired rule_a`.
std::string format_expectation(const Program &program, const TestExpectation &expectation);

} // namespace waymark::rt
