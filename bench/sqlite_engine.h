#pragma once
// The EBI script run by SQLite (libsqlite3, in-memory database), with the very query of
// tests/sqlite/low_back_imaging.sql, over the table `opa` in which empty fields are NULL and ages are integers.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "record_table.h"

struct sqlite3;
struct sqlite3_stmt;

namespace waymark::bench {

// Reads the whole file (the SQL script); throws std::runtime_error when it cannot.
std::string read_text_file(const std::string& path);

class SqliteDatabase {
public:
  SqliteDatabase(); // an empty in-memory database holding an empty `opa` table
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // Inserts records, in one transaction; "" becomes NULL and the ages integers.
  void insert(const RecordTable& table);
  // Runs `sql` (the script's query: id, category for every row in table order). When `labelled` is given, it
  // receives 1 or 0 per row. With `output`, the rows are written there as CSV, "id,category" (an empty category
  // for NULL) under that header. Returns how many rows were labelled.
  uint64_t classify(const std::string& sql, std::vector<uint8_t>* labelled, std::FILE* output);

  // End to end: the SUS CSV at `input` is imported, classified with `sql` and written to `output` as
  // "id,category". Returns how many rows were labelled.
  static uint64_t classify_csv_file(const std::string& input, const std::string& output, const std::string& sql);

private:
  class Inserter;
  void exec(const char* sql);
  [[noreturn]] void fail(const std::string& what) const;
  sqlite3* db_ = nullptr;
};

} // namespace waymark::bench
