#pragma once
// Conditions as logic: "can this rule's condition be true, and together with that one?"
// A condition is rewritten as an OR of conjunctions of atoms, negations pushed to the atoms. Kleene logic
// keeps De Morgan, and a negated atom means "the atom is false", which needs its operand present:
// `not (age < 18)` is `age >= 18`, never "age is missing".
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "waymark/compiler/workspace.h"

namespace waymark::detail {

struct Var {
  Binding::Kind kind;
  uint32_t file, index;
  auto operator<=>(const Var&) const = default;
};

struct Atom {
  enum class Kind : uint8_t { Opaque, False, Missing, Present, Number, Text } kind = Kind::Opaque;
  Var var{};
  ast::Op op = ast::Op::Equal;           // Number/Text: Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual
  double number = 0;
  std::set<std::string> texts;           // Text: Equal means "one of", NotEqual "none of"
};

// A literal as the analysis compares it: a number (dates as day numbers), or text (codes normalised).
struct Constant {
  bool numeric;
  double number;
  std::string text;
};

using Conjunction = std::vector<Atom>;
using Dnf = std::vector<Conjunction>;
inline constexpr size_t kMaxConjunctions = 64;
// Inlined definitions can repeat one another (`d0 = d1 and d1`, ...): past this many atoms a condition
// is "too large to analyse", which keeps the analysis linear in what it has already read.
inline constexpr size_t kMaxAtoms = 4096;

class ConditionLogic {
public:
  explicit ConditionLogic(const Workspace& workspace) : ws_(workspace) {}

  // The conjunctions under which a rule's condition is true; nothing if too large to analyse.
  std::optional<Dnf> when_true(uint32_t file, ast::ExprId condition) {
    atoms_ = 0;
    return dnf(file, condition, true, 0);
  }
  // nullopt: cannot tell (opaque atoms); true/false: the conjunction can / cannot be true.
  std::optional<bool> satisfiable(const Conjunction& c) const;
  bool can_be_true(const Dnf& d) const;
  // Constraints on distinct input columns are independent, so a satisfiable set of them is a real overlap.
  bool inputs_only(const Conjunction& c) const;

private:
  // Counts atoms as they are made; false once the budget for this condition is spent.
  bool spend(size_t atoms);
  std::optional<Dnf> both(const Dnf& a, const Dnf& b);
  std::optional<Var> variable(uint32_t fi, ast::ExprId id) const;
  Dnf compare(Var v, ast::Op op, const Constant& c) const;
  bool is_code(uint32_t fi, ast::ExprId id) const;
  // The conjunctions under which `id` is true (positive) or false (negative); nothing if too large.
  std::optional<Dnf> dnf(uint32_t fi, ast::ExprId id, bool positive, int depth);
  rt::ValueType var_type(Var v) const;
  const ExprInfo& info(uint32_t fi, ast::ExprId id) const { return ws_.file(fi).infos[id.index]; }

  const Workspace& ws_;
  size_t atoms_ = 0;
};

} // namespace waymark::detail
