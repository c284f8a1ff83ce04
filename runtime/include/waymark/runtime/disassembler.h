#pragma once
// A program's bytecode as text, one instruction per line with its operands named and its source location.
// `waymark inspect PACK --code` prints it; golden tests pin it.
#include <string>

#include "waymark/runtime/program.h"

namespace waymark::rt {

std::string disassemble(const Program& program);
// One instruction, as the listing shows it (without its address and source location).
std::string disassemble_instruction(const Program& program, const Instr& instr);

} // namespace waymark::rt
