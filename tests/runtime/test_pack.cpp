#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "pack_layout.h"
#include "pack_samples.h"
#include "waymark/runtime/pack.h"

using namespace waymark::rt;
using Bytes = std::vector<uint8_t>;

namespace {

// The message load_pack gives, or "" when the pack loads.
std::string load_error(const Bytes &bytes) {
  auto result = load_pack(bytes);
  if (auto *error = std::get_if<PackError>(&result)) return error->message;
  return "";
}

PackError refused(const Bytes &bytes) {
  auto result = load_pack(bytes);
  REQUIRE(std::holds_alternative<PackError>(result));
  return std::get<PackError>(result);
}

Program loaded(const Bytes &bytes) {
  auto result = load_pack(bytes);
  if (auto *error = std::get_if<PackError>(&result)) FAIL("refused: " << error->message << " at " << error->offset);
  return std::get<Program>(std::move(result));
}

uint32_t get_u32(const Bytes &bytes, size_t at) {
  return uint32_t{bytes[at]} | uint32_t{bytes[at + 1]} << 8 | uint32_t{bytes[at + 2]} << 16 |
         uint32_t{bytes[at + 3]} << 24;
}
void put_u32(Bytes &bytes, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<uint8_t>(value >> (8 * i));
}

// Where the section table starts: after the fixed header and the compiler version string.
size_t table_offset(const Bytes &bytes) {
  return pack::kFixedHeaderSize + 4 + get_u32(bytes, pack::kFixedHeaderSize) + 4;
}
size_t entry_offset(const Bytes &bytes, pack::Section section) {
  return table_offset(bytes) + (static_cast<uint32_t>(section) - 1) * pack::kSectionEntrySize;
}
size_t section_offset(const Bytes &bytes, pack::Section section) {
  return pack::read_u64(bytes, entry_offset(bytes, section) + 4);
}

Bytes sample_pack() { return write_pack(samples::sample_program()); }

std::filesystem::path seeds_folder() { return std::filesystem::path(__FILE__).parent_path() / "../fuzz/pack_seeds"; }

// A fuzz seed: the control byte fuzz_pack_loader reads first (1: reseal the checksum), then the pack.
Bytes seed_of(const Program &program) {
  Bytes seed{1};
  Bytes bytes = write_pack(program);
  seed.insert(seed.end(), bytes.begin(), bytes.end());
  return seed;
}

} // namespace

TEST_CASE("a pack loads back the program it was written from", "[pack]") {
  const Program original = samples::sample_program();
  const Bytes bytes = write_pack(original);
  const Program p = loaded(bytes);

  CHECK(p.strings == original.strings);
  CHECK(p.meta.compiler_version == "waymark 0.1.0");
  CHECK(p.meta.source_hash == 0x0123456789abcdefull);
  CHECK(p.meta.implements == original.meta.implements);
  REQUIRE(p.code.size() == original.code.size());
  for (size_t pc = 0; pc < p.code.size(); ++pc) {
    INFO("instruction " << pc);
    CHECK(p.code[pc].op == original.code[pc].op);
    CHECK(p.code[pc].x == original.code[pc].x);
    CHECK(p.code[pc].a == original.code[pc].a);
    CHECK(p.code[pc].bc() == original.code[pc].bc());
  }
  REQUIRE(p.constants.size() == 4);
  CHECK(p.constants[0].i == 18);
  CHECK(p.constants[3].type == RegType::Dec);
  CHECK(p.constants[3].d == 0.5);
  REQUIRE(p.fields.size() == 3);
  CHECK(p.fields[1].type == ValueType{BaseType::Code, true});
  CHECK(p.fields[1].delimiters == original.fields[1].delimiters);
  CHECK(p.fields[0].optional);
  CHECK(p.fields[2].intern);
  CHECK(p.code_sets[0].automaton.next == original.code_sets[0].automaton.next);
  CHECK(p.code_sets[0].automaton.matches("C509"));
  CHECK_FALSE(p.code_sets[0].automaton.matches("C51"));
  CHECK(p.likes[0].automaton.matches("Alice"));
  CHECK_FALSE(p.likes[0].automaton.matches("Bob"));
  REQUIRE(p.like_groups.size() == 1);
  CHECK(p.like_groups[0].field == 2);
  CHECK(p.like_groups[0].automaton.classes == 2);
  CHECK(p.like_groups[0].automaton.matches("anna") == 1);
  CHECK(p.like_groups[0].automaton.matches("Bob") == 0);
  CHECK(p.rules[0].priority == -3);
  CHECK(p.rules[0].has_priority);
  CHECK(p.groups[0].policy == Policy::First);
  CHECK(p.groups[0].implicit);
  CHECK(p.tests[0].given[2].missing);
  CHECK(p.tests[0].expect[1].kind == ExpectKind::Contains);
  CHECK(p.source_map[18].line == 21);
  REQUIRE(p.sources.size() == 1);
  CHECK(p.sources[0].has_text);
  CHECK(p.sources[0].text == original.sources[0].text);
  // Every field is in the bytes: writing what was loaded gives the same pack.
  CHECK(write_pack(p) == bytes);
}

TEST_CASE("the same program always gives the same bytes", "[pack]") {
  const Program p = samples::sample_program();
  const Program copy = p;
  CHECK(write_pack(p) == write_pack(p));
  CHECK(write_pack(copy) == write_pack(p));
  CHECK(write_pack(samples::minimal_program()) == write_pack(samples::minimal_program()));
  Program changed = p;
  changed.source_map[3].column = 6;
  CHECK(write_pack(changed) != write_pack(p));
}

TEST_CASE("the header holds magic, version, size, checksum and flags", "[pack]") {
  const Bytes bytes = sample_pack();
  CHECK(Bytes(bytes.begin(), bytes.begin() + 8) == Bytes{0x89, 'W', 'A', 'Y', 'M', 'A', 'R', 'K'});
  CHECK(bytes[8] == kPackMajor);
  CHECK(bytes[9] == 0);
  CHECK(bytes[10] == kPackMinor);
  CHECK(pack::read_u64(bytes, pack::kSizeOffset) == bytes.size());
  CHECK(pack::read_u64(bytes, pack::kChecksumOffset) == pack::fnv1a64(std::span(bytes).subspan(20)));
  CHECK(pack::read_u64(bytes, pack::kFlagsOffset) == pack::kFlagSourcesEmbedded);
  CHECK(pack::read_u64(bytes, pack::kSourceHashOffset) == 0x0123456789abcdefull);
  CHECK(get_u32(bytes, pack::kFixedHeaderSize) == 13); // "waymark 0.1.0"
  CHECK(get_u32(bytes, table_offset(bytes) - 4) == pack::kSectionCount);
  // FNV-1a 64 as published: the empty input hashes to the offset basis, "a" to af63dc4c8601ec8c.
  CHECK(pack::fnv1a64({}) == 0xcbf29ce484222325ull);
  const uint8_t a = 'a';
  CHECK(pack::fnv1a64(std::span(&a, 1)) == 0xaf63dc4c8601ec8cull);
}

TEST_CASE("the sources-embedded flag says whether any source carries its text", "[pack]") {
  Program p = samples::sample_program();
  p.sources[0].has_text = false;
  p.sources[0].text.clear();
  const Bytes bytes = write_pack(p);
  CHECK(pack::read_u64(bytes, pack::kFlagsOffset) == 0);
  CHECK_FALSE(loaded(bytes).sources[0].has_text);

  Bytes lying = bytes;
  pack::write_u64(lying, pack::kFlagsOffset, pack::kFlagSourcesEmbedded);
  pack::reseal(lying);
  CHECK(refused(lying).message == "the feature flag 'sources embedded' is set, but no source embeds its text");

  Bytes hiding = sample_pack();
  pack::write_u64(hiding, pack::kFlagsOffset, 0);
  pack::reseal(hiding);
  CHECK(refused(hiding).message == "a source embeds its text, but the feature flag 'sources embedded' is not set");
}

TEST_CASE("the loader refuses what is not a pack of its version", "[pack]") {
  CHECK(refused({}).message == "bad magic: not a Waymark pack (the file is empty)");
  CHECK(refused({'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0}).message == "bad magic: not a Waymark pack");
  Bytes text(200, 'x');
  CHECK(refused(text).message == "bad magic: not a Waymark pack");

  Bytes newer_major = sample_pack();
  newer_major[8] = 2;
  PackError error = refused(newer_major);
  CHECK(error.message == "format version 2.0 is newer than this runtime reads (1.0)");
  CHECK(error.offset == 8);

  Bytes newer_minor = sample_pack();
  newer_minor[10] = 1;
  CHECK(refused(newer_minor).message == "format version 1.1 is newer than this runtime reads (1.0)");

  Bytes older = sample_pack();
  older[8] = 0;
  older[10] = 9;
  CHECK(refused(older).message == "format version 0.9 is older than this runtime reads (1.0)");
}

TEST_CASE("the loader refuses a truncated, lengthened or damaged pack", "[pack]") {
  const Bytes bytes = sample_pack();
  Bytes cut(bytes.begin(), bytes.end() - 1);
  PackError error = refused(cut);
  CHECK_THAT(error.message, Catch::StartsWith("truncated: the pack says it is " + std::to_string(bytes.size())));
  CHECK(error.offset == cut.size());
  CHECK_THAT(refused(Bytes(bytes.begin(), bytes.begin() + 30)).message,
             Catch::StartsWith("truncated: the pack is 30 bytes"));
  CHECK_THAT(refused(Bytes(bytes.begin(), bytes.begin() + 5)).message, Catch::StartsWith("truncated"));

  Bytes longer = bytes;
  longer.push_back(0);
  CHECK_THAT(refused(longer).message, Catch::StartsWith("1 trailing bytes after the pack's end"));

  Bytes damaged = bytes;
  damaged[bytes.size() / 2] ^= 0x10;
  error = refused(damaged);
  CHECK_THAT(error.message, Catch::StartsWith("checksum mismatch: the header says 0x"));
  CHECK(error.offset == pack::kChecksumOffset);
}

TEST_CASE("the loader refuses unknown feature flags", "[pack]") {
  Bytes bytes = sample_pack();
  pack::write_u64(bytes, pack::kFlagsOffset, pack::kFlagSourcesEmbedded | 4);
  pack::reseal(bytes);
  const PackError error = refused(bytes);
  CHECK(error.message == "unknown feature flags 0x4");
  CHECK(error.offset == pack::kFlagsOffset);
}

TEST_CASE("the loader checks the section table", "[pack]") {
  using pack::Section;
  const Bytes bytes = sample_pack();
  auto edited = [&](Section section, size_t field, uint32_t value) {
    Bytes copy = bytes;
    put_u32(copy, entry_offset(copy, section) + field, value);
    pack::reseal(copy);
    return refused(copy);
  };
  PackError error = edited(Section::Code, 0, 99);
  CHECK(error.message == "unknown section id 99 in the section table");
  CHECK(error.offset == entry_offset(bytes, Section::Code));
  CHECK(edited(Section::Constants, 0, 1).message == "section 'strings' appears twice in the section table");
  CHECK(edited(Section::Constants, 0, 3).message == "section 'matchers' appears twice in the section table");
  CHECK_THAT(edited(Section::Tests, 4, 0xffff0000u).message, Catch::Contains("runs past the end of the pack"));
  CHECK_THAT(edited(Section::Tests, 4, 100).message,
             Catch::StartsWith("section 'tests' starts at 100, expected ") && Catch::Contains("end to end"));

  Bytes swapped = bytes; // fragments listed before registers
  put_u32(swapped, entry_offset(swapped, Section::Registers), 9);
  put_u32(swapped, entry_offset(swapped, Section::Fragments), 8);
  pack::reseal(swapped);
  CHECK(refused(swapped).message == "section 'registers' is out of order in the section table");

  Bytes short_table = bytes; // the table says 12 sections: the last entry becomes the first section's bytes
  put_u32(short_table, table_offset(short_table) - 4, 12);
  pack::reseal(short_table);
  CHECK_THAT(refused(short_table).message, Catch::StartsWith("section 'strings' starts at"));
}

TEST_CASE("a corrupt count is refused before anything is allocated for it", "[pack]") {
  using pack::Section;
  for (Section section :
       {Section::Strings, Section::Constants, Section::Matchers, Section::Schema, Section::Rules, Section::Defines,
        Section::Registers, Section::Fragments, Section::Code, Section::SourceMap, Section::Tests, Section::Sources}) {
    Bytes bytes = sample_pack();
    const size_t at = section_offset(bytes, section);
    put_u32(bytes, at, 0xffffffffu);
    pack::reseal(bytes);
    const PackError error = refused(bytes);
    INFO(pack::section_name(section) << ": " << error.message);
    CHECK_THAT(error.message,
               Catch::StartsWith(std::string("section '") + pack::section_name(section) + "': 4294967295 "));
    CHECK_THAT(error.message, Catch::Contains("need at least"));
    CHECK(error.offset == at);
  }
}

TEST_CASE("the loader refuses bytes a section does not use", "[pack]") {
  Bytes bytes = sample_pack();
  const size_t code = section_offset(bytes, pack::Section::Code);
  put_u32(bytes, code, get_u32(bytes, code) - 1); // one instruction fewer than the section holds
  pack::reseal(bytes);
  const PackError error = refused(bytes);
  CHECK(error.message == "section 'code': 8 bytes left over after its contents");
  CHECK(error.offset == code + 4 + 18 * pack::kInstrBytes);
}

TEST_CASE("the loader checks flags and enumerations in the bytes", "[pack]") {
  Bytes bytes = sample_pack();
  // The first constant's type byte: list is no constant's type.
  bytes[section_offset(bytes, pack::Section::Constants) + 4] = static_cast<uint8_t>(RegType::List);
  pack::reseal(bytes);
  CHECK(refused(bytes).message ==
        "section 'constants': constant 0: has type list; constants are bool, int, decimal or text");

  Bytes flag = sample_pack();
  // The first field's required flag: after name, column, label, base type and list flag.
  flag[section_offset(flag, pack::Section::Schema) + 4 + 12 + 2] = 7;
  pack::reseal(flag);
  CHECK(refused(flag).message == "section 'schema': field 0: the required flag is 7, not 0 or 1");
}

TEST_CASE("the loader verifies the program and points at the refused instruction", "[pack]") {
  Bytes bytes = sample_pack();
  const size_t jfalse = section_offset(bytes, pack::Section::Code) + 4 + 5 * pack::kInstrBytes;
  bytes[jfalse + 6] = 4; // c, the low half of the target: jump to instruction 4, itself minus one
  pack::reseal(bytes);
  const PackError error = refused(bytes);
  CHECK(error.message ==
        "section 'code': instruction 5 (JFALSE): jump target 4 is not after the jump (jumps go forward only)");
  CHECK(error.offset == jfalse);
}

TEST_CASE("a program with no rules, code or sources is a valid pack", "[pack]") {
  const Bytes bytes = write_pack(samples::minimal_program());
  const Program p = loaded(bytes);
  CHECK(p.strings == std::vector<std::string>{""});
  CHECK(p.code.empty());
  CHECK(write_pack(p) == bytes);
}

// Every single-byte change of a pack is either refused with a reason or (when it happens to make another
// valid pack) loads, verifies and writes back to exactly the same bytes. Returns the refusal, if any.
std::string check_mutant(const Bytes &mutant) {
  auto result = load_pack(mutant);
  if (auto *error = std::get_if<PackError>(&result)) {
    REQUIRE_FALSE(error->message.empty());
    REQUIRE(error->offset <= mutant.size());
    return error->message;
  }
  const Program &p = std::get<Program>(result);
  REQUIRE_FALSE(verify_program(p).has_value());
  REQUIRE(write_pack(p) == mutant);
  return "";
}

TEST_CASE("every flipped byte of a pack is refused or loads a valid program", "[pack]") {
  for (const Program &program : {samples::like_group_program(), samples::minimal_program()}) {
    const Bytes bytes = write_pack(program);
    size_t refused_resealed = 0, loaded_resealed = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
      Bytes mutant = bytes;
      mutant[i] ^= 0xff;
      INFO("byte " << i);
      CHECK_FALSE(check_mutant(mutant).empty()); // without a new checksum, no change goes unnoticed
      // Again with the checksum made right, so that the change reaches the parser and the verifier.
      pack::reseal(mutant);
      const std::string error = check_mutant(mutant);
      CHECK(error.rfind("checksum mismatch", 0) == std::string::npos);
      ++(error.empty() ? loaded_resealed : refused_resealed);
    }
    // Free-form bytes (the source hash, line numbers, text) still load; structure and meaning do not.
    CHECK(loaded_resealed > 0);
    CHECK(refused_resealed > 0);
  }
}

TEST_CASE("every truncation of a pack is refused", "[pack]") {
  const Bytes bytes = sample_pack();
  for (size_t size = 0; size < bytes.size(); ++size) {
    Bytes cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
    INFO("first " << size << " bytes");
    CHECK_FALSE(load_error(cut).empty());
    // Even with its size field and checksum made to agree with what is left.
    if (size >= pack::kFixedHeaderSize) {
      pack::write_u64(cut, pack::kSizeOffset, size);
      pack::reseal(cut);
      CHECK_FALSE(load_error(cut).empty());
    }
  }
}

TEST_CASE("the fuzz seeds are packs of the sample programs", "[pack]") {
  // WAYMARK_WRITE_PACK_SEEDS=1 runtime_tests "[pack]" rewrites them after a format change.
  const std::vector<std::pair<std::string, Program>> seeds = {{"sample.pack", samples::sample_program()},
                                                              {"like_group.pack", samples::like_group_program()},
                                                              {"minimal.pack", samples::minimal_program()}};
  for (const auto &[name, program] : seeds) {
    const auto path = seeds_folder() / name;
    const Bytes expected = seed_of(program);
    if (std::getenv("WAYMARK_WRITE_PACK_SEEDS")) {
      std::filesystem::create_directories(seeds_folder());
      std::ofstream(path, std::ios::binary)
          .write(reinterpret_cast<const char *>(expected.data()), static_cast<std::streamsize>(expected.size()));
    }
    std::ifstream in(path, std::ios::binary);
    INFO(path.string());
    REQUIRE(in.good());
    const Bytes actual{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    CHECK(actual == expected);
    CHECK(actual.size() < 8192); // run-fuzzer.sh's -max_len
  }
}
