// The data panel's costs over a generated file, measured as editor/src/data_panel.cpp spends them: DataTable::open
// when a CSV is opened, RowOutcomes::evaluate when the program or the file changes, RowOutcomes::filter when an
// outcome is picked, and, on every frame, the rows the list clipper shows.
#include "studio_data.h"

#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "report.h"
#include "sus_rows.h"
#include "waymark/studio/data_table.h"
#include "waymark/studio/row_outcomes.h"
#include "waymark/studio/test_results.h"

namespace waymark::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr uint64_t kSeed = 20240901;          // the benchmark's seed: the same rows as waymark-bench's
constexpr int kRuns = 3;                      // open, evaluate, filter: best and median of 3
constexpr size_t kRowsPerFrame = 45;          // what the clipper shows in a tall data panel
constexpr int kFrames = 1000;                 // random places: a scrollbar drag jumps anywhere
constexpr double kFrameBudgetUs = 1e6 / 60.0; // 16.7 ms, one frame at 60 Hz

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// A temporary folder, removed with everything in it.
class TempDir {
public:
  explicit TempDir(const std::string& parent) {
    std::string pattern = (fs::path(parent) / "waymark-bench-data-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  bool made() const { return !path_.empty(); }
  fs::path file(const std::string& name) const { return path_ / name; }

private:
  fs::path path_;
};

struct Timings {
  double best = 0, median = 0;
};

template <typename Work>
Timings time_runs(Work&& work) {
  std::vector<double> ms;
  for (int run = 0; run < kRuns; ++run) {
    const auto start = Clock::now();
    work();
    ms.push_back(ms_since(start));
  }
  return {*std::min_element(ms.begin(), ms.end()), median(ms)};
}

// One frame's rows as the panel draws them: each row's cells, its line, its problem and its outcome (the drawing
// itself is ImGui's, not measured). Returns a sum of the sizes, so that nothing read is unused.
template <typename RowAt>
size_t frame_rows(const studio::DataTable& table, const studio::RowOutcomes& outcomes, size_t first, size_t count,
                  RowAt row_at, std::vector<std::string>& cells) {
  size_t seen = 0;
  for (size_t i = first; i < first + count; ++i) {
    const size_t row = row_at(i);
    table.read_row(row, cells);
    for (const auto& cell : cells) seen += cell.size();
    seen += table.line(row) + (table.problem(row) != nullptr) + outcomes.outcome(row).size() +
            (outcomes.rejection(row) != nullptr);
  }
  return seen;
}

struct FrameTimes {
  double median_us = 0, max_us = 0;
};

// kFrames frames of kRowsPerFrame consecutive rows of a list of `shown` rows, each at a random place.
template <typename RowAt>
FrameTimes time_frames(const studio::DataTable& table, const studio::RowOutcomes& outcomes, size_t shown,
                       RowAt row_at, size_t& seen) {
  const size_t count = std::min(kRowsPerFrame, shown);
  std::mt19937_64 random(kSeed); // the same places every run
  std::vector<std::string> cells;
  std::vector<double> us;
  for (int frame = 0; frame < kFrames; ++frame) {
    const size_t first = random() % (shown - count + 1);
    const auto start = Clock::now();
    seen += frame_rows(table, outcomes, first, count, row_at, cells);
    us.push_back(ms_since(start) * 1000.0);
  }
  return {median(us), *std::max_element(us.begin(), us.end())};
}

bool generate(const fs::path& csv, uint64_t rows) {
  std::FILE* out = std::fopen(csv.c_str(), "wb");
  if (!out) return false;
  const bool written = datagen::write_sus_csv(out, rows, kSeed);
  return std::fclose(out) == 0 && written;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string frame_row(const std::string& label, const FrameTimes& t) {
  char line[400];
  std::snprintf(line, sizeof line, "| %s | %.1f | %.1f | %.4f | %.4f | %s |\n", label.c_str(), t.median_us, t.max_us,
                t.median_us / kFrameBudgetUs, t.max_us / kFrameBudgetUs,
                t.median_us <= kFrameBudgetUs ? "≤ 16.7 ms met" : "**over 16.7 ms**");
  return line;
}

} // namespace

int measure_data_panel(const std::string& pathway, uint64_t rows, const std::string& workdir) {
  TempDir dir(workdir);
  if (!dir.made()) {
    std::fprintf(stderr, "cannot make a folder in %s: %s\n", workdir.c_str(), std::strerror(errno));
    return 1;
  }
  const fs::path csv = dir.file("outpatients.csv");
  if (!generate(csv, rows)) {
    std::fprintf(stderr, "cannot write %s\n", csv.c_str());
    return 1;
  }
  const auto program = studio::compile_buffer(pathway, read_text(pathway));
  if (!program) {
    std::fprintf(stderr, "%s does not compile\n", pathway.c_str());
    return 1;
  }

  studio::DataTable table;
  std::string error;
  bool opened = true;
  const Timings open = time_runs([&] { opened = opened && table.open(csv.string(), error); });
  if (!opened || table.row_count() != rows || !table.problems().empty()) {
    std::fprintf(stderr, "%s did not open as %llu clean rows: %s\n", csv.c_str(), static_cast<unsigned long long>(rows),
                 error.c_str());
    return 1;
  }

  studio::RowOutcomes outcomes;
  std::vector<std::string> errors, warnings;
  bool evaluated = true;
  const Timings evaluate =
      time_runs([&] { evaluated = evaluated && outcomes.evaluate(table, *program, errors, warnings); });
  if (!evaluated || outcomes.row_count() != rows || outcomes.values().empty()) {
    std::fprintf(stderr, "%s did not evaluate the rows%s%s\n", pathway.c_str(), errors.empty() ? "" : ": ",
                 errors.empty() ? "" : errors.front().c_str());
    return 1;
  }

  const auto& values = outcomes.values();
  const studio::OutcomeValue& common =
      *std::max_element(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.rows < b.rows; });
  std::vector<size_t> filtered;
  const Timings filter = time_runs([&] { filtered = outcomes.filter(common.value); });
  if (filtered.size() != common.rows) {
    std::fprintf(stderr, "the filter for %s gave %zu rows, not %llu\n", common.value.c_str(), filtered.size(),
                 static_cast<unsigned long long>(common.rows));
    return 1;
  }

  size_t seen = 0;
  const FrameTimes all = time_frames(table, outcomes, table.row_count(), [](size_t i) { return i; }, seen);
  const FrameTimes only = time_frames(table, outcomes, filtered.size(), [&](size_t i) { return filtered[i]; }, seen);

  const auto per_second = [&](const Timings& t) {
    return format_rate(static_cast<double>(rows) / (t.median / 1000.0));
  };
  const uint64_t on_disk = fs::file_size(csv);
  std::printf("\n## Data panel over %llu generated outpatient rows (waymark::studio::DataTable and RowOutcomes, "
              "%s)\n\n",
              static_cast<unsigned long long>(rows), fs::path(pathway).filename().c_str());
  std::printf("| step (%d runs) | best ms | median ms | rows/s (median) |\n|---|---:|---:|---:|\n", kRuns);
  std::printf("| DataTable::open | %.1f | %.1f | %s |\n", open.best, open.median, per_second(open).c_str());
  std::printf("| RowOutcomes::evaluate | %.1f | %.1f | %s |\n", evaluate.best, evaluate.median,
              per_second(evaluate).c_str());
  std::printf("| RowOutcomes::filter (%s, %zu rows) | %.2f | %.2f | %s |\n", common.value.c_str(), filtered.size(),
              filter.best, filter.median, per_second(filter).c_str());
  std::printf("\n%s:", outcomes.outcome_name().c_str());
  for (const auto& value : values)
    std::printf(" %s %llu;", value.value.c_str(), static_cast<unsigned long long>(value.rows));
  std::printf(" %s %llu\n", std::string(studio::RowOutcomes::kRejected).c_str(),
              static_cast<unsigned long long>(outcomes.rejected_count()));
  std::printf("\n| file bytes | table bytes (file + index) | table / file | index bytes a row |\n"
              "|---:|---:|---:|---:|\n");
  std::printf("| %llu | %zu | %.3f | %.1f |\n", static_cast<unsigned long long>(on_disk),
              table.file_bytes() + table.index_bytes(),
              static_cast<double>(table.file_bytes() + table.index_bytes()) / static_cast<double>(on_disk),
              static_cast<double>(table.index_bytes()) / static_cast<double>(table.row_count()));
  std::printf("\n| one frame's rows: %zu rows (cells, line, outcome) at %d random places | median µs | max µs | "
              "median / 16.7 ms | max / 16.7 ms | target |\n|---|---:|---:|---:|---:|---|\n",
              kRowsPerFrame, kFrames);
  std::printf("%s", frame_row("all rows", all).c_str());
  std::printf("%s", frame_row("filtered to " + common.value, only).c_str());
  volatile size_t observed = seen; // the frames' reads are used, so none can be left out
  (void)observed;
  return all.median_us <= kFrameBudgetUs && only.median_us <= kFrameBudgetUs ? 0 : 2;
}

} // namespace waymark::bench
