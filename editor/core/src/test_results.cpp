// Runs a buffer's test cases the way `waymark test` runs a file's, without the command line's printing or options.
#include "waymark/studio/test_results.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "waymark/compiler/lowering.h"
#include "waymark/compiler/workspace.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/test_runner.h"

namespace waymark::studio {
namespace {

Marker marker_of(const Diagnostic &d) {
  Marker m;
  m.severity = Marker::Severity::Error;
  m.path = d.file ? d.file->path() : d.path;
  m.line = d.span.line;
  m.column = d.span.column;
  m.length = std::max<uint32_t>(d.span.length, 1);
  m.message = d.message;
  return m;
}

CaseResult result_of(const rt::Program &program, const rt::TestCaseInfo &test, const rt::TestOutcome &outcome) {
  CaseResult result;
  result.name = program.str(test.name);
  result.line = test.location.line;
  result.column = test.location.column;
  result.passed = outcome.passed();
  if (!outcome.rejected.empty()) result.failure_lines.push_back("record rejected: " + outcome.rejected);
  for (const std::string &error : outcome.errors) result.failure_lines.push_back("error: " + error);
  for (const rt::FailedExpectation &failure : outcome.failures) {
    result.failure_lines.push_back(failure.message);
    result.failed_checks.push_back(FailedCheck{failure.expected, failure.actual});
  }
  return result;
}

} // namespace

std::optional<rt::Program> compile_buffer(const std::string &path, const std::string &text,
                                          std::vector<Marker> *errors) {
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  const auto index = workspace.load_text(path, text);
  std::optional<rt::Program> program;
  if (index && diagnostics.error_count() == 0) program = lower_pathway(workspace, *index);
  if (program || !errors) return program;
  errors->clear();
  for (const Diagnostic &d : diagnostics.all())
    if (d.severity == Severity::Error) errors->push_back(marker_of(d));
  if (errors->empty()) { // lowering gave nothing without saying why: still say it did not compile
    Marker m;
    m.path = path;
    m.message = "the pathway could not be compiled";
    errors->push_back(std::move(m));
  }
  std::stable_sort(errors->begin(), errors->end(), [](const Marker &a, const Marker &b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  return program;
}

TestRun run_buffer_tests(const std::string &path, const std::string &text) {
  TestRun run;
  const std::optional<rt::Program> program = compile_buffer(path, text, &run.errors);
  if (!program) {
    const size_t count = run.errors.size();
    run.message = "not tested, " + std::to_string(count) + (count == 1 ? " error" : " errors");
    return run;
  }
  run.compiled = true;
  rt::Machine machine(*program);
  for (const rt::TestCaseInfo &test : program->tests) {
    const rt::TestOutcome outcome = rt::run_test_case(*program, test, machine);
    run.cases.push_back(result_of(*program, test, outcome));
    ++(outcome.passed() ? run.passed : run.failed);
  }
  // Cases are lowered in source order already; sorting by line keeps that promise whatever lowering does.
  std::stable_sort(run.cases.begin(), run.cases.end(),
                   [](const CaseResult &a, const CaseResult &b) { return a.line < b.line; });
  run.message = std::to_string(run.passed) + " passed, " + std::to_string(run.failed) + " failed";
  return run;
}

} // namespace waymark::studio
