#pragma once
// The two halves of verify_program and what they share: program_verifier.cpp checks the tables (strings,
// schema, fragments, matchers, rules, ...), then hands the instructions to code_verifier.cpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pack_layout.h"

namespace waymark::rt::pack {

inline constexpr uint32_t kNoFragment = UINT32_MAX;

// What the table checks learn that the instruction checks need.
struct CodeLayout {
  std::vector<uint32_t> owner;     // instruction -> its fragment
  std::vector<uint32_t> define_of; // fragment -> the definition computed by it, or kNoFragment
};

// Checks every instruction's operands, how fragments end, definitions' nesting and definite assignment.
// The tables must have passed their checks, and `layout` must cover every instruction.
std::optional<VerifyFailure> verify_code(const Program &program, const CodeLayout &layout);

inline VerifyFailure failure(Section section, uint64_t item, const std::string &detail) {
  return VerifyFailure{section, item, "section '" + std::string(section_name(section)) + "': " + detail};
}

// A name from the program, quoted for a message: short, and no control bytes from a corrupt pack.
std::string quote(std::string_view text);

} // namespace waymark::rt::pack
