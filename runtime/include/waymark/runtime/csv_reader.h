#pragma once
// Streaming RFC 4180 CSV for batch runs over large extracts (millions of SUS
// rows): input is read in fixed-size chunks, so memory stays flat however
// large the file, and the steady state allocates nothing.
//
// The format:
//   - fields are separated by ','; a record ends with LF or CRLF, and a lone
//     CR is data (old Mac CR-only files are one long record);
//   - a field may be quoted with '"'; inside quotes ',' CR and LF are data
//     (a record can span physical lines) and a quote is written '""';
//   - a UTF-8 byte order mark (EF BB BF) at the very start is skipped;
//   - a final record without a line ending is still a record;
//   - fields are returned exactly as written: no trimming, no type guessing.
//
// Blank lines: a completely empty line (nothing before its LF or CRLF) in the
// middle of the input is a record with one empty field, so it is reported and
// the caller rejects it by its column count with a line number, rather than a
// row vanishing silently. Blank lines at the end of the input (an editor or
// export artefact) are skipped. `""` is never blank: it is one empty field.
//
// Malformed records are still returned, with `error` set, fields made on a
// best-effort basis, and reading going on at the next record, so a caller can
// write them to an errors file and continue. Only the first problem in a
// record is reported; the column is 1-based:
//   field 2: unexpected '"' in an unquoted field          (ab"c: kept as data)
//   field 2: unexpected character 'c' after closing quote ("ab"c: kept as abc)
//   field 2: unterminated quoted field (the quote on line 7 is never closed)
// An unmatched quote runs to the end of the input (RFC 4180 gives no way to
// tell where it should have stopped); the record limits below bound it.
//
// Guards against pathological input: a record longer than max_record_bytes
// (counted without its line ending) or with more than max_fields fields is
// returned with no fields and the error "record is larger than 16 MiB" or
// "record has more than 65536 fields"; its bytes are skipped, not stored, up to
// the record's end (the next line ending outside quotes, or end of input).
// These errors replace any earlier one in the same record.
//
// Reading stops at end of input or on a stream error; check the stream's
// bad() afterwards to tell them apart.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::rt {

struct CsvRecord {
  std::vector<std::string_view> fields; // valid until the reader's next call
  uint64_t line = 0;                    // 1-based physical line where the record starts
  std::string error;                    // empty when the record is well formed
  bool ok() const noexcept { return error.empty(); }
};

struct CsvOptions {
  size_t chunk_bytes = size_t{64} << 10;      // bytes asked of the stream per read (0 counts as 1)
  size_t max_record_bytes = size_t{16} << 20; // longest record kept
  size_t max_fields = size_t{1} << 16;        // most fields kept in one record
};

class CsvReader {
public:
  explicit CsvReader(std::istream &in, CsvOptions options = {});

  // Fills `record` (its vectors and strings are reused) with the next record;
  // false at end of input.
  bool next(CsvRecord &record);

  uint64_t records_read() const noexcept { return records_; }
  uint64_t malformed_records() const noexcept { return malformed_; }
  // Bytes held for input: about 2 chunks normally, and never much more than
  // max_record_bytes + 2 chunks, whatever the input.
  size_t buffer_capacity() const noexcept { return buf_.size(); }
  const CsvOptions &options() const noexcept { return opt_; }

private:
  bool refill();
  void fill(size_t bytes);
  void parse_record(CsvRecord &record);

  std::istream &in_;
  CsvOptions opt_;
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0; // bytes of buf_ read but not yet consumed
  bool eof_ = false;
  bool started_ = false;     // the BOM check has been done
  uint64_t line_ = 1;        // physical line at begin_
  uint64_t blank_lines_ = 0; // blank lines held back until we know they are not trailing
  uint64_t blank_line_ = 0;  // line of the first held-back blank line
  uint64_t records_ = 0, malformed_ = 0;
  std::vector<size_t> ends_; // where each field of the record ends in the unescaped bytes
};

} // namespace waymark::rt
