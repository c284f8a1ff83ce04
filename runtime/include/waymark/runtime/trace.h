#pragma once
// What one evaluation did, event by event, for explanations, coverage and the Studio's debugger.
// The VM records a trace only when one is attached (Machine::set_trace); otherwise the cost is one branch per
// fragment run. Values point into the record and the program, like the Machine's own: valid until the next read().
#include <cstdint>
#include <vector>

#include "waymark/runtime/machine.h"

namespace waymark::rt {

enum class TraceEventKind : uint8_t {
  RuleEntered, // a rule's condition starts
  Value,       // instruction `pc` wrote `value` (an input read, a condition's truth, a derived value, ...)
  Output,      // instruction `pc` (SETOUT or APPEND) offered `value` to an output
  RuleDone,    // a rule's final state for this record
};

struct TraceEvent {
  static constexpr uint32_t kNoRule = UINT32_MAX;
  TraceEventKind kind = TraceEventKind::Value;
  uint32_t rule = kNoRule; // the rule being evaluated or fired
  uint32_t pc = 0;         // Value, Output: the instruction
  RuleState state = RuleState::NotEvaluated; // RuleDone
  Reg value;                                 // Value, Output
};

struct Trace {
  std::vector<TraceEvent> events; // in the order things happened
};

} // namespace waymark::rt
