// Golden disassembly: every tests/disassembly/NAME.wm compiles to exactly the listing in NAME.expected
// (what `waymark inspect NAME.wm --code` prints after "code"). After an intended change to the code
// generator, regenerate with WAYMARK_UPDATE_GOLDEN=1 and review the diff.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_support.h"
#include "waymark/compiler/lowering.h"
#include "waymark/runtime/disassembler.h"

namespace fs = std::filesystem;

TEST_CASE("disassembly: golden listings of compiled pathways", "[vm][golden]") {
  const fs::path folder = fs::path(WAYMARK_TEST_DATA) / "disassembly";
  size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".wm") continue;
    waymark::Diagnostics diagnostics;
    waymark::Workspace workspace(diagnostics);
    auto root = workspace.load(entry.path().string());
    REQUIRE(root);
    auto program = waymark::lower_pathway(workspace, *root);
    REQUIRE(program);
    const std::string listing = waymark::rt::disassemble(*program);
    fs::path expected_path = entry.path();
    expected_path.replace_extension(".expected");
    if (std::getenv("WAYMARK_UPDATE_GOLDEN")) std::ofstream(expected_path) << listing;
    INFO(entry.path().filename().string());
    CHECK(listing == waymark::testing::read_file(expected_path.string()));
    ++compared;
  }
  CHECK(compared >= 2);
}
