// Building explanations from a trace. A rule's condition fragment is read statically first: every instruction
// that produces a truth value at its own place in the source is a candidate step, and the steps are those
// whose source contains no other (the leaves: `age between 19 and 120`, not the `and` around it). The trace
// then says, in order, which steps ran and with what value, and which inputs were read on the way to each.
// A definition used in one place is compiled into the condition, so its tests are quoted where it writes them.
// A step that is false or unknown also names the missing inputs it depends on, read from the code rather than
// the trace (input_dependencies.h): the trace shows only what ran, in the first rule to compute a definition.
#include "waymark/runtime/explanation.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <tuple>

#include "condition_places.h"
#include "input_dependencies.h"
#include "waymark/runtime/source_text.h"
#include "waymark/runtime/code_pattern.h"
#include "waymark/runtime/date.h"
#include "waymark/runtime/disassembler.h"

namespace waymark::rt {
namespace {

// A value as the language writes it.
std::string value_text(const Machine& m, const Reg& r, ValueType type) {
  if (!r.present) return "missing";
  if (type.list) {
    std::string s = "[";
    for (const Text& t : m.items(r)) s += (s.size() > 1 ? ", " : "") + quote_literal(t.view());
    return s + "]";
  }
  char buffer[64];
  switch (type.base) {
  case BaseType::Bool: return r.i ? "true" : "false";
  case BaseType::Int: return std::to_string(r.i);
  case BaseType::Decimal: {
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, r.d);
    return ec == std::errc() ? std::string(buffer, end) : "?";
  }
  case BaseType::Date: return "@" + format_iso_date(static_cast<int32_t>(r.i));
  case BaseType::Text: case BaseType::Code: return quote_literal(r.s.view());
  }
  return "?";
}

ValueType value_type_of_register(RegType t) {
  switch (t) {
  case RegType::Bool: return {BaseType::Bool, false};
  case RegType::Int: return {BaseType::Int, false};
  case RegType::Dec: return {BaseType::Decimal, false};
  case RegType::Text: return {BaseType::Text, false};
  case RegType::List: return {BaseType::Code, true};
  }
  return {BaseType::Int, false};
}

// The steps of one rule's condition, found in its fragment before anything runs.
struct StaticSteps {
  std::vector<PlaceKey> order;            // leaves, in code order
  std::map<PlaceKey, SourceLocation> at;  // where each leaf is
  std::map<PlaceKey, uint32_t> first_pc;  // a leaf's first instruction
  std::map<PlaceKey, std::vector<uint32_t>> code; // a leaf's instructions: those of the fragment placed within it
};

StaticSteps static_steps(const Program& p, const SourceText& source, uint32_t fragment) {
  const Fragment& f = p.fragments[fragment];
  std::map<PlaceKey, SourceLocation> candidates;
  std::map<PlaceKey, uint32_t> first;
  for (uint32_t pc = f.begin; pc < f.end; ++pc) {
    if (!marks_condition(p, p.code[pc], false) || pc >= p.source_map.size()) continue;
    const SourceLocation& at = p.source_map[pc];
    candidates.emplace(place_key(at), at);
    first.emplace(place_key(at), pc);
  }
  StaticSteps out;
  for (const auto& [key, at] : candidates) {
    const auto [a, b] = source.interval(at);
    bool holds_another = false;
    for (const auto& [other_key, other] : candidates) {
      if (other_key == key || other.source != at.source) continue;
      const auto [c, d] = source.interval(other);
      if (a <= c && d <= b) holds_another = true;
    }
    if (holds_another) continue;
    out.at.emplace(key, at);
    out.first_pc.emplace(key, first[key]);
    std::vector<uint32_t>& code = out.code[key];
    for (uint32_t pc = f.begin; pc < f.end && pc < p.source_map.size(); ++pc) {
      if (p.source_map[pc].source != at.source) continue;
      const auto [c, d] = source.interval(p.source_map[pc]);
      if (a <= c && d <= b) code.push_back(pc);
    }
  }
  for (const auto& [key, pc] : out.first_pc) out.order.push_back(key);
  std::sort(out.order.begin(), out.order.end(), [&](const PlaceKey& x, const PlaceKey& y) { return out.first_pc[x] < out.first_pc[y]; });
  return out;
}

// The why tree of one rule: every place of its condition (steps and the and/or/not over them), each under the
// smallest place that holds it. A place the evaluation wrote keeps the last value written there; an `and` or
// `or` that stopped at its first operand wrote nothing at its own place and has that operand's value.
// Returns each node's operation (the first instruction at its place that marks a condition).
std::vector<OpCode> build_tree(const Program& p, const SourceText& source, uint32_t fragment,
                               const std::map<PlaceKey, StepValue>& written, const std::map<PlaceKey, size_t>& step_of,
                               RuleExplanation& rule) {
  const Fragment& f = p.fragments[fragment];
  std::vector<std::pair<PlaceKey, SourceLocation>> places; // in code order
  std::vector<OpCode> ops;
  std::map<PlaceKey, uint32_t> index;
  for (uint32_t pc = f.begin; pc < f.end && pc < p.source_map.size(); ++pc) {
    if (!marks_condition(p, p.code[pc], true)) continue;
    const SourceLocation& at = p.source_map[pc];
    if (index.emplace(place_key(at), static_cast<uint32_t>(places.size())).second) {
      places.emplace_back(place_key(at), at);
      ops.push_back(p.code[pc].op);
    }
  }
  std::vector<std::pair<uint64_t, uint64_t>> spans;
  for (const auto& [key, at] : places) spans.push_back(source.interval(at));
  rule.tree.resize(places.size());
  std::vector<int64_t> parent(places.size(), -1);
  for (size_t i = 0; i < places.size(); ++i) {
    ConditionNode& node = rule.tree[i];
    node.text = source.quote(places[i].second);
    node.where = source.where(places[i].second);
    if (auto s = step_of.find(places[i].first); s != step_of.end()) node.step = static_cast<int32_t>(s->second);
    if (auto w = written.find(places[i].first); w != written.end()) node.value = w->second;
    uint64_t smallest = UINT64_MAX;
    for (size_t j = 0; j < places.size(); ++j) {
      if (j == i || places[j].second.source != places[i].second.source) continue;
      const bool holds = spans[j].first <= spans[i].first && spans[i].second <= spans[j].second && spans[j] != spans[i];
      if (holds && spans[j].second - spans[j].first < smallest) {
        smallest = spans[j].second - spans[j].first;
        parent[i] = static_cast<int64_t>(j);
      }
    }
  }
  for (size_t i = 0; i < places.size(); ++i) {
    if (parent[i] < 0) rule.roots.push_back(static_cast<uint32_t>(i));
    else rule.tree[static_cast<size_t>(parent[i])].children.push_back(static_cast<uint32_t>(i));
  }
  // Values of combinations the evaluation cut short, innermost first (children come after parents in code order).
  for (size_t i = places.size(); i-- > 0;) {
    ConditionNode& node = rule.tree[i];
    if (node.value != StepValue::NotEvaluated || node.children.empty()) continue;
    node.value = rule.tree[node.children.front()].value;
  }
  // The whole `when` of a rule whose operands are all definitions compiled in place has no operands of its own
  // in the tree: its value is the rule's outcome.
  // It is the first root written after the rule's name (definitions compiled in place are written elsewhere).
  const SourceLocation& named = p.rules[rule.rule].location;
  const uint64_t after = source.interval(named).first;
  std::optional<size_t> whole;
  for (uint32_t root : rule.roots) {
    if (places[root].second.source != named.source || spans[root].first < after || rule.tree[root].step >= 0) continue;
    const bool earlier = !whole || spans[root].first < spans[*whole].first ||
                         (spans[root].first == spans[*whole].first && spans[root].second > spans[*whole].second);
    if (earlier) whole = root;
  }
  if (whole && rule.tree[*whole].value == StepValue::NotEvaluated && rule.tree[*whole].children.empty()) {
    if (rule.state == RuleState::Fired) rule.tree[*whole].value = StepValue::True;
    if (rule.state == RuleState::NotFired) rule.tree[*whole].value = StepValue::False;
    if (rule.state == RuleState::Unknown) rule.tree[*whole].value = StepValue::Unknown;
  }
  return ops;
}


// Which codes of a list (or which one code) matched which entries of the code set an instruction tests.
std::vector<std::string> code_matches(const Program& p, const Machine& m, const Instr& in, const Reg& operand,
                                      const std::string& column) {
  std::vector<std::string> out;
  if (!operand.present || (in.op != OpCode::QUANT && in.op != OpCode::INCODE)) return out;
  const CodeSetInfo& set = p.code_sets[in.c];
  const std::string set_name = set.name ? " in " + p.str(set.name) : "";
  std::vector<std::string_view> codes;
  if (in.op == OpCode::QUANT) {
    for (const Text& t : m.items(operand)) codes.push_back(t.view());
  } else {
    codes.push_back(operand.s.view());
  }
  for (std::string_view code : codes) {
    for (StringId entry : set.entries) {
      const std::string& e = p.str(entry);
      const size_t dots = e.find("..");
      bool hit = false;
      if (dots != std::string::npos) {
        auto range = CodeRange::parse(e.substr(0, dots), e.substr(dots + 2));
        hit = std::holds_alternative<CodeRange>(range) && std::get<CodeRange>(range).matches(code);
      } else {
        auto pattern = CodePattern::parse(e);
        hit = std::holds_alternative<CodePattern>(pattern) && std::get<CodePattern>(pattern).matches(code);
      }
      if (hit) out.push_back("code " + std::string(code) + (column.empty() ? "" : " in " + column) + " matched " + e + set_name);
    }
  }
  return out;
}

// A step that is false or unknown names every input it depends on that the record lacks, not only those read
// before it stopped: the columns, in the order the program declares its inputs.
void name_missing_inputs(const Program& p, const Machine& m, InputDependencies& dependencies,
                         const std::vector<uint32_t>& code, ConditionStep& step) {
  if (step.value != StepValue::False && step.value != StepValue::Unknown) return;
  for (uint32_t field : dependencies.of_code(code))
    if (!m.field(field).present) step.missing.push_back(p.str(p.fields[field].column));
}

std::string step_list(const std::vector<ConditionStep*>& steps) {
  std::string s;
  for (const ConditionStep* step : steps) {
    if (!s.empty()) s += "; ";
    s += step->text;
    std::string inputs;
    for (const auto& input : step->inputs) inputs += (inputs.empty() ? "" : ", ") + input.column + " = " + input.value;
    if (const std::string missing = missing_inputs_text(*step); !missing.empty())
      inputs += (inputs.empty() ? "" : "; ") + missing;
    if (!inputs.empty()) s += " (" + inputs + ")";
    for (const auto& match : step->matches) s += ": " + match;
  }
  return s;
}

void summarise(RuleExplanation& r) {
  std::vector<ConditionStep*> holding, failing, unknown, skipped;
  for (auto& step : r.steps) {
    if (step.value == StepValue::True) holding.push_back(&step);
    if (step.value == StepValue::False) failing.push_back(&step);
    if (step.value == StepValue::Unknown) unknown.push_back(&step);
    if (step.value == StepValue::NotEvaluated) skipped.push_back(&step);
  }
  switch (r.state) {
  case RuleState::Fired:
    r.summary = "fired because " + (holding.empty() ? std::string("it has no condition") : step_list(holding));
    break;
  case RuleState::NotFired:
    if (!failing.empty()) {
      failing.back()->decisive = true;
      r.summary = "did not fire: " + step_list({failing.back()}) + " is false";
    } else {
      r.summary = "did not fire: its group's hit policy did not let it (see the errors)";
    }
    break;
  case RuleState::Unknown:
    if (!unknown.empty()) unknown.front()->decisive = true;
    r.summary = "undecided: " + (unknown.empty() ? std::string("its condition is unknown") : step_list({unknown.front()}) + " is unknown");
    break;
  case RuleState::Skipped: r.summary = "not evaluated: an earlier rule of its first-match group fired"; break;
  case RuleState::NotEvaluated: r.summary = "not evaluated"; break;
  }
  if (r.state != RuleState::Fired && !skipped.empty())
    r.summary += "; not evaluated (the path not taken): " + step_list(skipped);
}

// Why a fired rule fired: from each root of its tree that held, down through the `and`s that held (every operand)
// and the `or`s (their first operand that held), to the nodes that are neither: the tests, and `not`, `is false`,
// `is true` or `is missing` over one, which is what makes `x is false` a reason when `x` itself is false. An
// `and` or `or` with no operands in the tree combines definitions compiled in place, which are roots of their own.
void collect_reasons(const RuleExplanation& r, const std::vector<OpCode>& ops, uint32_t node, std::vector<uint32_t>& out) {
  const ConditionNode& n = r.tree[node];
  const bool combines = ops[node] == OpCode::AND || ops[node] == OpCode::OR;
  if (combines && n.children.empty()) return;
  if (!combines) {
    out.push_back(node);
    return;
  }
  for (uint32_t child : n.children) {
    if (r.tree[child].value != StepValue::True) continue;
    collect_reasons(r, ops, child, out);
    if (ops[node] == OpCode::OR) return;
  }
}

// A reason quoted with the inputs read by the steps beneath it.
std::string reason_text(RuleExplanation& r, uint32_t node) {
  const ConditionNode& n = r.tree[node];
  if (n.step >= 0) return step_list({&r.steps[static_cast<size_t>(n.step)]});
  std::string inputs;
  std::vector<uint32_t> pending{node};
  while (!pending.empty()) {
    const ConditionNode& below = r.tree[pending.back()];
    pending.pop_back();
    if (below.step >= 0)
      for (const auto& input : r.steps[static_cast<size_t>(below.step)].inputs)
        inputs += (inputs.empty() ? "" : ", ") + input.column + " = " + input.value;
    pending.insert(pending.end(), below.children.rbegin(), below.children.rend());
  }
  return n.text + (inputs.empty() ? "" : " (" + inputs + ")");
}

void summarise_fired(RuleExplanation& r, const std::vector<OpCode>& ops) {
  std::vector<uint32_t> reasons;
  for (uint32_t root : r.roots)
    if (r.tree[root].value == StepValue::True) collect_reasons(r, ops, root, reasons);
  if (reasons.empty()) return; // no condition, or nothing traced: the summary from the steps stands
  std::string text;
  for (uint32_t node : reasons) text += (text.empty() ? "" : "; ") + reason_text(r, node);
  r.summary = "fired because " + text;
}

} // namespace

const char* to_string(StepValue value) {
  switch (value) {
  case StepValue::False: return "false";
  case StepValue::True: return "true";
  case StepValue::Unknown: return "unknown";
  case StepValue::NotEvaluated: return "not evaluated";
  }
  return "?";
}

Explanation explain(const Program& p, const Machine& m, const Trace& trace) {
  const SourceText source(p);
  Explanation out;
  out.errors = m.errors();
  std::vector<StaticSteps> statics;
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    const RuleInfo& info = p.rules[r];
    RuleExplanation e;
    e.rule = r;
    e.name = p.str(info.name);
    e.title = p.str(info.title);
    e.because = p.str(info.because);
    e.cite = p.str(info.cite);
    e.where = source.where(info.location);
    e.state = m.rule_state(r);
    out.rules.push_back(std::move(e));
    statics.push_back(static_steps(p, source, info.condition));
  }

  // Replay the trace: inputs read since the last step belong to the next step; a step's value is the last one
  // written at its place (an `and` chain rewrites its register as each operand comes in).
  std::vector<std::map<PlaceKey, size_t>> step_index(p.rules.size());
  std::vector<std::map<PlaceKey, StepValue>> written(p.rules.size()); // the last value at each place of a condition
  std::vector<InputRead> pending;
  std::map<uint32_t, std::pair<Reg, std::string>> reads; // register -> the input value read into it, and its column
  for (const TraceEvent& event : trace.events) {
    if (event.rule >= p.rules.size()) continue;
    RuleExplanation& rule = out.rules[event.rule];
    if (event.kind == TraceEventKind::RuleEntered) {
      pending.clear();
      continue;
    }
    if (event.kind == TraceEventKind::Output) {
      const Instr& in = p.code[event.pc];
      const OutputInfo& output = p.outputs[in.a];
      const ValueType type = in.op == OpCode::APPEND ? ValueType{BaseType::Text, false} : output.type;
      if (event.value.present)
        rule.outputs.push_back(p.str(output.name) + (in.op == OpCode::APPEND ? " gets " : " = ") +
                               value_text(m, event.value, type));
      continue;
    }
    if (event.kind != TraceEventKind::Value) continue;
    const Instr& in = p.code[event.pc];
    if (in.op == OpCode::FIELD) {
      const FieldInfo& field = p.fields[in.bc()];
      pending.push_back(InputRead{p.str(field.column), value_text(m, event.value, field.type)});
      reads[in.a] = {event.value, p.str(field.column)};
    } else if (in.op == OpCode::LIKEG) {
      // LIKEG reads its field itself, with no FIELD before it.
      const FieldInfo& field = p.fields[p.like_groups[in.b].field];
      pending.push_back(InputRead{p.str(field.column), value_text(m, m.field(p.like_groups[in.b].field), field.type)});
    } else if (in.op == OpCode::DEFINE) {
      const DefineInfo& define = p.defines[in.bc()];
      const std::string value = value_text(m, event.value, value_type_of_register(define.type));
      // A definition used in the condition and again in an action is read twice; it is one value, shown once.
      std::string derived = p.str(define.name) + " = " + value;
      if (std::find(rule.derived.begin(), rule.derived.end(), derived) == rule.derived.end())
        rule.derived.push_back(std::move(derived));
      pending.push_back(InputRead{p.str(define.name), value}); // a step that uses it shows its value
    }
    if (event.pc >= p.source_map.size() || !marks_condition(p, in, true)) continue;
    const PlaceKey key = place_key(p.source_map[event.pc]);
    written[event.rule][key] = !event.value.present ? StepValue::Unknown : event.value.i ? StepValue::True : StepValue::False;
    if (!marks_condition(p, in, false)) continue;
    const StaticSteps& steps = statics[event.rule];
    if (!steps.at.count(key)) continue;
    auto [it, fresh] = step_index[event.rule].emplace(key, rule.steps.size());
    if (fresh) {
      ConditionStep step;
      step.text = source.quote(steps.at.at(key));
      step.where = source.where(steps.at.at(key));
      rule.steps.push_back(std::move(step));
    }
    ConditionStep& step = rule.steps[it->second];
    step.value = !event.value.present ? StepValue::Unknown : event.value.i ? StepValue::True : StepValue::False;
    for (auto& input : pending) {
      const bool seen = std::any_of(step.inputs.begin(), step.inputs.end(),
                                    [&](const InputRead& x) { return x.column == input.column; });
      if (!seen) step.inputs.push_back(std::move(input));
    }
    pending.clear();
    if (auto read = reads.find(in.b); read != reads.end() && (in.op == OpCode::QUANT || in.op == OpCode::INCODE))
      step.matches = code_matches(p, m, in, read->second.first, read->second.second);
  }
  InputDependencies dependencies(p);
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    for (const PlaceKey& key : statics[r].order) {
      if (step_index[r].count(key)) continue;
      ConditionStep step;
      step.text = source.quote(statics[r].at.at(key));
      step.where = source.where(statics[r].at.at(key));
      step_index[r].emplace(key, out.rules[r].steps.size());
      out.rules[r].steps.push_back(std::move(step));
    }
    for (const auto& [key, index] : step_index[r])
      name_missing_inputs(p, m, dependencies, statics[r].code[key], out.rules[r].steps[index]);
    summarise(out.rules[r]);
    const std::vector<OpCode> ops = build_tree(p, source, p.rules[r].condition, written[r], step_index[r], out.rules[r]);
    if (out.rules[r].state == RuleState::Fired) summarise_fired(out.rules[r], ops);
  }
  return out;
}

std::string format_value(const Machine& machine, const Reg& value, ValueType type) {
  return value_text(machine, value, type);
}

ValueType value_type_of(RegType type) { return value_type_of_register(type); }

} // namespace waymark::rt
