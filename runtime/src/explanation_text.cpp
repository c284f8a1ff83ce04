// Explanations in plain text, for the command line.
#include "waymark/runtime/explanation.h"

#include <algorithm>

namespace waymark::rt {
namespace {

void render_step(const RuleExplanation& r, const ConditionStep& step, const std::string& indent, std::string& out) {
  out += indent + (step.decisive ? "> " : "- ") + step.text + ": " + to_string(step.value);
  std::string inputs;
  for (const InputRead& input : step.inputs) inputs += (inputs.empty() ? "" : ", ") + input.column + " = " + input.value;
  if (!inputs.empty()) out += " (" + inputs + ")";
  out += "\n";
  for (const std::string& match : step.matches) out += indent + "    " + match + "\n";
  if (const std::string missing = missing_inputs_text(step); !missing.empty()) out += indent + "    " + missing + "\n";
  (void)r;
}

void render_node(const RuleExplanation& r, uint32_t n, const std::string& indent, std::string& out) {
  const ConditionNode& node = r.tree[n];
  if (node.step >= 0) {
    render_step(r, r.steps[static_cast<size_t>(node.step)], indent, out);
  } else {
    out += indent + "- " + node.text + ": " + to_string(node.value) + "\n";
  }
  for (uint32_t child : node.children) render_node(r, child, indent + "    ", out);
}

} // namespace

std::string missing_inputs_text(const ConditionStep& step) {
  // Said once is enough: a step that read every one of them already shows each as "= missing".
  const bool all_shown = std::all_of(step.missing.begin(), step.missing.end(), [&](const std::string& column) {
    return std::any_of(step.inputs.begin(), step.inputs.end(),
                       [&](const InputRead& input) { return input.column == column && input.value == "missing"; });
  });
  if (all_shown) return "";
  std::string out;
  for (const std::string& column : step.missing) out += (out.empty() ? "missing: " : ", ") + column;
  return out;
}

std::string explanation_text(const Explanation& explanation, const std::string& only_rule) {
  std::string out;
  for (const std::string& error : explanation.errors) out += "error: " + error + "\n";
  for (const RuleExplanation& r : explanation.rules) {
    if (!only_rule.empty() && r.name != only_rule) continue;
    out += "rule " + r.name + (r.title.empty() ? "" : " \"" + r.title + "\"") + " (" + r.where + "): " +
           to_string(r.state) + "\n";
    out += "  " + r.summary + "\n";
    for (uint32_t root : r.roots) render_node(r, root, "  ", out);
    for (const std::string& d : r.derived) out += "  derived: " + d + "\n";
    for (const std::string& o : r.outputs) out += "  set: " + o + "\n";
    if (!r.because.empty()) out += "  because: " + r.because + "\n";
    if (!r.cite.empty()) out += "  cite: " + r.cite + "\n";
  }
  return out;
}

} // namespace waymark::rt
