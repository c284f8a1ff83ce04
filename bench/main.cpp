// waymark-bench: the EBI low back pain imaging rule over generated SUS records, measured in one run for
//   - a hand-written C++ evaluation of the same SQL (the speed limit),
//   - the Waymark VM (the pathway compiled with load_program),
//   - SQLite (libsqlite3, in memory, the query of tests/sqlite/low_back_imaging.sql),
//   - the reference evaluator (on the first records only: it is slow by design),
// on records pre-loaded in memory, and end to end from CSV file to CSV file (hand-written, `waymark run` on one
// thread and on all, SQLite), with the ratios between them and the peak memory of each end-to-end process.
// Every engine must label the same records; the run fails loudly when they do not.
//
//   waymark-bench [--rows 1000000,5000000] [--quick] [--markdown FILE]
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

#include <CLI/CLI.hpp>

#include "child_process.h"
#include "handwritten_imaging.h"
#include "record_table.h"
#include "reference_engine.h"
#include "report.h"
#include "sqlite_engine.h"
#include "sus_rows.h"
#include "vm_engine.h"
#include "waymark/runtime/csv_reader.h"

namespace fs = std::filesystem;
using namespace waymark::bench;

namespace {

struct Options {
  std::vector<uint64_t> sizes{1000000, 5000000};
  bool quick = false;
  std::string markdown;
  uint64_t seed = 20240901;
  int repeat = 3;
  uint64_t reference_records = 100000;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::string pathway = WAYMARK_SOURCE_DIR "/pathways/ebi/low_back_imaging.wm";
  std::string sql = WAYMARK_SOURCE_DIR "/tests/sqlite/low_back_imaging.sql";
  std::string waymark = WAYMARK_CLI;
  std::string workdir = fs::temp_directory_path().string();
};

const std::string kHandwritten = "hand-written C++";
const std::string kVm = "Waymark VM";
const std::string kSqliteQuery = "SQLite query (pre-loaded table)";
const std::string kSqliteInsert = "SQLite insert (loading that table)";
const std::string kReference = "reference evaluator";
const std::string kHandwrittenE2e = "hand-written C++ (1 thread)";
const std::string kSqliteE2e = "SQLite (import, query, write)";
std::string waymark_run_name(unsigned threads) { return "waymark run --threads " + std::to_string(threads); }

void progress(const std::string& line) { std::cerr << "waymark-bench: " << line << std::endl; }

// A temporary folder, removed with everything in it.
class TempDir {
public:
  explicit TempDir(const std::string& parent) {
    std::string pattern = (fs::path(parent) / "waymark-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a folder in " + parent);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
  fs::path path_;
};

template <typename Work>
double time_best(int repeat, Work&& work) {
  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

struct OutputCounts {
  uint64_t rows = 0, labelled = 0;
};

// Counts the rows of an "id,category" CSV written by an engine, and those with a category.
OutputCounts count_output(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  waymark::rt::CsvReader reader(in);
  waymark::rt::CsvRecord record;
  if (!reader.next(record)) throw std::runtime_error(path + " is empty");
  auto column = std::find(record.fields.begin(), record.fields.end(), "category") - record.fields.begin();
  if (static_cast<size_t>(column) == record.fields.size()) throw std::runtime_error(path + " has no category column");
  OutputCounts counts;
  while (reader.next(record)) {
    if (!record.ok() || static_cast<size_t>(column) >= record.fields.size()) {
      throw std::runtime_error(path + ":" + std::to_string(record.line) + ": malformed output " + record.error);
    }
    ++counts.rows;
    counts.labelled += !record.fields[static_cast<size_t>(column)].empty();
  }
  return counts;
}

std::string self_path() {
  std::error_code error;
  auto path = fs::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error("cannot find this program's path: " + error.message());
  return path.string();
}

// One end-to-end process over `input`, checked to have written every row. Repeated runs keep the best time and
// the highest peak RSS.
void run_end_to_end(Report& report, const std::string& engine, uint64_t rows, std::vector<std::string> argv,
                    const std::string& output, const TempDir& dir) {
  progress("end to end, " + std::to_string(rows) + " records: " + engine);
  ChildResult child = run_child(argv, dir.file("child-stdout.txt"));
  if (child.exit_status != 0) {
    throw std::runtime_error(engine + " failed (exit status " + std::to_string(child.exit_status) + ")");
  }
  OutputCounts counts = count_output(output);
  if (counts.rows != rows) {
    report.problems.push_back(engine + " wrote " + std::to_string(counts.rows) + " rows of " + std::to_string(rows));
  }
  for (auto& m : report.end_to_end) {
    if (m.engine == engine && m.rows == rows) {
      m.seconds = std::min(m.seconds, child.seconds);
      m.peak_rss_kib = std::max(m.peak_rss_kib, child.peak_rss_kib);
      if (m.labelled != counts.labelled) {
        report.problems.push_back(engine + " labels a different number of records from one run to the next");
      }
      return;
    }
  }
  report.end_to_end.push_back({engine, rows, rows, child.seconds, child.peak_rss_kib, counts.labelled});
}

// Rounds of every end-to-end engine in turn, so that a burst of load on the machine hits them alike.
void end_to_end_runs(Report& report, const Options& options, const TempDir& dir, uint64_t rows,
                     const std::string& input) {
  const std::string self = self_path(), out = dir.file("out.csv");
  std::vector<unsigned> thread_counts{1};
  if (options.threads > 1) thread_counts.push_back(options.threads);
  for (int round = 0; round < options.repeat; ++round) {
    run_end_to_end(report, kHandwrittenE2e, rows, {self, "e2e-handwritten", input, out}, out, dir);
    for (unsigned threads : thread_counts) {
      run_end_to_end(report, waymark_run_name(threads), rows,
                     {options.waymark, "run", options.pathway, "--input", input, "--output", out, "--threads",
                      std::to_string(threads), "--quiet"},
                     out, dir);
    }
    run_end_to_end(report, kSqliteE2e, rows, {self, "e2e-sqlite", input, out, "--sql", options.sql}, out, dir);
  }
}

// Checks that `labelled` agrees with the hand-written evaluation record by record (over its length).
void compare(Report& report, const std::string& engine, const std::vector<uint8_t>& labelled,
             const std::vector<uint8_t>& baseline, const RecordTable& table) {
  size_t shown = 0;
  for (size_t r = 0; r < labelled.size() && shown < 5; ++r) {
    if (labelled[r] != baseline[r]) {
      report.problems.push_back(engine + " labels record " + std::string(table.field(r, kId)) +
                                (labelled[r] ? "" : " not") + " as imaging; " + kHandwritten +
                                (baseline[r] ? " does" : " does not"));
      ++shown;
    }
  }
}

void pure_runs(Report& report, const Options& options, uint64_t rows, const std::string& input, const VmEngine& vm,
               const ReferenceEngine& reference, const std::string& sql) {
  progress("pre-loading " + std::to_string(rows) + " records");
  RecordTable table = RecordTable::load_csv(input);
  const size_t n = table.size();

  progress("pure evaluation: " + kHandwritten);
  std::vector<uint8_t> hand(n);
  uint64_t hand_count = 0;
  double seconds = time_best(options.repeat, [&] {
    hand_count = 0;
    for (size_t r = 0; r < n; ++r) {
      bool yes =
          is_lower_back_imaging({table.field(r, kProcedures), table.field(r, kDiagnoses), table.field(r, kEpisodeAge),
                                 table.field(r, kActivityAge), table.field(r, kAdminCategory)});
      hand[r] = yes;
      hand_count += yes;
    }
  });
  report.pure.push_back({kHandwritten, rows, n, seconds, 0, hand_count});

  progress("pure evaluation: " + kVm);
  std::vector<uint8_t> labelled;
  uint64_t count = 0;
  seconds = time_best(options.repeat, [&] { count = vm.classify(table, labelled); });
  report.pure.push_back({kVm, rows, n, seconds, 0, count});
  compare(report, kVm, labelled, hand, table);

  {
    progress("pure evaluation: " + kSqliteQuery);
    SqliteDatabase db;
    seconds = time_best(1, [&] { db.insert(table); });
    seconds = std::max(seconds, 1e-9);
    Measurement insert{kSqliteInsert, rows, n, seconds, 0, 0};
    seconds = time_best(options.repeat, [&] {
      labelled.clear();
      count = db.classify(sql, &labelled, nullptr);
    });
    report.pure.push_back({kSqliteQuery, rows, n, seconds, 0, count});
    report.pure.push_back(insert);
    if (labelled.size() != n)
      report.problems.push_back("the SQLite query returned " + std::to_string(labelled.size()) + " rows of " +
                                std::to_string(n));
    compare(report, kSqliteQuery, labelled, hand, table);
  }

  const size_t subset = std::min<size_t>(options.reference_records, n);
  progress("pure evaluation: " + kReference + " on " + std::to_string(subset) + " records");
  seconds = time_best(1, [&] { count = reference.classify(table, subset, labelled); });
  report.pure.push_back({kReference, rows, subset, seconds, 0, count});
  compare(report, kReference, labelled, hand, table);
}

// Every engine's count of labelled records must be the hand-written one (on the same records).
void check_counts(Report& report, uint64_t rows) {
  const Measurement* hand = nullptr;
  for (const auto& m : report.pure) {
    if (m.engine == kHandwritten && m.rows == rows) hand = &m;
  }
  if (!hand) return;
  auto check = [&](const Measurement& m, uint64_t expected) {
    if (m.labelled != expected) {
      report.problems.push_back(m.engine + " labels " + std::to_string(m.labelled) + " of " +
                                std::to_string(m.evaluated) + " records; " + kHandwritten + " labels " +
                                std::to_string(expected));
    }
  };
  for (const auto& m : report.end_to_end) {
    if (m.rows == rows) check(m, hand->labelled);
  }
  for (const auto& m : report.pure) {
    if (m.rows != rows || m.engine == kSqliteInsert || m.evaluated != rows) continue;
    check(m, hand->labelled);
  }
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown CPU";
}

int run_benchmark(const Options& options) {
  for (const auto& path : {options.pathway, options.sql, options.waymark}) {
    if (!fs::exists(path)) throw std::runtime_error(path + " does not exist");
  }
  TempDir dir(options.workdir);
  Report report;
  report.sizes = options.sizes;
  utsname host{};
  uname(&host);
  report.context.push_back("- machine: " + cpu_model() + ", " + std::to_string(std::thread::hardware_concurrency()) +
                           " cores, Linux " + host.release + "; build " WAYMARK_BUILD_TYPE ", GCC " __VERSION__);
  report.context.push_back(
      "- records: waymark-gen-sus, seed " + std::to_string(options.seed) + "; every timing is the best of " +
      std::to_string(options.repeat) +
      " runs (the reference evaluator and SQLite's insert: one); end to end is wall clock, process start included");
  report.context.push_back("- speeds are records per second; SQLite's pure query runs over a table already typed "
                           "and loaded (its load is listed apart)");

  // End-to-end runs first, while this process is small: a child's peak RSS includes its parent's at exec.
  std::vector<std::string> inputs;
  for (uint64_t rows : options.sizes) {
    std::string input = dir.file("rows-" + std::to_string(rows) + ".csv");
    progress("generating " + std::to_string(rows) + " records");
    {
      std::FILE* file = std::fopen(input.c_str(), "wb");
      if (!file) throw std::runtime_error("cannot write " + input);
      bool ok = waymark::datagen::write_sus_csv(file, rows, options.seed);
      if (std::fclose(file) != 0 || !ok) throw std::runtime_error("cannot write " + input);
    }
    inputs.push_back(input);
    end_to_end_runs(report, options, dir, rows, input);
  }
  report.context.push_back("- peak RSS of this benchmark before the end-to-end runs: " +
                           std::to_string(own_peak_rss_kib() / 1024) + " MiB (a floor under the children's figures)");

  VmEngine vm(options.pathway);
  ReferenceEngine reference(options.pathway);
  const std::string sql = read_text_file(options.sql);
  for (size_t i = 0; i < options.sizes.size(); ++i) {
    pure_runs(report, options, options.sizes[i], inputs[i], vm, reference, sql);
    check_counts(report, options.sizes[i]);
  }

  const std::string wm1 = waymark_run_name(1), wmn = waymark_run_name(options.threads);
  report.ratios = {{"Waymark VM / hand-written C++ (pure)", kVm, kHandwritten, false},
                   {"Waymark VM / SQLite query (pure)", kVm, kSqliteQuery, false},
                   {wm1 + " / hand-written C++ (end to end)", wm1, kHandwrittenE2e, true},
                   {wm1 + " / SQLite (end to end)", wm1, kSqliteE2e, true}};
  if (options.threads > 1) {
    report.ratios.push_back({wmn + " / hand-written C++ (end to end)", wmn, kHandwrittenE2e, true});
    report.ratios.push_back({wmn + " / SQLite (end to end)", wmn, kSqliteE2e, true});
  }

  std::string markdown = report.markdown();
  std::cout << markdown << std::flush;
  if (!options.markdown.empty()) {
    std::ofstream file(options.markdown);
    file << markdown;
    if (!file.flush()) throw std::runtime_error("cannot write " + options.markdown);
  }
  if (!report.problems.empty()) {
    std::cerr << "waymark-bench: FAILED: the engines do not label the same records:\n";
    for (const auto& problem : report.problems) std::cerr << "  " << problem << "\n";
    return 1;
  }
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures the EBI low back pain imaging rule: hand-written C++, the Waymark VM, SQLite and the "
               "reference evaluator, on pre-loaded records and end to end"};
  Options options;
  app.add_option("--rows", options.sizes, "Record counts to measure, comma-separated")->delimiter(',');
  app.add_flag("--quick", options.quick, "A smoke run on tiny sizes (1000 and 2000 records, one repetition)");
  app.add_option("--markdown", options.markdown, "Also write the report to this file");
  app.add_option("--seed", options.seed, "Seed of the generated records");
  app.add_option("--repeat", options.repeat, "Every timing is the best of this many runs")->check(CLI::PositiveNumber);
  app.add_option("--reference-records", options.reference_records, "Records given to the reference evaluator");
  app.add_option("--threads", options.threads, "Threads for the all-threads waymark run")->check(CLI::PositiveNumber);
  app.add_option("--pathway", options.pathway, "The pathway source");
  app.add_option("--sql", options.sql, "The SQL script (SQLite dialect)");
  app.add_option("--waymark", options.waymark, "The waymark command line");
  app.add_option("--workdir", options.workdir, "Where the generated files go (removed at the end)");

  // The end-to-end engines that run in this program, each started as a separate process by the benchmark.
  std::string input, output;
  auto* handwritten = app.add_subcommand("e2e-handwritten", "Hand-written C++ end to end: CSV in, CSV out");
  handwritten->group("");
  handwritten->add_option("input", input)->required();
  handwritten->add_option("output", output)->required();
  auto* sqlite = app.add_subcommand("e2e-sqlite", "SQLite end to end: CSV in, CSV out");
  sqlite->group("");
  sqlite->add_option("input", input)->required();
  sqlite->add_option("output", output)->required();
  sqlite->add_option("--sql", options.sql, "The SQL script (SQLite dialect)");
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);

  try {
    if (handwritten->parsed()) {
      classify_csv_file(input, output);
      return 0;
    }
    if (sqlite->parsed()) {
      SqliteDatabase::classify_csv_file(input, output, read_text_file(options.sql));
      return 0;
    }
    if (options.quick) {
      if (app.count("--rows") == 0) options.sizes = {1000, 2000};
      options.repeat = 1;
    }
    std::sort(options.sizes.begin(), options.sizes.end());
    options.sizes.erase(std::unique(options.sizes.begin(), options.sizes.end()), options.sizes.end());
    return run_benchmark(options);
  } catch (const std::exception& error) {
    std::cerr << "waymark-bench: error: " << error.what() << "\n";
    return 1;
  }
}
