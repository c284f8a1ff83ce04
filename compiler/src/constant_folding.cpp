// Compile-time evaluation of expressions whose leaves are literals (or definitions that fold), with the
// VM's exact semantics: Kleene logic, overflow and division by zero give missing.
#include "lowerer.h"
#include "waymark/runtime/code.h"

namespace waymark {

using rt::BaseType;
using rt::ValueType;

namespace {

Folded missing_of(ValueType type) { return folded_missing(type); }
Folded boolean(bool b) { return folded_int(ValueType{BaseType::Bool, false}, b ? 1 : 0); }

// -1, 0, 1, after converting both sides to the comparison's domain.
int order(const Folded& a, const Folded& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : y < x ? 1 : 0; };
  switch (compare_domain(a.type, b.type)) {
  case CompareDomain::Int: case CompareDomain::Bool: return sign(a.i, b.i);
  case CompareDomain::Dec: return sign(convert_folded(a, ValueType{BaseType::Decimal, false}).d,
                                       convert_folded(b, ValueType{BaseType::Decimal, false}).d);
  case CompareDomain::Code: return sign(rt::normalize_code(a.text), rt::normalize_code(b.text));
  case CompareDomain::Text: return sign(a.text, b.text);
  }
  return 0;
}

bool relation_holds(ast::Op op, int c) {
  switch (op) {
  case ast::Op::Equal: return c == 0;
  case ast::Op::NotEqual: return c != 0;
  case ast::Op::Less: return c < 0;
  case ast::Op::LessEqual: return c <= 0;
  case ast::Op::Greater: return c > 0;
  default: return c >= 0;
  }
}

} // namespace

Folded convert_folded(Folded v, ValueType to) {
  if (to.list || v.type.list) return v;
  if (v.type.base == BaseType::Int && to.base == BaseType::Decimal) v.d = static_cast<double>(v.i);
  if (v.type.base == BaseType::Text && to.base == BaseType::Code) v.text = rt::normalize_code(v.text);
  const bool same_representation = rt::reg_type_of(v.type) == rt::reg_type_of(to) ||
                                   (v.type.base == BaseType::Int && to.base == BaseType::Decimal);
  if (same_representation) v.type = to;
  return v;
}

std::optional<Folded> Lowerer::fold(uint32_t file, ast::ExprId id) {
  auto folded = fold_raw(file, id);
  if (!folded) return std::nullopt;
  return convert_folded(*folded, type_of(file, id));
}

std::optional<Folded> Lowerer::fold_raw(uint32_t file, ast::ExprId id) {
  const ast::Expr& e = expr(file, id);
  const ValueType type = type_of(file, id);
  auto operand = [&](size_t i) { return fold(file, e.operands[i]); };
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: return folded_int(ValueType{BaseType::Int, false}, e.int_value);
  case ast::ExprKind::DecimalLiteral: return folded_decimal(e.decimal_value);
  case ast::ExprKind::TextLiteral: return folded_text(e.text);
  case ast::ExprKind::BoolLiteral: return boolean(e.bool_value);
  case ast::ExprKind::DateLiteral: return folded_int(ValueType{BaseType::Date, false}, e.date_days);
  case ast::ExprKind::Name: {
    const Binding& b = ws_.file(file).bindings[id.index];
    if (b.kind != Binding::Kind::Define) return std::nullopt;
    if (auto it = folded_defines_.find({b.file, b.index}); it != folded_defines_.end()) return it->second;
    // Folding looks through a few definitions, not through a chain of thousands (that would recurse as deep).
    if (fold_depth_ >= 16) return std::nullopt;
    ++fold_depth_;
    auto v = fold(b.file, ast_of(b.file).defines[b.index].value);
    --fold_depth_;
    const auto& define_type = ws_.file(b.file).define_types[b.index];
    std::optional<Folded> result;
    if (v && define_type) result = convert_folded(*v, *define_type);
    folded_defines_[{b.file, b.index}] = result;
    return result;
  }
  case ast::ExprKind::Negate: {
    auto x = operand(0);
    if (!x) return std::nullopt;
    if (x->missing) return x;
    if (x->type.base == BaseType::Decimal) x->d = -x->d;
    else if (x->i == INT64_MIN) return missing_of(type);
    else x->i = -x->i;
    return x;
  }
  case ast::ExprKind::Arithmetic: {
    auto a = operand(0), b = operand(1);
    if (!a || !b) return std::nullopt;
    if (a->missing || b->missing) return missing_of(type);
    const ValueType dec{BaseType::Decimal, false};
    if (e.op == ast::Op::Divide) {
      const double x = convert_folded(*a, dec).d, y = convert_folded(*b, dec).d;
      if (y == 0) return missing_of(type);
      return folded_decimal(x / y);
    }
    if (type.base == BaseType::Int) {
      int64_t r = 0;
      const bool overflow = e.op == ast::Op::Add        ? __builtin_add_overflow(a->i, b->i, &r)
                            : e.op == ast::Op::Subtract ? __builtin_sub_overflow(a->i, b->i, &r)
                                                        : __builtin_mul_overflow(a->i, b->i, &r);
      return overflow ? missing_of(type) : folded_int(type, r);
    }
    const double x = convert_folded(*a, dec).d, y = convert_folded(*b, dec).d;
    return folded_decimal(e.op == ast::Op::Add ? x + y : e.op == ast::Op::Subtract ? x - y : x * y);
  }
  case ast::ExprKind::Compare: {
    auto a = operand(0), b = operand(1);
    if (!a || !b) return std::nullopt;
    if (a->missing || b->missing) return missing_of(type);
    return boolean(relation_holds(e.op, order(*a, *b)));
  }
  case ast::ExprKind::Not: {
    auto x = operand(0);
    if (!x) return std::nullopt;
    if (x->missing) return x;
    return boolean(!x->i);
  }
  case ast::ExprKind::And: case ast::ExprKind::Or: {
    const bool is_and = e.kind == ast::ExprKind::And;
    bool unknown = false;
    for (size_t i = 0; i < e.operands.size(); ++i) {
      auto x = operand(i);
      if (!x) return std::nullopt;
      if (x->missing) unknown = true;
      else if (static_cast<bool>(x->i) != is_and) return boolean(!is_and); // the deciding value
    }
    return unknown ? missing_of(type) : boolean(is_and);
  }
  case ast::ExprKind::Between: {
    auto x = operand(0), low = operand(1), high = operand(2);
    if (!x || !low || !high) return std::nullopt;
    auto le = [](const Folded& a, const Folded& b) { return a.missing || b.missing ? -1 : order(a, b) <= 0 ? 1 : 0; };
    const int l = le(*low, *x), h = le(*x, *high); // 1 true, 0 false, -1 unknown
    if (l == 0 || h == 0) return boolean(e.negated);
    if (l < 0 || h < 0) return missing_of(type);
    return boolean(!e.negated);
  }
  case ast::ExprKind::If: {
    auto c = operand(0);
    if (!c) return std::nullopt;
    if (c->missing) return missing_of(type);
    const size_t taken = c->i ? 1 : 2;
    if (taken >= e.operands.size()) return missing_of(type);
    auto v = operand(taken);
    if (!v) return std::nullopt;
    return convert_folded(*v, type);
  }
  default: return std::nullopt;
  }
}

} // namespace waymark
