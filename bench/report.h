#pragma once
// The benchmark's results and their markdown report: records per second per engine and size, the ratios between
// engines measured in the same run, and peak memory of the end-to-end processes.
#include <cstdint>
#include <string>
#include <vector>

namespace waymark::bench {

struct Measurement {
  std::string engine;
  uint64_t rows = 0;      // the run's size (the generated file)
  uint64_t evaluated = 0; // records evaluated: rows, or a subset for slow engines
  double seconds = 0;
  long peak_rss_kib = 0; // end-to-end runs only
  uint64_t labelled = 0;
  double rate() const { return seconds > 0 ? static_cast<double>(evaluated) / seconds : 0; }
};

// A ratio the report shows: the speed (records/s) of `engine` over that of `baseline`, in one table.
struct RatioSpec {
  std::string label, engine, baseline;
  bool end_to_end = false;
};

struct Report {
  std::vector<std::string> context; // lines above the tables (machine, seed, repetitions)
  std::vector<uint64_t> sizes;
  std::vector<Measurement> pure;       // records pre-loaded in memory
  std::vector<Measurement> end_to_end; // CSV file to CSV file, a separate process each
  std::vector<RatioSpec> ratios;
  std::vector<std::string> problems; // disagreements between engines; the run fails when there are any

  std::string markdown() const;
};

// "12.3 M/s", "845 k/s".
std::string format_rate(double records_per_second);

} // namespace waymark::bench
