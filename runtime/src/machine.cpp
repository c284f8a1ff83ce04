#include "waymark/runtime/machine.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "waymark/runtime/date.h"
#include "waymark/runtime/string_hash.h"
#include "waymark/runtime/trace.h"

namespace waymark::rt {

const char* to_string(RuleState state) {
  switch (state) {
  case RuleState::NotEvaluated: return "not evaluated";
  case RuleState::Fired: return "fired";
  case RuleState::NotFired: return "not fired";
  case RuleState::Unknown: return "unknown";
  case RuleState::Skipped: return "skipped";
  }
  return "?";
}

Machine::Machine(const Program& program) : program_(program) {
  registers_.resize(program.registers.size());
  fields_.resize(program.fields.size());
  outputs_.resize(program.outputs.size());
  list_outputs_.resize(program.outputs.size());
  define_values_.resize(program.defines.size());
  define_epoch_.assign(program.defines.size(), 0);
  group_matches_.assign(program.like_groups.size(), 0);
  group_epoch_.assign(program.like_groups.size(), 0);
  for (const LikeGroupInfo& group : program.like_groups) {
    const MultiLikeAutomaton& a = group.automaton;
    auto& stay = group_stay_.emplace_back(256);
    for (unsigned byte = 0; byte < 256; ++byte)
      stay[byte] = a.next[size_t{a.start} * a.classes + a.byte_class[byte]] == a.start;
  }
  rule_states_.assign(program.rules.size(), RuleState::NotEvaluated);
  for (const FieldInfo& f : program.fields) {
    const bool plain = !f.type.list && f.one_of.empty() && !f.required && !f.key;
    fast_read_.push_back(!plain                                               ? FastRead::None
                         : f.type.base == BaseType::Text && !f.intern ? FastRead::Text
                         : f.type.base == BaseType::Int               ? FastRead::Int
                                                                      : FastRead::None);
  }
  constants_.reserve(program.constants.size());
  for (const Constant& k : program.constants) {
    Reg r;
    r.present = true;
    switch (k.type) {
    case RegType::Bool: case RegType::Int: r.i = k.i; break;
    case RegType::Dec: r.d = k.d; break;
    case RegType::Text: {
      const std::string& s = program.str(k.text);
      r.s = Text{s.data(), static_cast<uint32_t>(s.size()), static_cast<int32_t>(k.text)};
      break;
    }
    case RegType::List: r.list = CodeList{0, 0}; break;
    }
    constants_.push_back(r);
  }
  // The string table as an open-addressing hash set at most half full.
  size_t slots = 16;
  while (slots < program.strings.size() * 2) slots *= 2;
  intern_slots_.assign(slots, -1);
  intern_mask_ = slots - 1;
  for (size_t id = 0; id < program.strings.size(); ++id) {
    const std::string& s = program.strings[id];
    size_t slot = hash_bytes(s.data(), s.size()) & intern_mask_;
    while (intern_slots_[slot] >= 0) slot = (slot + 1) & intern_mask_;
    intern_slots_[slot] = static_cast<int32_t>(id);
  }
}

Text Machine::intern(const char* data, uint32_t size) const {
  size_t slot = hash_bytes(data, size) & intern_mask_;
  for (int32_t id; (id = intern_slots_[slot]) >= 0; slot = (slot + 1) & intern_mask_) {
    const std::string& s = program_.strings[static_cast<size_t>(id)];
    if (s.size() == size && (size == 0 || std::memcmp(s.data(), data, size) == 0)) return Text{data, size, id};
  }
  return Text{data, size, Text::kNotInterned};
}

// One walk for all the group's patterns. Most bytes of a code list leave the automaton where it starts (a
// digit, a comma); those are skipped by a loop whose loads do not wait on each other.
uint64_t Machine::match_group(uint32_t group, std::string_view text) const {
  const MultiLikeAutomaton& a = program_.like_groups[group].automaton;
  const uint8_t* stay = group_stay_[group].data();
  const uint8_t* classes = a.byte_class.data();
  const uint32_t* table = a.next.data();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  uint32_t state = a.start;
  while (p < end && !a.final[state]) {
    if (state == a.start) {
      while (p < end && stay[*p]) ++p;
      if (p == end) break;
    }
    state = table[size_t{state} * a.classes + classes[*p++]];
  }
  return a.accept[state];
}

void Machine::evaluate() {
  if (trace_) trace_->events.clear();
  fired_.clear();
  errors_.clear();
  std::fill(rule_states_.begin(), rule_states_.end(), RuleState::NotEvaluated);
  for (Reg& o : outputs_) o.present = false;
  for (auto& list : list_outputs_) list.clear();
  for (const GroupInfo& group : program_.groups) run_group(group);
  for (size_t o = 0; o < outputs_.size(); ++o) {
    auto& appended = list_outputs_[o];
    if (appended.empty()) continue;
    outputs_[o].list = CodeList{static_cast<uint32_t>(items_.size()), static_cast<uint32_t>(appended.size())};
    outputs_[o].present = true;
    items_.insert(items_.end(), appended.begin(), appended.end());
  }
}

void Machine::run_group(const GroupInfo& group) {
  true_rules_.clear();
  bool done = false; // a `first` group has fired
  for (uint32_t r : group.order) {
    if (done) {
      rule_states_[r] = RuleState::Skipped;
      continue;
    }
    if (trace_) {
      traced_rule_ = r;
      trace_rule(TraceEventKind::RuleEntered, r, RuleState::NotEvaluated);
    }
    const Reg v = run_fragment(program_.rules[r].condition);
    if (v.present && v.i) {
      if (group.policy == Policy::Unique) {
        true_rules_.push_back(r);
        continue;
      }
      fire(r);
      done = group.policy == Policy::First;
    } else {
      rule_states_[r] = v.present ? RuleState::NotFired : RuleState::Unknown;
    }
  }
  if (group.policy == Policy::Unique) resolve_unique(group);
  if (trace_)
    for (uint32_t r : group.order) trace_rule(TraceEventKind::RuleDone, r, rule_states_[r]);
}

void Machine::resolve_unique(const GroupInfo& group) {
  if (true_rules_.size() == 1) fire(true_rules_[0]);
  if (true_rules_.size() <= 1) return;
  std::string names;
  for (uint32_t r : true_rules_) {
    names += (names.empty() ? "" : ", ") + program_.str(program_.rules[r].name);
    rule_states_[r] = RuleState::NotFired;
  }
  const std::string group_name = group.implicit ? "(top level)" : program_.str(group.name);
  errors_.push_back("unique hit policy violated in group " + group_name + ": rules " + names);
}

void Machine::fire(uint32_t rule) {
  rule_states_[rule] = RuleState::Fired;
  fired_.push_back(rule);
  traced_rule_ = rule;
  run_fragment(program_.rules[rule].actions);
}

namespace {
void append_number(std::string& out, auto value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec == std::errc()) out.append(buffer, end);
}
} // namespace

void Machine::format_output(uint32_t index, std::string& out) const {
  const Reg& r = outputs_[index];
  if (!r.present) return;
  const ValueType type = program_.outputs[index].type;
  if (type.list) {
    bool first = true;
    for (const Text& t : items(r)) {
      if (!first) out += "; ";
      out.append(t.data, t.size);
      first = false;
    }
    return;
  }
  switch (type.base) {
  case BaseType::Bool: out += r.i ? "true" : "false"; break;
  case BaseType::Int: append_number(out, r.i); break;
  case BaseType::Decimal: append_number(out, r.d); break;
  case BaseType::Date: out += format_iso_date(static_cast<int32_t>(r.i)); break;
  case BaseType::Text: case BaseType::Code: out.append(r.s.data, r.s.size); break;
  }
}

} // namespace waymark::rt
