// Every ```waymark block in docs/language.md is a complete file that must check with no errors and
// no warnings; together the blocks must use every keyword of the grammar and every built-in function,
// so no construct goes undocumented.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex> // test-only: reading the grammar's keyword list
#include <set>
#include <sstream>

#include "test_support.h"

namespace fs = std::filesystem;


TEST_CASE("every example in docs/language.md checks clean") {
  auto blocks = waymark::testing::docs_examples(waymark::testing::read_file(fs::path(WAYMARK_SOURCE_DIR) / "docs" / "language.md"));
  REQUIRE(blocks.size() >= 20);
  for (const auto& block : blocks) {
    // Checked as a file in docs/ (nothing is written), so an example can import a module of the repository.
    const fs::path file = fs::path(WAYMARK_SOURCE_DIR) / "docs" / ("language.md-line-" + std::to_string(block.line) + ".wm");
    auto result = waymark::testing::check_text(block.text, file.string());
    INFO("example at docs/language.md:" << block.line << "\n" << result.text());
    CHECK(result.errors == 0);
    CHECK(result.warnings == 0);
  }
}

TEST_CASE("the examples use every keyword and built-in function") {
  auto blocks = waymark::testing::docs_examples(waymark::testing::read_file(fs::path(WAYMARK_SOURCE_DIR) / "docs" / "language.md"));
  std::set<std::string> words;
  const std::regex word("[A-Za-z_]+");
  for (const auto& block : blocks) {
    std::string code;
    std::istringstream lines(block.text);
    for (std::string line; std::getline(lines, line);) {
      // Outside strings and comments only: a keyword in a comment documents nothing.
      bool in_string = false;
      char quote = 0;
      for (char c : line) {
        if (!in_string && c == '#') break;
        if (!in_string && (c == '"' || c == '\'')) { in_string = true; quote = c; code += ' '; continue; }
        if (in_string && c == quote) { in_string = false; code += ' '; continue; }
        code += in_string ? ' ' : c;
      }
      code += '\n';
    }
    for (std::sregex_iterator it(code.begin(), code.end(), word), end; it != end; ++it) words.insert(it->str());
  }
  const std::string grammar = waymark::testing::read_file(fs::path(WAYMARK_SOURCE_DIR) / "grammar" / "Waymark.g4");
  const std::regex keyword("[A-Z_]+ : '([a-z]+)' ;");
  std::vector<std::string> keywords;
  for (std::sregex_iterator it(grammar.begin(), grammar.end(), keyword), end; it != end; ++it) keywords.push_back((*it)[1]);
  REQUIRE(keywords.size() > 50);
  for (const char* fn : {"count", "sum", "min", "max", "coalesce", "days_between", "years_between"}) keywords.push_back(fn);
  for (const auto& k : keywords) {
    INFO("keyword or function with no example: " << k);
    CHECK(words.count(k) == 1);
  }
}
