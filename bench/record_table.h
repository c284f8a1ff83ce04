#pragma once
// SUS records pre-loaded in memory as the CSV holds them (raw text, "" for an empty field), so that every engine's
// pure evaluation starts from the same bytes. One arena holds all the text; a record is 6 offsets into it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::bench {

// The columns, in the order of the generator's header.
enum Column : uint32_t { kId, kProcedures, kDiagnoses, kEpisodeAge, kActivityAge, kAdminCategory, kColumnCount };
extern const std::array<std::string_view, kColumnCount> kColumnNames;

class RecordTable {
public:
  // Reads a SUS CSV with a header naming the 6 columns (in any order). At most `limit` records.
  // Throws std::runtime_error on a missing column or a malformed record.
  static RecordTable load_csv(const std::string& path, uint64_t limit = UINT64_MAX);

  size_t size() const { return (starts_.size() - 1) / kColumnCount; }
  std::string_view field(size_t record, Column column) const {
    size_t i = record * kColumnCount + column;
    return {text_.data() + starts_[i], starts_[i + 1] - starts_[i]};
  }

private:
  std::string text_;
  std::vector<uint32_t> starts_{0}; // field i is text_[starts_[i], starts_[i + 1])
};

// Maps a CSV header to the column index of each of the 6 columns; throws when one is missing.
std::array<size_t, kColumnCount> find_columns(const std::vector<std::string_view>& header);

} // namespace waymark::bench
