#pragma once
// The Waymark instruction set: one table, one line per opcode (after Lua's lopcodes.h).
//
// Every instruction is 8 bytes: op, x (a small flag or sub-operation), a, b, c (16 bits each).
// Where an operand needs 32 bits (a jump target, a constant, field, define or output index),
// it is `bc` = b << 16 | c. Registers are typed once for the whole program (Program::registers);
// the verifier checks every operand against the table below, so the VM never checks again.
//
// Missing values: every register has a presence bit. A bool register that is not present is
// UNKNOWN in three-valued logic. Unless an entry says otherwise, an operation on a missing operand
// gives a missing result.
#include <cstdint>

namespace waymark::rt {

// What an operand is. R* read a register of that type, W* write one; Any reads a register of any type.
enum class Operand : uint8_t {
  None,
  RBool, RInt, RDec, RText, RList, RAny,
  WBool, WInt, WDec, WText, WAny, // WAny: the type comes from another operand (constant, field, ...)
  Const, Field, Define, Output, Target, CodeSet, TextSet, Like, LikeGroup, Bit, // Bit: a pattern of the LikeGroup in b
};

// Relations for the compare instructions, in x.
enum class Relation : uint8_t { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };
// Quantifiers for QUANT, in x (bit 2 of x negates the membership test: "any x not in S").
enum class Quantifier : uint8_t { Any, All, None };

// X(name, a, b, c, bc) — bc is true when b and c form one 32-bit operand (described in b).
#define WAYMARK_OPCODES(X)                                                                                        \
  /* loads */                                                                                                      \
  X(LOADK, WAny, Const, None, true)         /* R[a] = K[bc]; a's type is the constant's */                        \
  X(LOADMISS, WAny, None, None, false)      /* R[a] = missing */                                                  \
  X(FIELD, WAny, Field, None, true)         /* R[a] = input field bc of this record */                           \
  X(DEFINE, WAny, Define, None, true)       /* R[a] = definition bc, computed at most once per record */         \
  X(MOVE, WAny, RAny, None, false)          /* R[a] = R[b] (same type) */                                         \
  /* control: jumps go forward only, inside their fragment */                                                    \
  X(JUMP, None, Target, None, true)         /* pc = bc */                                                         \
  X(JFALSE, RBool, Target, None, true)      /* if R[a] is false (not unknown): pc = bc */                        \
  X(JTRUE, RBool, Target, None, true)       /* if R[a] is true: pc = bc */                                        \
  X(JMISSING, RAny, Target, None, true)     /* if R[a] is missing: pc = bc */                                     \
  X(JPRESENT, RAny, Target, None, true)     /* if R[a] is present: pc = bc */                                     \
  X(RETURN, RAny, None, None, false)        /* end a condition or definition; its value is R[a] */               \
  X(END, None, None, None, false)           /* end a rule's actions */                                            \
  /* three-valued logic */                                                                                         \
  X(AND, WBool, RBool, RBool, false)        /* R[a] = R[b] and R[c] (Kleene: false wins, then unknown) */        \
  X(OR, WBool, RBool, RBool, false)         /* R[a] = R[b] or R[c] (Kleene: true wins, then unknown) */          \
  X(NOT, WBool, RBool, None, false)         /* R[a] = not R[b]; unknown stays unknown */                          \
  X(ISMISSING, WBool, RAny, None, false)    /* R[a] = R[b] is missing (x=1: is present); never unknown */         \
  X(ISTRUE, WBool, RBool, None, false)      /* R[a] = R[b] is true (x=1: is not true); never unknown */           \
  X(ISFALSE, WBool, RBool, None, false)     /* R[a] = R[b] is false (x=1: is not false); never unknown */         \
  /* comparisons: x is a Relation */                                                                              \
  X(CMPI, WBool, RInt, RInt, false)         /* R[a] = R[b] rel R[c]: ints and dates */                           \
  X(CMPB, WBool, RBool, RBool, false)       /* R[a] = R[b] rel R[c]: bools, false before true */                \
  X(CMPD, WBool, RDec, RDec, false)         /* R[a] = R[b] rel R[c]: decimals */                                  \
  X(CMPS, WBool, RText, RText, false)       /* R[a] = R[b] rel R[c]: text and codes, byte order; = by interned id */ \
  /* arithmetic */                                                                                                 \
  X(ADDI, WInt, RInt, RInt, false)          /* R[a] = R[b] + R[c]; overflow gives missing */                      \
  X(SUBI, WInt, RInt, RInt, false)          /* R[a] = R[b] - R[c]; overflow gives missing */                      \
  X(MULI, WInt, RInt, RInt, false)          /* R[a] = R[b] * R[c]; overflow gives missing */                      \
  X(NEGI, WInt, RInt, None, false)          /* R[a] = -R[b]; overflow gives missing */                            \
  X(ABSI, WInt, RInt, None, false)          /* R[a] = |R[b]|; overflow gives missing */                           \
  X(ADDD, WDec, RDec, RDec, false)          /* R[a] = R[b] + R[c] */                                              \
  X(SUBD, WDec, RDec, RDec, false)          /* R[a] = R[b] - R[c] */                                              \
  X(MULD, WDec, RDec, RDec, false)          /* R[a] = R[b] * R[c] */                                              \
  X(DIVD, WDec, RDec, RDec, false)          /* R[a] = R[b] / R[c]; division by zero gives missing */             \
  X(NEGD, WDec, RDec, None, false)          /* R[a] = -R[b] */                                                    \
  X(ITOD, WDec, RInt, None, false)          /* R[a] = R[b] as a decimal */                                        \
  X(TOCODE, WText, RText, None, false)      /* R[a] = R[b] normalised as a code (trim, upper case, no dots) */    \
  /* functions */                                                                                                  \
  X(COUNTT, WInt, RBool, None, false)       /* R[a] += R[b] is true; a missing R[b] makes R[a] missing */         \
  X(LEN, WInt, RList, None, false)          /* R[a] = number of codes in R[b] */                                  \
  X(MINI, WInt, RInt, RInt, false)          /* R[a] = min(R[b], R[c]) */                                          \
  X(MAXI, WInt, RInt, RInt, false)          /* R[a] = max(R[b], R[c]) */                                          \
  X(MIND, WDec, RDec, RDec, false)          /* R[a] = min(R[b], R[c]) */                                          \
  X(MAXD, WDec, RDec, RDec, false)          /* R[a] = max(R[b], R[c]) */                                          \
  X(DAYS, WInt, RInt, RInt, false)          /* R[a] = R[c] - R[b], dates in days */                               \
  X(YEARS, WInt, RInt, RInt, false)         /* R[a] = whole years from date R[b] to date R[c] */                  \
  /* clinical codes and text matching: c is a matcher; x=1 negates */                                             \
  X(INCODE, WBool, RText, CodeSet, false)   /* R[a] = code R[b] is in code set c (one automaton walk) */          \
  X(INTEXT, WBool, RText, TextSet, false)   /* R[a] = text R[b] is one of text set c (interned ids) */            \
  X(LIKE, WBool, RText, Like, false)        /* R[a] = R[b] like pattern c (one automaton walk) */                 \
  X(LIKEG, WBool, LikeGroup, Bit, false)    /* R[a] = the field of like group b matches its pattern c; the field  \
                                               is walked once per record for all the group's patterns */         \
  X(QUANT, WBool, RList, CodeSet, false)    /* R[a] = any/all/none (x & 3) code of R[b] [not, x & 4] in c */     \
  X(COUNTIN, WInt, RList, CodeSet, false)   /* R[a] = number of codes of R[b] in c (x=1: not in c) */            \
  /* outputs (actions fragments only) */                                                                          \
  X(SETOUT, Output, RAny, None, false)      /* output a = R[b] unless already set or R[b] missing */              \
  X(APPEND, Output, RText, None, false)     /* append R[b] to list output a, unless R[b] is missing */

enum class OpCode : uint8_t {
#define WAYMARK_OPCODE_ENUM(name, a, b, c, bc) name,
  WAYMARK_OPCODES(WAYMARK_OPCODE_ENUM)
#undef WAYMARK_OPCODE_ENUM
};

struct OpInfo {
  const char* name;
  Operand a, b, c;
  bool bc; // b and c form one 32-bit operand of kind b
};

inline constexpr OpInfo kOpInfo[] = {
#define WAYMARK_OPCODE_INFO(name, a, b, c, bc) {#name, Operand::a, Operand::b, Operand::c, bc},
    WAYMARK_OPCODES(WAYMARK_OPCODE_INFO)
#undef WAYMARK_OPCODE_INFO
};

inline constexpr uint8_t kOpCount = sizeof(kOpInfo) / sizeof(kOpInfo[0]);

struct Instr {
  OpCode op;
  uint8_t x = 0;
  uint16_t a = 0, b = 0, c = 0;
  uint32_t bc() const { return uint32_t{b} << 16 | c; }
  static Instr wide(OpCode op, uint16_t a, uint32_t bc, uint8_t x = 0) {
    return Instr{op, x, a, static_cast<uint16_t>(bc >> 16), static_cast<uint16_t>(bc & 0xffff)};
  }
};
static_assert(sizeof(Instr) == 8);

} // namespace waymark::rt
