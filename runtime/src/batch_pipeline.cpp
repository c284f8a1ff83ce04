// run_batch: the reader, the workers and the writer of a batch run.
//
// With one thread, records go straight from the source's views through one Machine into an output buffer that
// is written in large blocks. With more, the calling thread reads batches (each record's cells copied into one
// contiguous buffer, since the source's views die on its next call), N workers evaluate them, each with its own
// Machine, and a writer thread writes them in input order. A fixed pool of batches circulates, so memory is
// bounded and the reader waits when it is a pool's worth ahead.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <system_error>
#include <thread>

#include "waymark/runtime/batch.h"
#include "waymark/runtime/csv_writer.h"

namespace waymark::rt {
namespace {

constexpr std::string_view kErrorsHeader = "line,key,reason\n";
constexpr size_t kInlineFlushBytes = size_t{1} << 20;

struct Tally {
  uint64_t read = 0, written = 0, rejected = 0, with_errors = 0;
  void add(const Tally& t) {
    read += t.read;
    written += t.written;
    rejected += t.rejected;
    with_errors += t.with_errors;
  }
};

void append_error(std::string& out, uint64_t line, std::string_view key, std::string_view reason) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, line).ptr;
  out.append(digits, end);
  out.push_back(',');
  append_csv_field(out, key);
  out.push_back(',');
  append_csv_field(out, reason);
  out.push_back('\n');
}

// One worker's Machine and buffers, reused from record to record.
class RecordRunner {
public:
  RecordRunner(const Program& program, const ColumnPlan& plan, const RecordFormat& format)
      : machine_(program), plan_(plan), format_(format), raw_(program.fields.size()), fired_(program.rules.size()),
        outcomes_(program) {}

  // cells: one per plan column. Written to `out` when the record reads; listed in `errors` when it cannot be read,
  // or when its evaluation reports errors.
  void run(std::span<const std::string_view> cells, uint64_t line, std::string_view source_error, Tally& tally,
           std::string& out, std::string& errors) {
    ++tally.read;
    const std::string_view key = cells[plan_.key_cell];
    if (!source_error.empty()) {
      append_error(errors, line, key, source_error);
      ++tally.rejected;
      return;
    }
    for (size_t f = 0; f < raw_.size(); ++f) raw_[f] = cells[plan_.field_cell[f]];
    reason_.clear();
    if (!machine_.read(raw_, reason_)) {
      append_error(errors, line, key, reason_.empty() ? std::string_view("the record does not read") : reason_);
      ++tally.rejected;
      return;
    }
    machine_.evaluate();
    for (uint32_t rule : machine_.fired()) ++fired_[rule];
    outcomes_.count(machine_);
    format_.record(key, machine_, scratch_, out);
    ++tally.written;
    if (machine_.errors().empty()) return;
    ++tally.with_errors;
    for (const auto& error : machine_.errors()) {
      reason_.assign("evaluation error: ").append(error);
      append_error(errors, line, key, reason_);
    }
  }

  const std::vector<uint64_t>& fired() const { return fired_; }
  const OutcomeTally& outcomes() const { return outcomes_; }

private:
  Machine machine_;
  const ColumnPlan& plan_;
  const RecordFormat& format_;
  std::vector<std::string_view> raw_; // per program field
  std::vector<uint64_t> fired_;       // per rule
  OutcomeTally outcomes_;
  std::string reason_, scratch_;
};

// Records copied out of the source: every cell of every record back to back in one buffer.
struct Batch {
  uint64_t sequence = 0;
  int64_t position = -1;
  std::string text;                                 // the cells
  std::vector<std::pair<size_t, size_t>> cells;    // rows * width: each cell's offset in text, and size
  std::vector<uint64_t> lines;                      // per record
  std::string reason_text;                          // the source's reasons for rejecting records
  std::vector<std::pair<size_t, size_t>> reasons;   // per record: its reason in reason_text (empty: none)
  std::string out, errors;                          // what the worker made of them
  Tally tally;

  size_t rows() const { return lines.size(); }
  void clear() {
    text.clear();
    cells.clear();
    lines.clear();
    reason_text.clear();
    reasons.clear();
    out.clear();
    errors.clear();
    tally = {};
  }
};

// Copies one record's cells into the batch. Sources keep a record's cells side by side in one buffer (CsvReader
// unescapes a record in place), so the bytes from the first cell to the last are usually copied at once: one
// memcpy a record instead of one a cell. Addresses are compared as integers, since cells may come from anywhere.
void copy_cells(const std::vector<std::string_view>& cells, Batch& batch) {
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  size_t bytes = 0;
  for (auto cell : cells) {
    if (cell.empty()) continue;
    auto at = reinterpret_cast<uintptr_t>(cell.data());
    lo = std::min(lo, at);
    hi = std::max(hi, at + cell.size());
    bytes += cell.size();
  }
  const size_t base = batch.text.size();
  if (bytes > 0 && hi - lo <= 2 * bytes + 256) { // side by side, give or take columns not selected
    batch.text.append(reinterpret_cast<const char*>(lo), hi - lo);
    for (auto cell : cells)
      batch.cells.emplace_back(cell.empty() ? base : base + (reinterpret_cast<uintptr_t>(cell.data()) - lo), cell.size());
    return;
  }
  for (auto cell : cells) {
    batch.cells.emplace_back(batch.text.size(), cell.size());
    batch.text.append(cell);
  }
}

// Fills the batch from the source; false once the source is exhausted.
bool fill(Batch& batch, RecordSource& source, SourceRecord& record, const RunOptions& options) {
  batch.clear();
  bool more = true;
  while (batch.rows() == 0 || (batch.rows() < options.batch_rows && batch.text.size() < options.batch_bytes)) {
    if (!source.next(record)) {
      more = false;
      break;
    }
    batch.lines.push_back(record.line);
    copy_cells(record.cells, batch);
    size_t from = batch.reason_text.size();
    batch.reason_text.append(record.error);
    batch.reasons.emplace_back(from, batch.reason_text.size());
  }
  batch.position = source.position();
  return more;
}

void evaluate(Batch& batch, RecordRunner& runner, size_t width, std::vector<std::string_view>& cells) {
  cells.resize(width);
  const auto* cell = batch.cells.data();
  for (size_t r = 0; r < batch.rows(); ++r) {
    for (size_t c = 0; c < width; ++c, ++cell) cells[c] = std::string_view(batch.text.data() + cell->first, cell->second);
    auto [rb, re] = batch.reasons[r];
    runner.run(cells, batch.lines[r], std::string_view(batch.reason_text.data() + rb, re - rb), batch.tally,
               batch.out, batch.errors);
  }
}

std::string stream_failure(const char* what, int error) {
  std::string message = std::string("writing the ") + what + " failed";
  if (error != 0) message += ": " + std::generic_category().message(error);
  return message;
}

// Writes what the records made, in order; the errors header goes first unless it was written at the start.
class Writer {
public:
  Writer(std::ostream& out, std::ostream& errors, bool errors_header_written, const RunOptions& options)
      : out_(out), errors_(errors), errors_header_written_(errors_header_written), options_(options) {}

  // False, with failure(), when a stream failed.
  bool write(std::string_view out, std::string_view errors, const Tally& tally, int64_t position) {
    errno = 0;
    if (!errors.empty()) {
      if (!errors_header_written_) errors_.write(kErrorsHeader.data(), kErrorsHeader.size());
      errors_header_written_ = true;
      errors_.write(errors.data(), static_cast<std::streamsize>(errors.size()));
      if (!errors_) return fail("errors", errno);
    }
    out_.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!out_) return fail("output", errno);
    tally_.add(tally);
    if (options_.progress) options_.progress(RunProgress{tally_.read, position});
    return true;
  }

  bool finish() {
    errno = 0;
    out_.flush();
    if (!out_) return fail("output", errno);
    errors_.flush();
    if (!errors_) return fail("errors", errno);
    return true;
  }

  const Tally& tally() const { return tally_; }
  const std::string& failure() const { return failure_; }

private:
  bool fail(const char* what, int error) {
    failure_ = stream_failure(what, error);
    return false;
  }

  std::ostream& out_;
  std::ostream& errors_;
  bool errors_header_written_;
  const RunOptions& options_;
  Tally tally_;
  std::string failure_;
};

void run_inline(const Program& program, RecordSource& source, const ColumnPlan& plan, const RecordFormat& format,
                Writer& writer, const RunOptions& options, RunStats& stats) {
  RecordRunner runner(program, plan, format);
  SourceRecord record;
  std::string out, errors;
  out.reserve(kInlineFlushBytes + (size_t{64} << 10));
  Tally tally;
  bool ok = true;
  while (ok && source.next(record)) {
    runner.run(record.cells, record.line, record.error, tally, out, errors);
    if (tally.read >= options.batch_rows || out.size() >= kInlineFlushBytes) {
      ok = writer.write(out, errors, tally, source.position());
      out.clear();
      errors.clear();
      tally = {};
    }
  }
  if (ok && (tally.read > 0 || !out.empty())) writer.write(out, errors, tally, source.position());
  stats.fired = runner.fired();
  stats.outcomes = runner.outcomes().outcomes();
}

// The threaded pipeline's shared state. Every field is guarded by `mutex`.
class Pipeline {
public:
  Pipeline(const Program& program, RecordSource& source, const ColumnPlan& plan, const RecordFormat& format,
           Writer& writer, const RunOptions& options)
      : program_(program), source_(source), plan_(plan), format_(format), writer_(writer), options_(options),
        pool_(2 * size_t{options.threads} + 2), done_(pool_.size(), nullptr), fired_(program.rules.size()),
        outcomes_(program) {
    for (auto& batch : pool_) {
      batch = std::make_unique<Batch>();
      free_.push_back(batch.get());
    }
  }

  void run(RunStats& stats) {
    std::vector<std::thread> threads; // the writer, then the workers
    try {
      threads.emplace_back([this] { guarded([this] { write(); }); });
      for (unsigned i = 0; i < options_.threads; ++i) threads.emplace_back([this] { guarded([this] { work(); }); });
    } catch (const std::system_error& e) { // the threads already started are stopped and joined below
      stop(std::string("cannot start a thread: ") + e.what());
    }
    if (threads.size() == options_.threads + 1) guarded([this] { read(); });
    {
      std::lock_guard lock(mutex_);
      input_done_ = true;
    }
    work_cv_.notify_all();
    done_cv_.notify_all();
    for (auto& thread : threads) thread.join();
    stats.fired = fired_;
    stats.outcomes = outcomes_.outcomes();
    if (!failure_.empty()) stats.failure = failure_;
  }

private:
  // Runs a thread's body; an exception stops the whole run with a message instead of terminating.
  template <class Body>
  void guarded(Body body) {
    try {
      body();
    } catch (const std::exception& e) {
      stop(std::string("internal error: ") + e.what());
    }
  }

  void stop(std::string failure) {
    {
      std::lock_guard lock(mutex_);
      if (failure_.empty()) failure_ = std::move(failure);
      stopped_ = true;
    }
    free_cv_.notify_all();
    work_cv_.notify_all();
    done_cv_.notify_all();
  }

  void read() {
    SourceRecord record;
    for (bool more = true; more;) {
      Batch* batch;
      {
        std::unique_lock lock(mutex_);
        free_cv_.wait(lock, [&] { return stopped_ || !free_.empty(); });
        if (stopped_) return;
        batch = free_.back();
        free_.pop_back();
      }
      more = fill(*batch, source_, record, options_);
      std::lock_guard lock(mutex_);
      if (batch->rows() == 0) {
        free_.push_back(batch);
        return;
      }
      batch->sequence = batches_++;
      work_.push_back(batch);
      work_cv_.notify_one();
    }
  }

  void work() {
    RecordRunner runner(program_, plan_, format_);
    std::vector<std::string_view> cells;
    for (;;) {
      Batch* batch;
      {
        std::unique_lock lock(mutex_);
        work_cv_.wait(lock, [&] { return stopped_ || input_done_ || !work_.empty(); });
        if (stopped_ || work_.empty()) break;
        batch = work_.front();
        work_.pop_front();
      }
      evaluate(*batch, runner, plan_.columns.size(), cells);
      std::lock_guard lock(mutex_);
      done_[batch->sequence % done_.size()] = batch;
      done_cv_.notify_all();
    }
    std::lock_guard lock(mutex_);
    for (size_t r = 0; r < fired_.size(); ++r) fired_[r] += runner.fired()[r];
    outcomes_.add(runner.outcomes());
  }

  void write() {
    for (uint64_t next = 0;; ++next) {
      Batch* batch;
      {
        std::unique_lock lock(mutex_);
        Batch*& slot = done_[next % done_.size()];
        done_cv_.wait(lock, [&] { return stopped_ || slot != nullptr || (input_done_ && next == batches_); });
        if (stopped_ || slot == nullptr) return;
        batch = slot;
        slot = nullptr;
      }
      if (!writer_.write(batch->out, batch->errors, batch->tally, batch->position)) return stop(writer_.failure());
      std::lock_guard lock(mutex_);
      free_.push_back(batch);
      free_cv_.notify_one();
    }
  }

  const Program& program_;
  RecordSource& source_;
  const ColumnPlan& plan_;
  const RecordFormat& format_;
  Writer& writer_;
  const RunOptions& options_;

  std::mutex mutex_;
  std::condition_variable free_cv_, work_cv_, done_cv_;
  std::vector<std::unique_ptr<Batch>> pool_;
  std::vector<Batch*> free_;
  std::deque<Batch*> work_;
  std::vector<Batch*> done_; // evaluated batches waiting for the writer, at sequence % pool size
  uint64_t batches_ = 0;     // batches handed to the workers
  bool input_done_ = false, stopped_ = false;
  std::vector<uint64_t> fired_;
  OutcomeTally outcomes_;
  std::string failure_;
};

} // namespace

RunStats run_batch(const Program& program, RecordSource& source, const ColumnPlan& plan, const RecordFormat& format,
                   std::ostream& out, std::ostream& errors, const RunOptions& options) {
  RunStats stats;
  source.select(plan.columns);
  std::string header;
  format.header(header);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  if (options.errors_header_always) errors.write(kErrorsHeader.data(), kErrorsHeader.size());
  Writer writer(out, errors, options.errors_header_always, options);

  if (options.threads <= 1) {
    run_inline(program, source, plan, format, writer, options, stats);
    stats.failure = writer.failure();
  } else {
    Pipeline(program, source, plan, format, writer, options).run(stats);
  }
  if (stats.failure.empty()) stats.failure = source.failure();
  if (stats.failure.empty() && !writer.finish()) stats.failure = writer.failure();
  stats.rows_read = writer.tally().read;
  stats.rows_written = writer.tally().written;
  stats.rows_rejected = writer.tally().rejected;
  stats.rows_with_errors = writer.tally().with_errors;
  if (stats.fired.empty()) stats.fired.assign(program.rules.size(), 0);
  if (stats.outcomes.empty()) stats.outcomes = OutcomeTally(program).outcomes();
  return stats;
}

} // namespace waymark::rt
