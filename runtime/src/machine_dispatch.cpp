// The dispatch loop. Operands were verified once at load (program_verifier.cpp), so nothing is checked here:
// registers are in range and of the right type, jumps land inside the fragment, definitions cannot recurse.
#include <algorithm>
#include <cstring>

#include "waymark/runtime/date.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/trace.h"

#if defined(__GNUC__) && !defined(WAYMARK_SWITCH_DISPATCH)
#define WAYMARK_COMPUTED_GOTO 1
#else
#define WAYMARK_COMPUTED_GOTO 0
#endif

namespace waymark::rt {
namespace {

inline bool text_equal(const Text& a, const Text& b) noexcept {
  if (a.id >= 0 && b.id >= 0) return a.id == b.id; // both interned: one integer compare
  if ((a.id >= 0 && b.id == Text::kNotInterned) || (b.id >= 0 && a.id == Text::kNotInterned)) return false;
  return a.size == b.size && (a.size == 0 || std::memcmp(a.data, b.data, a.size) == 0);
}

inline int text_compare(const Text& a, const Text& b) noexcept {
  const int c = std::memcmp(a.data, b.data, std::min(a.size, b.size));
  if (c != 0) return c;
  return a.size < b.size ? -1 : a.size > b.size ? 1 : 0;
}

inline bool holds(uint8_t relation, int order) noexcept {
  switch (static_cast<Relation>(relation)) {
  case Relation::Equal: return order == 0;
  case Relation::NotEqual: return order != 0;
  case Relation::Less: return order < 0;
  case Relation::LessEqual: return order <= 0;
  case Relation::Greater: return order > 0;
  case Relation::GreaterEqual: return order >= 0;
  }
  return false;
}

template <typename T> inline int order_of(T a, T b) noexcept { return a < b ? -1 : b < a ? 1 : 0; }

constexpr bool is_plausible_day(int64_t days) noexcept { return days > -100'000'000 && days < 100'000'000; }

inline void set_bool(Reg& r, bool value) noexcept {
  r.i = value;
  r.present = true;
}

} // namespace

// Tracing off costs this one branch per fragment; WAYMARK_NO_TRACE_HOOK builds without it, to measure that.
Reg Machine::run_fragment(uint32_t fragment) {
#if defined(WAYMARK_NO_TRACE_HOOK)
  return run<false>(fragment);
#else
  return trace_ ? run<true>(fragment) : run<false>(fragment);
#endif
}

void Machine::trace_step(const Instr* executed) {
  const OpInfo& info = kOpInfo[static_cast<uint8_t>(executed->op)];
  const auto pc = static_cast<uint32_t>(executed - program_.code.data());
  TraceEvent event;
  event.rule = traced_rule_;
  event.pc = pc;
  switch (info.a) {
  case Operand::WBool: case Operand::WInt: case Operand::WDec: case Operand::WText: case Operand::WAny:
    event.kind = TraceEventKind::Value;
    event.value = registers_[executed->a];
    break;
  case Operand::Output:
    event.kind = TraceEventKind::Output;
    event.value = registers_[executed->b];
    break;
  default: return; // jumps and the like write nothing
  }
  trace_->events.push_back(event);
}

void Machine::trace_rule(TraceEventKind kind, uint32_t rule, RuleState state) {
  TraceEvent event;
  event.kind = kind;
  event.rule = rule;
  event.state = state;
  trace_->events.push_back(event);
}

template <bool kTrace> Reg Machine::run(uint32_t fragment) {
  const Instr* const code = program_.code.data();
  const Instr* pc = code + program_.fragments[fragment].begin;
  const Instr* executing = pc; // for the trace: the instruction whose effect to record
  Reg* const R = registers_.data();
  Instr in;

#define VM_OPERANDS Reg &A = R[in.a], &B = R[in.b], &C = R[in.c]; (void)A; (void)B; (void)C
#if WAYMARK_COMPUTED_GOTO
#define VM_LABEL(name, a, b, c, bc) &&L_##name,
  static const void* const kLabels[] = {WAYMARK_OPCODES(VM_LABEL)};
#undef VM_LABEL
#define VM_CASE(name) L_##name:
#define VM_NEXT()                                                                                               \
  do {                                                                                                          \
    if constexpr (kTrace) trace_step(executing);                                                                \
    goto *kLabels[static_cast<uint8_t>((in = *(executing = pc++)).op)];                                         \
  } while (0)
  goto *kLabels[static_cast<uint8_t>((in = *(executing = pc++)).op)];
#else
#define VM_CASE(name) case OpCode::name:
#define VM_NEXT()                                                                                               \
  {                                                                                                             \
    if constexpr (kTrace) trace_step(executing);                                                                \
    continue;                                                                                                   \
  }
  for (;;) {
    in = *(executing = pc++);
    switch (in.op) {
#endif

  VM_CASE(LOADK) { R[in.a] = constants_[in.bc()]; VM_NEXT(); }
  VM_CASE(LOADMISS) { R[in.a].present = false; VM_NEXT(); }
  VM_CASE(FIELD) { R[in.a] = fields_[in.bc()]; VM_NEXT(); }
  VM_CASE(DEFINE) {
    const uint32_t d = in.bc();
    if (define_epoch_[d] != epoch_) {
      define_values_[d] = run<kTrace>(program_.defines[d].fragment);
      define_epoch_[d] = epoch_;
    }
    R[in.a] = define_values_[d];
    VM_NEXT();
  }
  VM_CASE(MOVE) { R[in.a] = R[in.b]; VM_NEXT(); }
  VM_CASE(JUMP) { pc = code + in.bc(); VM_NEXT(); }
  VM_CASE(JFALSE) {
    const Reg& A = R[in.a];
    if (A.present && !A.i) pc = code + in.bc();
    VM_NEXT();
  }
  VM_CASE(JTRUE) {
    const Reg& A = R[in.a];
    if (A.present && A.i) pc = code + in.bc();
    VM_NEXT();
  }
  VM_CASE(JMISSING) {
    if (!R[in.a].present) pc = code + in.bc();
    VM_NEXT();
  }
  VM_CASE(JPRESENT) {
    if (R[in.a].present) pc = code + in.bc();
    VM_NEXT();
  }
  VM_CASE(RETURN) { return R[in.a]; }
  VM_CASE(END) { return Reg{}; }
  VM_CASE(AND) {
    VM_OPERANDS;
    if ((B.present && !B.i) || (C.present && !C.i)) set_bool(A, false);
    else if (B.present && C.present) set_bool(A, true);
    else A.present = false;
    VM_NEXT();
  }
  VM_CASE(OR) {
    VM_OPERANDS;
    if ((B.present && B.i) || (C.present && C.i)) set_bool(A, true);
    else if (B.present && C.present) set_bool(A, false);
    else A.present = false;
    VM_NEXT();
  }
  VM_CASE(NOT) {
    VM_OPERANDS;
    A.i = !B.i;
    A.present = B.present;
    VM_NEXT();
  }
  VM_CASE(ISMISSING) {
    VM_OPERANDS;
    set_bool(A, B.present == (in.x != 0));
    VM_NEXT();
  }
  VM_CASE(ISTRUE) {
    VM_OPERANDS;
    set_bool(A, (B.present && B.i) != (in.x != 0));
    VM_NEXT();
  }
  VM_CASE(ISFALSE) {
    VM_OPERANDS;
    set_bool(A, (B.present && !B.i) != (in.x != 0));
    VM_NEXT();
  }
  VM_CASE(CMPI) {
    VM_OPERANDS;
    if (B.present && C.present) set_bool(A, holds(in.x, order_of(B.i, C.i)));
    else A.present = false;
    VM_NEXT();
  }
  VM_CASE(CMPB) {
    VM_OPERANDS;
    if (B.present && C.present) set_bool(A, holds(in.x, order_of(B.i, C.i)));
    else A.present = false;
    VM_NEXT();
  }
  VM_CASE(CMPD) {
    VM_OPERANDS;
    if (B.present && C.present) set_bool(A, holds(in.x, order_of(B.d, C.d)));
    else A.present = false;
    VM_NEXT();
  }
  VM_CASE(CMPS) {
    VM_OPERANDS;
    if (!(B.present && C.present)) A.present = false;
    else if (in.x == static_cast<uint8_t>(Relation::Equal)) set_bool(A, text_equal(B.s, C.s));
    else if (in.x == static_cast<uint8_t>(Relation::NotEqual)) set_bool(A, !text_equal(B.s, C.s));
    else set_bool(A, holds(in.x, text_compare(B.s, C.s)));
    VM_NEXT();
  }

#define VM_CHECKED_INT(name, builtin)                                                                           \
  VM_CASE(name) {                                                                                               \
    VM_OPERANDS;                                                                                                \
    int64_t result;                                                                                             \
    A.present = B.present && C.present && !builtin(B.i, C.i, &result);                                          \
    if (A.present) A.i = result;                                                                                \
    VM_NEXT();                                                                                                  \
  }
  VM_CHECKED_INT(ADDI, __builtin_add_overflow)
  VM_CHECKED_INT(SUBI, __builtin_sub_overflow)
  VM_CHECKED_INT(MULI, __builtin_mul_overflow)
#undef VM_CHECKED_INT
  VM_CASE(NEGI) {
    VM_OPERANDS;
    A.present = B.present && B.i != INT64_MIN;
    if (A.present) A.i = -B.i;
    VM_NEXT();
  }
  VM_CASE(ABSI) {
    VM_OPERANDS;
    A.present = B.present && B.i != INT64_MIN;
    if (A.present) A.i = B.i < 0 ? -B.i : B.i;
    VM_NEXT();
  }
#define VM_DECIMAL(name, expression)                                                                           \
  VM_CASE(name) {                                                                                               \
    VM_OPERANDS;                                                                                                \
    A.present = B.present && C.present;                                                                         \
    if (A.present) A.d = expression;                                                                            \
    VM_NEXT();                                                                                                  \
  }
  VM_DECIMAL(ADDD, B.d + C.d)
  VM_DECIMAL(SUBD, B.d - C.d)
  VM_DECIMAL(MULD, B.d * C.d)
#undef VM_DECIMAL
  VM_CASE(DIVD) {
    VM_OPERANDS;
    A.present = B.present && C.present && C.d != 0;
    if (A.present) A.d = B.d / C.d;
    VM_NEXT();
  }
  VM_CASE(NEGD) {
    VM_OPERANDS;
    A.present = B.present;
    A.d = -B.d;
    VM_NEXT();
  }
  VM_CASE(ITOD) {
    VM_OPERANDS;
    A.present = B.present;
    A.d = static_cast<double>(B.i);
    VM_NEXT();
  }
  VM_CASE(TOCODE) {
    VM_OPERANDS;
    if (B.present) A.s = to_code(B.s.view());
    A.present = B.present;
    VM_NEXT();
  }
  VM_CASE(COUNTT) {
    VM_OPERANDS;
    if (A.present) {
      if (B.present) A.i += B.i;
      else A.present = false;
    }
    VM_NEXT();
  }
  VM_CASE(LEN) {
    VM_OPERANDS;
    A.present = B.present;
    A.i = B.list.count;
    VM_NEXT();
  }
#define VM_PICK(name, field, better)                                                                           \
  VM_CASE(name) {                                                                                               \
    VM_OPERANDS;                                                                                                \
    A.present = B.present && C.present;                                                                         \
    if (A.present) A.field = (C.field better B.field) ? C.field : B.field;                                      \
    VM_NEXT();                                                                                                  \
  }
  VM_PICK(MINI, i, <)
  VM_PICK(MAXI, i, >)
  VM_PICK(MIND, d, <)
  VM_PICK(MAXD, d, >)
#undef VM_PICK
  VM_CASE(DAYS) {
    VM_OPERANDS;
    int64_t days;
    A.present = B.present && C.present && !__builtin_sub_overflow(C.i, B.i, &days);
    if (A.present) A.i = days;
    VM_NEXT();
  }
  VM_CASE(YEARS) {
    VM_OPERANDS;
    // Dates read from records and written in sources lie within years 0-9999; a hand-made pack could hold
    // anything, so far-off day counts give missing rather than overflow in the calendar arithmetic.
    A.present = B.present && C.present && is_plausible_day(B.i) && is_plausible_day(C.i);
    if (A.present) A.i = whole_years_between(static_cast<int32_t>(B.i), static_cast<int32_t>(C.i));
    VM_NEXT();
  }
  VM_CASE(INCODE) {
    Reg &A = R[in.a], &B = R[in.b];
    if (B.present) set_bool(A, program_.code_sets[in.c].automaton.matches(B.s.view()) != (in.x != 0));
    else A.present = false;
    VM_NEXT();
  }
  VM_CASE(INTEXT) {
    Reg &A = R[in.a], &B = R[in.b];
    if (B.present) {
      int32_t id = B.s.id;
      if (id == Text::kNotLooked) id = intern(B.s.data, B.s.size).id;
      const auto& members = program_.text_sets[in.c].members;
      const bool found = id >= 0 && std::binary_search(members.begin(), members.end(), static_cast<StringId>(id));
      set_bool(A, found != (in.x != 0));
    } else {
      A.present = false;
    }
    VM_NEXT();
  }
  VM_CASE(LIKE) {
    Reg &A = R[in.a], &B = R[in.b];
    if (B.present) set_bool(A, program_.likes[in.c].automaton.matches(B.s.view()) != (in.x != 0));
    else A.present = false;
    VM_NEXT();
  }
  VM_CASE(LIKEG) {
    Reg& A = R[in.a];
    const LikeGroupInfo& group = program_.like_groups[in.b];
    const Reg& field = fields_[group.field];
    if (field.present) {
      if (group_epoch_[in.b] != epoch_) {
        group_matches_[in.b] = match_group(in.b, field.s.view());
        group_epoch_[in.b] = epoch_;
      }
      set_bool(A, ((group_matches_[in.b] >> in.c) & 1) != (in.x != 0));
    } else {
      A.present = false;
    }
    VM_NEXT();
  }
  VM_CASE(QUANT) {
    Reg &A = R[in.a], &B = R[in.b];
    if (!B.present) {
      A.present = false;
      VM_NEXT();
    }
    const CodeAutomaton& set = program_.code_sets[in.c].automaton;
    const bool negate = (in.x & 4) != 0;
    const auto quantifier = static_cast<Quantifier>(in.x & 3);
    // any: some element holds; all: no element fails; none: no element holds.
    const bool looking_for = quantifier != Quantifier::All;
    bool found = false;
    for (const Text& code : items(B)) {
      if ((set.matches(code.view()) != negate) == looking_for) {
        found = true;
        break;
      }
    }
    set_bool(A, quantifier == Quantifier::Any ? found : !found);
    VM_NEXT();
  }
  VM_CASE(COUNTIN) {
    Reg &A = R[in.a], &B = R[in.b];
    A.present = B.present;
    if (B.present) {
      const CodeAutomaton& set = program_.code_sets[in.c].automaton;
      int64_t n = 0;
      for (const Text& code : items(B)) n += set.matches(code.view()) != (in.x != 0);
      A.i = n;
    }
    VM_NEXT();
  }
  VM_CASE(SETOUT) {
    Reg& out = outputs_[in.a];
    const Reg& value = R[in.b];
    if (!out.present && value.present) out = value;
    VM_NEXT();
  }
  VM_CASE(APPEND) {
    const Reg& value = R[in.b];
    if (value.present) list_outputs_[in.a].push_back(value.s);
    VM_NEXT();
  }

#if !WAYMARK_COMPUTED_GOTO
    }
  }
#endif
#undef VM_CASE
#undef VM_NEXT
#undef VM_OPERANDS
}

template Reg Machine::run<false>(uint32_t);
template Reg Machine::run<true>(uint32_t);

} // namespace waymark::rt
