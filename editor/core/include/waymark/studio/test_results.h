#pragma once
// The test cases panel's results: every case of the open buffer, compiled as its file (imports read from disk)
// and run on the VM, each passed or failed with the lines `waymark test` prints for it. A buffer that does not
// compile runs nothing and gives its errors instead.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "waymark/runtime/program.h"
#include "waymark/studio/live_check.h"

namespace waymark::studio {

// One expectation that did not hold.
struct FailedCheck {
  std::string expected; // the expectation as written: `risk = "low"`, `fired low_risk`
  std::string actual;   // what the case gave: `"medium"`, `missing`, `unknown`
};

struct CaseResult {
  std::string name;
  uint32_t line = 0, column = 0; // 1-based, where `waymark test` places the case (its name)
  bool passed = false;
  // As `waymark test` prints them under `FAIL`: `record rejected: ...`, `error: ...`, then one
  // `expected risk = "low", got "medium"` per expectation that did not hold. Empty when the case passed.
  std::vector<std::string> failure_lines;
  std::vector<FailedCheck> failed_checks;
};

struct TestRun {
  bool compiled = false;
  // When it did not compile: `not tested, 2 errors`; otherwise `3 passed, 1 failed`.
  std::string message;
  std::vector<Marker> errors;    // the errors that stopped it compiling (warnings left to the live check)
  std::vector<CaseResult> cases; // in source order
  size_t passed = 0, failed = 0;
};

// Compiles `text` as the file `path` (imports read from its folder on disk), for the case form's schema and for
// running. Nothing when it has errors; they go to `errors` (sorted by file, line and column) when given.
std::optional<rt::Program> compile_buffer(const std::string &path, const std::string &text,
                                          std::vector<Marker> *errors = nullptr);

// Compiles `text` as the file `path` and runs every one of its test cases.
TestRun run_buffer_tests(const std::string &path, const std::string &text);

} // namespace waymark::studio
