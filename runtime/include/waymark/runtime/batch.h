#pragma once
// Batch runs: every record of a large input through one Program, the outputs written in input order.
//
// The pieces, each replaceable:
//   - a RecordSource hands out records as raw texts per column (CsvSource here; JSON Lines lives in the CLI);
//   - a ColumnPlan maps the program's fields to the input's columns and picks the key column;
//   - a RecordFormat turns an evaluated record into output bytes (CsvFormat here);
//   - run_batch() drives them: records are read in batches, evaluated on N threads (one Machine each), and
//     written in input order. Memory stays flat: a fixed pool of batches circulates between the reader, the
//     workers and the writer, so the reader is never more than a pool's worth of batches ahead.
//
// Nothing is lost: a record that cannot be read (malformed, wrong field count, a value that does not read) is
// not evaluated and goes to the errors stream as the CSV row `line,key,reason`; a record whose evaluation
// reports errors is written and also listed there, its reason starting "evaluation error: ".
#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/csv_reader.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/outcome_tally.h"
#include "waymark/runtime/program.h"

namespace waymark::rt {

// ---- Records in -------------------------------------------------------------------------------------------

struct SourceRecord {
  std::vector<std::string_view> cells; // one per selected column, in select() order; empty is missing.
                                       // Valid until the source's next call.
  uint64_t line = 0;                   // 1-based physical line where the record starts
  std::string error;                   // why the record cannot be read; cells hold what could be salvaged
};

class RecordSource {
public:
  virtual ~RecordSource() = default;
  // Reads what comes before the records (a CSV header). False, with a reason, when the input is unusable.
  virtual bool open(std::string& error) = 0;
  // The input's column names when it declares them up front (after open()), or null (JSON Lines).
  virtual const std::vector<std::string>* header() const = 0;
  // Chooses the columns next() returns, in this order; a column the input lacks is always missing.
  virtual void select(const std::vector<std::string>& columns) = 0;
  // The next record; false at end of input (or when reading failed: see failure()).
  virtual bool next(SourceRecord& record) = 0;
  // Bytes of input consumed so far, or -1 when the input cannot tell (a pipe). For progress reports.
  virtual int64_t position() = 0;
  // Why reading stopped before the end of the input (a stream error), or "".
  virtual std::string failure() const = 0;
};

// Reads the stream's position without touching its state; -1 when it is not seekable.
int64_t stream_position(std::istream& in);

// RFC 4180 CSV with a header row (csv_reader.h). A record whose field count differs from the header's is
// rejected: "expected 6 fields, found 5". Duplicate column names in the header are an error.
class CsvSource final : public RecordSource {
public:
  explicit CsvSource(std::istream& in, CsvOptions options = {});
  bool open(std::string& error) override;
  const std::vector<std::string>* header() const override { return &header_; }
  void select(const std::vector<std::string>& columns) override;
  bool next(SourceRecord& record) override;
  int64_t position() override { return stream_position(in_); }
  std::string failure() const override;

private:
  std::istream& in_;
  CsvReader reader_;
  CsvRecord record_;
  std::vector<std::string> header_;
  std::vector<int64_t> selected_; // per selected column: its index in the header, or -1
};

// ---- Columns ----------------------------------------------------------------------------------------------

struct ColumnPlan {
  std::vector<std::string> columns; // distinct: what the source is asked for
  std::vector<uint32_t> field_cell; // per program field: its column's index in `columns`
  uint32_t key_cell = 0;            // the key column's index in `columns`
  std::string key_column;
  std::vector<std::string> warnings; // an optional field whose column the header lacks (always missing)
};

// A field reads the column named by `from`, else the column of its own name. The key column is key_override
// when given, else the key field's column, else the header's first column (the first field's without a header).
// With a header, these are errors, each reported in `errors` (and the plan is then unusable):
//   the input has no column 'Age', which required field 'age' reads
//   the input has no column 'Ref', which key field 'ref' reads
//   the input has no column 'Id', named by --key
std::vector<std::string> field_columns(const Program& program); // per field, the column it reads
ColumnPlan plan_columns(const Program& program, const std::vector<std::string>* header,
                        const std::string& key_override, std::vector<std::string>& errors);

// ---- Records out ------------------------------------------------------------------------------------------

class RecordFormat {
public:
  virtual ~RecordFormat() = default;
  // Appends what precedes the records (a CSV header row), if anything.
  virtual void header(std::string& out) const = 0;
  // Appends one evaluated record. Called from several workers at once, so it must not change the object;
  // `scratch` is the worker's own.
  virtual void record(std::string_view key, const Machine& machine, std::string& scratch,
                      std::string& out) const = 0;
};

// The key column, then each output in declaration order, as Machine::format_output writes it (a missing
// output is an empty field); the header row holds the column names.
class CsvFormat final : public RecordFormat {
public:
  CsvFormat(const Program& program, std::string key_column);
  void header(std::string& out) const override;
  void record(std::string_view key, const Machine& machine, std::string& scratch, std::string& out) const override;

private:
  std::string header_;
  uint32_t outputs_;
};

// ---- The run ----------------------------------------------------------------------------------------------

struct RunProgress {
  uint64_t rows = 0;      // records read and dealt with (written or rejected) so far
  int64_t position = -1;  // RecordSource::position() when the last of them was read
};

struct RunOptions {
  unsigned threads = 1;                 // workers; 1 runs everything on the calling thread
  size_t batch_rows = 8192;             // records per batch (threads > 1)
  size_t batch_bytes = size_t{4} << 20; // a batch also closes once its cells hold this many bytes
  bool errors_header_always = true;     // "line,key,reason" even when there are no errors; else before the first
  // Called on the writing thread after each batch is written.
  std::function<void(const RunProgress&)> progress;
};

struct RunStats {
  uint64_t rows_read = 0;        // records in the input (not counting a header)
  uint64_t rows_written = 0;
  uint64_t rows_rejected = 0;    // not evaluated, not written: listed in the errors stream
  uint64_t rows_with_errors = 0; // written, and listed in the errors stream
  std::vector<uint64_t> fired;   // per rule: the records it fired on
  std::vector<OutcomeCounts> outcomes; // per classification or urgency output: records per value
  std::string failure;           // why the run stopped early (reading or writing failed), or ""
};

// Runs every record of `source` (already open) through `program`. The source is told plan.columns.
RunStats run_batch(const Program& program, RecordSource& source, const ColumnPlan& plan, const RecordFormat& format,
                   std::ostream& out, std::ostream& errors, const RunOptions& options);

} // namespace waymark::rt
