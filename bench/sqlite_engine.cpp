#include "sqlite_engine.h"

#include <sqlite3.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "sus_rows.h"
#include "waymark/runtime/csv_reader.h"

namespace waymark::bench {
namespace {

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

constexpr const char* kCreateTable = "CREATE TABLE opa (id TEXT NOT NULL, Der_Procedure_All TEXT, "
                                     "Der_Diagnosis_All TEXT, Age_at_Start_of_Episode_SUS INTEGER, "
                                     "Der_Age_at_CDS_Activity_Date INTEGER, Administrative_Category TEXT)";

} // namespace

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One prepared INSERT, bound field by field as the import of the agreement test does it: NULLIF(x, ''), text
// without its trailing blanks (SQL Server's comparisons ignore them; SQLite's do not), and CAST(... AS INTEGER) for
// the ages.
class SqliteDatabase::Inserter {
public:
  explicit Inserter(SqliteDatabase& db) : db_(db) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db.db_, "INSERT INTO opa VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &statement, nullptr) !=
        SQLITE_OK) {
      db.fail("preparing the insert");
    }
    statement_.reset(statement);
  }
  void insert(std::string_view (&fields)[kColumnCount]) {
    sqlite3_stmt* s = statement_.get();
    for (uint32_t c = 0; c < kColumnCount; ++c) {
      std::string_view value = fields[c];
      if (value.empty()) {
        sqlite3_bind_null(s, static_cast<int>(c) + 1);
      } else if (c == kEpisodeAge || c == kActivityAge) {
        int64_t age = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), age);
        if (ec != std::errc() || end != value.data() + value.size()) {
          throw std::runtime_error("an age that is not an integer: " + std::string(value));
        }
        sqlite3_bind_int64(s, static_cast<int>(c) + 1, age);
      } else {
        while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
        sqlite3_bind_text(s, static_cast<int>(c) + 1, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
      }
    }
    if (sqlite3_step(s) != SQLITE_DONE) db_.fail("inserting a row");
    sqlite3_reset(s);
  }

private:
  SqliteDatabase& db_;
  Statement statement_;
};

SqliteDatabase::SqliteDatabase() {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) fail("opening an in-memory database");
  exec(kCreateTable);
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close(db_); }

void SqliteDatabase::fail(const std::string& what) const {
  throw std::runtime_error("sqlite: " + what + ": " + sqlite3_errmsg(db_));
}

void SqliteDatabase::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "error";
    sqlite3_free(message);
    throw std::runtime_error(std::string("sqlite: ") + sql + ": " + text);
  }
}

void SqliteDatabase::insert(const RecordTable& table) {
  exec("BEGIN");
  Inserter inserter(*this);
  std::string_view fields[kColumnCount];
  for (size_t r = 0; r < table.size(); ++r) {
    for (uint32_t c = 0; c < kColumnCount; ++c) fields[c] = table.field(r, static_cast<Column>(c));
    inserter.insert(fields);
  }
  exec("COMMIT");
}

uint64_t SqliteDatabase::classify(const std::string& sql, std::vector<uint8_t>* labelled, std::FILE* output) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    fail("preparing the script's query");
  }
  if (!raw) throw std::runtime_error("sqlite: the SQL file holds no statement");
  Statement statement(raw);
  constexpr size_t kFlushBytes = size_t{1} << 20;
  std::string buffer;
  if (output) buffer = "id,category\n";
  auto flush = [&] {
    if (std::fwrite(buffer.data(), 1, buffer.size(), output) != buffer.size()) {
      throw std::runtime_error("cannot write the SQLite output");
    }
    buffer.clear();
  };
  uint64_t count = 0;
  int step;
  while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
    bool yes = sqlite3_column_type(raw, 1) != SQLITE_NULL;
    count += yes;
    if (labelled) labelled->push_back(yes);
    if (output) {
      auto id = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
      datagen::append_csv_field(buffer, std::string_view(id, static_cast<size_t>(sqlite3_column_bytes(raw, 0))));
      buffer += ',';
      if (yes) {
        auto category = reinterpret_cast<const char*>(sqlite3_column_text(raw, 1));
        datagen::append_csv_field(buffer,
                                  std::string_view(category, static_cast<size_t>(sqlite3_column_bytes(raw, 1))));
      }
      buffer += '\n';
      if (buffer.size() >= kFlushBytes) flush();
    }
  }
  if (step != SQLITE_DONE) fail("running the script's query");
  if (output) flush();
  return count;
}

uint64_t SqliteDatabase::classify_csv_file(const std::string& input, const std::string& output,
                                           const std::string& sql) {
  SqliteDatabase db;
  {
    std::ifstream in(input, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + input);
    rt::CsvReader reader(in, rt::CsvOptions{.chunk_bytes = size_t{1} << 20});
    rt::CsvRecord record;
    if (!reader.next(record)) throw std::runtime_error(input + " is empty");
    auto at = find_columns(record.fields);
    const size_t columns = record.fields.size();
    db.exec("BEGIN");
    Inserter inserter(db);
    std::string_view fields[kColumnCount];
    while (reader.next(record)) {
      if (!record.ok() || record.fields.size() != columns) {
        throw std::runtime_error(input + ":" + std::to_string(record.line) + ": malformed record " + record.error);
      }
      for (uint32_t c = 0; c < kColumnCount; ++c) fields[c] = record.fields[at[c]];
      inserter.insert(fields);
    }
    if (in.bad()) throw std::runtime_error("cannot read " + input);
    db.exec("COMMIT");
  }
  std::unique_ptr<std::FILE, FileCloser> out(std::fopen(output.c_str(), "wb"));
  if (!out) throw std::runtime_error("cannot write " + output);
  uint64_t count = db.classify(sql, nullptr, out.get());
  if (std::fclose(out.release()) != 0) throw std::runtime_error("cannot write " + output);
  return count;
}

} // namespace waymark::bench
