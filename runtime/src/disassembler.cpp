#include "waymark/runtime/disassembler.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace waymark::rt {
namespace {

const char* const kRelations[] = {"eq", "ne", "lt", "le", "gt", "ge"};
const char* const kQuantifiers[] = {"any", "all", "none"};

std::string code_set_text(const Program& p, uint32_t index) {
  const CodeSetInfo& set = p.code_sets[index];
  std::string entries;
  for (StringId e : set.entries) entries += (entries.empty() ? "" : ", ") + p.str(e);
  const std::string name = set.name ? p.str(set.name) + " " : std::string();
  return "codeset " + name + "[" + entries + "] (" + std::to_string(set.automaton.states()) + " states)";
}

std::string operand_text(const Program& p, Operand kind, uint32_t value) {
  switch (kind) {
  case Operand::None: return "";
  case Operand::RBool: case Operand::RInt: case Operand::RDec: case Operand::RText: case Operand::RList:
  case Operand::RAny: case Operand::WBool: case Operand::WInt: case Operand::WDec: case Operand::WText:
  case Operand::WAny: return "r" + std::to_string(value);
  case Operand::Const: return "k" + std::to_string(value) + " " + constant_text(p, value);
  case Operand::Field: return "field " + p.str(p.fields[value].name);
  case Operand::Define: return "define " + p.str(p.defines[value].name);
  case Operand::Output: return "output " + p.str(p.outputs[value].name);
  case Operand::Target: {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "-> %04u", value);
    return buffer;
  }
  case Operand::CodeSet: return code_set_text(p, value);
  case Operand::TextSet: {
    std::string members;
    for (StringId m : p.text_sets[value].members) members += (members.empty() ? "" : ", ") + quote_literal(p.str(m));
    return "textset {" + members + "}";
  }
  case Operand::Like: return "like " + quote_literal(p.str(p.likes[value].pattern));
  case Operand::LikeGroup: return "group " + std::to_string(value) + " on field " + p.str(p.fields[p.like_groups[value].field].name);
  case Operand::Bit: return "#" + std::to_string(value);
  }
  return "?";
}

// The x field, as a suffix of the mnemonic.
std::string flag_text(const Instr& in) {
  switch (in.op) {
  case OpCode::CMPI: case OpCode::CMPB: case OpCode::CMPD: case OpCode::CMPS: return in.x < 6 ? kRelations[in.x] : "?";
  case OpCode::QUANT: return std::string((in.x & 3) < 3 ? kQuantifiers[in.x & 3] : "?") + ((in.x & 4) ? " not" : "");
  case OpCode::ISMISSING: return in.x ? "present" : "";
  default: return in.x ? "not" : "";
  }
}

const char* fragment_kind(FragmentKind kind) {
  switch (kind) {
  case FragmentKind::Condition: return "condition of rule";
  case FragmentKind::Actions: return "actions of rule";
  case FragmentKind::Define: return "define";
  }
  return "?";
}

} // namespace

std::string quote_literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string constant_text(const Program& p, uint32_t k) {
  const Constant& c = p.constants[k];
  switch (c.type) {
  case RegType::Bool: return c.i ? "true" : "false";
  case RegType::Int: return std::to_string(c.i);
  case RegType::Dec: {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, c.d);
    return ec == std::errc() ? std::string(buffer, end) : "?";
  }
  case RegType::Text: return quote_literal(p.str(c.text));
  case RegType::List: return "[]";
  }
  return "?";
}

std::string disassemble_instruction(const Program& p, const Instr& in) {
  const OpInfo& info = kOpInfo[static_cast<uint8_t>(in.op)];
  std::string text = info.name;
  if (std::string flag = flag_text(in); !flag.empty()) text += "." + flag;
  text.resize(std::max<size_t>(text.size() + 1, 14), ' ');
  std::string operands;
  auto add = [&](Operand kind, uint32_t value) {
    if (kind == Operand::None) return;
    operands += (operands.empty() ? "" : ", ") + operand_text(p, kind, value);
  };
  add(info.a, in.a);
  if (in.op == OpCode::LIKEG) {
    add(info.b, in.b);
    const auto& group = p.like_groups[in.b];
    operands += ", #" + std::to_string(in.c) + " like " + quote_literal(p.str(p.likes[group.likes[in.c]].pattern));
  } else if (info.bc) {
    add(info.b, in.bc());
  } else {
    add(info.b, in.b);
    add(info.c, in.c);
  }
  while (!text.empty() && operands.empty() && text.back() == ' ') text.pop_back();
  return text + operands;
}

std::string disassemble(const Program& p) {
  // Which rule or definition owns each fragment, for the headings.
  std::vector<std::string> owner(p.fragments.size());
  for (const RuleInfo& r : p.rules) {
    if (r.condition < owner.size()) owner[r.condition] = p.str(r.name);
    if (r.actions < owner.size()) owner[r.actions] = p.str(r.name);
  }
  for (const DefineInfo& d : p.defines)
    if (d.fragment < owner.size()) owner[d.fragment] = p.str(d.name);
  std::string out;
  for (size_t f = 0; f < p.fragments.size(); ++f) {
    const Fragment& fragment = p.fragments[f];
    out += "fragment " + std::to_string(f) + ": " + fragment_kind(fragment.kind) + " " + owner[f] + "\n";
    for (uint32_t pc = fragment.begin; pc < fragment.end; ++pc) {
      char address[16];
      std::snprintf(address, sizeof address, "  %04u  ", pc);
      std::string line = address + disassemble_instruction(p, p.code[pc]);
      if (pc < p.source_map.size()) {
        const SourceLocation& at = p.source_map[pc];
        const std::string path = at.source < p.sources.size() ? p.str(p.sources[at.source].path) : "?";
        line.resize(std::max<size_t>(line.size() + 2, 72), ' ');
        line += "; " + path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
      }
      out += line + "\n";
    }
  }
  return out;
}

} // namespace waymark::rt
