// Golden diagnostic tests: every file in tests/diagnostics/ carries its expected diagnostics inline.
//   `# expect: error: MESSAGE`        a diagnostic on this line
//   `# expect@LINE: warning: MESSAGE` a diagnostic on another line (for lines that cannot hold a comment)
// Every diagnostic must be expected and every expectation met. Files under lib/ are only imported.
// Each file is checked as `waymark check NAME.wm` run inside tests/diagnostics, so paths in messages
// (imports, schema conflicts, cycles) read `lib/x.wm` wherever the repository lives.
// The rendered form (source line and caret) is pinned by render/*.wm against render/*.expected.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "test_support.h"

namespace fs = std::filesystem;
using waymark::testing::check_path;

namespace {

std::multiset<std::string> expectations(const std::string& text) {
  std::multiset<std::string> out;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    auto at = line.find("# expect");
    if (at == std::string::npos) continue;
    std::string rest = line.substr(at + 8);
    int target = number;
    if (!rest.empty() && rest[0] == '@') {
      size_t used = 0;
      target = std::stoi(rest.substr(1), &used);
      rest = rest.substr(1 + used);
    }
    if (rest.rfind(": ", 0) != 0) continue;
    out.insert(std::to_string(target) + ": " + rest.substr(2));
  }
  return out;
}

std::vector<fs::path> sources(const fs::path& folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".wm") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

namespace {

// Runs the checks from inside `folder` and goes back to where it was, whatever happens.
class InFolder {
public:
  explicit InFolder(const fs::path& folder) : saved_(fs::current_path()) { fs::current_path(folder); }
  ~InFolder() { fs::current_path(saved_); }
  InFolder(const InFolder&) = delete;
  InFolder& operator=(const InFolder&) = delete;

private:
  fs::path saved_;
};

} // namespace

TEST_CASE("every bad source reports exactly the diagnostics it expects") {
  const fs::path folder = fs::path(WAYMARK_TEST_DATA) / "diagnostics";
  auto files = sources(folder);
  REQUIRE(files.size() >= 25);
  InFolder in_folder(folder); // paths in messages are relative, as a user in this folder sees them
  for (const auto& path : files) {
    INFO("file: " << path.string());
    auto expected = expectations(waymark::testing::read_file(path));
    REQUIRE_FALSE(expected.empty()); // a golden file that expects nothing tests nothing
    const std::string name = path.filename().string();
    auto result = check_path(name);
    std::multiset<std::string> actual;
    for (const auto& d : result.diagnostics)
      if (d.file && fs::path(d.file->path()) == fs::path(name))
        actual.insert(std::to_string(d.span.line) + ": " + waymark::to_string(d.severity) + ": " + d.message);
    CHECK(actual == expected);
  }
}

TEST_CASE("rendered diagnostics match their golden files") {
  const fs::path folder = fs::path(WAYMARK_TEST_DATA) / "diagnostics" / "render";
  auto files = sources(folder);
  REQUIRE_FALSE(files.empty());
  InFolder in_folder(folder); // paths in the golden output are relative
  for (const auto& path : files) {
    INFO("file: " << path.string());
    auto result = check_path(path.filename().string());
    fs::path golden = path;
    golden.replace_extension(".expected");
    CHECK(result.text() == waymark::testing::read_file(golden));
  }
}
