#pragma once
// The progress line `waymark run` draws on a terminal's stderr: rows done, the rate, and the share of the input
// consumed when its size is known. Redrawn at most 10 times a second, from whichever thread writes the output.
#include <chrono>
#include <cstdint>
#include <ostream>

#include "waymark/runtime/batch.h"

namespace waymark::cli {

class ProgressBar {
public:
  ProgressBar(std::ostream& out, int64_t total_bytes); // total_bytes <= 0: size unknown, no percentage
  void update(const rt::RunProgress& progress);
  void finish(); // erases the line

private:
  std::ostream& out_;
  int64_t total_;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

// 1234567 → "1,234,567"
std::string with_commas(uint64_t n);

} // namespace waymark::cli
