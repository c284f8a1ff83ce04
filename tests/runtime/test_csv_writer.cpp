#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "waymark/runtime/csv_reader.h"
#include "waymark/runtime/csv_writer.h"

using namespace waymark::rt;

namespace {

std::string field(std::string_view f) {
  std::string out;
  append_csv_field(out, f);
  return out;
}

std::vector<std::vector<std::string>> read_back(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  CsvRecord record;
  std::vector<std::vector<std::string>> rows;
  while (reader.next(record)) {
    REQUIRE(record.ok());
    rows.emplace_back(record.fields.begin(), record.fields.end());
  }
  return rows;
}

// A stream buffer that accepts `limit` bytes and then fails, like a full disk.
class FullDisk : public std::streambuf {
public:
  explicit FullDisk(size_t limit) : limit_(limit) {}
  std::string written;

private:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    auto room = static_cast<std::streamsize>(limit_ - written.size());
    auto take = std::min(n, room);
    written.append(s, static_cast<size_t>(take));
    return take;
  }
  int_type overflow(int_type c) override {
    if (written.size() >= limit_ || traits_type::eq_int_type(c, traits_type::eof())) return traits_type::eof();
    written.push_back(traits_type::to_char_type(c));
    return c;
  }
  size_t limit_;
};

} // namespace

TEST_CASE("csv writer: a field is quoted exactly when RFC 4180 requires it") {
  CHECK(field("plain") == "plain");
  CHECK(field("") == "");
  CHECK(field("  spaces kept  ") == "  spaces kept  ");
  CHECK(field("a,b") == "\"a,b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(field("\"") == "\"\"\"\"");
  CHECK(field("line\nbreak") == "\"line\nbreak\"");
  CHECK(field("cr\ronly") == "\"cr\ronly\"");
  CHECK(field("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK_FALSE(csv_needs_quotes("C50.9; M54.5"));
  CHECK(csv_needs_quotes("x,"));
}

TEST_CASE("csv writer: rows end with LF and a lone empty field is written as a quoted empty field") {
  std::string out;
  append_csv_row(out, {"id", "band"});
  append_csv_row(out, {"R1", ""});
  append_csv_row(out, {""});
  append_csv_row(out, {"", ""});
  CHECK(out == "id,band\nR1,\n\"\"\n,\n");
  CHECK(read_back(out) == std::vector<std::vector<std::string>>{{"id", "band"}, {"R1", ""}, {""}, {"", ""}});
}

TEST_CASE("csv writer: the stream writer buffers rows and writes them in blocks") {
  std::ostringstream stream;
  {
    CsvWriter writer(stream, 32);
    writer.row({"a", "b,c"});
    CHECK(stream.str().empty()); // still buffered
    writer.field("x");
    writer.field("");
    writer.end_row();
    writer.field("");
    writer.end_row();
    for (int i = 0; i < 10; ++i) writer.row({"row", std::to_string(i)});
    CHECK(!stream.str().empty()); // blocks went out once the buffer passed 32 bytes
    CHECK(writer.rows() == 13);
    CHECK(writer.flush());
    CHECK(stream.str().starts_with("a,\"b,c\"\nx,\n\"\"\nrow,0\n"));
  }
  CHECK(stream.str().ends_with("row,9\n"));
}

TEST_CASE("csv writer: a write error is reported by flush") {
  FullDisk disk(10);
  std::ostream stream(&disk);
  CsvWriter writer(stream, 4);
  writer.row({"first", "row"});
  writer.row({"second", "row"});
  CHECK_FALSE(writer.flush());
  CHECK(disk.written == "first,row\n");
}

TEST_CASE("csv writer: whatever the fields, the reader reads back exactly what was written") {
  std::mt19937 rng(42);
  const std::string alphabet = std::string("ab ,\"\r\n;x") + '\0' + "\xC3\xA9";
  std::vector<std::vector<std::string>> rows;
  std::string text;
  for (int r = 0; r < 500; ++r) {
    std::vector<std::string> row(1 + rng() % 5);
    for (auto& f : row) {
      size_t length = rng() % 8;
      for (size_t i = 0; i < length; ++i) f.push_back(alphabet[rng() % alphabet.size()]);
    }
    std::vector<std::string_view> views(row.begin(), row.end());
    append_csv_row(text, views);
    rows.push_back(std::move(row));
  }
  CHECK(read_back(text) == rows);
}
