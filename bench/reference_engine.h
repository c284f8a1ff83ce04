#pragma once
// The reference evaluator (tests/reference: the AST-walking oracle) over pre-loaded records. It is slow by design;
// the benchmark runs it on the first records only.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "record_table.h"

namespace waymark {
class Diagnostics;
class Workspace;
} // namespace waymark

namespace waymark::bench {

class ReferenceEngine {
public:
  // Loads and checks the pathway; throws std::runtime_error with the rendered diagnostics on errors.
  explicit ReferenceEngine(const std::string& pathway);
  ~ReferenceEngine();
  ReferenceEngine(const ReferenceEngine&) = delete;
  ReferenceEngine& operator=(const ReferenceEngine&) = delete;

  // Evaluates the first `count` records (each turned into the evaluator's Record, as its reading step);
  // labelled[r] is 1 when the category was written. Returns how many were.
  uint64_t classify(const RecordTable& table, size_t count, std::vector<uint8_t>& labelled) const;

private:
  std::unique_ptr<Diagnostics> diagnostics_;
  std::unique_ptr<Workspace> workspace_;
  uint32_t file_ = 0;
};

} // namespace waymark::bench
