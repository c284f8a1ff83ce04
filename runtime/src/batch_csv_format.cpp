// CsvFormat: evaluated records as CSV rows (the key column, then every output).
#include "waymark/runtime/batch.h"
#include "waymark/runtime/csv_writer.h"

namespace waymark::rt {

CsvFormat::CsvFormat(const Program& program, std::string key_column)
    : outputs_(static_cast<uint32_t>(program.outputs.size())) {
  std::vector<std::string_view> names{key_column};
  for (const auto& output : program.outputs) names.push_back(program.str(output.name));
  append_csv_row(header_, names);
}

void CsvFormat::header(std::string& out) const { out.append(header_); }

void CsvFormat::record(std::string_view key, const Machine& machine, std::string& scratch, std::string& out) const {
  if (outputs_ == 0 && key.empty()) {
    out.append("\"\"\n"); // a lone empty field, which must not read back as a blank line
    return;
  }
  append_csv_field(out, key);
  for (uint32_t o = 0; o < outputs_; ++o) {
    out.push_back(',');
    scratch.clear();
    machine.format_output(o, scratch);
    append_csv_field(out, scratch);
  }
  out.push_back('\n');
}

} // namespace waymark::rt
