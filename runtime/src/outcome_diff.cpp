// Comparing two programs' outcomes over the same records: see outcome_diff.h.
#include "waymark/runtime/outcome_diff.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "waymark/runtime/machine.h"
#include "waymark/runtime/program_diff.h"

namespace waymark::rt {
namespace {

constexpr const char *kAbsent = "absent";

// Each message once, marked with the program (or programs) it comes from.
void merge_messages(const std::vector<std::string> &old_messages, const std::vector<std::string> &new_messages,
                    std::vector<std::string> &out) {
  for (const auto &m : old_messages) {
    const bool both = std::find(new_messages.begin(), new_messages.end(), m) != new_messages.end();
    out.push_back(m + (both ? " (both programs)" : " (old program)"));
  }
  for (const auto &m : new_messages)
    if (std::find(old_messages.begin(), old_messages.end(), m) == old_messages.end())
      out.push_back(m + " (new program)");
}

// A rule of either program, with its index in each (-1: that program has no such rule).
struct RulePair {
  std::string name;
  int64_t old_index = -1, new_index = -1;
  bool actions_edited = false;
};

std::vector<RulePair> pair_rules(const Program &a, const Program &b) {
  std::unordered_map<std::string, int64_t> old_index;
  for (size_t r = 0; r < a.rules.size(); ++r) old_index.emplace(a.str(a.rules[r].name), static_cast<int64_t>(r));
  std::vector<RulePair> pairs;
  for (size_t r = 0; r < b.rules.size(); ++r) {
    RulePair pair{b.str(b.rules[r].name), -1, static_cast<int64_t>(r), false};
    if (auto it = old_index.find(pair.name); it != old_index.end()) {
      pair.old_index = it->second;
      old_index.erase(it);
      pair.actions_edited = canonical_code(a, a.rules[static_cast<size_t>(pair.old_index)].actions) !=
                            canonical_code(b, b.rules[r].actions);
    }
    pairs.push_back(std::move(pair));
  }
  for (size_t r = 0; r < a.rules.size(); ++r)
    if (old_index.contains(a.str(a.rules[r].name)))
      pairs.push_back(RulePair{a.str(a.rules[r].name), static_cast<int64_t>(r), -1, false});
  return pairs;
}

// One program's side of the comparison: its machine and this record's outputs.
struct Side {
  explicit Side(const Program &p) : program(p), machine(p), raw(p.fields.size()), values(p.outputs.size()) {}
  const Program &program;
  Machine machine;
  std::vector<std::string_view> raw;
  std::vector<std::string> values; // as `waymark run` writes them; "" when missing
  std::unordered_map<std::string, size_t> output_index;

  void collect() {
    for (uint32_t o = 0; o < values.size(); ++o) {
      values[o].clear();
      machine.format_output(o, values[o]);
    }
  }
  bool present(size_t o) const { return machine.output(static_cast<uint32_t>(o)).present; }
  std::string state(int64_t rule) const {
    return rule < 0 ? kAbsent : to_string(machine.rule_state(static_cast<uint32_t>(rule)));
  }
  std::string outcome() const {
    std::string out;
    for (size_t o = 0; o < values.size(); ++o)
      out += (o == 0 ? "" : ", ") + program.str(program.outputs[o].name) + " = " +
             outcome_value(program.outputs[o], present(o), values[o]);
    if (out.empty()) out = "(no outputs)";
    for (const auto &e : machine.errors()) out += "; evaluation error: " + e;
    return out;
  }
};

// Outputs are compared by name; an output only one side has counts when it holds a value there.
bool outputs_differ(const Side &a, const Side &b) {
  for (size_t o = 0; o < b.values.size(); ++o) {
    auto it = a.output_index.find(b.program.str(b.program.outputs[o].name));
    if (it == a.output_index.end()) {
      if (b.present(o)) return true;
    } else if (a.present(it->second) != b.present(o) || a.values[it->second] != b.values[o]) {
      return true;
    }
  }
  for (size_t o = 0; o < a.values.size(); ++o)
    if (!b.output_index.contains(a.program.str(a.program.outputs[o].name)) && a.present(o)) return true;
  return false;
}

std::string group_key(const std::string &old_outcome, const std::string &new_outcome,
                      const std::vector<ResponsibleRule> &rules) {
  std::string key = old_outcome + '\0' + new_outcome;
  for (const auto &r : rules) key += '\0' + r.describe();
  return key;
}

} // namespace

DiffColumns plan_diff_columns(const Program &old_program, const Program &new_program,
                              const std::vector<std::string> *header, const std::string &key_override,
                              std::vector<std::string> &errors) {
  std::vector<std::string> old_errors, new_errors;
  const ColumnPlan old_plan = plan_columns(old_program, header, key_override, old_errors);
  // Both sides are keyed alike: by --key, else by the column the old program would write first.
  const std::string new_key = key_override.empty() && old_errors.empty() ? old_plan.key_column : key_override;
  const ColumnPlan new_plan = plan_columns(new_program, header, new_key, new_errors);
  merge_messages(old_errors, new_errors, errors);

  DiffColumns out;
  merge_messages(old_plan.warnings, new_plan.warnings, out.warnings);
  std::unordered_map<std::string, uint32_t> cell_of;
  auto cell = [&](const std::string &column) {
    auto [it, added] = cell_of.emplace(column, static_cast<uint32_t>(out.columns.size()));
    if (added) out.columns.push_back(column);
    return it->second;
  };
  for (uint32_t c : old_plan.field_cell) out.old_field_cell.push_back(cell(old_plan.columns[c]));
  for (uint32_t c : new_plan.field_cell) out.new_field_cell.push_back(cell(new_plan.columns[c]));
  out.key_column = old_plan.key_column;
  out.key_cell = cell(out.key_column);
  return out;
}

std::string ResponsibleRule::describe() const {
  if (actions_edited) return name + " (fired on both sides, actions edited)";
  return name + " (" + old_state + " → " + new_state + ")";
}

std::string outcome_value(const OutputInfo &output, bool present, std::string_view formatted) {
  if (!present) return "missing";
  const bool bare = !output.type.list && (output.type.base == BaseType::Bool || output.type.base == BaseType::Int ||
                                          output.type.base == BaseType::Decimal);
  if (bare) return std::string(formatted);
  std::string out = "\"";
  for (char c : formatted) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

OutcomeDiffReport diff_outcomes(const Program &old_program, const Program &new_program, RecordSource &source,
                                const DiffColumns &columns, const OutcomeDiffOptions &options) {
  OutcomeDiffReport report;
  Side a(old_program), b(new_program);
  for (size_t o = 0; o < old_program.outputs.size(); ++o)
    a.output_index.emplace(old_program.str(old_program.outputs[o].name), o);
  for (size_t o = 0; o < new_program.outputs.size(); ++o)
    b.output_index.emplace(new_program.str(new_program.outputs[o].name), o);
  const std::vector<RulePair> rules = pair_rules(old_program, new_program);
  std::map<std::string, size_t> group_of; // group_key → index in report.groups
  std::vector<ResponsibleRule> responsible;
  std::string old_error, new_error;

  source.select(columns.columns);
  SourceRecord record;
  while (source.next(record)) {
    ++report.rows_read;
    const std::string_view key =
        columns.key_cell < record.cells.size() ? record.cells[columns.key_cell] : std::string_view();
    auto reject = [&](const char *by, std::string reason) {
      if (report.rejected.size() < options.rejected_listed)
        report.rejected.push_back(RejectedRow{record.line, std::string(key), by, std::move(reason)});
    };
    if (!record.error.empty()) {
      ++report.rejected_malformed;
      reject("input", record.error);
      continue;
    }
    for (size_t f = 0; f < a.raw.size(); ++f) a.raw[f] = record.cells[columns.old_field_cell[f]];
    for (size_t f = 0; f < b.raw.size(); ++f) b.raw[f] = record.cells[columns.new_field_cell[f]];
    old_error.clear();
    new_error.clear();
    const bool old_read = a.machine.read(a.raw, old_error), new_read = b.machine.read(b.raw, new_error);
    if (!old_read && !new_read) {
      ++report.rejected_by_both;
      reject("both", old_error == new_error ? old_error : "old: " + old_error + "; new: " + new_error);
      continue;
    }
    if (!old_read || !new_read) {
      ++(old_read ? report.rejected_by_new : report.rejected_by_old);
      reject(old_read ? "new" : "old", old_read ? new_error : old_error);
      continue;
    }
    a.machine.evaluate();
    b.machine.evaluate();
    ++report.rows_compared;
    a.collect();
    b.collect();

    responsible.clear();
    for (const RulePair &pair : rules) {
      const std::string old_state = a.state(pair.old_index), new_state = b.state(pair.new_index);
      if ((old_state == "fired") != (new_state == "fired"))
        responsible.push_back({pair.name, old_state, new_state, false});
    }
    const bool outputs_changed = outputs_differ(a, b);
    if (!outputs_changed && responsible.empty() && a.machine.errors() == b.machine.errors()) continue;
    if (outputs_changed)
      for (const RulePair &pair : rules)
        if (pair.actions_edited && a.state(pair.old_index) == "fired" && b.state(pair.new_index) == "fired")
          responsible.push_back({pair.name, "fired", "fired", true});

    ++report.rows_changed;
    std::string old_outcome = a.outcome(), new_outcome = b.outcome();
    auto [it, added] = group_of.emplace(group_key(old_outcome, new_outcome, responsible), report.groups.size());
    if (added)
      report.groups.push_back(OutcomeGroup{std::move(old_outcome), std::move(new_outcome), responsible, 0, {}});
    OutcomeGroup &group = report.groups[it->second];
    ++group.rows;
    if (group.examples.size() < options.examples)
      group.examples.push_back(key.empty() ? "line " + std::to_string(record.line) : std::string(key));
    if (options.on_changed) options.on_changed(ChangedRecord{key, a.values, b.values, responsible});
  }
  report.failure = source.failure();
  std::stable_sort(report.groups.begin(), report.groups.end(),
                   [](const OutcomeGroup &x, const OutcomeGroup &y) { return x.rows > y.rows; });
  return report;
}

std::string with_thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string describe(const OutcomeDiffReport &report) {
  std::string out;
  out += "rows read:     " + with_thousands(report.rows_read) + "\n";
  out += "rows compared: " + with_thousands(report.rows_compared) + "\n";
  out += "rows changed:  " + with_thousands(report.rows_changed);
  if (report.rows_compared > 0) {
    char share[32];
    std::snprintf(share, sizeof share, " (%.1f%%)",
                  100.0 * static_cast<double>(report.rows_changed) / static_cast<double>(report.rows_compared));
    out += share;
  }
  out += "\nrows rejected: " + with_thousands(report.rows_rejected());
  if (report.rows_rejected() > 0)
    out += " (malformed " + with_thousands(report.rejected_malformed) + ", by the old program only " +
           with_thousands(report.rejected_by_old) + ", by the new program only " +
           with_thousands(report.rejected_by_new) + ", by both " + with_thousands(report.rejected_by_both) + ")";
  out += "\n";

  if (report.groups.empty()) {
    out += "\nno record changed\n";
  } else {
    out += "\nchanges, most rows first:\n";
    for (const OutcomeGroup &group : report.groups) {
      out += "  " + with_thousands(group.rows) + (group.rows == 1 ? " row: " : " rows: ") + group.old_outcome + " → " +
             group.new_outcome + "\n";
      std::string rules;
      for (const auto &r : group.rules) rules += (rules.empty() ? "" : ", ") + r.describe();
      out += "    rules responsible: " + (rules.empty() ? std::string("none (no rule's state changed)") : rules) + "\n";
      std::string examples;
      for (const auto &e : group.examples) examples += (examples.empty() ? "" : ", ") + e;
      out += "    examples: " + examples + "\n";
    }
  }

  if (!report.rejected.empty()) {
    out += "\nrejected rows (not compared):\n";
    for (const RejectedRow &row : report.rejected)
      out += "  line " + std::to_string(row.line) + ", key " + (row.key.empty() ? "(none)" : row.key) +
             ", rejected by " + row.rejected_by + ": " + row.reason + "\n";
    if (report.rows_rejected() > report.rejected.size())
      out += "  ... and " + with_thousands(report.rows_rejected() - report.rejected.size()) + " more\n";
  }
  return out;
}

} // namespace waymark::rt
