// Every pathway in the repository checks clean: no errors and no warnings.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

const fs::path kPathways = fs::path(WAYMARK_SOURCE_DIR) / "pathways";

std::vector<fs::path> pathway_files() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(kPathways))
    if (entry.is_regular_file() && entry.path().extension() == ".wm") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST_CASE("pathways: the seed pathways exist", "[pathways]") {
  for (const char* seed : {"ebi/low_back_imaging.wm", "ces/ces_triage.wm", "startback/startback.wm"}) {
    INFO(seed);
    CHECK(fs::is_regular_file(kPathways / seed));
  }
  CHECK(pathway_files().size() >= 3);
}

TEST_CASE("pathways: every .wm file under pathways/ has no errors and no warnings", "[pathways]") {
  auto files = pathway_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& path : files) {
    INFO("file: " << path.string());
    auto result = waymark::testing::check_path(path.string());
    INFO(result.text());
    CHECK(result.parsed);
    CHECK(result.errors == 0);
    CHECK(result.warnings == 0);
  }
}

TEST_CASE("pathways: the seed pathways hold rules and test cases", "[pathways]") {
  for (const char* seed : {"ebi/low_back_imaging.wm", "ces/ces_triage.wm", "startback/startback.wm"}) {
    INFO(seed);
    waymark::Diagnostics diagnostics;
    waymark::Workspace workspace(diagnostics);
    auto index = workspace.load((kPathways / seed).string());
    REQUIRE(index.has_value());
    const auto& file = workspace.file(*index);
    REQUIRE(file.ast.has_value());
    REQUIRE(file.ast->header.has_value());
    CHECK_FALSE(file.ast->header->is_module);
    CHECK_FALSE(file.ast->rules.empty());
    CHECK_FALSE(file.ast->tests.empty());
    for (const auto& rule : file.ast->rules) {
      INFO("rule " << rule.name);
      CHECK(rule.has_cite);
    }
  }
}
