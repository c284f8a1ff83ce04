#pragma once
// "Why did this rule fire?" and "why not?", built from a trace of one evaluation and the program's source map
// (and its embedded sources, which are quoted). Plain data, so that the command line, JSON and the Studio all
// show the same thing.
#include <cstdint>
#include <string>
#include <vector>

#include "waymark/runtime/machine.h"
#include "waymark/runtime/trace.h"

namespace waymark::rt {

enum class StepValue : uint8_t { False, True, Unknown, NotEvaluated };
const char* to_string(StepValue value); // "false", "true", "unknown", "not evaluated"

struct InputRead {
  std::string column; // the input's column, or the name of a definition computed (or remembered) on the way
  std::string value;  // as the language writes values: 45, "U055,Z665", true; "missing" when empty
};

// One test of a rule's condition, as the source writes it: a comparison, a `like`, a code-set test, a
// true-or-false input or definition. Composite conditions (and, or, not) are made of steps.
struct ConditionStep {
  std::string text;  // the source text, or "line L, column C" when the pack carries no sources
  std::string where; // path:line:col
  StepValue value = StepValue::NotEvaluated;
  std::vector<InputRead> inputs;    // the inputs read to compute it
  std::vector<std::string> matches; // which code matched which entry of which code set
  // When false or unknown: the column of every input it depends on, through definitions however deep, that the
  // record lacks, even those the evaluation never read (an `and` cut short, a definition remembered from an
  // earlier rule). In the order the program declares its inputs; empty when none is missing.
  std::vector<std::string> missing;
  bool decisive = false;            // the step that settled a rule that did not fire (or stayed unknown)
};

// The condition as a tree: each `and`, `or` and `not` over its operands, down to the steps. A definition used in
// one place is its own root, where the definition is written (it has no place of its own in the rule).
struct ConditionNode {
  std::string text, where;
  StepValue value = StepValue::NotEvaluated;
  int32_t step = -1;              // index into RuleExplanation::steps when the node is a step
  std::vector<uint32_t> children; // indices into RuleExplanation::tree
};

struct RuleExplanation {
  uint32_t rule = 0;
  std::string name, title, because, cite, where;
  RuleState state = RuleState::NotEvaluated;
  std::vector<ConditionStep> steps;  // in the order evaluated, then those not evaluated (the path not taken)
  std::vector<ConditionNode> tree;   // the "why" tree over the steps
  std::vector<uint32_t> roots;       // its top nodes, in code order
  std::vector<std::string> derived;  // definitions computed on the way: "age = 45"
  std::vector<std::string> outputs;  // what firing set: "category = \"2S_lower_back_imaging\""
  std::string summary;               // one sentence: fired because ..., did not fire: ..., undecided: ...
};

struct Explanation {
  std::vector<RuleExplanation> rules; // every rule, in the program's order
  std::vector<std::string> errors;    // the machine's errors for the record (a unique group violated)
};

// A value of `machine`'s evaluation as the language writes it: missing, true, 45, 3.5, "text", @2024-01-31, [...].
std::string format_value(const Machine& machine, const Reg& value, ValueType type);
ValueType value_type_of(RegType type);

// `machine` has just evaluated the record, with `trace` attached.
Explanation explain(const Program& program, const Machine& machine, const Trace& trace);

// Plain text for a clinical lead: per rule its state and summary, the steps with their values and inputs, the
// rationale and the citation. With `only_rule`, just that rule.
std::string explanation_text(const Explanation& explanation, const std::string& only_rule = "");
// "missing: a, b, c" for a step's missing inputs, as the text and the summary write them; "" when none, or when
// the inputs it read already show every one of them as missing.
std::string missing_inputs_text(const ConditionStep& step);

} // namespace waymark::rt
