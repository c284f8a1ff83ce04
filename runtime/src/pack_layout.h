#pragma once
// The rule-pack byte layout (docs/pack-format.md), shared by the writer, the reader, the verifier and
// their tests. Private to the runtime: only runtime/src and the pack tests and fuzz target include it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "waymark/runtime/program.h"
#include "waymark/runtime/string_hash.h"

namespace waymark::rt::pack {

// 0x89 first, as PNG does: a text file never starts with it, and a transfer that strips the top bit shows.
inline constexpr std::array<uint8_t, 8> kMagic = {0x89, 'W', 'A', 'Y', 'M', 'A', 'R', 'K'};

// The fixed header: every field little-endian.
inline constexpr size_t kMajorOffset = 8;     // u16
inline constexpr size_t kMinorOffset = 10;    // u16
inline constexpr size_t kChecksumOffset = 12; // u64, FNV-1a 64 of every byte from kChecksummedFrom to the end
inline constexpr size_t kChecksummedFrom = 20;
inline constexpr size_t kSizeOffset = 20;       // u64, the whole pack's size in bytes
inline constexpr size_t kFlagsOffset = 28;      // u64, feature flags
inline constexpr size_t kSourceHashOffset = 36; // u64, Metadata::source_hash
inline constexpr size_t kFixedHeaderSize = 44;  // then: compiler version (string), section count (u32), table
inline constexpr size_t kSectionEntrySize = 20; // u32 id, u64 offset, u64 length

// Feature flags. A reader refuses any flag it does not know.
inline constexpr uint64_t kFlagSourcesEmbedded = 1; // at least one source carries its text
inline constexpr uint64_t kKnownFlags = kFlagSourcesEmbedded;

// Section ids, in the order the sections must appear. Every section is present exactly once.
enum class Section : uint32_t {
  Strings = 1,
  Constants,
  Matchers,
  Schema,
  Metadata,
  Rules,
  Defines,
  Registers,
  Fragments,
  Code,
  SourceMap,
  Tests,
  Sources,
};
inline constexpr uint32_t kSectionCount = 13;

inline const char *section_name(Section section) {
  static constexpr const char *kNames[kSectionCount] = {
      "strings",   "constants", "matchers", "schema",     "metadata", "rules",   "defines",
      "registers", "fragments", "code",     "source map", "tests",    "sources",
  };
  auto id = static_cast<uint32_t>(section);
  return id >= 1 && id <= kSectionCount ? kNames[id - 1] : "?";
}

// Fixed record sizes, so the loader can point at the exact bytes of an item the verifier refuses.
inline constexpr size_t kInstrBytes = 8;     // u8 op, u8 x, u16 a, u16 b, u16 c
inline constexpr size_t kFragmentBytes = 9;  // u8 kind, u32 begin, u32 end
inline constexpr size_t kLocationBytes = 16; // u32 source, u32 line, u32 column, u32 length
inline constexpr size_t kRegisterBytes = 1;  // u8 type

// The checksum is 64-bit FNV-1a (string_hash.h): the runtime may use only the standard library, so no xxHash
// here. It is byte-order independent and enough to catch corruption (it is not a defence against forgery).
inline uint64_t fnv1a64(std::span<const uint8_t> bytes) { return hash_bytes(bytes.data(), bytes.size()); }

inline uint64_t read_u64(std::span<const uint8_t> bytes, size_t offset) {
  uint64_t value = 0;
  for (size_t i = 0; i < 8; ++i) value |= uint64_t{bytes[offset + i]} << (8 * i);
  return value;
}

inline void write_u64(std::span<uint8_t> bytes, size_t offset, uint64_t value) {
  for (size_t i = 0; i < 8; ++i) bytes[offset + i] = static_cast<uint8_t>(value >> (8 * i));
}

// Recomputes and stores the checksum, e.g. after a test edits a pack on purpose. Too short a pack is left alone.
inline void reseal(std::span<uint8_t> pack_bytes) {
  if (pack_bytes.size() < kChecksummedFrom) return;
  write_u64(pack_bytes, kChecksumOffset, fnv1a64(pack_bytes.subspan(kChecksummedFrom)));
}

// What verify_program finds, with where: the section and the item in it (an instruction in Code and
// SourceMap, a fragment in Fragments, a register in Registers), so the loader can give a byte offset.
inline constexpr uint64_t kNoItem = UINT64_MAX;
struct VerifyFailure {
  Section section;
  uint64_t item = kNoItem;
  std::string message; // already prefixed with "section '<name>': "
};
std::optional<VerifyFailure> verify_located(const Program &program);

} // namespace waymark::rt::pack
