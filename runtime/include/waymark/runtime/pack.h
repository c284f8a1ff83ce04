#pragma once
// Rule packs: a Program as portable bytes (docs/pack-format.md), and the loader that trusts none of them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "waymark/runtime/program.h"

namespace waymark::rt {

inline constexpr uint16_t kPackMajor = 1;
inline constexpr uint16_t kPackMinor = 0;

struct PackError {
  std::string message; // names what is wrong, e.g. "section 'code': instruction 12 (JFALSE) jumps backwards"
  size_t offset = 0;   // byte offset in the pack where the problem was found (0 when it is not about one place)
};

// The same program always gives the same bytes.
std::vector<uint8_t> write_pack(const Program& program);

// Parses and verifies a pack. On success the program is safe to run without further checks.
std::variant<Program, PackError> load_pack(std::span<const uint8_t> bytes);

// Where each section lies in a pack, for `waymark inspect`; empty unless the header and section table read.
struct PackSection {
  std::string name;
  uint64_t offset = 0, length = 0;
};
std::vector<PackSection> pack_sections(std::span<const uint8_t> bytes);

// The semantic checks load_pack makes after parsing: indices in range, operand types, forward jumps,
// registers written before they are read, definitions free of cycles, automata well formed.
// The compiler runs it on everything it builds, too.
std::optional<PackError> verify_program(const Program& program);

} // namespace waymark::rt
