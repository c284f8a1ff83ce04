// CsvSource and plan_columns: the parts of a batch run before any record is evaluated.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "pack_samples.h"
#include "waymark/runtime/batch.h"

using namespace waymark::rt;
using samples::intern;

namespace {

struct Row {
  std::vector<std::string> cells;
  uint64_t line;
  std::string error;
  bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  os << "{line " << r.line << ":";
  for (const auto& c : r.cells) os << " [" << c << "]";
  return os << (r.error.empty() ? "" : " error: " + r.error) << "}";
}

std::vector<Row> read_all(RecordSource& source) {
  SourceRecord record;
  std::vector<Row> rows;
  while (source.next(record)) rows.push_back(Row{{record.cells.begin(), record.cells.end()}, record.line, record.error});
  return rows;
}

std::string open_error(const std::string& text) {
  std::istringstream in(text);
  CsvSource source(in);
  std::string error;
  CHECK_FALSE(source.open(error));
  return error;
}

// Fields: id (text key, column "Ref"), age (int required), score (int optional, column "Score"),
// age_text (text optional, reads the "age" column too).
Program schema(bool with_key = true) {
  Program p;
  auto add = [&](const char* name, const char* column, BaseType type, bool required, bool key) {
    FieldInfo f = samples::field(intern(p, name), intern(p, column), 0, ValueType{type});
    f.required = required;
    f.optional = !required && !key;
    f.key = key;
    p.fields.push_back(f);
  };
  if (with_key) add("id", "Ref", BaseType::Text, false, true);
  add("age", "age", BaseType::Int, true, false);
  add("score", "Score", BaseType::Int, false, false);
  add("age_text", "age", BaseType::Text, false, false);
  return p;
}

} // namespace

TEST_CASE("csv source: the header names the columns; records come back in the selected order") {
  std::istringstream in("\xEF\xBB\xBFRef,age,extra\r\nR1,40,x\r\nR2,,y\r\n\"R,3\",7,\"z\"\"\"\r\n");
  CsvSource source(in);
  std::string error;
  REQUIRE(source.open(error));
  REQUIRE(source.header() != nullptr);
  CHECK(*source.header() == std::vector<std::string>{"Ref", "age", "extra"});
  source.select({"age", "Ref", "missing column", "age"});
  CHECK(read_all(source) == std::vector<Row>{{{"40", "R1", "", "40"}, 2, ""},
                                             {{"", "R2", "", ""}, 3, ""},
                                             {{"7", "R,3", "", "7"}, 4, ""}});
}

TEST_CASE("csv source: a record with the wrong field count or malformed quoting is returned with a reason") {
  std::istringstream in("id,a,b\n1,x,y\n2,x\n3,x,y,z\n\n4,\"x\"y,z\n5,\"multi\nline\",q\n6,x,y\n");
  CsvSource source(in);
  std::string error;
  REQUIRE(source.open(error));
  source.select({"id", "b"});
  CHECK(read_all(source) == std::vector<Row>{
                                {{"1", "y"}, 2, ""},
                                {{"2", ""}, 3, "expected 3 fields, found 2"},
                                {{"3", "y"}, 4, "expected 3 fields, found 4"},
                                {{"", ""}, 5, "expected 3 fields, found 1"}, // a blank line in the middle
                                {{"4", "z"}, 6, "field 2: unexpected character 'y' after closing quote"},
                                {{"5", "q"}, 7, ""},
                                {{"6", "y"}, 9, ""}, // line 8 continued record 5
                            });
}

TEST_CASE("csv source: an input that cannot start is refused before any record") {
  CHECK(open_error("") == "the input is empty: it has no header row");
  CHECK(open_error("a,b,a\n1,2,3\n") == "the header names column 'a' twice (columns 1 and 3)");
  CHECK(open_error("a,\"b\"x\n") == "the header row (line 1) is malformed: field 2: unexpected character 'x' after "
                                    "closing quote");
  // Empty names (trailing commas in a spreadsheet export) are not duplicates: no field can read them.
  std::istringstream in("a,b,,\n1,2,,\n");
  CsvSource source(in);
  std::string error;
  CHECK(source.open(error));
}

TEST_CASE("csv source: the position follows the input, for progress reports") {
  std::string text = "a\n";
  for (int i = 0; i < 100000; ++i) text += std::to_string(i) + "\n";
  std::istringstream in(text);
  CsvSource source(in, CsvOptions{.chunk_bytes = 4096});
  std::string error;
  REQUIRE(source.open(error));
  source.select({"a"});
  SourceRecord record;
  int64_t last = source.position();
  CHECK(last >= 0);
  CHECK(last <= 2 * 4096);
  uint64_t records = 0;
  while (source.next(record)) {
    if (++records % 10000 != 0) continue;
    CHECK(source.position() >= last);
    last = source.position();
  }
  CHECK(records == 100000);
  CHECK(last > static_cast<int64_t>(text.size() / 2));
  CHECK(source.position() == static_cast<int64_t>(text.size()));
  CHECK(source.failure().empty());
}

TEST_CASE("columns: fields map to distinct input columns and the key column is chosen") {
  Program p = schema();
  std::vector<std::string> errors;
  std::vector<std::string> header{"age", "Score", "Ref", "other"};

  ColumnPlan plan = plan_columns(p, &header, "", errors);
  CHECK(errors.empty());
  CHECK(plan.warnings.empty());
  CHECK(plan.columns == std::vector<std::string>{"Ref", "age", "Score"}); // age read by two fields, asked for once
  CHECK(plan.field_cell == std::vector<uint32_t>{0, 1, 2, 1});
  CHECK(plan.key_column == "Ref");
  CHECK(plan.key_cell == 0);

  plan = plan_columns(p, &header, "other", errors); // --key names a column no field reads
  CHECK(errors.empty());
  CHECK(plan.key_column == "other");
  CHECK(plan.columns.at(plan.key_cell) == "other");

  plan = plan_columns(schema(false), &header, "", errors); // no key field: the header's first column
  CHECK(errors.empty());
  CHECK(plan.key_column == "age");
  CHECK(plan.columns.at(plan.key_cell) == "age");

  plan = plan_columns(schema(false), nullptr, "", errors); // no header either (JSON Lines): the first field's
  CHECK(errors.empty());
  CHECK(plan.key_column == "age");
}

TEST_CASE("columns: a header without a required or key column is an error naming the column and the field") {
  Program p = schema();
  std::vector<std::string> errors;
  std::vector<std::string> header{"other", "Score"};
  ColumnPlan plan = plan_columns(p, &header, "Id", errors);
  CHECK(errors == std::vector<std::string>{"the input has no column 'Ref', which key field 'id' reads",
                                           "the input has no column 'age', which required field 'age' reads",
                                           "the input has no column 'Id', named by --key"});
  CHECK(plan.warnings ==
        std::vector<std::string>{"the input has no column 'age', which optional field 'age_text' reads: it is missing "
                                 "in every record"});

  errors.clear();
  std::vector<std::string> optional_missing{"Ref", "age"};
  plan = plan_columns(p, &optional_missing, "", errors);
  CHECK(errors.empty());
  CHECK(plan.warnings == std::vector<std::string>{"the input has no column 'Score', which optional field 'score' "
                                                  "reads: it is missing in every record"});

  errors.clear();
  plan = plan_columns(p, nullptr, "", errors); // without a header nothing can be checked up front
  CHECK(errors.empty());
}
