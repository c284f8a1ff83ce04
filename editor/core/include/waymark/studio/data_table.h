#pragma once
// A CSV file as the data panel browses it: read once on opening, then any row parsed again on demand, so that a
// list clipper showing rows 500,000 to 500,040 costs 40 small parses and a million-row file costs its bytes plus
// 16 bytes a row (where each record starts), not a million vectors of strings.
//
// The format is the runtime's (csv_reader.h: RFC 4180, LF or CRLF, a UTF-8 BOM skipped) with a header row, as
// `waymark run` reads it. Rows that are malformed or have the wrong number of fields are kept, in place, and
// flagged with their line and the reason, so the panel shows what the batch run would reject instead of hiding it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace waymark::studio {

struct RowProblem {
  size_t row = 0;     // index into the table's rows
  uint64_t line = 0;  // 1-based physical line where the record starts (the header is line 1)
  std::string reason; // "expected 6 fields, found 5", or the CSV reader's message
};

class DataTable {
public:
  // Where one record starts in the file's bytes, and on which physical line.
  struct RecordStart {
    uint64_t offset = 0;
    uint64_t line = 0;
  };

  // Reads the file. False, with a reason, when it cannot be read or has no usable header row; the table is then
  // empty.
  bool open(const std::string& path, std::string& error);
  // The same for bytes already in memory (a file's contents, a test's text).
  bool open_bytes(std::string bytes, std::string& error);
  void clear();

  const std::string& path() const { return path_; }
  const std::vector<std::string>& header() const { return header_; }
  size_t row_count() const { return rows_.size(); }
  uint64_t line(size_t row) const { return rows_[row].line; }

  // The cells of a row, as the file writes them (quotes removed, `""` made `"`). A malformed row gives what the
  // reader could salvage; it may have more or fewer cells than the header.
  std::vector<std::string> row(size_t index) const;
  // The same into `cells`, reusing its strings (for a clipper asking row after row).
  void read_row(size_t index, std::vector<std::string>& cells) const;
  // Calls `visit` with each row's cells in file order, from one streaming pass (no per-row allocation): the views
  // are valid during the call only. `problem` is empty for a well-formed row.
  template <typename Visit> void for_each_row(Visit&& visit) const;

  // Rows kept although malformed, in row order.
  const std::vector<RowProblem>& problems() const { return problems_; }
  // The problem of a row, or null when it is well formed.
  const RowProblem* problem(size_t row) const;

  // What the table holds besides the file's bytes, for checking that it stays O(rows).
  size_t index_bytes() const { return rows_.capacity() * sizeof(RecordStart); }
  size_t file_bytes() const { return bytes_.size(); }

private:
  using RowVisitor = void (*)(void* context, size_t row, const std::vector<std::string_view>& cells,
                              std::string_view problem);
  void visit_rows(void* context, RowVisitor visitor) const;
  bool index_records(std::string& error);

  std::string path_;
  std::string bytes_;
  std::vector<std::string> header_;
  std::vector<RecordStart> rows_;
  std::vector<RowProblem> problems_;
};

template <typename Visit> void DataTable::for_each_row(Visit&& visit) const {
  visit_rows(&visit, [](void* context, size_t row, const std::vector<std::string_view>& cells, std::string_view problem) {
    (*static_cast<std::remove_reference_t<Visit>*>(context))(row, cells, problem);
  });
}

} // namespace waymark::studio
