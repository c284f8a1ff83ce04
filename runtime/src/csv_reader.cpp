#include "waymark/runtime/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "csv_special_bytes.h"

namespace waymark::rt {
namespace {

std::string describe_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  if (c == '\r') return "character '\\r'";
  if (c == '\t') return "character '\\t'";
  if (u >= 0x20 && u < 0x7f) return std::string("character '") + c + "'";
  static constexpr char hex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
}

std::string describe_size(size_t bytes) {
  if (bytes >= (size_t{1} << 20) && bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (size_t{1} << 10) && bytes % (size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

} // namespace

CsvReader::CsvReader(std::istream &in, CsvOptions options) : in_(in), opt_(options) {
  opt_.chunk_bytes = std::max<size_t>(opt_.chunk_bytes, 1);
  buf_.resize(2 * opt_.chunk_bytes);
}

// Reads one more chunk after end_, first sliding the unconsumed bytes to the
// front or, when a record outgrows the buffer, growing it. False at end of input.
bool CsvReader::refill() {
  if (eof_) return false;
  const size_t chunk = opt_.chunk_bytes;
  if (buf_.size() - end_ < chunk) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    if (buf_.size() - end_ < chunk) {
      // Doubling keeps long records linear; the cap keeps a record the
      // limit will reject from doubling memory one last time.
      size_t cap = std::max(opt_.max_record_bytes, chunk) + 2 * chunk;
      buf_.resize(std::max(end_ + chunk, std::min(2 * buf_.size(), cap)));
    }
  }
  in_.read(buf_.data() + end_, static_cast<std::streamsize>(chunk));
  auto got = static_cast<size_t>(in_.gcount());
  end_ += got;
  if (got < chunk) eof_ = true; // a short read means end of input (or a stream error)
  return got > 0;
}

void CsvReader::fill(size_t bytes) {
  while (end_ - begin_ < bytes && refill()) {
  }
}

bool CsvReader::next(CsvRecord &record) {
  record.fields.clear();
  record.error.clear();
  if (!started_) {
    started_ = true;
    fill(3);
    if (end_ - begin_ >= 3 && std::memcmp(buf_.data() + begin_, "\xEF\xBB\xBF", 3) == 0) begin_ += 3;
  }
  // Blank lines are counted, not returned, until a non-blank line shows they
  // are not trailing; at end of input they are dropped.
  for (;;) {
    fill(2);
    if (begin_ == end_) return false;
    const char *p = buf_.data() + begin_;
    size_t eol = p[0] == '\n' ? 1 : (p[0] == '\r' && end_ - begin_ >= 2 && p[1] == '\n') ? 2 : 0;
    if (eol == 0) break;
    if (blank_lines_++ == 0) blank_line_ = line_;
    begin_ += eol;
    ++line_;
  }
  ++records_;
  if (blank_lines_ > 0) {
    --blank_lines_;
    record.line = blank_line_++;
    record.fields.emplace_back();
    return true;
  }
  parse_record(record);
  if (!record.error.empty()) ++malformed_;
  return true;
}

// One record from begin_, unescaped in place: the bytes of each field are
// written back over the input at w <= r (a '""' makes w fall behind r), so a
// field is a view into buf_ and nothing is copied out. Runs out of input are
// refilled in the middle of a record, so the state lives in locals here.
void CsvReader::parse_record(CsvRecord &record) {
  enum class State { field_start, unquoted, quoted, after_quote };
  State state = State::field_start;
  char *base = buf_.data() + begin_;
  size_t n = end_ - begin_;
  size_t r = 0, w = 0;      // read and write offsets from base
  uint64_t line = line_;    // physical line at r
  uint64_t quote_line = 0;  // where the current quoted field opened
  size_t skipped_bytes = 0; // dropped while skipping an over-limit record
  size_t skipped_fields = 0;
  bool skipping = false;
  size_t eol = 0; // 1 for LF, 2 for CRLF, 0 at end of input
  record.line = line_;
  ends_.clear();

  auto fail = [&](std::string message) {
    if (record.error.empty())
      record.error = "field " + std::to_string(skipped_fields + ends_.size() + 1) + ": " + message;
  };
  auto end_field = [&] {
    ends_.push_back(w);
    if (skipped_fields + ends_.size() > opt_.max_fields) skipping = true;
  };
  // More input for the current record; false at end of input.
  auto more = [&] {
    if (!skipping && r > opt_.max_record_bytes) skipping = true;
    if (skipping) {
      // Drop what is consumed so an over-limit record costs no memory.
      begin_ += r;
      skipped_bytes += r;
      skipped_fields += ends_.size();
      ends_.clear();
      r = w = 0;
    }
    bool got = refill();
    base = buf_.data() + begin_;
    n = end_ - begin_;
    return got;
  };
  // At a CR: 2 when CRLF ends the record, 0 when the CR is data, 1 when the
  // next byte is not read yet.
  auto crlf = [&]() -> int {
    if (r + 1 < n) return base[r + 1] == '\n' ? 2 : 0;
    return eof_ ? 0 : 1;
  };

  for (;;) {
    if (r == n && !more()) {
      if (state == State::quoted)
        fail("unterminated quoted field (the quote on line " + std::to_string(quote_line) + " is never closed)");
      end_field();
      break;
    }
    const char c = base[r];
    if (state == State::field_start) {
      if (c == '"') {
        state = State::quoted;
        quote_line = line;
        ++r;
        continue;
      }
      state = State::unquoted;
    }
    if (state == State::unquoted) {
      size_t s = r;
      while (r < n && !kCsvSpecialBytes[static_cast<unsigned char>(base[r])]) ++r;
      if (w != s) std::memmove(base + w, base + s, r - s);
      w += r - s;
      if (r == n) continue;
      const char stop = base[r];
      if (stop == ',') {
        end_field();
        ++r;
        state = State::field_start;
      } else if (stop == '\n') {
        eol = 1;
      } else if (stop == '\r') {
        int k = crlf();
        if (k == 1 && more()) continue;
        if (k == 2) {
          eol = 2;
        } else {
          base[w++] = '\r';
          ++r;
        }
      } else {
        fail("unexpected '\"' in an unquoted field");
        base[w++] = '"';
        ++r;
      }
      if (eol != 0) {
        end_field();
        break;
      }
    } else if (state == State::quoted) {
      size_t s = r;
      while (r < n && base[r] != '"') line += base[r++] == '\n';
      if (w != s) std::memmove(base + w, base + s, r - s);
      w += r - s;
      if (r < n) {
        ++r;
        state = State::after_quote;
      }
    } else { // after_quote: a quote closed the field, or starts a '""'
      if (c == '"') {
        base[w++] = '"';
        ++r;
        state = State::quoted;
      } else if (c == ',') {
        end_field();
        ++r;
        state = State::field_start;
      } else if (c == '\n') {
        eol = 1;
      } else if (c == '\r' && crlf() == 1) {
        more(); // on end of input the CR is seen again as data
      } else if (c == '\r' && crlf() == 2) {
        eol = 2;
      } else {
        // Keep the rest as unquoted data, as most readers do.
        fail("unexpected " + describe_byte(c) + " after closing quote");
        state = State::unquoted;
      }
      if (eol != 0) {
        end_field();
        break;
      }
    }
  }

  const size_t length = skipped_bytes + r; // without the line ending
  begin_ += r + eol;
  line_ = line + (eol != 0);
  if (length > opt_.max_record_bytes) {
    record.error = "record is larger than " + describe_size(opt_.max_record_bytes);
    return;
  }
  if (skipping) {
    record.error = "record has more than " + std::to_string(opt_.max_fields) + " fields";
    return;
  }
  size_t from = 0;
  for (size_t to : ends_) {
    record.fields.emplace_back(base + from, to - from);
    from = to;
  }
}

} // namespace waymark::rt
