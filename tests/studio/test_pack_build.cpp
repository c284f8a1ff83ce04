// Building the open buffer into a pack: the bytes load back through the runtime's loader, the hash follows the
// text, and exporting writes exactly those bytes (or says why it cannot).
#include <catch2/catch.hpp>

#include <cstdio>
#include <span>
#include <variant>
#include <xxhash.h>

#include "pathway_sources.h"
#include "temp_folder.h"
#include "waymark/compiler/program_loader.h"
#include "waymark/runtime/pack.h"
#include "waymark/studio/pack_build.h"

using namespace waymark;
using namespace waymark::studio;
using namespace waymark::studio::testing;

namespace {

BuiltPack built(const std::string &path, const std::string &text) {
  std::vector<Marker> errors;
  std::optional<BuiltPack> pack = build_pack(path, text, &errors);
  INFO((errors.empty() ? std::string() : errors.front().text()));
  REQUIRE(pack);
  CHECK(errors.empty());
  return std::move(*pack);
}

} // namespace

TEST_CASE("pack build: the pack loads back through the runtime's loader with the pathway's rules and schema") {
  const BuiltPack pack = built(kStartBack, read_source(kStartBack));
  REQUIRE(!pack.bytes.empty());
  CHECK(pack.rules == 3);
  CHECK(pack.inputs == 9);
  CHECK(pack.outputs == 5);
  CHECK(pack.instructions > 0);

  auto loaded = rt::load_pack(std::span<const uint8_t>(pack.bytes));
  INFO((std::holds_alternative<rt::PackError>(loaded) ? std::get<rt::PackError>(loaded).message : std::string()));
  REQUIRE(std::holds_alternative<rt::Program>(loaded));
  const rt::Program &program = std::get<rt::Program>(loaded);
  CHECK(program.rules.size() == pack.rules);
  CHECK(program.code.size() == pack.instructions);
  CHECK(program.outputs.size() == pack.outputs);
  CHECK(program.fields.size() == pack.inputs);
  CHECK(program.str(program.meta.name) == "startback.startback");
  CHECK(program.tests.size() == 14);

  // The same bytes `waymark build` writes for the file on disk: the buffer is compiled as that file.
  Diagnostics diagnostics;
  const std::optional<rt::Program> from_disk = load_program(kStartBack, diagnostics);
  REQUIRE(from_disk);
  CHECK(rt::write_pack(*from_disk) == pack.bytes);
}

TEST_CASE("pack build: a pathway with imports builds from its folder") {
  const BuiltPack pack = built(kFirstContact, read_source(kFirstContact));
  CHECK(pack.rules == 15);
  CHECK(pack.outputs == 8);
  auto loaded = rt::load_pack(std::span<const uint8_t>(pack.bytes));
  REQUIRE(std::holds_alternative<rt::Program>(loaded));
  CHECK(std::get<rt::Program>(loaded).rules.size() == 15);
}

TEST_CASE("pack build: the hash is XXH64 of the bytes, stable for the same text, and moves when a rule changes") {
  const std::string text = read_source(kStartBack);
  const BuiltPack first = built(kStartBack, text);
  REQUIRE(first.hash.size() == 16);
  CHECK(first.hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  char expected[17];
  std::snprintf(expected, sizeof expected, "%016llx",
                static_cast<unsigned long long>(XXH64(first.bytes.data(), first.bytes.size(), 0)));
  CHECK(first.hash == expected);

  const BuiltPack again = built(kStartBack, text);
  CHECK(again.hash == first.hash);
  CHECK(again.bytes == first.bytes);

  const BuiltPack edited = built(kStartBack, replaced(text, "set treatment = \"Physiotherapy\"",
                                                      "set treatment = \"Physiotherapy and exercise\""));
  CHECK(edited.hash != first.hash);
  CHECK(edited.rules == first.rules);
}

TEST_CASE("pack build: a buffer with errors builds nothing and gives its errors") {
  const std::string text = replaced(read_source(kStartBack), "when low_risk_group", "when low_risk_groop");
  std::vector<Marker> errors;
  CHECK_FALSE(build_pack(kStartBack, text, &errors));
  REQUIRE(!errors.empty());
  CHECK(errors.front().path == kStartBack);
  CHECK(errors.front().message.find("low_risk_groop") != std::string::npos);
  CHECK_FALSE(build_pack(kStartBack, text)); // and without asking for the errors
}

TEST_CASE("pack build: export writes exactly the pack's bytes, and says why when it cannot") {
  const BuiltPack pack = built(kStartBack, read_source(kStartBack));
  TempFolder folder;
  const auto target = folder / "startback.wmpack";
  std::string error;
  REQUIRE(export_pack(pack, target, error));
  CHECK(error.empty());
  const std::string written = read_bytes(target);
  CHECK(written == std::string(pack.bytes.begin(), pack.bytes.end()));
  CHECK(entries_in(folder.path()) == 1); // no temporary file left beside it

  // Over an existing pack: replaced whole.
  const BuiltPack other = built(kCes, read_source(kCes));
  REQUIRE(export_pack(other, target, error));
  CHECK(read_bytes(target) == std::string(other.bytes.begin(), other.bytes.end()));

  const auto missing = folder / "no_such_folder" / "startback.wmpack";
  CHECK_FALSE(export_pack(pack, missing, error));
  CHECK(error.find("cannot write") != std::string::npos);
  CHECK(error.find("no_such_folder") != std::string::npos);
  CHECK(error.find("No such file or directory") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(missing));
}
