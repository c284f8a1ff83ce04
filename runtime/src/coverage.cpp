// Coverage from traces. Each rule's condition fragment is read once: every instruction that writes a truth value
// at its own place in the source marks a construct there. Replaying a trace, a construct's value is the last
// truth written at its place; an `and` (or `or`) that stopped at its first operand writes nothing at its own
// place, but it keeps its value in its first operand's register, so that register's last value is the answer.
#include "waymark/runtime/coverage.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "condition_places.h"
#include "waymark/runtime/source_text.h"

namespace waymark::rt {
namespace {

// Any write of a bool register: besides the tests, the constants and moves that settle an `in [...]` item by item.
bool writes_bool(const Program& p, const Instr& in) {
  const Operand a = kOpInfo[static_cast<uint8_t>(in.op)].a;
  return a == Operand::WBool || (a == Operand::WAny && p.registers[in.a] == RegType::Bool);
}

bool before(const SourceLocation& a, const SourceLocation& b) {
  // An enclosing construct starts where its first operand does and is longer: it comes first.
  return std::tuple(a.source, a.line, a.column, ~a.length) < std::tuple(b.source, b.line, b.column, ~b.length);
}

} // namespace

uint32_t CoverageReport::asked() const { return static_cast<uint32_t>(2 * (rules.size() + conditions.size())); }

uint32_t CoverageReport::covered() const {
  uint32_t n = 0;
  for (const RuleCoverage& r : rules) n += (r.fired > 0) + (r.not_fired > 0);
  for (const ConditionCoverage& c : conditions) n += (c.true_count > 0) + (c.false_count > 0);
  return n;
}

uint32_t CoverageReport::percent() const {
  const uint64_t total = asked();
  return total == 0 ? 100 : static_cast<uint32_t>(uint64_t{covered()} * 100 / total);
}

bool CoverageReport::meets(uint32_t declared_percent) const {
  return uint64_t{covered()} * 100 >= uint64_t{declared_percent} * asked();
}

std::vector<CoverageGap> CoverageReport::gaps(const Program& p) const {
  std::vector<CoverageGap> out;
  for (const RuleCoverage& r : rules) {
    const std::string rule = "rule " + p.str(p.rules[r.rule].name);
    const SourceLocation& at = p.rules[r.rule].location;
    if (r.fired == 0 && r.not_fired == 0)
      out.push_back({at, rule + (r.unknown > 0 ? " always unknown" : " never evaluated")});
    else if (r.fired == 0)
      out.push_back({at, rule + " never fired"});
    else if (r.not_fired == 0)
      out.push_back({at, rule + (r.unknown > 0 ? " always fired or unknown" : " always fired")});
  }
  for (const ConditionCoverage& c : conditions) {
    const std::string condition = "condition `" + c.text + "`";
    if (c.true_count == 0 && c.false_count == 0)
      out.push_back({c.at, condition + (c.unknown_count > 0 ? " always unknown" : " never evaluated")});
    else if (c.true_count == 0)
      out.push_back({c.at, condition + " never true"});
    else if (c.false_count == 0)
      out.push_back({c.at, condition + " never false"});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CoverageGap& a, const CoverageGap& b) { return before(a.at, b.at); });
  return out;
}

std::vector<CoverageGap> CoverageReport::never_unknown() const {
  std::vector<CoverageGap> out;
  for (const ConditionCoverage& c : conditions)
    if (c.unknown_count == 0) out.push_back({c.at, "condition `" + c.text + "` never unknown"});
  return out;
}

CoverageRecorder::CoverageRecorder(const Program& program)
    : program_(program), plans_(program.rules.size()), condition_of_pc_(program.code.size(), kNone),
      register_value_(program.registers.size(), Unknown), register_stamp_(program.registers.size(), 0) {
  for (uint32_t r = 0; r < program.rules.size(); ++r) report_.rules.push_back(RuleCoverage{r, 0, 0, 0});
  // Conditions are numbered in source order, so the report lists them as they are written.
  const SourceText source(program);
  std::map<PlaceKey, std::pair<SourceLocation, uint32_t>> places; // where, and the first rule whose condition holds it
  for (uint32_t r = 0; r < program.rules.size(); ++r) {
    const Fragment& f = program.fragments[program.rules[r].condition];
    for (uint32_t pc = f.begin; pc < f.end && pc < program.source_map.size(); ++pc)
      if (marks_condition(program, program.code[pc], true))
        places.emplace(place_key(program.source_map[pc]), std::pair(program.source_map[pc], r));
  }
  std::vector<std::pair<SourceLocation, uint32_t>> ordered;
  for (const auto& [key, place] : places) ordered.push_back(place);
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return before(a.first, b.first); });
  std::map<PlaceKey, uint32_t> index;
  for (const auto& [at, rule] : ordered) {
    index.emplace(place_key(at), static_cast<uint32_t>(report_.conditions.size()));
    ConditionCoverage c;
    c.at = at;
    c.text = source.quote(at);
    c.rule = rule;
    report_.conditions.push_back(std::move(c));
  }
  written_at_.assign(report_.conditions.size(), Unknown);
  written_at_stamp_.assign(report_.conditions.size(), 0);
  for (uint32_t r = 0; r < program.rules.size(); ++r) {
    RulePlan& plan = plans_[r];
    const Fragment& f = program.fragments[program.rules[r].condition];
    plan.begin = f.begin;
    plan.end = std::min<uint32_t>(f.end, static_cast<uint32_t>(program.source_map.size()));
    // Every bool written at a construct's place counts towards it; the last one written in code order holds it.
    std::map<uint32_t, uint16_t> result;
    for (uint32_t pc = plan.begin; pc < plan.end; ++pc) {
      const Instr& in = program.code[pc];
      auto found = index.find(place_key(program.source_map[pc]));
      if (found == index.end() || !writes_bool(program, in)) continue;
      condition_of_pc_[pc] = found->second;
      result[found->second] = in.a;
    }
    for (const auto& [condition, reg] : result) plan.constructs.push_back(Construct{condition, reg});
  }
}

void CoverageRecorder::record(const Machine& machine, const Trace& trace) {
  ++report_.evaluations;
  for (RuleCoverage& r : report_.rules) {
    switch (machine.rule_state(r.rule)) {
    case RuleState::Fired: ++r.fired; break;
    case RuleState::NotFired: case RuleState::Skipped: ++r.not_fired; break;
    case RuleState::Unknown: ++r.unknown; break;
    case RuleState::NotEvaluated: break;
    }
  }
  uint32_t rule = kNone;
  for (const TraceEvent& event : trace.events) {
    if (event.kind == TraceEventKind::RuleEntered || event.kind == TraceEventKind::RuleDone) {
      if (rule != kNone) finish_rule(rule);
      rule = event.kind == TraceEventKind::RuleEntered && event.rule < plans_.size() ? event.rule : kNone;
      ++stamp_;
      continue;
    }
    if (event.kind != TraceEventKind::Value || rule == kNone) continue;
    const RulePlan& plan = plans_[rule];
    if (event.pc < plan.begin || event.pc >= plan.end) continue; // inside a definition it called
    const Instr& in = program_.code[event.pc];
    if (!writes_bool(program_, in)) continue;
    const Truth value = !event.value.present ? Unknown : event.value.i ? True : False;
    register_value_[in.a] = value;
    register_stamp_[in.a] = stamp_;
    if (const uint32_t c = condition_of_pc_[event.pc]; c != kNone) {
      written_at_[c] = value;
      written_at_stamp_[c] = stamp_;
    }
  }
  if (rule != kNone) finish_rule(rule);
  ++stamp_;
}

void CoverageRecorder::finish_rule(uint32_t rule) {
  for (const Construct& construct : plans_[rule].constructs) {
    Truth value;
    if (written_at_stamp_[construct.condition] == stamp_) value = written_at_[construct.condition];
    else if (register_stamp_[construct.result] == stamp_) value = register_value_[construct.result];
    else continue; // not reached
    ConditionCoverage& c = report_.conditions[construct.condition];
    ++(value == True ? c.true_count : value == False ? c.false_count : c.unknown_count);
  }
}

} // namespace waymark::rt
