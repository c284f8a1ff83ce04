// Explanations in plain text, for the command line.
#include "waymark/runtime/explanation.h"

namespace waymark::rt {

std::string explanation_text(const Explanation& explanation, const std::string& only_rule) {
  std::string out;
  for (const std::string& error : explanation.errors) out += "error: " + error + "\n";
  for (const RuleExplanation& r : explanation.rules) {
    if (!only_rule.empty() && r.name != only_rule) continue;
    out += "rule " + r.name + (r.title.empty() ? "" : " \"" + r.title + "\"") + " (" + r.where + "): " +
           to_string(r.state) + "\n";
    out += "  " + r.summary + "\n";
    for (const ConditionStep& step : r.steps) {
      out += std::string("  ") + (step.decisive ? "> " : "- ") + step.text + ": " + to_string(step.value);
      std::string inputs;
      for (const InputRead& input : step.inputs) inputs += (inputs.empty() ? "" : ", ") + input.column + " = " + input.value;
      if (!inputs.empty()) out += " (" + inputs + ")";
      out += "\n";
      for (const std::string& match : step.matches) out += "      " + match + "\n";
    }
    for (const std::string& d : r.derived) out += "  derived: " + d + "\n";
    for (const std::string& o : r.outputs) out += "  set: " + o + "\n";
    if (!r.because.empty()) out += "  because: " + r.because + "\n";
    if (!r.cite.empty()) out += "  cite: " + r.cite + "\n";
  }
  return out;
}

} // namespace waymark::rt
