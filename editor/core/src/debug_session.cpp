#include "waymark/studio/debug_session.h"

#include <algorithm>

#include "waymark/runtime/test_runner.h"
#include "waymark/studio/row_columns.h"

namespace waymark::studio {

DebugSession::DebugSession(std::shared_ptr<const rt::Program> program)
    : program_(std::move(program)), source_(*program_), machine_(*program_) {}

std::unique_ptr<DebugSession> DebugSession::for_test_case(std::shared_ptr<const rt::Program> program,
                                                          const std::string& test_case, std::string& error) {
  const rt::Program& p = *program;
  auto test = std::find_if(p.tests.begin(), p.tests.end(), [&](const auto& t) { return p.str(t.name) == test_case; });
  if (test == p.tests.end()) {
    error = "no test case named \"" + test_case + "\"";
    return nullptr;
  }
  std::unique_ptr<DebugSession> session(new DebugSession(std::move(program)));
  DebugSession& s = *session;
  const rt::TestOutcome outcome = rt::run_test_case(p, *test, s.machine_);
  if (!outcome.rejected.empty()) {
    error = "the record of \"" + test_case + "\" does not read: " + outcome.rejected;
    return nullptr;
  }
  // The machine's text values point into the record's strings, which die with `outcome`: the record is read again
  // from the session's own copy, with the trace attached, so every value stays readable while the session lives.
  if (!s.start(outcome.record, error)) return nullptr;
  return session;
}

std::unique_ptr<DebugSession> DebugSession::for_row(std::shared_ptr<const rt::Program> program, const DataTable& table,
                                                    size_t row, std::string& error) {
  if (row >= table.row_count()) {
    error = "no row " + std::to_string(row + 1) + " (the data has " + std::to_string(table.row_count()) + ")";
    return nullptr;
  }
  const std::string line = std::to_string(table.line(row));
  if (const RowProblem* problem = table.problem(row)) {
    error = "the row on line " + line + " does not read: " + problem->reason;
    return nullptr;
  }
  RowColumns columns;
  std::vector<std::string> problems, warnings;
  if (!columns.plan(*program, table.header(), problems, warnings)) {
    error.clear();
    for (const std::string& p : problems) error += (error.empty() ? "" : "; ") + p;
    return nullptr;
  }
  const std::vector<std::string> cells = table.row(row);
  std::vector<std::string_view> raw;
  columns.fill(cells, raw);
  std::unique_ptr<DebugSession> session(new DebugSession(std::move(program)));
  std::string reason;
  if (!session->start(std::vector<std::string>(raw.begin(), raw.end()), reason)) {
    error = "the row on line " + line + " does not read: " + (reason.empty() ? "the record does not read" : reason);
    return nullptr;
  }
  return session;
}

bool DebugSession::start(std::vector<std::string> record, std::string& error) {
  record_ = std::move(record);
  const std::vector<std::string_view> raw(record_.begin(), record_.end());
  machine_.set_trace(&trace_);
  const bool read = machine_.read(raw, error);
  if (read) machine_.evaluate();
  machine_.set_trace(nullptr);
  if (!read) return false;
  explanation_ = rt::explain(*program_, machine_, trace_);
  return true;
}

void DebugSession::step_forward() {
  if (position_ < trace_.events.size()) ++position_;
}

void DebugSession::step_back() {
  if (position_ > 0) --position_;
}

void DebugSession::go_to(size_t position) { position_ = std::min(position, trace_.events.size()); }

void DebugSession::run_forward() {
  while (position_ < trace_.events.size()) {
    const rt::TraceEvent& next = trace_.events[position_++];
    if (next.kind == rt::TraceEventKind::RuleEntered && breakpoints_.count(next.rule)) return;
  }
}

void DebugSession::run_back() {
  // Back to the previous stop at a breakpoint: the position just after a breakpointed rule was entered, not the one
  // we stand on.
  while (position_ > 0) {
    --position_;
    if (position_ == 0) return;
    const rt::TraceEvent& before = trace_.events[position_ - 1];
    if (before.kind == rt::TraceEventKind::RuleEntered && breakpoints_.count(before.rule)) return;
  }
}

std::optional<uint32_t> DebugSession::rule_index(const std::string& name) const {
  for (uint32_t r = 0; r < program_->rules.size(); ++r)
    if (program_->str(program_->rules[r].name) == name) return r;
  return std::nullopt;
}

bool DebugSession::toggle_breakpoint(const std::string& rule) {
  auto r = rule_index(rule);
  if (!r) return false;
  if (!breakpoints_.erase(*r)) breakpoints_.insert(*r);
  return true;
}

bool DebugSession::has_breakpoint(const std::string& rule) const {
  auto r = rule_index(rule);
  return r && breakpoints_.count(*r) > 0;
}

std::string DebugSession::event_text(size_t index) const {
  if (index >= trace_.events.size()) return "";
  const rt::Program& p = *program_;
  const rt::TraceEvent& e = trace_.events[index];
  const std::string rule = e.rule < p.rules.size() ? p.str(p.rules[e.rule].name) : "";
  switch (e.kind) {
  case rt::TraceEventKind::RuleEntered: return "rule " + rule + " entered";
  case rt::TraceEventKind::RuleDone: return "rule " + rule + " " + rt::to_string(e.state);
  case rt::TraceEventKind::Output: {
    const rt::Instr& in = p.code[e.pc];
    const rt::OutputInfo& output = p.outputs[in.a];
    rt::ValueType item = output.type;
    item.list = false;
    return p.str(output.name) + " gets " + rt::format_value(machine_, e.value, item);
  }
  case rt::TraceEventKind::Value: {
    const rt::Instr& in = p.code[e.pc];
    if (in.op == rt::OpCode::FIELD) {
      const rt::FieldInfo& field = p.fields[in.bc()];
      return p.str(field.column) + " = " + rt::format_value(machine_, e.value, field.type);
    }
    const rt::ValueType type = rt::value_type_of(p.registers[in.a]);
    if (in.op == rt::OpCode::DEFINE) return p.str(p.defines[in.bc()].name) + " = " + rt::format_value(machine_, e.value, type);
    const std::string what = e.pc < p.source_map.size() ? source_.quote(p.source_map[e.pc]) : "a value";
    return what + ": " + rt::format_value(machine_, e.value, type);
  }
  }
  return "";
}

std::string DebugSession::current_event_text() const { return position_ == 0 ? "" : event_text(position_ - 1); }

std::optional<rt::SourceLocation> DebugSession::current_location() const {
  if (position_ == 0) return std::nullopt;
  const rt::Program& p = *program_;
  const rt::TraceEvent& e = trace_.events[position_ - 1];
  if (e.kind == rt::TraceEventKind::RuleEntered || e.kind == rt::TraceEventKind::RuleDone)
    return e.rule < p.rules.size() ? std::optional(p.rules[e.rule].location) : std::nullopt;
  if (e.pc < p.source_map.size()) return p.source_map[e.pc];
  return std::nullopt;
}

std::optional<std::string> DebugSession::current_rule() const {
  if (position_ == 0) return std::nullopt;
  const rt::TraceEvent& e = trace_.events[position_ - 1];
  if (e.rule >= program_->rules.size()) return std::nullopt;
  return program_->str(program_->rules[e.rule].name);
}

std::vector<NamedValue> DebugSession::inputs() const {
  std::vector<NamedValue> out;
  for (uint32_t f = 0; f < program_->fields.size(); ++f) {
    const rt::FieldInfo& field = program_->fields[f];
    out.push_back({program_->str(field.column), rt::format_value(machine_, machine_.field(f), field.type)});
  }
  return out;
}

std::vector<NamedValue> DebugSession::derived_so_far() const {
  const rt::Program& p = *program_;
  std::vector<NamedValue> out;
  for (size_t i = 0; i < position_; ++i) {
    const rt::TraceEvent& e = trace_.events[i];
    if (e.kind != rt::TraceEventKind::Value || p.code[e.pc].op != rt::OpCode::DEFINE) continue;
    const rt::Instr& in = p.code[e.pc];
    NamedValue value{p.str(p.defines[in.bc()].name), rt::format_value(machine_, e.value, rt::value_type_of(p.registers[in.a]))};
    auto same = std::find_if(out.begin(), out.end(), [&](const NamedValue& v) { return v.name == value.name; });
    if (same == out.end()) out.push_back(std::move(value));
    else *same = std::move(value);
  }
  return out;
}

std::vector<NamedValue> DebugSession::outputs_so_far() const {
  const rt::Program& p = *program_;
  std::vector<std::vector<std::string>> items(p.outputs.size()); // a list output's items; a scalar's one value
  for (size_t i = 0; i < position_; ++i) {
    const rt::TraceEvent& e = trace_.events[i];
    if (e.kind != rt::TraceEventKind::Output) continue;
    const rt::Instr& in = p.code[e.pc];
    rt::ValueType item = p.outputs[in.a].type;
    item.list = false;
    std::vector<std::string>& values = items[in.a];
    // A scalar output keeps its first value (SETOUT sets it unless already set); a list collects every item.
    if (!p.outputs[in.a].type.list && !values.empty()) continue;
    if (e.value.present) values.push_back(rt::format_value(machine_, e.value, item));
  }
  std::vector<NamedValue> out;
  for (uint32_t o = 0; o < p.outputs.size(); ++o) {
    std::string value;
    if (p.outputs[o].type.list) {
      value = "[";
      for (const std::string& v : items[o]) value += (value.size() > 1 ? ", " : "") + v;
      value += "]";
      if (items[o].empty()) value = "missing";
    } else {
      value = items[o].empty() ? "missing" : items[o].front();
    }
    out.push_back({p.str(p.outputs[o].name), value});
  }
  return out;
}

} // namespace waymark::studio
