#include "test_support.h"

namespace waymark::testing {
namespace {

CheckResult collect(Workspace& workspace, Diagnostics& diagnostics, std::optional<uint32_t> index) {
  workspace.finish();
  diagnostics.sort();
  CheckResult result;
  result.diagnostics = diagnostics.all();
  result.errors = diagnostics.error_count();
  result.warnings = diagnostics.warning_count();
  result.parsed = index && workspace.file(*index).ast.has_value();
  return result;
}

} // namespace

std::vector<std::string> CheckResult::lines() const {
  std::vector<std::string> out;
  for (const auto& d : diagnostics)
    out.push_back(std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + to_string(d.severity) + ": " + d.message);
  return out;
}

std::string CheckResult::text() const {
  std::string out;
  for (const auto& d : diagnostics) out += render(d, false);
  return out;
}

CheckResult check_text(const std::string& text, const std::string& path) {
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  auto index = workspace.load_text(path, text);
  return collect(workspace, diagnostics, index);
}

CheckResult check_path(const std::string& path) {
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  auto index = workspace.load(path);
  return collect(workspace, diagnostics, index);
}

} // namespace waymark::testing
