#pragma once
// What a program makes of every row of a DataTable, for the data panel's outcome column and its filter combo; and
// a row promoted to a test case that pins what the program does with it today.
//
// A row's outcome is the value of one output: the program's classification output, else its urgency output, else
// its first output, as a test case writes a value (format_output_value: `"2S_lower_back_imaging"`, `3`, `missing`).
// Columns are matched by header name as `waymark run` matches them (plan_columns), and a row is rejected for the
// same reasons: malformed, wrong field count, a value that does not read, a required value missing.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "waymark/runtime/program.h"
#include "waymark/studio/case_draft.h"
#include "waymark/studio/data_table.h"

namespace waymark::studio {

struct OutcomeValue {
  std::string value; // as format_output_value writes it
  uint64_t rows = 0;
};

class RowOutcomes {
public:
  // The filter for rows that were not evaluated. No value can be written like this (text values are quoted), so it
  // can sit in a combo next to the values.
  static constexpr std::string_view kRejected = "does not read";

  // Runs `program` over every row with one Machine. False, with the reasons, when the table lacks a column the
  // program requires (nothing is evaluated then); warnings (an optional column absent) go to `warnings`.
  bool evaluate(const DataTable& table, const rt::Program& program, std::vector<std::string>& errors,
                std::vector<std::string>& warnings);
  void clear();

  bool evaluated() const { return evaluated_; }
  // The output the outcome is the value of (index into Program::outputs), or -1 when the program has none.
  int64_t outcome_output() const { return outcome_output_; }
  const std::string& outcome_name() const { return outcome_name_; }

  // The distinct outcomes with their row counts, in order of first appearance; rejected rows are not among them.
  const std::vector<OutcomeValue>& values() const { return values_; }
  uint64_t rejected_count() const { return rejections_.size(); }

  size_t row_count() const { return value_of_row_.size(); }
  bool rejected(size_t row) const { return value_of_row_[row] == kNoValue; }
  // A row's outcome, or kRejected.
  std::string_view outcome(size_t row) const;
  // Why a row was rejected, or null when it was evaluated.
  const RowProblem* rejection(size_t row) const;
  const std::vector<RowProblem>& rejections() const { return rejections_; }
  // Rows evaluated with errors (a `unique` group with two rules true): "evaluation error: ...". They have outcomes.
  const std::vector<RowProblem>& evaluation_errors() const { return evaluation_errors_; }

  // The rows, in order, whose outcome is `outcome` (kRejected: the rows that were not evaluated).
  std::vector<size_t> filter(std::string_view outcome) const;

private:
  static constexpr uint32_t kNoValue = UINT32_MAX;
  bool evaluated_ = false;
  int64_t outcome_output_ = -1;
  std::string outcome_name_;
  std::vector<uint32_t> value_of_row_; // index into values_, or kNoValue
  std::vector<OutcomeValue> values_;
  // A value as Machine::format_output writes it (after a byte telling missing, present and list apart) -> values_.
  // Made without allocating, unlike the value as shown.
  std::unordered_map<std::string, uint32_t> value_of_key_;
  std::vector<RowProblem> rejections_;
  std::vector<RowProblem> evaluation_errors_;
};

// The output a row's outcome is read from: classification, else urgency, else the first; -1 when there is none.
int64_t outcome_output_of(const rt::Program& program);

// Row `row` of `table` as a test case named `name`: `given` holds each input column of the program once, in schema
// order, with the row's cell as a literal of the field's type (see cell_literal); `expect` pins every output the
// program gives the row today (`category = "x"`, `risk is missing`). A row that does not read gets no expectations:
// there is nothing to pin, and the case then fails as the row is rejected.
CaseDraft promote_row(const DataTable& table, size_t row, const rt::Program& program, std::string name);

// A cell as a literal for an input of `type`: text, code and code lists as string literals, a bool as true or false
// from any spelling the runtime reads (yes, agree, 1, ...), a whole number or decimal as a number, a date as
// @YYYY-MM-DD; an empty cell is missing (none). A cell that does not read as its type is kept as a string literal,
// so the source's checker points at it rather than the value vanishing.
std::optional<std::string> cell_literal(rt::ValueType type, std::string_view cell);

} // namespace waymark::studio
