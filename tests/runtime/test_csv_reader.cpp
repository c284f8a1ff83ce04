#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "waymark/runtime/csv_reader.h"

using namespace waymark::rt;

namespace {

// A record copied out of the reader, so whole inputs can be compared.
struct Rec {
  std::vector<std::string> fields;
  uint64_t line = 0;
  std::string error;
  bool operator==(const Rec &) const = default;
};

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\r')
      out += "\\r";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::ostream &operator<<(std::ostream &os, const Rec &r) {
  os << "{line " << r.line << ":";
  for (const auto &f : r.fields) os << " [" << escape(f) << "]";
  if (!r.error.empty()) os << " error: " << r.error;
  return os << "}";
}

using Recs = std::vector<Rec>;

Recs read_all(std::istream &in, CsvOptions options = {}) {
  CsvReader reader(in, options);
  CsvRecord record; // one record reused throughout, as a caller would
  Recs out;
  while (reader.next(record)) {
    Rec r{{}, record.line, record.error};
    for (auto f : record.fields) r.fields.emplace_back(f);
    CHECK(record.ok() == record.error.empty());
    out.push_back(std::move(r));
  }
  CHECK(reader.records_read() == out.size());
  CHECK(reader.malformed_records() ==
        static_cast<uint64_t>(std::count_if(out.begin(), out.end(), [](const Rec &r) { return !r.error.empty(); })));
  CHECK_FALSE(reader.next(record)); // end of input is sticky
  return out;
}

Recs read_all(std::string_view text, CsvOptions options = {}) {
  std::istringstream in{std::string(text)};
  return read_all(in, options);
}

Rec rec(uint64_t line, std::vector<std::string> fields, std::string error = "") {
  return Rec{std::move(fields), line, std::move(error)};
}

// Serves pieces of text, each repeated, without holding the whole input:
// lets tests push tens of MiB through the reader cheaply.
class RepeatBuf : public std::streambuf {
public:
  explicit RepeatBuf(std::vector<std::pair<std::string, size_t>> pieces) : pieces_(std::move(pieces)) {}

private:
  int_type underflow() override {
    while (piece_ < pieces_.size() && left_ == 0) {
      if (started_) ++piece_;
      started_ = true;
      if (piece_ < pieces_.size()) left_ = pieces_[piece_].second;
    }
    if (piece_ == pieces_.size()) return traits_type::eof();
    const std::string &text = pieces_[piece_].first;
    block_.clear();
    while (left_ > 0 && block_.size() < 65536) {
      block_ += text;
      --left_;
    }
    setg(block_.data(), block_.data(), block_.data() + block_.size());
    return traits_type::to_int_type(block_[0]);
  }

  std::vector<std::pair<std::string, size_t>> pieces_;
  size_t piece_ = 0, left_ = 0;
  bool started_ = false;
  std::string block_;
};

} // namespace

TEST_CASE("csv: simple rows", "[csv]") {
  CHECK(read_all("a,b,c\n1,2,3\n") == Recs{rec(1, {"a", "b", "c"}), rec(2, {"1", "2", "3"})});
  CHECK(read_all("RXH01,M545,2024-01-31\n") == Recs{rec(1, {"RXH01", "M545", "2024-01-31"})});
  CHECK(read_all("single\n") == Recs{rec(1, {"single"})});
  CHECK(read_all("").empty());
}

TEST_CASE("csv: LF and CRLF line endings, and a lone CR is data", "[csv]") {
  const Recs expected{rec(1, {"a", "b"}), rec(2, {"c", "d"})};
  CHECK(read_all("a,b\nc,d\n") == expected);
  CHECK(read_all("a,b\r\nc,d\r\n") == expected);
  CHECK(read_all("a,b\r\nc,d\n") == expected);
  CHECK(read_all("a,b\r\nc,d") == expected);
  CHECK(read_all("a\rb,c\n") == Recs{rec(1, {"a\rb", "c"})});
  CHECK(read_all("a\r\r\n") == Recs{rec(1, {"a\r"})});
  CHECK(read_all("a,\r\n") == Recs{rec(1, {"a", ""})});
  CHECK(read_all("\rx\n") == Recs{rec(1, {"\rx"})});
  CHECK(read_all("a\r") == Recs{rec(1, {"a\r"})}); // a CR at end of input is not a line ending
  CHECK(read_all("a\rb\rc\r") == Recs{rec(1, {"a\rb\rc\r"})});
}

TEST_CASE("csv: a UTF-8 byte order mark at the very start is skipped", "[csv]") {
  CHECK(read_all("\xEF\xBB\xBFid,code\n1,M545\n") == Recs{rec(1, {"id", "code"}), rec(2, {"1", "M545"})});
  CHECK(read_all("\xEF\xBB\xBF\"q\"\n") == Recs{rec(1, {"q"})});
  CHECK(read_all("\xEF\xBB\xBF").empty());
  CHECK(read_all("\xEF\xBB\xBF\n\n").empty());
  // Only at the very start, and only whole.
  CHECK(read_all("a\n\xEF\xBB\xBF"
                 "b\n") == Recs{rec(1, {"a"}), rec(2, {"\xEF\xBB\xBF"
                                                       "b"})});
  CHECK(read_all("\xEF\xBB\xBF\xEF\xBB\xBF"
                 "a") == Recs{rec(1, {"\xEF\xBB\xBF"
                                      "a"})});
  CHECK(read_all("\xEF\xBB"
                 "a") == Recs{rec(1, {"\xEF\xBB"
                                      "a"})});
  CHECK(read_all("\xEF") == Recs{rec(1, {"\xEF"})});
}

TEST_CASE("csv: quoted fields hold commas, line endings and doubled quotes", "[csv]") {
  CHECK(read_all("\"a,b\",c\n") == Recs{rec(1, {"a,b", "c"})});
  CHECK(read_all("\"say \"\"hi\"\"\",x\n") == Recs{rec(1, {"say \"hi\"", "x"})});
  CHECK(read_all("\"\"\"\"\n") == Recs{rec(1, {"\""})});
  CHECK(read_all("\"a\nb\",c\n") == Recs{rec(1, {"a\nb", "c"})});
  CHECK(read_all("\"a\r\nb\"\r\n") == Recs{rec(1, {"a\r\nb"})});
  CHECK(read_all("\"a\rb\"\n") == Recs{rec(1, {"a\rb"})});
  CHECK(read_all("x,\"\"\n") == Recs{rec(1, {"x", ""})});
  CHECK(read_all("\"\"") == Recs{rec(1, {""})});
  CHECK(read_all("\"a\"\"\",\"\"\"b\"\n") == Recs{rec(1, {"a\"", "\"b"})});
  // Unescaping shifts bytes within the buffer; later fields must still be right.
  CHECK(read_all("\"\"\"\"\"\",abc,\"d,\"\"e\"\"\",f\n2\n") ==
        Recs{rec(1, {"\"\"", "abc", "d,\"e\"", "f"}), rec(2, {"2"})});
}

TEST_CASE("csv: empty fields", "[csv]") {
  CHECK(read_all("a,,c\n") == Recs{rec(1, {"a", "", "c"})});
  CHECK(read_all("a,b,\n") == Recs{rec(1, {"a", "b", ""})});
  CHECK(read_all(",a\n") == Recs{rec(1, {"", "a"})});
  CHECK(read_all(",\n") == Recs{rec(1, {"", ""})});
  CHECK(read_all(",,\r\n") == Recs{rec(1, {"", "", ""})});
  CHECK(read_all("a,") == Recs{rec(1, {"a", ""})});
  CHECK(read_all("\"\",\"\"\n") == Recs{rec(1, {"", ""})});
}

TEST_CASE("csv: a record spanning lines has its start line, and later lines count on", "[csv]") {
  CHECK(read_all("h1,h2\n\"x\ny\nz\",w\nnext,row\n\"a\r\nb\"\nlast") ==
        Recs{rec(1, {"h1", "h2"}), rec(2, {"x\ny\nz", "w"}), rec(5, {"next", "row"}), rec(6, {"a\r\nb"}),
             rec(8, {"last"})});
  // A lone CR is not a line break, so it does not move the count.
  CHECK(read_all("a\rb\nc\n") == Recs{rec(1, {"a\rb"}), rec(2, {"c"})});
}

TEST_CASE("csv: a final record without a line ending is a record", "[csv]") {
  CHECK(read_all("a,b\nc,d") == Recs{rec(1, {"a", "b"}), rec(2, {"c", "d"})});
  CHECK(read_all("a") == Recs{rec(1, {"a"})});
  CHECK(read_all("\"q,\"") == Recs{rec(1, {"q,"})});
  CHECK(read_all("\"q\"\"\"") == Recs{rec(1, {"q\""})});
}

TEST_CASE("csv: a blank line is a one-field record unless only blank lines follow", "[csv]") {
  CHECK(read_all("a,b\n\nc,d\n") == Recs{rec(1, {"a", "b"}), rec(2, {""}), rec(3, {"c", "d"})});
  CHECK(read_all("a\r\n\r\n\r\nb\r\n") == Recs{rec(1, {"a"}), rec(2, {""}), rec(3, {""}), rec(4, {"b"})});
  CHECK(read_all("\n\na\n") == Recs{rec(1, {""}), rec(2, {""}), rec(3, {"a"})});
  CHECK(read_all("\na") == Recs{rec(1, {""}), rec(2, {"a"})});
  // Trailing blank lines are dropped, however they end.
  CHECK(read_all("a,b\n\n") == Recs{rec(1, {"a", "b"})});
  CHECK(read_all("a,b\n\r\n\n\r\n") == Recs{rec(1, {"a", "b"})});
  CHECK(read_all("a,b\n\n\nc\n\n") == Recs{rec(1, {"a", "b"}), rec(2, {""}), rec(3, {""}), rec(4, {"c"})});
  CHECK(read_all("\n").empty());
  CHECK(read_all("\r\n\n").empty());
  // Not blank: a quoted empty field, and a line holding a lone CR.
  CHECK(read_all("\"\"\n\n") == Recs{rec(1, {""})});
  CHECK(read_all("a\n\r\r\nb\n") == Recs{rec(1, {"a"}), rec(2, {"\r"}), rec(3, {"b"})});
  CHECK(read_all("a\n\r") == Recs{rec(1, {"a"}), rec(2, {"\r"})});
}

TEST_CASE("csv: a quote inside an unquoted field", "[csv]") {
  CHECK(read_all("x,ab\"c,y\nnext\n") ==
        Recs{rec(1, {"x", "ab\"c", "y"}, "field 2: unexpected '\"' in an unquoted field"), rec(2, {"next"})});
  CHECK(read_all("a\"\n\"b\"\n") ==
        Recs{rec(1, {"a\""}, "field 1: unexpected '\"' in an unquoted field"), rec(2, {"b"})});
  // The quote does not open a quoted section, so the newline still ends the record.
  CHECK(read_all("1,2,3,x\"y\nz\"\n") ==
        Recs{rec(1, {"1", "2", "3", "x\"y"}, "field 4: unexpected '\"' in an unquoted field"),
             rec(2, {"z\""}, "field 1: unexpected '\"' in an unquoted field")});
}

TEST_CASE("csv: characters after a closing quote", "[csv]") {
  CHECK(read_all("x,\"ab\"c,y\nnext\n") ==
        Recs{rec(1, {"x", "abc", "y"}, "field 2: unexpected character 'c' after closing quote"), rec(2, {"next"})});
  CHECK(read_all("\"ab\" ,c\n") == Recs{rec(1, {"ab ", "c"}, "field 1: unexpected character ' ' after closing quote")});
  CHECK(read_all("a,b,\"c\"\xC3\xA9\n") ==
        Recs{rec(1, {"a", "b", "c\xC3\xA9"}, "field 3: unexpected byte 0xC3 after closing quote")});
  CHECK(read_all("\"ab\"\r,x\r\n") ==
        Recs{rec(1, {"ab\r", "x"}, "field 1: unexpected character '\\r' after closing quote")});
  CHECK(read_all("\"ab\"\t\n") == Recs{rec(1, {"ab\t"}, "field 1: unexpected character '\\t' after closing quote")});
  CHECK(read_all("\"ab\"\r") == Recs{rec(1, {"ab\r"}, "field 1: unexpected character '\\r' after closing quote")});
  // Only the first problem is reported.
  CHECK(read_all("\"a\"b\"c\",d\"\n") ==
        Recs{rec(1, {"ab\"c\"", "d\""}, "field 1: unexpected character 'b' after closing quote")});
  CHECK(read_all("a\"b,\"c\"d\n") == Recs{rec(1, {"a\"b", "cd"}, "field 1: unexpected '\"' in an unquoted field")});
}

TEST_CASE("csv: an unterminated quoted field runs to the end of the input", "[csv]") {
  CHECK(read_all("a,b\nc,\"de\nf,g\n") ==
        Recs{rec(1, {"a", "b"}),
             rec(2, {"c", "de\nf,g\n"}, "field 2: unterminated quoted field (the quote on line 2 is never closed)")});
  CHECK(read_all("\"x\ny\",\n\"") ==
        Recs{rec(1, {"x\ny", ""}),
             rec(3, {""}, "field 1: unterminated quoted field (the quote on line 3 is never closed)")});
  // The quote opened on a later line than the record.
  CHECK(read_all("\"a\nb\",\"c") ==
        Recs{rec(1, {"a\nb", "c"}, "field 2: unterminated quoted field (the quote on line 2 is never closed)")});
}

TEST_CASE("csv: reading goes on after a malformed record", "[csv]") {
  std::istringstream in("id,code\n1,\"M54\"5\n2,M545\n3,M5\"45\n\n4,\"ok\"\n");
  CsvReader reader(in);
  CsvRecord r;
  REQUIRE(reader.next(r));
  CHECK(r.ok());
  REQUIRE(reader.next(r));
  CHECK(r.line == 2);
  CHECK(r.error == "field 2: unexpected character '5' after closing quote");
  REQUIRE(reader.next(r));
  CHECK(r.line == 3);
  CHECK(r.ok()); // the reused record's error was cleared
  CHECK(r.fields == std::vector<std::string_view>{"2", "M545"});
  REQUIRE(reader.next(r));
  CHECK(r.line == 4);
  CHECK(r.error == "field 2: unexpected '\"' in an unquoted field");
  REQUIRE(reader.next(r));
  CHECK(r.line == 5);
  CHECK(r.fields == std::vector<std::string_view>{""});
  REQUIRE(reader.next(r));
  CHECK(r.line == 6);
  CHECK(r.fields == std::vector<std::string_view>{"4", "ok"});
  CHECK_FALSE(reader.next(r));
  CHECK(reader.records_read() == 6);
  CHECK(reader.malformed_records() == 2);
}

TEST_CASE("csv: a record over the size limit is skipped to its end", "[csv]") {
  CsvOptions small;
  small.max_record_bytes = 8;
  CHECK(read_all("12345678\n123456789\nok\n", small) ==
        Recs{rec(1, {"12345678"}), rec(2, {}, "record is larger than 8 bytes"), rec(3, {"ok"})});
  // The line ending does not count.
  CHECK(read_all("12345678\r\n1234567\r\r\n", small) == Recs{rec(1, {"12345678"}), rec(2, {"1234567\r"})});
  // Skipping follows quotes: the newlines inside the quoted field do not end the record.
  CHECK(read_all("\"0123456789\nabc\",x\nnext,row\n", small) ==
        Recs{rec(1, {}, "record is larger than 8 bytes"), rec(3, {"next", "row"})});
  // The size error replaces an earlier one, even an unterminated quote.
  CHECK(read_all("a\"bcdefghij\nok\n", small) == Recs{rec(1, {}, "record is larger than 8 bytes"), rec(2, {"ok"})});
  CHECK(read_all("ok\n\"abcdefghij\nk", small) == Recs{rec(1, {"ok"}), rec(2, {}, "record is larger than 8 bytes")});
  small.max_record_bytes = 2048;
  CHECK(read_all(std::string(2049, 'x') + "\n" + std::string(2048, 'y'), small) ==
        Recs{rec(1, {}, "record is larger than 2 KiB"), rec(2, {std::string(2048, 'y')})});
  small.max_record_bytes = 1;
  CHECK(read_all("ab\n", small) == Recs{rec(1, {}, "record is larger than 1 byte")});
  small.max_record_bytes = 0; // only blank lines get through
  CHECK(read_all("a\n\nb", small) ==
        Recs{rec(1, {}, "record is larger than 0 bytes"), rec(2, {""}), rec(3, {}, "record is larger than 0 bytes")});
}

TEST_CASE("csv: a record with too many fields is skipped to its end", "[csv]") {
  CsvOptions few;
  few.max_fields = 3;
  CHECK(read_all("a,b,c\na,b,c,d\n\"x\ny\",,,\nok\n", few) ==
        Recs{rec(1, {"a", "b", "c"}), rec(2, {}, "record has more than 3 fields"),
             rec(3, {}, "record has more than 3 fields"), rec(5, {"ok"})});
  // Over both limits: the size is reported.
  few.max_record_bytes = 4;
  CHECK(read_all("a,b,c,d\n", few) == Recs{rec(1, {}, "record is larger than 4 bytes")});
  // Default: 65536.
  CHECK(read_all(std::string(65535, ',') + "\n" + std::string(65536, ',')) ==
        Recs{rec(1, std::vector<std::string>(65536)), rec(2, {}, "record has more than 65536 fields")});
}

TEST_CASE("csv: a huge record costs no more memory than the limit", "[csv]") {
  // One 20 MiB field against the default 16 MiB limit.
  RepeatBuf huge({{"abcdefgh", 20 << 17}, {"\nok\n", 1}});
  std::istream in(&huge);
  CsvReader reader(in);
  CsvRecord r;
  REQUIRE(reader.next(r));
  CHECK(r.line == 1);
  CHECK(r.error == "record is larger than 16 MiB");
  CHECK(r.fields.empty());
  CHECK(reader.buffer_capacity() <= (size_t{16} << 20) + 2 * (size_t{64} << 10));
  REQUIRE(reader.next(r));
  CHECK(r.line == 2);
  CHECK(r.fields == std::vector<std::string_view>{"ok"});
  CHECK_FALSE(reader.next(r));

  // A 40 MiB quoted field full of newlines: skipped bytes are dropped, and lines still counted.
  RepeatBuf quoted({{"x,\"", 1}, {"line\n", 8 << 20}, {"\",y\nnext\n", 1}});
  std::istream in2(&quoted);
  CsvOptions options;
  options.max_record_bytes = 1 << 20;
  options.chunk_bytes = 4096;
  CsvReader reader2(in2, options);
  REQUIRE(reader2.next(r));
  CHECK(r.error == "record is larger than 1 MiB");
  CHECK(reader2.buffer_capacity() <= (size_t{1} << 20) + 2 * 4096);
  REQUIRE(reader2.next(r));
  CHECK(r.line == (8 << 20) + 2);
  CHECK(r.fields == std::vector<std::string_view>{"next"});
}

TEST_CASE("csv: memory stays flat over many records", "[csv]") {
  RepeatBuf rows({{"id,code\n", 1}, {"12345,\"M54,\"\"5\"\"\",2024-01-31,\r\n", 300000}});
  std::istream in(&rows);
  CsvOptions options;
  options.chunk_bytes = 4096;
  CsvReader reader(in, options);
  CsvRecord r;
  REQUIRE(reader.next(r));
  uint64_t good = 0;
  while (reader.next(r))
    good += r.ok() && r.fields.size() == 4 && r.fields[1] == "M54,\"5\"" && r.fields[3].empty() &&
            r.line == reader.records_read();
  CHECK(good == 300000);
  CHECK(reader.buffer_capacity() == 2 * 4096);
}

TEST_CASE("csv: results do not depend on the chunk size", "[csv]") {
  const std::vector<std::string> inputs = {
      "\xEF\xBB\xBFid,code,\"name\"\r\n1,M545,\"Smith, J\"\r\n2,,\"say \"\"hi\"\"\"\r\n",
      "a,b\n\n\"multi\nline\r\nfield\",x\n\nlast",
      "x,ab\"c,y\nnext\n\"ab\"c\r\n\"ab\"\r,\"\"\"\"\r\n\"open\n,\n",
      "a\rb\r\r\n\r\r\n\"\r\"\r\n\r",
      "\"\"\"\"\"\",abc,\"d,\"\"e\"\"\",f\n2\n\n\r\n\n",
      "12345678\n123456789\n\"0123456789\nabc\",x\nnext,row\n,,,,\n\"a\",\"b\"\"\",,\"c\"\n",
      "\xEF\xBB",
      "\r",
      "\"\"",
  };
  for (const auto &input : inputs) {
    for (CsvOptions limits : {CsvOptions{}, CsvOptions{.max_record_bytes = 8, .max_fields = 3}}) {
      const Recs expected = read_all(input, limits);
      REQUIRE_FALSE(expected.empty());
      for (size_t chunk = 1; chunk <= 7; ++chunk) {
        INFO("input: " << escape(input) << "; chunk: " << chunk << "; max bytes " << limits.max_record_bytes);
        limits.chunk_bytes = chunk;
        CHECK(read_all(input, limits) == expected);
      }
    }
  }
}

namespace {

// The reference: a whole-string parser written for obviousness, not speed.
Recs reference_parse(const std::string &in, size_t max_bytes, size_t max_fields) {
  auto line_end_at = [&](size_t k) -> size_t {
    if (k < in.size() && in[k] == '\n') return 1;
    if (k + 1 < in.size() && in[k] == '\r' && in[k + 1] == '\n') return 2;
    return 0;
  };
  Recs out;
  size_t i = in.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  uint64_t line = 1;
  while (i < in.size()) {
    if (line_end_at(i) != 0) {
      size_t j = i;
      while (line_end_at(j) != 0) j += line_end_at(j);
      if (j == in.size()) break; // only blank lines are left
      out.push_back(rec(line, {""}));
      i += line_end_at(i);
      ++line;
      continue;
    }
    Rec r{{}, line, ""};
    const size_t start = i;
    auto fail = [&](const std::string &message) {
      if (r.error.empty()) r.error = "field " + std::to_string(r.fields.size() + 1) + ": " + message;
    };
    for (;;) {
      std::string field;
      if (i < in.size() && in[i] == '"') {
        const uint64_t quote_line = line;
        ++i;
        for (;;) {
          if (i == in.size()) {
            fail("unterminated quoted field (the quote on line " + std::to_string(quote_line) + " is never closed)");
            break;
          }
          if (in[i] == '"' && i + 1 < in.size() && in[i + 1] == '"') {
            field += '"';
            i += 2;
          } else if (in[i] == '"') {
            ++i;
            break;
          } else {
            if (in[i] == '\n') ++line;
            field += in[i++];
          }
        }
        if (i < in.size() && in[i] != ',' && line_end_at(i) == 0)
          fail(std::string("unexpected character '") + (in[i] == '\r' ? "\\r" : std::string(1, in[i])) +
               "' after closing quote");
      }
      while (i < in.size() && in[i] != ',' && line_end_at(i) == 0) {
        if (in[i] == '"') fail("unexpected '\"' in an unquoted field");
        field += in[i++];
      }
      r.fields.push_back(field);
      if (i < in.size() && in[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    const size_t length = i - start;
    if (line_end_at(i) != 0) {
      i += line_end_at(i);
      ++line;
    }
    if (length > max_bytes) {
      r.fields.clear();
      r.error = "record is larger than " + std::to_string(max_bytes) + (max_bytes == 1 ? " byte" : " bytes");
    } else if (r.fields.size() > max_fields) {
      r.fields.clear();
      r.error = "record has more than " + std::to_string(max_fields) + " fields";
    }
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace

TEST_CASE("csv: random inputs agree with a reference parser", "[csv]") {
  std::mt19937 rng(20240131);
  auto below = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const char alphabet[] = {'a', ',', '"', '\r', '\n'};
  // Tallies that show the inputs reach every path.
  size_t records = 0, blank = 0, multi_line = 0, quote_in_unquoted = 0, after_quote = 0, unterminated = 0,
         too_large = 0, too_many = 0, bom = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string input;
    if (below(10) == 0) {
      input = "\xEF\xBB\xBF";
      ++bom;
    }
    const size_t length = below(40);
    for (size_t k = 0; k < length; ++k) input += alphabet[below(5)];
    CsvOptions options;
    options.chunk_bytes = below(2) == 0 ? 1 + below(8) : 65536;
    size_t max_bytes = SIZE_MAX, max_fields = 65536;
    if (below(3) == 0) {
      options.max_record_bytes = max_bytes = below(13);
      options.max_fields = max_fields = 1 + below(6);
    }
    const Recs expected = reference_parse(input, max_bytes, max_fields);
    const Recs got = read_all(input, options);
    INFO("input: " << escape(input) << "; chunk " << options.chunk_bytes << "; max bytes " << max_bytes
                   << "; max fields " << max_fields);
    REQUIRE(got == expected);
    for (size_t k = 0; k < got.size(); ++k) {
      const Rec &r = got[k];
      ++records;
      blank += r.fields == std::vector<std::string>{""} && r.error.empty();
      multi_line += k + 1 < got.size() && got[k + 1].line > r.line + 1;
      quote_in_unquoted += r.error.find("in an unquoted field") != std::string::npos;
      after_quote += r.error.find("after closing quote") != std::string::npos;
      unterminated += r.error.find("unterminated") != std::string::npos;
      too_large += r.error.find("larger than") != std::string::npos;
      too_many += r.error.find("more than") != std::string::npos && r.error.find("fields") != std::string::npos;
    }
  }
  CHECK(records > 10000);
  CHECK(blank > 100);
  CHECK(multi_line > 100);
  CHECK(quote_in_unquoted > 100);
  CHECK(after_quote > 100);
  CHECK(unterminated > 100);
  CHECK(too_large > 100);
  CHECK(too_many > 100);
  CHECK(bom > 100);
}
