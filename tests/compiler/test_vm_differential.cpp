// The VM against the reference evaluator on every test case in pathways/ and docs/language.md: the same
// outputs, the same rules fired in the same order, the same rule states, errors on the same records.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>

#include "reference_evaluator.h"
#include "test_support.h"
#include "vm_outcome.h"
#include "waymark/compiler/lowering.h"

namespace fs = std::filesystem;

TEST_CASE("vm: every test case in pathways/ and docs/language.md runs as the reference evaluator runs it", "[vm]") {
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  std::vector<std::pair<std::string, uint32_t>> roots;
  std::string error;
  for (const auto& path : waymark::expand_source_paths((fs::path(WAYMARK_SOURCE_DIR) / "pathways").string(), error)) {
    auto index = workspace.load(path);
    REQUIRE(index);
    roots.emplace_back(fs::relative(path, WAYMARK_SOURCE_DIR).string(), *index);
  }
  REQUIRE(error.empty());
  const auto docs = waymark::testing::docs_examples(
      waymark::testing::read_file((fs::path(WAYMARK_SOURCE_DIR) / "docs" / "language.md").string()));
  for (const auto& block : docs) {
    const fs::path file = fs::path(WAYMARK_SOURCE_DIR) / "docs" / ("language.md-line-" + std::to_string(block.line) + ".wm");
    auto index = workspace.load_text(file.string(), block.text);
    REQUIRE(index);
    roots.emplace_back("docs/language.md:" + std::to_string(block.line), *index);
  }
  REQUIRE(diagnostics.error_count() == 0);

  size_t compared = 0, compiled = 0;
  for (const auto& [name, index] : roots) {
    const auto& ast = *workspace.file(index).ast;
    if (ast.header && ast.header->is_module) continue;
    auto program = waymark::lower_pathway(workspace, index);
    {
      std::ostringstream rendered;
      diagnostics.render(rendered, false);
      INFO(name << "\n" << rendered.str());
      REQUIRE(program);
    }
    ++compiled;
    for (const auto& test : ast.tests) {
      const auto record = waymark::reference::record_of_test(workspace, index, test);
      const auto expected = waymark::reference::evaluate(workspace, index, record);
      const auto actual = waymark::reference::evaluate_on_vm(*program, record);
      INFO(name << ": " << test.name);
      CHECK(waymark::reference::differences(expected, actual) == "");
      ++compared;
    }
  }
  std::cout << "vm differential: " << compared << " test cases in " << compiled << " compiled pathways agree\n";
  CHECK(compared >= 70);
}

namespace {
// A pathway whose rule reads d0, where each definition uses the next `uses` times, n deep.
std::string chain(int n, int uses) {
  std::string text = "pathway t.chain\ninput\n  a: int optional\nend\noutput\n  o: int\nend\n";
  for (int i = 0; i < n; ++i) {
    std::string body = "d" + std::to_string(i + 1);
    for (int u = 1; u < uses; ++u) body += " + d" + std::to_string(i + 1);
    text += "define d" + std::to_string(i) + " = " + body + " + 1\n";
  }
  return text + "define d" + std::to_string(n) + " = a\nrule r\n  when d0 > 1\n  then set o = d0\n  cite \"c\"\nend\n";
}
} // namespace

TEST_CASE("vm: long chains of definitions compile without deep recursion and run as the reference", "[vm]") {
  // 10000 single-use definitions: lowered from a queue and inlined 16 at a time, so neither the compiler nor the
  // VM recurses 10000 deep. d0 is a + 10000.
  {
    waymark::Diagnostics diagnostics;
    waymark::Workspace workspace(diagnostics);
    auto index = workspace.load_text("chain.wm", chain(10000, 1));
    REQUIRE(index);
    REQUIRE(diagnostics.error_count() == 0);
    auto program = waymark::lower_pathway(workspace, *index);
    REQUIRE(program);
    waymark::reference::Record record;
    record.columns["a"] = "5";
    const auto outcome = waymark::reference::evaluate_on_vm(*program, record);
    CHECK(waymark::reference::to_string(outcome.outputs.at("o")) == "10005");
  }
  // A shorter chain, which the reference evaluator (recursive by design) can follow too.
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  auto index = workspace.load_text("chain.wm", chain(300, 1));
  REQUIRE(index);
  auto program = waymark::lower_pathway(workspace, *index);
  REQUIRE(program);
  for (const char* a : {"5", "-7000", ""}) {
    waymark::reference::Record record;
    record.columns["a"] = a;
    INFO("a = " << a);
    CHECK(waymark::reference::differences(waymark::reference::evaluate(workspace, *index, record),
                                          waymark::reference::evaluate_on_vm(*program, record)) == "");
  }
}

TEST_CASE("vm: definitions nested deeper than the VM allows are a compile error, not a crash", "[vm]") {
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  auto index = workspace.load_text("deep.wm", chain(1500, 2)); // used twice each: none is inlined
  REQUIRE(index);
  REQUIRE(diagnostics.error_count() == 0);
  CHECK_FALSE(waymark::lower_pathway(workspace, *index));
  REQUIRE(diagnostics.error_count() == 1);
  CHECK_THAT(diagnostics.all().back().message, Catch::Contains("1000"));
}
