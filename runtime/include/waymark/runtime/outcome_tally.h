#pragma once
// How many records reached each value of a pathway's outcome outputs over a batch run: the text outputs with the
// role `classification` or `urgency` (e.g. category, risk, urgency). These are what a run summary reports
// ("routine 120, urgent 31, emergency 4"). Counting is a short linear scan over the few values an outcome
// takes, so it stays cheap next to evaluation; past kMaxValues distinct values an output stops being counted
// (its values are then not a category) and says so.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/machine.h"
#include "waymark/runtime/program.h"

namespace waymark::rt {

struct OutcomeValueCount {
  std::string value;
  uint64_t records = 0;
};

struct OutcomeCounts {
  uint32_t output = 0;                    // index into Program::outputs
  uint64_t missing = 0;                   // records where no rule set it
  std::vector<OutcomeValueCount> values;  // in order of first appearance (which, over threads, varies)
  bool overflowed = false;                // more than kMaxValues distinct values: counts are incomplete
};

class OutcomeTally {
public:
  static constexpr size_t kMaxValues = 64;

  explicit OutcomeTally(const Program& program);

  void count(const Machine& machine); // after evaluate()
  void add(const OutcomeTally& other); // merges another worker's counts (same program)

  const std::vector<OutcomeCounts>& outcomes() const { return outcomes_; }

private:
  void count_value(OutcomeCounts& counts, std::string_view value, uint64_t records);

  std::vector<OutcomeCounts> outcomes_;
};

} // namespace waymark::rt
