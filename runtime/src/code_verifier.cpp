// The instruction half of verify_program: operands against the opcode table, how fragments end, how
// deeply definitions nest (and that none uses itself), and that every register is written before it is read.
#include <algorithm>
#include <map>

#include "code_verifier.h"

namespace waymark::rt::pack {
namespace {

// Definite assignment keeps one bit set per pending jump target; these bound its memory and time on
// hostile input (real fragments use a tiny fraction: a handful of pending targets, a few registers).
constexpr uint64_t kMaxPendingWords = uint64_t{1} << 22; // 32 MiB of bit sets alive at once
constexpr uint64_t kMaxMergeWords = uint64_t{1} << 30;   // words merged over the whole program
constexpr uint32_t kMaxDefineDepth = 1000;               // the VM recurses once per nested definition

std::string str(uint64_t n) { return std::to_string(n); }

bool is_register_read(Operand kind) { return kind >= Operand::RBool && kind <= Operand::RAny; }
bool is_register_write(Operand kind) { return kind >= Operand::WBool && kind <= Operand::WAny; }

// The register type an operand kind demands, or nullopt for any.
std::optional<RegType> required_type(Operand kind) {
  switch (kind) {
  case Operand::RBool:
  case Operand::WBool: return RegType::Bool;
  case Operand::RInt:
  case Operand::WInt: return RegType::Int;
  case Operand::RDec:
  case Operand::WDec: return RegType::Dec;
  case Operand::RText:
  case Operand::WText: return RegType::Text;
  case Operand::RList: return RegType::List;
  default: return std::nullopt;
  }
}

const char *kind_name(FragmentKind kind) {
  switch (kind) {
  case FragmentKind::Condition: return "condition";
  case FragmentKind::Actions: return "actions";
  case FragmentKind::Define: return "definition";
  }
  return "?";
}

bool is_jump(OpCode op) { return kOpInfo[static_cast<uint8_t>(op)].b == Operand::Target; }
bool falls_through(OpCode op) { return op != OpCode::JUMP && op != OpCode::RETURN && op != OpCode::END; }

class CodeVerifier {
public:
  CodeVerifier(const Program &program, const CodeLayout &layout)
      : p_(program), owner_(layout.owner), define_of_(layout.define_of) {}

  std::optional<VerifyFailure> run() {
    bool ok = code() && define_cycles() && assignment();
    (void)ok; // the first failure, if any, is in failure_
    return failure_;
  }

private:
  bool fail(Section section, uint64_t item, const std::string &detail) {
    if (!failure_) failure_ = failure(section, item, detail);
    return false;
  }

  // ---- instructions ----

  std::string at(uint32_t pc) const {
    return "instruction " + str(pc) + " (" + kOpInfo[static_cast<uint8_t>(p_.code[pc].op)].name + "): ";
  }
  bool fail_at(uint32_t pc, const std::string &detail) { return fail(Section::Code, pc, at(pc) + detail); }

  bool operand(uint32_t pc, Operand kind, uint32_t value, const char *slot) {
    const Fragment &frag = p_.fragments[owner_[pc]];
    auto index = [&](size_t size, const char *what) {
      return value < size || fail_at(pc, std::string("operand ") + slot + ": " + what + " " + str(value) +
                                             " is out of range (" + str(size) + ")");
    };
    switch (kind) {
    case Operand::None:
      return value == 0 ||
             fail_at(pc, std::string("operand ") + slot + " is " + str(value) + " but is unused, so must be 0");
    case Operand::Const: return index(p_.constants.size(), "constant");
    case Operand::Field: return index(p_.fields.size(), "field");
    case Operand::Define: return index(p_.defines.size(), "definition");
    case Operand::Output: return index(p_.outputs.size(), "output");
    case Operand::CodeSet: return index(p_.code_sets.size(), "code set");
    case Operand::TextSet: return index(p_.text_sets.size(), "text set");
    case Operand::Like: return index(p_.likes.size(), "like pattern");
    case Operand::LikeGroup: return index(p_.like_groups.size(), "like group");
    case Operand::Bit: { // a pattern of the like group in b, which is checked first
      const uint16_t group = p_.code[pc].b;
      return index(group < p_.like_groups.size() ? p_.like_groups[group].likes.size() : 0, "pattern of the like group");
    }
    case Operand::Target:
      if (value <= pc)
        return fail_at(pc, "jump target " + str(value) + " is not after the jump (jumps go forward only)");
      if (value >= frag.end)
        return fail_at(pc, "jump target " + str(value) + " is outside fragment " + str(owner_[pc]) + " [" +
                               str(frag.begin) + ", " + str(frag.end) + ")");
      return true;
    case Operand::RBool:
    case Operand::RInt:
    case Operand::RDec:
    case Operand::RText:
    case Operand::RList:
    case Operand::RAny:
    case Operand::WBool:
    case Operand::WInt:
    case Operand::WDec:
    case Operand::WText:
    case Operand::WAny: break; // no default: a new operand kind must be taught to the verifier
    }
    if (!index(p_.registers.size(), "register")) return false;
    std::optional<RegType> want = required_type(kind);
    if (want && p_.registers[value] != *want)
      return fail_at(pc, std::string("operand ") + slot + " is register " + str(value) + " of type " +
                             to_string(p_.registers[value]) + ", expected " + to_string(*want));
    return true;
  }

  bool x_operand(uint32_t pc) {
    const Instr &in = p_.code[pc];
    unsigned max = 0;
    switch (in.op) {
    case OpCode::CMPI:
    case OpCode::CMPB:
    case OpCode::CMPD:
    case OpCode::CMPS: max = static_cast<unsigned>(Relation::GreaterEqual); break;
    case OpCode::QUANT:
      if ((in.x & 3) > static_cast<unsigned>(Quantifier::None) || in.x >= 8)
        return fail_at(pc, "x = " + str(in.x) + " is not a quantifier (0..2, plus 4 to negate)");
      return true;
    case OpCode::INCODE:
    case OpCode::INTEXT:
    case OpCode::LIKE:
    case OpCode::LIKEG:
    case OpCode::COUNTIN:
    case OpCode::ISMISSING:
    case OpCode::ISTRUE:
    case OpCode::ISFALSE: max = 1; break;
    default: break;
    }
    return in.x <= max || fail_at(pc, "x = " + str(in.x) + " is out of range (0.." + str(max) + ")");
  }

  bool same_type(uint32_t pc, uint16_t reg, RegType want, const std::string &source) {
    if (p_.registers[reg] == want) return true;
    return fail_at(pc, "register " + str(reg) + " has type " + to_string(p_.registers[reg]) + ", but " + source +
                           " has type " + to_string(want));
  }

  bool instruction(uint32_t pc) {
    const Instr &in = p_.code[pc];
    const auto op = static_cast<uint8_t>(in.op);
    if (op >= kOpCount) return fail(Section::Code, pc, "instruction " + str(pc) + ": unknown opcode " + str(op));
    const OpInfo &info = kOpInfo[op];
    if (!operand(pc, info.a, in.a, "a")) return false;
    if (info.bc ? !operand(pc, info.b, in.bc(), "bc")
                : !operand(pc, info.b, in.b, "b") || !operand(pc, info.c, in.c, "c"))
      return false;
    if (!x_operand(pc)) return false;

    const uint32_t f = owner_[pc];
    const Fragment &frag = p_.fragments[f];
    const bool last = pc + 1 == frag.end;
    if (last && in.op != OpCode::RETURN && in.op != OpCode::END)
      return fail_at(pc, "ends fragment " + str(f) + ", which must end with " +
                             (frag.kind == FragmentKind::Actions ? "END" : "RETURN"));
    switch (in.op) {
    case OpCode::LOADK: return same_type(pc, in.a, p_.constants[in.bc()].type, "constant " + str(in.bc()));
    case OpCode::FIELD: return same_type(pc, in.a, reg_type_of(p_.fields[in.bc()].type), "field " + str(in.bc()));
    case OpCode::DEFINE: return same_type(pc, in.a, p_.defines[in.bc()].type, "definition " + str(in.bc()));
    case OpCode::MOVE: return same_type(pc, in.a, p_.registers[in.b], "register " + str(in.b));
    case OpCode::SETOUT:
    case OpCode::APPEND: {
      const OutputInfo &out = p_.outputs[in.a];
      if (frag.kind != FragmentKind::Actions)
        return fail_at(pc, "outputs are set only in actions fragments, not in " + std::string(kind_name(frag.kind)) +
                               " fragment " + str(f));
      if (in.op == OpCode::APPEND)
        return (out.type.base == BaseType::Text && out.type.list) ||
               fail_at(pc, "output " + str(in.a) + " is " + to_string(out.type) + ", not a text list");
      if (out.type.list) return fail_at(pc, "output " + str(in.a) + " is a list; lists are appended to");
      return same_type(pc, in.b, reg_type_of(out.type), "output " + str(in.a));
    }
    case OpCode::RETURN:
    case OpCode::END: {
      const bool wants_return = frag.kind != FragmentKind::Actions;
      if (!last)
        return fail_at(pc, "appears before the end of fragment " + str(f) + " [" + str(frag.begin) + ", " +
                               str(frag.end) + ")");
      if (wants_return != (in.op == OpCode::RETURN))
        return fail_at(pc, "cannot end " + std::string(kind_name(frag.kind)) + " fragment " + str(f) +
                               "; it ends with " + (wants_return ? "RETURN" : "END"));
      if (frag.kind == FragmentKind::Condition) return same_type(pc, in.a, RegType::Bool, "a condition's value");
      if (frag.kind == FragmentKind::Define) {
        const DefineInfo &def = p_.defines[define_of_[f]];
        return same_type(pc, in.a, def.type, "definition " + quote(p_.strings[def.name]));
      }
      return true;
    }
    default: return true;
    }
  }

  bool code() {
    for (uint32_t pc = 0; pc < p_.code.size(); ++pc)
      if (!instruction(pc)) return false;
    return true;
  }

  // ---- definite assignment ----

  // The registers an instruction reads (COUNTT also reads the count it adds to) and the one it writes.
  void reads_of(const Instr &in, std::vector<uint16_t> &reads) const {
    const OpInfo &info = kOpInfo[static_cast<uint8_t>(in.op)];
    reads.clear();
    if (is_register_read(info.a) || in.op == OpCode::COUNTT) reads.push_back(in.a);
    if (!info.bc && is_register_read(info.b)) reads.push_back(in.b);
    if (!info.bc && is_register_read(info.c)) reads.push_back(in.c);
  }
  static bool writes(const Instr &in) { return is_register_write(kOpInfo[static_cast<uint8_t>(in.op)].a); }

  // One pass in order per fragment (jumps only go forward): the registers assigned on entry to an
  // instruction are those assigned on every way into it, the fall-through and each jump to it.
  bool assignment() {
    std::vector<int32_t> dense(p_.registers.size(), -1); // register -> bit, for registers the fragment writes
    std::vector<uint16_t> written, reads;
    uint64_t merged_words = 0;
    for (size_t f = 0; f < p_.fragments.size(); ++f) {
      const Fragment &frag = p_.fragments[f];
      written.clear();
      for (uint32_t pc = frag.begin; pc < frag.end; ++pc) {
        const Instr &in = p_.code[pc];
        if (writes(in) && dense[in.a] < 0) {
          dense[in.a] = static_cast<int32_t>(written.size());
          written.push_back(in.a);
        }
      }
      const size_t words = (written.size() + 63) / 64;
      std::vector<uint64_t> assigned(words, 0);
      std::map<uint32_t, std::vector<uint64_t>> pending; // jump target -> registers assigned on every jump to it
      bool reachable = true;
      auto intersect = [&](std::vector<uint64_t> &into, const std::vector<uint64_t> &other) {
        for (size_t w = 0; w < words; ++w) into[w] &= other[w];
        merged_words += words;
      };
      for (uint32_t pc = frag.begin; pc < frag.end; ++pc) {
        const Instr &in = p_.code[pc];
        if (!pending.empty() && pending.begin()->first == pc) {
          if (reachable)
            intersect(assigned, pending.begin()->second);
          else
            assigned = std::move(pending.begin()->second);
          reachable = true;
          pending.erase(pending.begin());
        }
        if (merged_words > kMaxMergeWords)
          return fail(Section::Code, pc,
                      "fragment " + str(f) + " has too many jumps over too many registers to verify");
        if (!reachable) continue; // nothing runs here, so nothing is read here
        reads_of(in, reads);
        for (uint16_t reg : reads) {
          const int32_t bit = dense[reg];
          if (bit < 0 || !(assigned[bit / 64] >> (bit % 64) & 1))
            return fail_at(pc, "reads register " + str(reg) + " before it is written on every path through fragment " +
                                   str(f));
        }
        if (is_jump(in.op)) {
          auto [it, fresh] = pending.try_emplace(in.bc());
          if (fresh) {
            if ((pending.size() * words) > kMaxPendingWords)
              return fail(Section::Code, pc, "fragment " + str(f) + " has too many pending jumps to verify");
            it->second = assigned;
            merged_words += words;
          } else {
            intersect(it->second, assigned);
          }
        }
        if (writes(in)) assigned[dense[in.a] / 64] |= uint64_t{1} << (dense[in.a] % 64);
        if (!falls_through(in.op)) reachable = false;
      }
      for (uint16_t reg : written) dense[reg] = -1;
    }
    return true;
  }

  // ---- definitions may use each other, but never themselves ----

  // Also bounds how deeply definitions nest, since the VM computes a definition by calling into it.
  bool define_cycles() {
    enum : uint8_t { kUnvisited, kOnPath, kDone };
    std::vector<uint8_t> state(p_.defines.size(), kUnvisited);
    std::vector<uint32_t> depth(p_.defines.size(), 0); // on the path: the deepest use so far; done: its depth
    struct Frame {
      uint32_t define, pc;
    };
    std::vector<Frame> path; // an explicit stack: a long chain of definitions must not overflow the real one
    for (uint32_t root = 0; root < p_.defines.size(); ++root) {
      if (state[root] != kUnvisited) continue;
      path.push_back({root, p_.fragments[p_.defines[root].fragment].begin});
      state[root] = kOnPath;
      while (!path.empty()) {
        Frame &top = path.back();
        const uint32_t end = p_.fragments[p_.defines[top.define].fragment].end;
        while (top.pc < end && p_.code[top.pc].op != OpCode::DEFINE) ++top.pc;
        if (top.pc == end) {
          const uint32_t done = top.define;
          state[done] = kDone;
          if (++depth[done] > kMaxDefineDepth)
            return fail(Section::Defines, done,
                        "definition " + quote(p_.strings[p_.defines[done].name]) + " nests definitions " +
                            str(depth[done]) + " deep, more than the " + str(kMaxDefineDepth) + " the VM allows");
          path.pop_back();
          if (!path.empty()) depth[path.back().define] = std::max(depth[path.back().define], depth[done]);
          continue;
        }
        const uint32_t used = p_.code[top.pc++].bc();
        if (state[used] == kOnPath) return cycle(path, used);
        if (state[used] == kDone) depth[top.define] = std::max(depth[top.define], depth[used]);
        if (state[used] == kUnvisited) {
          state[used] = kOnPath;
          path.push_back({used, p_.fragments[p_.defines[used].fragment].begin});
        }
      }
    }
    return true;
  }

  template <class Path>
  bool cycle(const Path &path, uint32_t define) {
    auto name = [&](uint32_t d) { return quote(p_.strings[p_.defines[d].name]); };
    std::string through;
    bool on = false;
    for (const auto &frame : path) {
      on = on || frame.define == define;
      if (on) through += name(frame.define) + " -> ";
    }
    return fail(Section::Defines, define,
                "definition " + name(define) + " depends on itself through " + through + name(define));
  }

  const Program &p_;
  const std::vector<uint32_t> &owner_;
  const std::vector<uint32_t> &define_of_;
  std::optional<VerifyFailure> failure_;
};

} // namespace

std::optional<VerifyFailure> verify_code(const Program &program, const CodeLayout &layout) {
  return CodeVerifier(program, layout).run();
}

} // namespace waymark::rt::pack
