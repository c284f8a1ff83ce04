#pragma once
// Each subcommand registers its options on the CLI11 app and runs when chosen.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "waymark/runtime/test_runner.h" // Program, Machine, TestOutcome for the explainer

namespace waymark::cli {

// Returns the action to run if the subcommand is chosen; it yields the process exit status.
std::function<int()> add_check_command(CLI::App& app);
// `waymark run PACK|SRC --input IN --output OUT`: a batch run over CSV or JSON Lines.
std::function<int()> add_run_command(CLI::App& app);
// `waymark build SRC... -o PACK`: compile sources into rule packs.
std::function<int()> add_build_command(CLI::App& app);
// `waymark inspect PACK [--code]`: header, schema, rules, sizes and (optionally) the disassembled bytecode.
std::function<int()> add_inspect_command(CLI::App& app);
// `waymark diff OLD NEW [--input DATA]`: what a rule change changes, in the rules or in the outcomes over data.
std::function<int()> add_diff_command(CLI::App& app);
// `waymark explain PACK|SRC --input DATA --key K | --case NAME`: why each rule fired or did not, for one record.
std::function<int()> add_explain_command(CLI::App& app);
// For `waymark test`: reruns a failing case with a trace and says why each rule did or did not fire (in full for
// the rules its failed expectations name).
std::string explain_test_failure(const rt::Program& program, const rt::TestCaseInfo& test, const rt::Machine& machine,
                                 const rt::TestOutcome& outcome);

// Explains a failing test case (why a rule did or did not fire), from the machine that has just run it. Its text is
// printed under the case, each line indented, and goes into --json as "explanation"; empty text prints nothing.
using TestFailureExplainer = std::function<std::string(const rt::Program&, const rt::TestCaseInfo&, const rt::Machine&,
                                                       const rt::TestOutcome&)>;
// `waymark test PATH... [--case NAME] [--json]`: run the test cases written in pathways and report the failures.
// Without an explainer, failing cases show what failed, the outputs and the rules fired, and nothing more.
std::function<int()> add_test_command(CLI::App& app, TestFailureExplainer explain_failure = {});

} // namespace waymark::cli
