#pragma once
// Runs a compiled program on the VM and reports in the reference evaluator's terms, so the two can be compared.
#include "reference_evaluator.h"
#include "waymark/runtime/program.h"

namespace waymark::reference {

// With `traced`, a trace is attached while evaluating (it must change nothing).
Outcome evaluate_on_vm(const rt::Program& program, const Record& record, bool traced = false);
// Every difference between two outcomes, one per line; empty when they agree.
std::string differences(const Outcome& reference, const Outcome& vm);

} // namespace waymark::reference
