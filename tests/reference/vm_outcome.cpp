#include "vm_outcome.h"

#include "waymark/runtime/machine.h"
#include "waymark/runtime/trace.h"

namespace waymark::reference {

Outcome evaluate_on_vm(const rt::Program& program, const Record& record, bool traced) {
  Outcome out;
  std::vector<std::string> raw(program.fields.size());
  for (size_t f = 0; f < program.fields.size(); ++f) {
    auto it = record.columns.find(program.str(program.fields[f].column));
    if (it != record.columns.end() && it->second) raw[f] = *it->second;
  }
  std::vector<std::string_view> views(raw.begin(), raw.end());
  rt::Machine vm(program);
  rt::Trace trace;
  if (traced) vm.set_trace(&trace);
  for (const auto& o : program.outputs) out.outputs[program.str(o.name)] = Value{};
  std::string error;
  if (!vm.read(views, error)) {
    out.errors.push_back(error);
    return out;
  }
  vm.evaluate();
  for (uint32_t o = 0; o < program.outputs.size(); ++o) {
    const rt::Reg& r = vm.output(o);
    if (!r.present) continue;
    const rt::ValueType type = program.outputs[o].type;
    Value v;
    if (type.list) {
      std::vector<std::string> items;
      for (const auto& t : vm.items(r)) items.emplace_back(t.view());
      v = Value::of_list(Value::Kind::TextList, std::move(items));
    } else {
      switch (type.base) {
      case rt::BaseType::Bool: v = Value::of_bool(r.i != 0); break;
      case rt::BaseType::Int: v = Value::of_int(r.i); break;
      case rt::BaseType::Decimal: v = Value::of_decimal(r.d); break;
      case rt::BaseType::Date: v = Value::of_date(static_cast<int32_t>(r.i)); break;
      case rt::BaseType::Text: v = Value::of_text(std::string(r.s.view())); break;
      case rt::BaseType::Code: v = Value::of_code(std::string(r.s.view())); break;
      }
    }
    out.outputs[program.str(program.outputs[o].name)] = std::move(v);
  }
  for (uint32_t rule : vm.fired()) out.fired.push_back(program.str(program.rules[rule].name));
  for (uint32_t r = 0; r < program.rules.size(); ++r) {
    const rt::RuleState s = vm.rule_state(r);
    if (s != rt::RuleState::NotEvaluated) out.rule_state[program.str(program.rules[r].name)] = rt::to_string(s);
  }
  out.errors = vm.errors();
  return out;
}

std::string differences(const Outcome& a, const Outcome& b) {
  std::string out;
  for (const auto& [name, value] : a.outputs) {
    auto it = b.outputs.find(name);
    const std::string vm = it == b.outputs.end() ? "(absent)" : to_string(it->second);
    if (it == b.outputs.end() || !(it->second == value))
      out += "output " + name + ": reference " + to_string(value) + ", vm " + vm + "\n";
  }
  if (a.fired != b.fired) {
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
      return "[" + s + "]";
    };
    out += "fired: reference " + join(a.fired) + ", vm " + join(b.fired) + "\n";
  }
  if (a.rule_state != b.rule_state) {
    for (const auto& [rule, state] : a.rule_state) {
      auto it = b.rule_state.find(rule);
      const std::string vm = it == b.rule_state.end() ? "(none)" : it->second;
      if (vm != state) out += "rule " + rule + ": reference " + state + ", vm " + vm + "\n";
    }
    for (const auto& [rule, state] : b.rule_state)
      if (!a.rule_state.count(rule)) out += "rule " + rule + ": reference (none), vm " + state + "\n";
  }
  if (a.errors.empty() != b.errors.empty())
    out += "errors: reference " + std::to_string(a.errors.size()) + ", vm " + std::to_string(b.errors.size()) +
           (b.errors.empty() ? "" : " (" + b.errors[0] + ")") + (a.errors.empty() ? "" : " (" + a.errors[0] + ")") + "\n";
  return out;
}

} // namespace waymark::reference
