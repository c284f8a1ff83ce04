// Real packs, compiled from the bundled pathways, damaged bit by bit across their length and cut short (every
// byte of smaller, hand-built packs is mutated in tests/runtime/test_pack.cpp): every mutant is refused
// with a reason, or loads as a verified program that then runs every test case of its pathway without harm.
// Under the sanitizers, any out-of-bounds read or undefined behaviour in the loader, verifier or VM fails here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "pack_layout.h"
#include "vm_outcome.h"
#include "waymark/compiler/lowering.h"
#include "waymark/runtime/pack.h"

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

namespace {

struct Compiled {
  Bytes pack;
  std::vector<waymark::reference::Record> records; // one per test case
};

Compiled compile(const std::string& relative) {
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  auto root = workspace.load((fs::path(WAYMARK_SOURCE_DIR) / relative).string());
  REQUIRE(root);
  auto program = waymark::lower_pathway(workspace, *root);
  REQUIRE(program);
  Compiled out{waymark::rt::write_pack(*program), {}};
  for (const auto& test : workspace.file(*root).ast->tests)
    out.records.push_back(waymark::reference::record_of_test(workspace, *root, test));
  return out;
}

// Loads the bytes; if they load, runs every record. Returns the refusal, or "" when the mutant loaded and ran.
std::string load_and_run(const Bytes& bytes, const std::vector<waymark::reference::Record>& records) {
  auto loaded = waymark::rt::load_pack(bytes);
  if (auto* error = std::get_if<waymark::rt::PackError>(&loaded)) return error->message.empty() ? "(no reason)" : error->message;
  for (const auto& record : records) waymark::reference::evaluate_on_vm(std::get<waymark::rt::Program>(loaded), record);
  return "";
}

// About this many mutants per pack, spread evenly over it (fewer under the sanitizers, which run ten times slower).
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kMutants = 600;
#else
constexpr size_t kMutants = 4000;
#endif

} // namespace

TEST_CASE("mutated packs of the bundled pathways are refused or run safely", "[pack][mutation]") {
  for (const char* pathway : {"pathways/startback/startback.wm", "pathways/ces/ces_triage.wm",
                              "pathways/ebi/low_back_imaging.wm"}) {
    const Compiled compiled = compile(pathway);
    REQUIRE(load_and_run(compiled.pack, compiled.records).empty());
    size_t refused = 0, ran = 0, unnoticed = 0;
    const size_t stride = std::max<size_t>(1, compiled.pack.size() / kMutants);
    for (size_t i = 0; i < compiled.pack.size(); i += stride) {
      Bytes mutant = compiled.pack;
      mutant[i] ^= static_cast<uint8_t>(0x01 << (i % 8)); // one bit, a different one from byte to byte
      unnoticed += waymark::rt::load_pack(mutant).index() == 0; // the checksum must catch every change
      // With the checksum made right again, the change reaches the parser, the verifier and the VM.
      waymark::rt::pack::reseal(mutant);
      const std::string outcome = load_and_run(mutant, compiled.records);
      ++(outcome.empty() ? ran : refused);
    }
    INFO(pathway << ": " << refused << " refused, " << ran << " loaded and ran");
    CHECK(unnoticed == 0);
    CHECK(refused > 0);
    CHECK(ran > 0); // titles, citations and sources are free text: those mutants load and run
    for (size_t size = 0; size < compiled.pack.size(); size += stride * 3) {
      Bytes cut(compiled.pack.begin(), compiled.pack.begin() + static_cast<std::ptrdiff_t>(size));
      if (size >= waymark::rt::pack::kFixedHeaderSize) {
        waymark::rt::pack::write_u64(cut, waymark::rt::pack::kSizeOffset, size);
        waymark::rt::pack::reseal(cut);
      }
      INFO(pathway << ": first " << size << " bytes");
      CHECK_FALSE(load_and_run(cut, compiled.records).empty());
    }
  }
}
