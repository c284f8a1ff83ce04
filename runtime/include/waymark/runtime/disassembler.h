#pragma once
// A program's bytecode as text, one instruction per line with its operands named and its source location.
// `waymark inspect PACK --code` prints it; golden tests pin it.
#include <string>
#include <string_view>

#include "waymark/runtime/program.h"

namespace waymark::rt {

std::string disassemble(const Program& program);
// One instruction, as the listing shows it (without its address and source location).
std::string disassemble_instruction(const Program& program, const Instr& instr);
// Text as a string literal: quoted, with `"` and `\` escaped.
std::string quote_literal(std::string_view text);
// Constant k as a literal: true, 45, 3.5, "text".
std::string constant_text(const Program& program, uint32_t k);

} // namespace waymark::rt
