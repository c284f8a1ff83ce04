#pragma once
// Which inputs a piece of a program depends on, read from its code alone: the fields its instructions read and,
// through every definition they use (however deep), the fields those read. Explanations name the missing ones
// whatever the evaluation skipped: an `and` that stopped at its first missing input, or a definition remembered
// from an earlier rule, reads nothing more, yet still depends on them all.
#include <cstdint>
#include <span>
#include <vector>

#include "waymark/runtime/program.h"

namespace waymark::rt {

class InputDependencies {
public:
  explicit InputDependencies(const Program& p);

  // The fields (indices into Program::fields, ascending) read by the instructions at `pcs` or by the definitions
  // they use.
  std::vector<uint32_t> of_code(std::span<const uint32_t> pcs);
  // The same for a definition's whole fragment; worked out once per definition.
  const std::vector<uint32_t>& of_define(uint32_t define);

private:
  enum class State : uint8_t { Unvisited, OnPath, Done };
  // The field read by `in` itself, if it reads one (FIELD, and LIKEG, which reads its group's field).
  bool reads_field(const Instr& in, uint32_t& field) const;

  const Program& p_;
  std::vector<State> state_;                 // per definition
  std::vector<std::vector<uint32_t>> fields_; // per definition, once Done
};

} // namespace waymark::rt
