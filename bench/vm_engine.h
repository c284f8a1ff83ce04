#pragma once
// The Waymark VM over pre-loaded records: the pathway compiled with load_program, one rt::Machine.
#include <cstdint>
#include <string>
#include <vector>

#include "record_table.h"
#include "waymark/runtime/program.h"

namespace waymark::bench {

class VmEngine {
public:
  // Compiles the pathway; throws std::runtime_error with the rendered diagnostics when it does not compile.
  explicit VmEngine(const std::string& pathway);

  // Reads and evaluates every record of `table`; labelled[r] is 1 when the record's category was written.
  // Returns how many were. Throws when a record does not read (every generated record must).
  uint64_t classify(const RecordTable& table, std::vector<uint8_t>& labelled) const;

private:
  rt::Program program_;
  std::vector<Column> field_columns_; // per program field, the table column it reads
  uint32_t category_ = 0;             // the output
};

} // namespace waymark::bench
