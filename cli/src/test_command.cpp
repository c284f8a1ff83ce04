// `waymark test PATH...`: run the test cases written beside the rules, on the VM, and report the ones that fail.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "commands.h"
#include "waymark/compiler/program_loader.h"
#include "waymark/compiler/workspace.h"
#include "waymark/runtime/coverage.h"
#include "waymark/runtime/trace.h"

namespace waymark::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json; // keeps outputs and rules in declaration order

struct TestOptions {
  std::vector<std::string> paths;
  std::vector<std::string> cases;
  bool quiet = false;
  bool verbose = false;
  bool json = false;
  bool coverage = false;
};

bool is_source(const std::string &path) { return fs::path(path).extension() == ".wm"; }

std::string join(const std::vector<std::string> &items, const char *separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

// A file of the program tested at `path`. A source's files are stored relative to its folder, so they are joined
// to the folder of the path the user gave; a pack's are printed as the pack stores them.
std::string source_file(const std::string &path, const rt::Program &program, uint32_t source) {
  if (source >= program.sources.size()) return path;
  const std::string &stored = program.str(program.sources[source].path);
  if (!is_source(path)) return stored;
  return (fs::path(path).parent_path() / stored).lexically_normal().generic_string();
}

std::string case_file(const std::string &path, const rt::Program &program, const rt::TestCaseInfo &test) {
  return source_file(path, program, test.location.source);
}

// " (pack lbi.wmpack)" after a case read from a pack, so that several packs in one run stay apart.
std::string pack_suffix(const std::string &path) { return is_source(path) ? "" : " (pack " + path + ")"; }

// Runs every selected case of the pathway or pack at `path` and reports them, as text or into `json_sources`.
class PathRunner {
public:
  PathRunner(const TestOptions &options, const TestFailureExplainer &explain, Json &json_sources)
      : options_(options), explain_(explain), json_sources_(json_sources) {}

  void run(const std::string &path) {
    Diagnostics diagnostics;
    std::optional<rt::Program> program = load_program(path, diagnostics);
    if (!program) return not_loaded(path, diagnostics);
    Json json_cases = Json::array();
    rt::Machine machine(*program);
    rt::Trace trace;
    std::optional<rt::CoverageRecorder> coverage;
    if (options_.coverage) {
      coverage.emplace(*program);
      machine.set_trace(&trace);
    }
    for (const rt::TestCaseInfo &test : program->tests) {
      const std::string &name = program->str(test.name);
      if (!options_.cases.empty() && !std::count(options_.cases.begin(), options_.cases.end(), name)) continue;
      matched_names_.insert(name);
      const rt::TestOutcome outcome = rt::run_test_case(*program, test, machine);
      if (coverage && outcome.rejected.empty()) coverage->record(machine, trace); // a rejected record ran nothing
      ++(outcome.passed() ? passed_ : failed_);
      const std::string explanation = outcome.passed() || !explain_ ? "" : explain_(*program, test, machine, outcome);
      if (options_.json)
        json_cases.push_back(case_json(path, *program, test, outcome, explanation));
      else
        print_case(path, *program, test, outcome, explanation);
    }
    Json json_coverage;
    if (coverage) json_coverage = report_coverage(path, *program, coverage->report());
    if (!options_.json) return;
    Json source{{"path", path},
                {"pathway", program->str(program->meta.name)},
                {"loaded", true},
                {"diagnostics", Json::array()},
                {"cases", std::move(json_cases)}};
    if (coverage) source["coverage"] = std::move(json_coverage);
    json_sources_.push_back(std::move(source));
  }

  // A path that gives no sources (missing, or a folder without *.wm) fails like a source that does not compile.
  void unusable(const std::string &path, const std::string &reason) {
    Diagnostics diagnostics;
    diagnostics.error_at_path(path, reason);
    not_loaded(path, diagnostics);
  }

  size_t passed() const { return passed_; }
  size_t failed() const { return failed_; }
  const std::set<std::string> &matched_names() const { return matched_names_; }

private:
  void not_loaded(const std::string &path, const Diagnostics &diagnostics) {
    ++failed_;
    Json rendered = Json::array();
    size_t errors = 0;
    for (const Diagnostic &d : diagnostics.all())
      if (d.severity == Severity::Error) {
        rendered.push_back(render(d, false));
        ++errors;
      }
    if (options_.json) {
      json_sources_.push_back(Json{{"path", path},
                                   {"pathway", nullptr},
                                   {"loaded", false},
                                   {"diagnostics", std::move(rendered)},
                                   {"cases", Json::array()}});
      return;
    }
    std::cout << "FAIL " << path << ": not tested, " << errors << (errors == 1 ? " error" : " errors") << "\n";
    for (const auto &text : rendered) std::cout << text.get<std::string>();
  }

  // Prints the coverage of the cases run (text), fails a pathway that falls below the coverage it declares, and
  // returns the coverage as JSON. A program without rules (a module) asks for nothing, so it prints nothing.
  Json report_coverage(const std::string &path, const rt::Program &program, const rt::CoverageReport &report) {
    const uint32_t declared = program.meta.coverage;
    const bool met = declared == 0 || report.meets(declared);
    if (!met) ++failed_;
    const std::vector<rt::CoverageGap> gaps = report.gaps(program), never_unknown = report.never_unknown();
    auto where = [&](const rt::SourceLocation &at) {
      return source_file(path, program, at.source) + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
    };
    if (!options_.json && !program.rules.empty()) {
      std::cout << "coverage " << path << ": " << report.percent() << "% (" << report.covered()
                << " of " << report.asked() << " outcomes)\n";
      for (const auto &gap : gaps) std::cout << "  " << where(gap.at) << ": " << gap.message << "\n";
      if (!report.conditions.empty()) {
        const size_t unknown = report.conditions.size() - never_unknown.size();
        std::cout << "unknown " << path << ": " << unknown << " of " << report.conditions.size()
                  << " conditions unknown in some case (not counted in the coverage)\n";
        for (const auto &gap : never_unknown) std::cout << "  " << where(gap.at) << ": " << gap.message << "\n";
      }
      if (!met)
        std::cout << "FAIL " << path << ": coverage " << report.percent()
                  << "% is below the declared " << declared << "%\n";
    }
    auto place = [&](Json json, const rt::SourceLocation &at) {
      json["file"] = source_file(path, program, at.source);
      json["line"] = at.line;
      json["column"] = at.column;
      return json;
    };
    Json rules = Json::array(), conditions = Json::array(), uncovered = Json::array(), known = Json::array();
    for (const auto &r : report.rules) {
      Json rule = place(Json{{"name", program.str(program.rules[r.rule].name)}}, program.rules[r.rule].location);
      rule["fired"] = r.fired;
      rule["not_fired"] = r.not_fired;
      rule["unknown"] = r.unknown;
      rules.push_back(std::move(rule));
    }
    for (const auto &c : report.conditions) {
      Json condition = place(Json{{"text", c.text}, {"rule", program.str(program.rules[c.rule].name)}}, c.at);
      condition["true"] = c.true_count;
      condition["false"] = c.false_count;
      condition["unknown"] = c.unknown_count;
      conditions.push_back(std::move(condition));
    }
    for (const auto &gap : gaps) uncovered.push_back(place(Json{{"message", gap.message}}, gap.at));
    for (const auto &gap : never_unknown) known.push_back(place(Json{{"message", gap.message}}, gap.at));
    return Json{{"percent", report.percent()},
                {"covered", report.covered()},
                {"outcomes", report.asked()},
                {"declared", declared == 0 ? Json(nullptr) : Json(declared)},
                {"met", met},
                {"evaluations", report.evaluations},
                {"rules", std::move(rules)},
                {"conditions", std::move(conditions)},
                {"uncovered", std::move(uncovered)},
                {"never_unknown", std::move(known)}};
  }

  void print_case(const std::string &path, const rt::Program &program, const rt::TestCaseInfo &test,
                  const rt::TestOutcome &outcome, const std::string &explanation) const {
    const std::string file = case_file(path, program, test);
    const std::string title = "test " + rt::quote_text(program.str(test.name));
    if (outcome.passed()) {
      if (options_.verbose) std::cout << "ok " << file << ": " << title << pack_suffix(path) << "\n";
      return;
    }
    std::cout << "FAIL " << file << ":" << test.location.line << ":" << test.location.column << ": " << title
              << pack_suffix(path) << "\n";
    if (!outcome.rejected.empty()) std::cout << "  record rejected: " << outcome.rejected << "\n";
    for (const auto &error : outcome.errors) std::cout << "  error: " << error << "\n";
    for (const auto &failure : outcome.failures) std::cout << "  " << failure.message << "\n";
    if (options_.quiet) return;
    std::vector<std::string> outputs, fired;
    for (size_t o = 0; o < program.outputs.size(); ++o)
      outputs.push_back(program.str(program.outputs[o].name) + " = " + outcome.outputs[o]);
    for (uint32_t rule : outcome.fired) fired.push_back(program.str(program.rules[rule].name));
    std::cout << "  outputs: " << (outputs.empty() ? "none" : join(outputs, ", ")) << "\n";
    std::cout << "  fired: " << (fired.empty() ? "none" : join(fired, ", ")) << "\n";
    if (explanation.empty()) return;
    size_t begin = 0;
    while (begin < explanation.size()) { // every line of the explanation indented under the case
      size_t end = explanation.find('\n', begin);
      if (end == std::string::npos) end = explanation.size();
      std::cout << "  " << std::string_view(explanation).substr(begin, end - begin) << "\n";
      begin = end + 1;
    }
  }

  Json case_json(const std::string &path, const rt::Program &program, const rt::TestCaseInfo &test,
                 const rt::TestOutcome &outcome, const std::string &explanation) const {
    Json failures = Json::array(), outputs = Json::object(), fired = Json::array(), rules = Json::object();
    for (const auto &f : outcome.failures)
      failures.push_back(Json{{"expected", f.expected}, {"actual", f.actual}, {"message", f.message}});
    for (size_t o = 0; o < program.outputs.size(); ++o)
      outputs[program.str(program.outputs[o].name)] = outcome.outputs[o];
    for (uint32_t rule : outcome.fired) fired.push_back(program.str(program.rules[rule].name));
    for (size_t r = 0; r < program.rules.size(); ++r)
      rules[program.str(program.rules[r].name)] = rt::to_string(outcome.rule_states[r]);
    Json json{{"name", program.str(test.name)},
              {"file", case_file(path, program, test)},
              {"line", test.location.line},
              {"column", test.location.column},
              {"passed", outcome.passed()},
              {"rejected", outcome.rejected.empty() ? Json(nullptr) : Json(outcome.rejected)},
              {"errors", outcome.errors},
              {"failures", std::move(failures)},
              {"outputs", std::move(outputs)},
              {"fired", std::move(fired)},
              {"rules", std::move(rules)}};
    if (!explanation.empty()) json["explanation"] = explanation;
    return json;
  }

  const TestOptions &options_;
  const TestFailureExplainer &explain_;
  Json &json_sources_;
  size_t passed_ = 0, failed_ = 0;
  std::set<std::string> matched_names_;
};

int run_tests(const TestOptions &options, const TestFailureExplainer &explain) {
  Json json_sources = Json::array();
  PathRunner runner(options, explain, json_sources);
  for (const std::string &path : options.paths) {
    std::string error;
    const std::vector<std::string> found = expand_source_paths(path, error);
    if (!error.empty())
      runner.unusable(path, error);
    else if (found.empty())
      runner.unusable(path, "no .wm files found");
    for (const std::string &file : found) runner.run(file);
  }
  bool unmatched = false;
  for (const std::string &name : options.cases)
    if (!runner.matched_names().count(name)) {
      std::cerr << "waymark test: no test case is named " << rt::quote_text(name) << "\n";
      unmatched = true;
    }
  if (options.json) {
    const Json document{{"passed", runner.passed()}, {"failed", runner.failed()}, {"sources", std::move(json_sources)}};
    std::cout << document.dump(2) << "\n";
  } else {
    std::cout << runner.passed() << " passed, " << runner.failed() << " failed\n";
  }
  return runner.failed() > 0 || unmatched ? 1 : 0;
}

constexpr const char *kFooter = R"(Output: each failing case as
  FAIL path:line:col: test "name"
    expected category = "2S_lower_back_imaging", got missing
    outputs: category = missing
    fired: none
then the last line `N passed, N failed`. A source with errors counts as one failure and its errors are printed
after `FAIL path: not tested, N errors`. Cases read from a pack are located in the sources the pack records.

--coverage also prints, per pathway, which outcomes its cases reach: every rule fired and not fired, every
condition of a rule (each test, and, or, not and operand, at its own place) true and false:
  coverage path: N% (c of t outcomes)
    path:line:col: condition `age > 60` never false
    path:line:col: rule high never fired
  unknown path: u of n conditions unknown in some case (not counted in the coverage)
    path:line:col: condition `age > 60` never unknown
A pathway that declares `coverage M%` in its header and reaches less fails:
  FAIL path: coverage N% is below the declared M%
and counts as one failure in the last line.

Exit status: 0 every case passed (and, with --coverage, every declared coverage is reached); 1 a case failed, a
source did not compile or load, a declared coverage was not reached, or a --case name matched no case; 2 a bad
command line.

--json prints one JSON document instead:
  passed, failed      counts, as on the last line of the text output
  sources[]           one per pathway, module or pack tested:
    path              the file tested
    pathway           the pathway's name (null when not loaded)
    loaded            false when the source has errors or the pack was refused
    diagnostics[]     the errors, each rendered as `path:line:col: error: message` with the source line
    cases[]           the cases run:
      name, file, line, column   the test case and where it is written
      passed          true or false
      rejected        why the record did not read, or null
      errors[]        evaluation errors (a `unique` group with two rules true)
      failures[]      {expected, actual, message} per expectation that did not hold
      outputs         output name -> value as the language writes it (missing, 45, "text", @2024-01-31, [...])
      fired[]         rules in firing order
      rules           rule name -> fired, not fired, unknown, skipped or not evaluated
      explanation     why the case came out as it did (failing cases, when available)
    coverage          with --coverage: percent, covered, outcomes, declared (or null), met, evaluations,
                      rules[] {name, file, line, column, fired, not_fired, unknown},
                      conditions[] {text, rule, file, line, column, true, false, unknown},
                      uncovered[] and never_unknown[] {message, file, line, column})";

} // namespace

std::function<int()> add_test_command(CLI::App &app, TestFailureExplainer explain_failure) {
  auto options = std::make_shared<TestOptions>();
  CLI::App *cmd = app.add_subcommand("test", "Run the test cases written in pathways (sources or packs) on the VM");
  cmd->add_option("paths", options->paths, "Rule sources, packs, or directories searched for *.wm files")->required();
  cmd->add_option("--case", options->cases, "Run only the test cases with this name (may be repeated)");
  cmd->add_flag("-q,--quiet", options->quiet, "For a failing case print only what failed, not its outputs and rules");
  cmd->add_flag("-v,--verbose", options->verbose, "Also print a line for every passing case");
  cmd->add_flag("--json", options->json, "Print the results as one JSON document (fields below)");
  cmd->add_flag("--coverage", options->coverage,
                "Report the rule and condition outcomes the cases reach; fail a pathway below its declared coverage");
  cmd->footer(kFooter);
  return [options, explain = std::move(explain_failure)] { return run_tests(*options, explain); };
}

} // namespace waymark::cli
