#pragma once
// Writing RFC 4180 CSV, the counterpart of csv_reader.h:
//   - fields are separated by ',' and every row ends with "\n";
//   - a field is quoted with '"' exactly when it must be: when it holds ',', '"', CR or LF (a quote inside is
//     written '""'); everything else is written as it stands, with no trimming;
//   - a row of a single empty field is written `""`, so that it does not read back as a blank line.
// The free functions append to a std::string, so callers can build large blocks and write them at once;
// CsvWriter does that over a stream.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace waymark::rt {

// True when the field must be quoted: it holds ',', '"', CR or LF.
bool csv_needs_quotes(std::string_view field) noexcept;
// Appends one field, quoted when csv_needs_quotes, without a separator.
void append_csv_field(std::string& out, std::string_view field);
// Appends a whole row: fields separated by ',', then "\n".
void append_csv_row(std::string& out, std::span<const std::string_view> fields);
inline void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
  append_csv_row(out, std::span<const std::string_view>(fields.begin(), fields.size()));
}

// Rows into a buffer that goes to the stream in blocks of about flush_bytes.
// Write errors show in the stream's state; flush() reports them.
class CsvWriter {
public:
  explicit CsvWriter(std::ostream& out, size_t flush_bytes = size_t{1} << 20);
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter(); // writes what is buffered

  void field(std::string_view value); // the next field of the current row
  void end_row();
  void row(std::span<const std::string_view> fields);
  void row(std::initializer_list<std::string_view> fields) {
    row(std::span<const std::string_view>(fields.begin(), fields.size()));
  }
  // Hands the buffer to the stream and flushes it; false when the stream has failed.
  bool flush();
  uint64_t rows() const noexcept { return rows_; }

private:
  void write_buffer();

  std::ostream& out_;
  size_t flush_bytes_;
  std::string buffer_;
  size_t fields_in_row_ = 0;
  bool row_empty_ = true; // every field of the current row so far is empty
  uint64_t rows_ = 0;
};

} // namespace waymark::rt
