// RowOutcomes: every row of a table through one Machine; promote_row: one row as a test case.
#include "waymark/studio/row_outcomes.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "waymark/runtime/batch.h"
#include "waymark/runtime/date.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/test_runner.h"
#include "waymark/studio/row_columns.h"

namespace waymark::studio {
namespace {

bool equals_folded(std::string_view raw, std::string_view lower_word) {
  return std::equal(raw.begin(), raw.end(), lower_word.begin(), lower_word.end(), [](char c, char w) {
    return (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == w;
  });
}

// -?DIGITS, or -?DIGITS.DIGITS when allow_point: a number literal as the language writes one.
bool is_plain_number(std::string_view text, bool allow_point) {
  if (text.starts_with('-')) text.remove_prefix(1);
  auto digits = [](std::string_view d) {
    return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const size_t point = allow_point ? text.find('.') : std::string_view::npos;
  if (point == std::string_view::npos) return digits(text);
  return digits(text.substr(0, point)) && digits(text.substr(point + 1));
}

std::string expectation(const rt::Program& program, uint32_t output, const std::string& value) {
  const std::string& name = program.str(program.outputs[output].name);
  return value == "missing" ? name + " is missing" : name + " = " + value;
}

} // namespace

int64_t outcome_output_of(const rt::Program& program) {
  for (const char* role : {"classification", "urgency"})
    for (uint32_t o = 0; o < program.outputs.size(); ++o)
      if (program.str(program.outputs[o].role) == role) return o;
  return program.outputs.empty() ? -1 : 0;
}

void RowOutcomes::clear() {
  evaluated_ = false;
  outcome_output_ = -1;
  outcome_name_.clear();
  value_of_row_.clear();
  value_of_row_.shrink_to_fit();
  values_.clear();
  value_of_key_.clear();
  rejections_.clear();
  evaluation_errors_.clear();
}

bool RowOutcomes::evaluate(const DataTable& table, const rt::Program& program, std::vector<std::string>& errors,
                           std::vector<std::string>& warnings) {
  clear();
  RowColumns columns;
  if (!columns.plan(program, table.header(), errors, warnings)) return false;

  outcome_output_ = outcome_output_of(program);
  if (outcome_output_ >= 0) outcome_name_ = program.str(program.outputs[static_cast<size_t>(outcome_output_)].name);
  const auto output = static_cast<uint32_t>(std::max<int64_t>(outcome_output_, 0));
  const bool list_output = outcome_output_ >= 0 && program.outputs[output].type.list;

  rt::Machine machine(program);
  std::vector<std::string_view> raw;
  std::string reason, key;
  value_of_row_.reserve(table.row_count());
  table.for_each_row([&](size_t row, const std::vector<std::string_view>& cells, std::string_view problem) {
    if (!problem.empty()) {
      rejections_.push_back({row, table.line(row), std::string(problem)});
      value_of_row_.push_back(kNoValue);
      return;
    }
    columns.fill(cells, raw);
    if (!machine.read(raw, reason)) {
      rejections_.push_back({row, table.line(row), reason.empty() ? "the record does not read" : reason});
      value_of_row_.push_back(kNoValue);
      return;
    }
    machine.evaluate();
    for (const auto& error : machine.errors())
      evaluation_errors_.push_back({row, table.line(row), "evaluation error: " + error});
    // The key tells missing, present and list values apart, since format_output writes missing and "" alike.
    if (outcome_output_ < 0 || !machine.output(output).present) {
      key.assign(1, 'm');
    } else if (list_output) {
      key.assign(1, 'l').append(rt::format_output_value(machine, output));
    } else {
      key.assign(1, 'p');
      machine.format_output(output, key);
    }
    const uint32_t index = [&] {
      auto it = value_of_key_.find(key);
      if (it != value_of_key_.end()) return it->second;
      const auto added = static_cast<uint32_t>(values_.size());
      value_of_key_.emplace(key, added);
      values_.push_back({outcome_output_ < 0 ? std::string("missing") : rt::format_output_value(machine, output), 0});
      return added;
    }();
    ++values_[index].rows;
    value_of_row_.push_back(index);
  });
  evaluated_ = true;
  return true;
}

std::string_view RowOutcomes::outcome(size_t row) const {
  const uint32_t index = value_of_row_[row];
  return index == kNoValue ? kRejected : std::string_view(values_[index].value);
}

const RowProblem* RowOutcomes::rejection(size_t row) const {
  auto it = std::lower_bound(rejections_.begin(), rejections_.end(), row,
                             [](const RowProblem& p, size_t r) { return p.row < r; });
  return it != rejections_.end() && it->row == row ? &*it : nullptr;
}

std::vector<size_t> RowOutcomes::filter(std::string_view outcome) const {
  std::vector<size_t> rows;
  uint32_t wanted = kNoValue;
  if (outcome != kRejected) {
    auto it = std::find_if(values_.begin(), values_.end(), [&](const OutcomeValue& v) { return v.value == outcome; });
    if (it == values_.end()) return rows;
    wanted = static_cast<uint32_t>(it - values_.begin());
    rows.reserve(it->rows);
  } else {
    rows.reserve(rejections_.size());
  }
  for (size_t row = 0; row < value_of_row_.size(); ++row)
    if (value_of_row_[row] == wanted) rows.push_back(row);
  return rows;
}

std::optional<std::string> cell_literal(rt::ValueType type, std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  if (type.list) return rt::quote_text(cell);
  switch (type.base) {
  case rt::BaseType::Bool:
    for (const char* yes : {"true", "yes", "1", "agree"})
      if (equals_folded(cell, yes)) return std::string("true");
    for (const char* no : {"false", "no", "0", "disagree"})
      if (equals_folded(cell, no)) return std::string("false");
    break;
  case rt::BaseType::Int:
    if (is_plain_number(cell, false)) {
      int64_t value = 0;
      auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (ec == std::errc() && end == cell.data() + cell.size()) return std::to_string(value); // "007" reads as 7
    }
    break;
  case rt::BaseType::Decimal: {
    double value = 0;
    auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value, std::chars_format::fixed);
    if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(value)) break;
    if (is_plain_number(cell, true)) return std::string(cell);
    char buffer[400]; // ".5" and "5." read, but are not literals: the value in plain digits instead
    auto [last, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    if (error == std::errc()) return std::string(buffer, last);
    break;
  }
  case rt::BaseType::Date:
    if (rt::parse_iso_date(cell)) return "@" + std::string(cell);
    break;
  case rt::BaseType::Text:
  case rt::BaseType::Code: break;
  }
  return rt::quote_text(cell);
}

CaseDraft promote_row(const DataTable& table, size_t row, const rt::Program& program, std::string name) {
  CaseDraft draft;
  draft.name = std::move(name);
  const std::vector<std::string> cells = table.row(row);
  const std::vector<std::string> columns = rt::field_columns(program);
  std::unordered_map<std::string_view, size_t> in_header;
  for (size_t i = 0; i < table.header().size(); ++i) in_header.emplace(table.header()[i], i);

  // A column several fields read (one per module) is given once, as a test case can only give it once.
  std::vector<std::string_view> raw(program.fields.size());
  std::unordered_map<std::string_view, bool> given;
  for (size_t f = 0; f < program.fields.size(); ++f) {
    auto at = in_header.find(columns[f]);
    if (at != in_header.end() && at->second < cells.size()) raw[f] = cells[at->second];
    if (!given.emplace(columns[f], true).second) continue;
    draft.given.push_back({columns[f], cell_literal(program.fields[f].type, raw[f])});
  }

  if (table.problem(row) != nullptr) return draft; // the batch run would reject it: nothing to pin
  rt::Machine machine(program);
  std::string error;
  if (!machine.read(raw, error)) return draft;
  machine.evaluate();
  for (uint32_t o = 0; o < program.outputs.size(); ++o)
    draft.expect.push_back(expectation(program, o, rt::format_output_value(machine, o)));
  return draft;
}

} // namespace waymark::studio
