// A row's cells in a program's field order, by header name.
#include "waymark/studio/row_columns.h"

#include <unordered_map>

namespace waymark::studio {

bool RowColumns::plan(const rt::Program &program, const std::vector<std::string> &header,
                      std::vector<std::string> &errors, std::vector<std::string> &warnings) {
  const size_t errors_before = errors.size();
  plan_ = rt::plan_columns(program, &header, "", errors);
  in_header_.clear();
  if (errors.size() != errors_before) return false;
  warnings.insert(warnings.end(), plan_.warnings.begin(), plan_.warnings.end());
  std::unordered_map<std::string_view, int64_t> index;
  for (size_t i = 0; i < header.size(); ++i) index.emplace(header[i], static_cast<int64_t>(i));
  for (const std::string &column : plan_.columns) {
    auto it = index.find(column);
    in_header_.push_back(it == index.end() ? kAbsent : it->second);
  }
  return true;
}

} // namespace waymark::studio
