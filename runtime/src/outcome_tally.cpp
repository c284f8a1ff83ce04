#include "waymark/runtime/outcome_tally.h"

namespace waymark::rt {

OutcomeTally::OutcomeTally(const Program& program) {
  for (uint32_t o = 0; o < program.outputs.size(); ++o) {
    const OutputInfo& output = program.outputs[o];
    const std::string_view role = program.str(output.role);
    if (output.type.base != BaseType::Text || output.type.list) continue;
    if (role == "classification" || role == "urgency") outcomes_.push_back({o, 0, {}, false});
  }
}

void OutcomeTally::count_value(OutcomeCounts& counts, std::string_view value, uint64_t records) {
  for (OutcomeValueCount& known : counts.values)
    if (known.value == value) {
      known.records += records;
      return;
    }
  if (counts.values.size() >= kMaxValues) {
    counts.overflowed = true;
    return;
  }
  counts.values.push_back({std::string(value), records});
}

void OutcomeTally::count(const Machine& machine) {
  for (OutcomeCounts& counts : outcomes_) {
    const Reg& reg = machine.output(counts.output);
    if (!reg.present) ++counts.missing;
    else count_value(counts, reg.s.view(), 1);
  }
}

void OutcomeTally::add(const OutcomeTally& other) {
  for (size_t i = 0; i < outcomes_.size() && i < other.outcomes_.size(); ++i) {
    OutcomeCounts& mine = outcomes_[i];
    const OutcomeCounts& theirs = other.outcomes_[i];
    mine.missing += theirs.missing;
    mine.overflowed |= theirs.overflowed;
    for (const OutcomeValueCount& v : theirs.values) count_value(mine, v.value, v.records);
  }
}

} // namespace waymark::rt
