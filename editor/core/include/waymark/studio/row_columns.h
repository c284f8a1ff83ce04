#pragma once
// How a DataTable's rows become a program's records: columns matched by header name as `waymark run` matches them
// (plan_columns), and a row's cells laid out in the program's field order. The data panel's outcomes and the
// debugger's row both read rows this way, so a row the panel shows as rejected is the row the debugger refuses.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/batch.h"
#include "waymark/runtime/program.h"

namespace waymark::studio {

class RowColumns {
public:
  // Matches the program's fields to `header`. False, with the reasons, when the header lacks a column the program
  // requires (the plan is then unusable); an optional column absent goes to `warnings`.
  bool plan(const rt::Program &program, const std::vector<std::string> &header, std::vector<std::string> &errors,
            std::vector<std::string> &warnings);

  // A row's cells as the program's raw record (program.fields order); a column the header or row lacks is missing.
  // The views point into `cells`.
  template <typename Cell>
  void fill(const std::vector<Cell> &cells, std::vector<std::string_view> &raw) const;

private:
  static constexpr int64_t kAbsent = -1;
  rt::ColumnPlan plan_;
  std::vector<int64_t> in_header_; // per planned column: its index in the header, or kAbsent
};

template <typename Cell>
void RowColumns::fill(const std::vector<Cell> &cells, std::vector<std::string_view> &raw) const {
  raw.resize(plan_.field_cell.size());
  for (size_t f = 0; f < raw.size(); ++f) {
    const int64_t at = in_header_[plan_.field_cell[f]];
    raw[f] = at != kAbsent && static_cast<size_t>(at) < cells.size() ? std::string_view(cells[static_cast<size_t>(at)])
                                                                     : std::string_view();
  }
}

} // namespace waymark::studio
