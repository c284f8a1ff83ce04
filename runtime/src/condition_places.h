#pragma once
// The places in the source that a rule's condition is made of, as its instructions mark them: explanations show
// the tests among them, coverage counts them all.
#include <cstdint>
#include <tuple>

#include "waymark/runtime/program.h"

namespace waymark::rt {

using PlaceKey = std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>; // source, line, column, length

inline PlaceKey place_key(const SourceLocation& at) { return {at.source, at.line, at.column, at.length}; }

// Whether `in` writes the truth value of a construct at its own place: a test (a comparison, like, in, any,
// is-test, or a true-or-false input or definition) or, with `combinations`, an `and`, `or` or `not`.
inline bool marks_condition(const Program& p, const Instr& in, bool combinations) {
  switch (in.op) {
  case OpCode::CMPI: case OpCode::CMPB: case OpCode::CMPD: case OpCode::CMPS: case OpCode::LIKE: case OpCode::LIKEG:
  case OpCode::INCODE: case OpCode::INTEXT: case OpCode::QUANT: case OpCode::ISMISSING: case OpCode::ISTRUE:
  case OpCode::ISFALSE:
    return true;
  case OpCode::NOT: case OpCode::AND: case OpCode::OR: return combinations;
  case OpCode::FIELD: case OpCode::DEFINE: return p.registers[in.a] == RegType::Bool;
  default: return false;
  }
}

} // namespace waymark::rt
