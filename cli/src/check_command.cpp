// `waymark check FILE|DIR...`: parse and check rule sources, print diagnostics and a summary.
#include <unistd.h>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "waymark/compiler/workspace.h"

namespace waymark::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  bool werror = false;
  bool quiet = false;
  std::string color = "auto";
};

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// "pathway ces.ces_triage 0.1.0: Cauda equina syndrome red-flag triage"
std::string headline(const CheckedFile& f) {
  if (!f.ast) return "(does not parse)";
  const ast::File& a = *f.ast;
  if (!a.header) return "(no header)";
  std::string line = std::string(a.header->is_module ? "module " : "pathway ") + a.header->name;
  if (!a.header->version.empty()) line += " " + a.header->version;
  if (!a.header->title.empty()) line += ": " + a.header->title;
  return line;
}

// "7 inputs, 3 outputs, 14 rules in 2 groups, 15 test cases, 7 definitions"
std::string contents(const CheckedFile& f) {
  if (!f.ast) return "";
  const ast::File& a = *f.ast;
  std::ostringstream out;
  out << plural(a.fields.size(), "input");
  if (!a.header || !a.header->is_module)
    out << ", " << plural(a.outputs.size(), "output") << ", " << plural(a.rules.size(), "rule") << " in "
        << plural(a.groups.size() - (a.groups[0].rules.empty() ? 1 : 0), "group") << ", " << plural(a.tests.size(), "test case");
  if (!a.codesets.empty()) out << ", " << plural(a.codesets.size(), "code set");
  if (!a.defines.empty()) out << ", " << plural(a.defines.size(), "definition");
  return out.str();
}

int run_check(const CheckOptions& options) {
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  std::vector<std::string> roots;
  for (const auto& path : options.paths) {
    std::string error;
    auto found = expand_source_paths(path, error);
    if (!error.empty()) diagnostics.error_at_path(path, error);
    else if (found.empty()) diagnostics.error_at_path(path, "no .wm files found");
    roots.insert(roots.end(), found.begin(), found.end());
  }
  for (const auto& root : roots) workspace.load(root);
  workspace.finish();
  diagnostics.sort();

  bool color = options.color == "always" || (options.color == "auto" && isatty(STDERR_FILENO));
  diagnostics.render(std::cerr, color);

  size_t errors = diagnostics.error_count(), warnings = diagnostics.warning_count();
  if (!options.quiet) {
    size_t rules = 0, tests = 0;
    for (const auto& f : workspace.files()) {
      size_t file_errors = 0, file_warnings = 0;
      for (const auto& d : diagnostics.all()) {
        if (d.file != f.source) continue;
        if (d.severity == Severity::Error) ++file_errors;
        if (d.severity == Severity::Warning) ++file_warnings;
      }
      std::string state = file_errors ? plural(file_errors, "error") : file_warnings ? plural(file_warnings, "warning") : "ok";
      std::cout << std::left << std::setw(11) << state << headline(f) << "\n"
                << std::setw(11) << "" << f.source->path() << (f.ast ? ": " + contents(f) : "") << "\n";
      if (f.ast) {
        rules += f.ast->rules.size();
        tests += f.ast->tests.size();
      }
    }
    std::cout << "Checked " << plural(workspace.files().size(), "file") << ": " << plural(rules, "rule") << ", "
              << plural(tests, "test case") << "; " << plural(errors, "error") << ", " << plural(warnings, "warning") << "\n";
  }
  if (errors > 0) return 1;
  if (options.werror && warnings > 0) return 1;
  return 0;
}

} // namespace

std::function<int()> add_check_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Parse and check rule sources; exit 0 when clean, 1 on errors");
  cmd->add_option("paths", options->paths, "Rule source files, or directories searched for *.wm files")->required();
  cmd->add_flag("--werror", options->werror, "Treat warnings as errors (exit 1 on any warning)");
  cmd->add_flag("-q,--quiet", options->quiet, "Print diagnostics only, no summary");
  cmd->add_option("--color", options->color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  return [options] { return run_check(*options); };
}

} // namespace waymark::cli
