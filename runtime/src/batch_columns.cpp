// ColumnPlan: which input column each program field reads, and which column is the key.
#include <unordered_map>
#include <unordered_set>

#include "waymark/runtime/batch.h"

namespace waymark::rt {

std::vector<std::string> field_columns(const Program& program) {
  std::vector<std::string> columns;
  columns.reserve(program.fields.size());
  for (const auto& field : program.fields)
    columns.push_back(program.str(field.column).empty() ? program.str(field.name) : program.str(field.column));
  return columns;
}

ColumnPlan plan_columns(const Program& program, const std::vector<std::string>* header,
                        const std::string& key_override, std::vector<std::string>& errors) {
  ColumnPlan plan;
  std::unordered_map<std::string, uint32_t> cell_of;
  auto cell = [&](const std::string& column) {
    auto [it, added] = cell_of.emplace(column, static_cast<uint32_t>(plan.columns.size()));
    if (added) plan.columns.push_back(column);
    return it->second;
  };
  std::unordered_set<std::string_view> present;
  if (header != nullptr) present.insert(header->begin(), header->end());
  auto absent = [&](const std::string& column) { return header != nullptr && !present.contains(column); };

  const std::vector<std::string> columns = field_columns(program);
  const FieldInfo* key_field = nullptr;
  for (size_t f = 0; f < program.fields.size(); ++f) {
    const FieldInfo& field = program.fields[f];
    plan.field_cell.push_back(cell(columns[f]));
    if (field.key && key_field == nullptr) key_field = &field;
    if (!absent(columns[f])) continue;
    const std::string which = field.key ? "key field" : field.required ? "required field" : "optional field";
    std::string message = "the input has no column '" + columns[f] + "', which " + which + " '" +
                          program.str(field.name) + "' reads";
    if (field.key || field.required) errors.push_back(std::move(message));
    else plan.warnings.push_back(message + ": it is missing in every record");
  }

  if (!key_override.empty()) {
    plan.key_column = key_override;
    if (absent(key_override)) errors.push_back("the input has no column '" + key_override + "', named by --key");
  } else if (key_field != nullptr) {
    plan.key_column = columns[static_cast<size_t>(key_field - program.fields.data())];
  } else if (header != nullptr && !header->empty()) {
    plan.key_column = header->front();
  } else if (!columns.empty()) {
    plan.key_column = columns.front();
  } else {
    errors.push_back("the program reads no input columns and the input names none: choose the key column with --key");
  }
  plan.key_cell = cell(plan.key_column);
  return plan;
}

} // namespace waymark::rt
