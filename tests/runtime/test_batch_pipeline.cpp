// run_batch over the hand-built sample program (pack_samples.h): outputs, the errors stream, statistics, and
// the same bytes whatever the thread count and batch size.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "pack_samples.h"
#include "waymark/runtime/batch.h"
#include "waymark/runtime/csv_reader.h"
#include "waymark/runtime/csv_writer.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/pack.h"

using namespace waymark::rt;

namespace {

struct Expected {
  std::string input, out, errors; // errors without the header
  uint64_t rows = 0, written = 0, rejected = 0, fired = 0;
  uint64_t risk_high = 0, risk_missing = 0; // the classification output `risk`, over the written records
};

// What a batch run must make of e.input, worked out the plain way: every record parsed up front, then read and
// evaluated one after the other on a single Machine.
void expect_serially(const Program& program, Expected& e) {
  std::istringstream in(e.input);
  CsvReader reader(in);
  CsvRecord record;
  REQUIRE(reader.next(record)); // the header: id,age,dx,name,unused
  REQUIRE(record.fields.size() == 5);
  Machine machine(program);
  std::string reason, cell;
  e.out = "id,risk,notes\n";
  while (reader.next(record)) {
    ++e.rows;
    const std::string line = std::to_string(record.line);
    const std::string id(record.fields[0]);
    if (record.fields.size() != 5) {
      e.errors += line + "," + id + ",\"expected 5 fields, found " + std::to_string(record.fields.size()) + "\"\n";
      ++e.rejected;
      continue;
    }
    std::vector<std::string_view> raw{record.fields[1], record.fields[2], record.fields[3]}; // age, dx, name
    if (!machine.read(raw, reason)) {
      e.errors += line + "," + id + ",";
      append_csv_field(e.errors, reason);
      e.errors += "\n";
      ++e.rejected;
      continue;
    }
    machine.evaluate();
    e.fired += machine.fired().size();
    if (!machine.output(0).present) ++e.risk_missing;
    else if (machine.output(0).s.view() == "high") ++e.risk_high;
    e.out += id;
    for (uint32_t o = 0; o < 2; ++o) {
      cell.clear();
      machine.format_output(o, cell);
      e.out += "," + cell;
    }
    e.out += "\n";
    ++e.written;
  }
}

// A CSV input of `rows` records for the sample program (fields age, dx, name), some of them bad, and what a run
// must make of it.
Expected make_input(const Program& program, size_t rows, unsigned seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> names{"alice", "Anna", "bob", "high", "low", "", "a,b"};
  const std::vector<std::string> codes{"C501", "C50.9;M545", "M545", "", "c509|J849"};
  Expected e;
  e.input = "id,age,dx,name,unused\n";
  for (size_t i = 0; i < rows; ++i) {
    const std::string id = "R" + std::to_string(i);
    const std::string age = rng() % 10 == 0 ? "" : std::to_string(rng() % 90);
    const std::string dx = codes[rng() % codes.size()];
    const std::string name = names[rng() % names.size()];
    const unsigned kind = rng() % 40;
    if (kind == 0) append_csv_row(e.input, {id, age, dx, name});            // a field short
    else if (kind == 1) append_csv_row(e.input, {id, "4x", dx, name, "u"}); // an age that does not read
    else if (kind == 2) e.input += id + ",\"multi\nline\",,,\n";            // a record over two lines
    else append_csv_row(e.input, {id, age, dx, name, "u"});
  }
  expect_serially(program, e);
  return e;
}

RunOptions options(unsigned threads, size_t batch_rows = 8192, size_t batch_bytes = size_t{4} << 20,
                   bool errors_header_always = true) {
  RunOptions o;
  o.threads = threads;
  o.batch_rows = batch_rows;
  o.batch_bytes = batch_bytes;
  o.errors_header_always = errors_header_always;
  return o;
}

struct Result {
  RunStats stats;
  std::string out, errors;
};

Result run(const Program& program, const std::string& input, const RunOptions& options) {
  std::istringstream in(input);
  CsvSource source(in, CsvOptions{.chunk_bytes = 1000});
  std::string error;
  REQUIRE(source.open(error));
  std::vector<std::string> problems;
  ColumnPlan plan = plan_columns(program, source.header(), "", problems);
  REQUIRE(problems.empty());
  CsvFormat format(program, plan.key_column);
  std::ostringstream out, errors;
  Result r;
  r.stats = run_batch(program, source, plan, format, out, errors, options);
  r.out = out.str();
  r.errors = errors.str();
  return r;
}

// Accepts `limit` bytes, then fails.
class FullDisk : public std::streambuf {
public:
  explicit FullDisk(size_t limit) : limit_(limit) {}

private:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    auto take = std::min<std::streamsize>(n, static_cast<std::streamsize>(limit_ - written_));
    written_ += static_cast<size_t>(take);
    return take;
  }
  int_type overflow(int_type c) override { return written_ < limit_ ? (++written_, c) : traits_type::eof(); }
  size_t limit_, written_ = 0;
};

// A CsvSource that counts the records it has handed out, from any thread.
class CountingSource final : public RecordSource {
public:
  explicit CountingSource(std::istream& in) : csv_(in) {}
  bool open(std::string& error) override { return csv_.open(error); }
  const std::vector<std::string>* header() const override { return csv_.header(); }
  void select(const std::vector<std::string>& columns) override { csv_.select(columns); }
  bool next(SourceRecord& record) override {
    bool got = csv_.next(record);
    count += got;
    return got;
  }
  int64_t position() override { return csv_.position(); }
  std::string failure() const override { return csv_.failure(); }
  std::atomic<uint64_t> count{0};

private:
  CsvSource csv_;
};

// The run's count of records per value of `risk` (its only classification or urgency output), against the
// serial count.
void check_outcomes(const RunStats& stats, const Expected& e) {
  REQUIRE(stats.outcomes.size() == 1);
  const OutcomeCounts& risk = stats.outcomes[0];
  CHECK(risk.output == 0);
  CHECK(risk.missing == e.risk_missing);
  CHECK_FALSE(risk.overflowed);
  REQUIRE(risk.values.size() == 1);
  CHECK(risk.values[0].value == "high");
  CHECK(risk.values[0].records == e.risk_high);
  CHECK(e.risk_high > 100);
}

} // namespace

TEST_CASE("batch run: every record is written or listed, in input order, on one thread") {
  const Program program = samples::sample_program();
  Expected e = make_input(program, 3000, 1);
  Result r = run(program, e.input, options(1, 128));
  CHECK(r.stats.failure.empty());
  CHECK(r.out == e.out);
  CHECK(r.errors == "line,key,reason\n" + e.errors);
  CHECK(r.stats.rows_read == e.rows);
  CHECK(r.stats.rows_written == e.written);
  CHECK(r.stats.rows_rejected == e.rejected);
  CHECK(r.stats.rows_with_errors == 0);
  CHECK(r.stats.fired == std::vector<uint64_t>{e.fired});
  check_outcomes(r.stats, e);
  CHECK(e.rejected > 50);
  CHECK(e.fired > 100);
  CHECK(e.errors.find("\"expected 5 fields, found 4\"") != std::string::npos);
  CHECK(e.errors.find("\"\"4x\"\" is not a whole number") != std::string::npos);
}

TEST_CASE("batch run: clear-cut records give the sample rule's outputs") {
  const Program program = samples::sample_program();
  const std::string input = "id,age,dx,name\nR1,40,C501,alice\nR2,10,,bob\nR3,40,C50.9;M545,Anna\n\"R,4\",50,M545,high\n"
                            "R5,50,M545,bob\n";
  const std::string expected = "id,risk,notes\nR1,high,high\nR2,,\nR3,high,high\n\"R,4\",high,high\nR5,,\n";
  for (unsigned threads : {1u, 2u}) {
    Result r = run(program, input, options(threads));
    CHECK(r.out == expected);
    CHECK(r.errors == "line,key,reason\n");
    CHECK(r.stats.fired == std::vector<uint64_t>{3});
  }
}

TEST_CASE("batch run: threads and batch sizes change nothing in the output") {
  const Program program = samples::sample_program();
  Expected e = make_input(program, 20000, 2);
  for (unsigned threads : {2u, 3u, 8u}) {
    for (size_t batch_rows : {size_t{1}, size_t{97}, size_t{8192}}) {
      INFO("threads " << threads << ", batch rows " << batch_rows);
      Result r = run(program, e.input, options(threads, batch_rows));
      CHECK(r.stats.failure.empty());
      CHECK(r.out == e.out);
      CHECK(r.errors == "line,key,reason\n" + e.errors);
      CHECK(r.stats.rows_read == e.rows);
      CHECK(r.stats.rows_written == e.written);
      CHECK(r.stats.rows_rejected == e.rejected);
      CHECK(r.stats.fired == std::vector<uint64_t>{e.fired});
      check_outcomes(r.stats, e);
    }
  }
  // A batch also closes when its cells pass batch_bytes.
  Result r = run(program, e.input, options(2, 8192, 100));
  CHECK(r.out == e.out);
}

TEST_CASE("batch run: the errors header comes only with the first error unless asked for always") {
  const Program program = samples::sample_program();
  const std::string clean = "id,age,dx,name\nR1,40,C501,alice\nR2,10,,bob\n";
  for (unsigned threads : {1u, 2u}) {
    Result r = run(program, clean, options(threads, 8192, size_t{4} << 20, false));
    CHECK(r.out == "id,risk,notes\nR1,high,high\nR2,,\n");
    CHECK(r.errors.empty());
    r = run(program, clean, options(threads));
    CHECK(r.errors == "line,key,reason\n");
    r = run(program, clean + "R3\n", options(threads, 8192, size_t{4} << 20, false));
    CHECK(r.errors == "line,key,reason\n4,R3,\"expected 4 fields, found 1\"\n");
  }
}

TEST_CASE("batch run: a record whose evaluation reports an error is written and listed") {
  // Two copies of the sample rule in one unique group: whenever the rule matches, both do.
  Program program = samples::sample_program();
  RuleInfo twin = program.rules[0];
  twin.name = samples::intern(program, "high_risk_twin");
  program.rules.push_back(twin);
  program.groups[0].policy = Policy::Unique;
  program.groups[0].order = {0, 1};
  REQUIRE_FALSE(verify_program(program).has_value());

  const std::string input = "id,age,dx,name\nR1,40,C501,alice\nR2,10,,bob\n";
  for (unsigned threads : {1u, 2u}) {
    Result r = run(program, input, options(threads));
    CHECK(r.stats.rows_written == 2);
    CHECK(r.stats.rows_rejected == 0);
    CHECK(r.stats.rows_with_errors == 1);
    CHECK(r.out == "id,risk,notes\nR1,,\nR2,,\n"); // a violated unique group fires none of its rules
    CHECK(r.errors.starts_with("line,key,reason\n2,R1,\"evaluation error: "));
    CHECK(r.errors.find("high_risk_twin") != std::string::npos);
    CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 2);
  }
}

TEST_CASE("batch run: a failing output stops the run with a reason, whatever the thread count") {
  const Program program = samples::sample_program();
  Expected e = make_input(program, 20000, 3);
  for (unsigned threads : {1u, 2u, 4u}) {
    INFO("threads " << threads);
    std::istringstream in(e.input);
    CsvSource source(in);
    std::string error;
    REQUIRE(source.open(error));
    std::vector<std::string> problems;
    ColumnPlan plan = plan_columns(program, source.header(), "", problems);
    CsvFormat format(program, plan.key_column);
    FullDisk disk(5000);
    std::ostream out(&disk);
    std::ostringstream errors;
    RunStats stats = run_batch(program, source, plan, format, out, errors, options(threads, 64));
    CHECK(stats.failure.starts_with("writing the output failed"));
    CHECK(stats.rows_read < e.rows);
  }
}

TEST_CASE("batch run: progress is reported in order and the reader stays a bounded distance ahead") {
  const Program program = samples::sample_program();
  Expected e = make_input(program, 50000, 4);
  for (unsigned threads : {1u, 2u}) {
    INFO("threads " << threads);
    std::istringstream in(e.input);
    CountingSource source(in);
    std::string error;
    REQUIRE(source.open(error));
    std::vector<std::string> problems;
    ColumnPlan plan = plan_columns(program, source.header(), "", problems);
    CsvFormat format(program, plan.key_column);
    std::ostringstream out, errors;
    std::vector<RunProgress> reports;
    uint64_t furthest_ahead = 0;
    RunOptions with_progress = options(threads, 100);
    with_progress.progress = [&](const RunProgress& p) {
      reports.push_back(p);
      furthest_ahead = std::max(furthest_ahead, source.count.load() - p.rows);
    };
    RunStats stats = run_batch(program, source, plan, format, out, errors, with_progress);
    CHECK(out.str() == e.out);
    REQUIRE(reports.size() >= 500);
    for (size_t i = 1; i < reports.size(); ++i) {
      CHECK(reports[i].rows > reports[i - 1].rows);
      CHECK(reports[i].position >= reports[i - 1].position);
    }
    CHECK(reports.back().rows == stats.rows_read);
    CHECK(reports.back().position == static_cast<int64_t>(e.input.size()));
    // The pool holds 2 * threads + 2 batches: the reader can be no further ahead than that.
    CHECK(furthest_ahead <= (2 * threads + 2) * 100);
  }
}

TEST_CASE("batch run: cells far apart in the source's buffer are copied one by one, and still right") {
  const Program program = samples::sample_program();
  const std::string big(3000, 'x'); // a column no field reads, between columns that are read
  std::string input = "id,age,big,dx,name\n";
  for (int i = 0; i < 500; ++i)
    input += "R" + std::to_string(i) + "," + std::to_string(i % 60) + "," + (i % 2 ? big : "") + ",C501," +
             (i % 3 ? "alice" : "bob") + "\n";
  Result inline_run = run(program, input, options(1));
  Result threaded = run(program, input, options(2, 7));
  CHECK(threaded.out == inline_run.out);
  CHECK(threaded.errors == inline_run.errors);
  CHECK(inline_run.out.find("\nR19,high,high\n") != std::string::npos); // age 19, alice, with a C50 code
  CHECK(inline_run.out.find("\nR21,,\n") != std::string::npos);         // age 21, bob
  CHECK(inline_run.stats.rows_written == 500);
}
