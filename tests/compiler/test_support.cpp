#include "test_support.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "waymark/compiler/lowering.h"

namespace waymark::testing {
namespace {

// One checking run. It outlives the call that made it: the diagnostics point into its source files.
struct Session {
  Diagnostics diagnostics;
  Workspace workspace{diagnostics};
};

CheckResult collect(const std::shared_ptr<Session>& session, std::optional<uint32_t> index) {
  Workspace& workspace = session->workspace;
  Diagnostics& diagnostics = session->diagnostics;
  workspace.finish();
  diagnostics.sort();
  CheckResult result;
  result.owner = session;
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
  auto session = std::make_shared<Session>();
  auto index = session->workspace.load_text(path, text);
  return collect(session, index);
}

CheckResult check_path(const std::string& path) {
  auto session = std::make_shared<Session>();
  auto index = session->workspace.load(path);
  return collect(session, index);
}

std::vector<DocsExample> docs_examples(const std::string& markdown) {
  std::vector<DocsExample> out;
  std::istringstream lines(markdown);
  std::string line;
  bool inside = false;
  DocsExample current{0, ""};
  for (int number = 1; std::getline(lines, line); ++number) {
    if (!inside && line == "```waymark") {
      inside = true;
      current = DocsExample{number + 1, ""};
    } else if (inside && line.rfind("```", 0) == 0) {
      inside = false;
      out.push_back(current);
    } else if (inside) {
      current.text += line + "\n";
    }
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

rt::Program compile_text(const std::string& text, const std::string& path) {
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  auto index = workspace.load_text(path, text);
  REQUIRE(index);
  REQUIRE(diagnostics.error_count() == 0);
  auto program = lower_pathway(workspace, *index);
  REQUIRE(program);
  return std::move(*program);
}

} // namespace waymark::testing
