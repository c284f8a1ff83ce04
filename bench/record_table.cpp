#include "record_table.h"

#include <fstream>
#include <stdexcept>

#include "waymark/runtime/csv_reader.h"

namespace waymark::bench {

const std::array<std::string_view, kColumnCount> kColumnNames{"id",
                                                              "Der_Procedure_All",
                                                              "Der_Diagnosis_All",
                                                              "Age_at_Start_of_Episode_SUS",
                                                              "Der_Age_at_CDS_Activity_Date",
                                                              "Administrative_Category"};

std::array<size_t, kColumnCount> find_columns(const std::vector<std::string_view>& header) {
  std::array<size_t, kColumnCount> at{};
  for (uint32_t c = 0; c < kColumnCount; ++c) {
    size_t i = 0;
    while (i < header.size() && header[i] != kColumnNames[c]) ++i;
    if (i == header.size()) throw std::runtime_error("the CSV has no column " + std::string(kColumnNames[c]));
    at[c] = i;
  }
  return at;
}

RecordTable RecordTable::load_csv(const std::string& path, uint64_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  in.seekg(0, std::ios::end);
  auto bytes = static_cast<size_t>(in.tellg());
  in.seekg(0);
  RecordTable table;
  table.text_.reserve(bytes);
  rt::CsvReader reader(in);
  rt::CsvRecord record;
  if (!reader.next(record)) throw std::runtime_error(path + " is empty");
  auto at = find_columns(record.fields);
  const size_t columns = record.fields.size();
  while (table.size() < limit && reader.next(record)) {
    if (!record.ok() || record.fields.size() != columns) {
      throw std::runtime_error(path + ":" + std::to_string(record.line) + ": malformed record " + record.error);
    }
    for (uint32_t c = 0; c < kColumnCount; ++c) {
      table.text_.append(record.fields[at[c]]);
      if (table.text_.size() > UINT32_MAX) throw std::runtime_error(path + " is too large to pre-load (4 GiB)");
      table.starts_.push_back(static_cast<uint32_t>(table.text_.size()));
    }
  }
  if (in.bad()) throw std::runtime_error("cannot read " + path);
  return table;
}

} // namespace waymark::bench
