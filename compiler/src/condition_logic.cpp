#include "condition_logic.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "waymark/runtime/code.h"

namespace waymark::detail {
namespace {

struct Domain {
  bool missing = false, present = false, integral = false;
  double lo = -std::numeric_limits<double>::infinity(), hi = std::numeric_limits<double>::infinity();
  bool lo_open = false, hi_open = false;
  std::set<double> excluded_numbers;
  std::optional<std::set<double>> allowed_numbers; // a numeric input's `one of` list
  std::optional<std::set<std::string>> allowed;
  std::set<std::string> excluded;

  bool satisfiable() const {
    if (missing && present) return false;
    double l = lo, h = hi;
    bool lo_o = lo_open, hi_o = hi_open;
    if (integral) {
      l = lo_o ? std::floor(l) + 1 : std::ceil(l);
      h = hi_o ? std::ceil(h) - 1 : std::floor(h);
      lo_o = hi_o = false;
    }
    if (l > h || (l == h && (lo_o || hi_o))) return false;
    auto inside = [&](double v) {
      return (v > l || (v == l && !lo_o)) && (v < h || (v == h && !hi_o)) && !excluded_numbers.count(v);
    };
    if (allowed_numbers) return std::any_of(allowed_numbers->begin(), allowed_numbers->end(), inside);
    if (l == h && excluded_numbers.count(l)) return false;
    if (integral && std::isfinite(l) && std::isfinite(h)) {
      // `n between 1 and 2 and n <> 1 and n <> 2`: step over the excluded integers from the bottom.
      double v = l;
      while (v <= h && excluded_numbers.count(v)) v += 1;
      if (v > h) return false;
    }
    if (allowed) {
      for (const auto& v : *allowed)
        if (!excluded.count(v)) return true;
      return false;
    }
    return true;
  }
};

Dnf opaque() { return Dnf{Conjunction{Atom{}}}; }
Dnf always() { return Dnf{Conjunction{}}; }
Dnf never() { return Dnf{}; }

// A literal's value as the analysis compares it, or nothing if the expression is not a literal.
std::optional<Constant> constant(const ast::Expr& e, bool as_code) {
  switch (e.kind) {
  case ast::ExprKind::IntLiteral:
    // A double holds every integer up to 2^53 exactly; beyond that, comparisons are not analysed.
    if (e.int_value > (int64_t{1} << 53) || e.int_value < -(int64_t{1} << 53)) return std::nullopt;
    return Constant{true, static_cast<double>(e.int_value), {}};
  case ast::ExprKind::DecimalLiteral: return Constant{true, e.decimal_value, {}};
  case ast::ExprKind::DateLiteral: return Constant{true, static_cast<double>(e.date_days), {}};
  case ast::ExprKind::TextLiteral: return Constant{false, 0, as_code ? rt::normalize_code(e.text) : e.text};
  case ast::ExprKind::BoolLiteral: return Constant{false, 0, std::string(e.bool_value ? "true" : "false")};
  default: return std::nullopt;
  }
}

ast::Op negate(ast::Op op) {
  switch (op) {
  case ast::Op::Equal: return ast::Op::NotEqual;
  case ast::Op::NotEqual: return ast::Op::Equal;
  case ast::Op::Less: return ast::Op::GreaterEqual;
  case ast::Op::LessEqual: return ast::Op::Greater;
  case ast::Op::Greater: return ast::Op::LessEqual;
  case ast::Op::GreaterEqual: return ast::Op::Less;
  default: return op;
  }
}

ast::Op mirror(ast::Op op) {
  switch (op) {
  case ast::Op::Less: return ast::Op::Greater;
  case ast::Op::LessEqual: return ast::Op::GreaterEqual;
  case ast::Op::Greater: return ast::Op::Less;
  case ast::Op::GreaterEqual: return ast::Op::LessEqual;
  default: return op;
  }
}

} // namespace

// Counts atoms as they are made; false once the budget for this condition is spent.
bool ConditionLogic::spend(size_t atoms) {
  atoms_ += atoms;
  return atoms_ <= kMaxAtoms;
}

std::optional<Dnf> ConditionLogic::both(const Dnf& a, const Dnf& b) {
  if (a.size() * b.size() > kMaxConjunctions) return std::nullopt;
  size_t made = 0;
  for (const auto& x : a) made += x.size() * b.size();
  for (const auto& y : b) made += y.size() * a.size();
  if (!spend(made)) return std::nullopt;
  Dnf out;
  for (const auto& x : a)
    for (const auto& y : b) {
      Conjunction c = x;
      c.insert(c.end(), y.begin(), y.end());
      out.push_back(std::move(c));
    }
  return out;
}

std::optional<Var> ConditionLogic::variable(uint32_t fi, ast::ExprId id) const {
  const ast::Expr& e = ws_.file(fi).ast->expr(id);
  if (e.kind != ast::ExprKind::Name) return std::nullopt;
  const Binding& b = ws_.file(fi).bindings[id.index];
  if (b.kind != Binding::Kind::Field && b.kind != Binding::Kind::Define) return std::nullopt;
  return Var{b.kind, b.file, b.index};
}

Dnf ConditionLogic::compare(Var v, ast::Op op, const Constant& c) const {
  Atom a;
  a.var = v;
  a.op = op;
  if (c.numeric) {
    a.kind = Atom::Kind::Number;
    a.number = c.number;
  } else {
    if (op != ast::Op::Equal && op != ast::Op::NotEqual) return opaque(); // ordering of text: not analysed
    a.kind = Atom::Kind::Text;
    a.texts = {c.text};
  }
  return Dnf{Conjunction{a}};
}

bool ConditionLogic::is_code(uint32_t fi, ast::ExprId id) const { return info(fi, id).ok() && info(fi, id).type.base == rt::BaseType::Code; }

// The conjunctions under which `id` is true (positive) or false (negative); nothing if too large.
std::optional<Dnf> ConditionLogic::dnf(uint32_t fi, ast::ExprId id, bool positive, int depth) {
  if (depth > 32) return opaque();
  const ast::File& f = *ws_.file(fi).ast;
  const ast::Expr& e = f.expr(id);
  switch (e.kind) {
  case ast::ExprKind::BoolLiteral: return e.bool_value == positive ? always() : never();
  case ast::ExprKind::Not: return dnf(fi, e.operands[0], !positive, depth + 1);
  case ast::ExprKind::And: case ast::ExprKind::Or: {
    bool conjunction = (e.kind == ast::ExprKind::And) == positive;
    Dnf out = conjunction ? always() : never();
    for (auto op : e.operands) {
      auto part = dnf(fi, op, positive, depth + 1);
      if (!part) return std::nullopt;
      if (conjunction && part->size() == 1) {
        // The common case, a chain of `and`s: extend each conjunction in place (linear, not quadratic).
        if (!spend(out.size() * part->front().size())) return std::nullopt;
        for (auto& c : out) c.insert(c.end(), part->front().begin(), part->front().end());
      } else if (conjunction) {
        auto merged = both(out, *part);
        if (!merged) return std::nullopt;
        out = std::move(*merged);
      } else {
        out.insert(out.end(), part->begin(), part->end());
        if (out.size() > kMaxConjunctions || !spend(part->size())) return std::nullopt;
      }
    }
    return out;
  }
  case ast::ExprKind::Name: {
    auto v = variable(fi, id);
    if (!v) return opaque();
    if (v->kind == Binding::Kind::Define) {
      // Inline boolean definitions so that `complete and not complete` is seen through.
      const CheckedFile& owner = ws_.file(v->file);
      return dnf(v->file, owner.ast->defines[v->index].value, positive, depth + 1);
    }
    Atom a;
    a.kind = Atom::Kind::Text;
    a.var = *v;
    a.op = ast::Op::Equal;
    a.texts = {positive ? "true" : "false"};
    return Dnf{Conjunction{a}};
  }
  case ast::ExprKind::Compare: {
    ast::Op op = positive ? e.op : negate(e.op);
    auto lv = variable(fi, e.operands[0]), rv = variable(fi, e.operands[1]);
    auto lc = constant(f.expr(e.operands[0]), is_code(fi, e.operands[1]));
    auto rc = constant(f.expr(e.operands[1]), is_code(fi, e.operands[0]));
    if (lv && rc) return compare(*lv, op, *rc);
    if (rv && lc) return compare(*rv, mirror(op), *lc);
    return opaque();
  }
  case ast::ExprKind::Between: {
    auto v = variable(fi, e.operands[0]);
    auto lo = constant(f.expr(e.operands[1]), false), hi = constant(f.expr(e.operands[2]), false);
    if (!v || !lo || !hi || !lo->numeric || !hi->numeric) return opaque();
    bool inside = positive != e.negated;
    if (inside) return both(compare(*v, ast::Op::GreaterEqual, *lo), compare(*v, ast::Op::LessEqual, *hi));
    Dnf out = compare(*v, ast::Op::Less, *lo);
    Dnf above = compare(*v, ast::Op::Greater, *hi);
    out.insert(out.end(), above.begin(), above.end());
    return out;
  }
  case ast::ExprKind::In: {
    auto v = variable(fi, e.operands[0]);
    const ast::Expr& target = f.expr(e.operands[1]);
    if (!v || target.kind != ast::ExprKind::List) return opaque();
    bool inside = positive != e.negated;
    bool code = is_code(fi, e.operands[0]);
    Atom a;
    a.var = *v;
    a.kind = Atom::Kind::Text;
    a.op = inside ? ast::Op::Equal : ast::Op::NotEqual;
    for (auto item : target.operands) {
      auto c = constant(f.expr(item), code);
      if (!c) return opaque();
      if (c->numeric) {
        // Numbers: membership becomes a disjunction of equalities.
        if (!inside) return opaque();
        Dnf out;
        for (auto x : target.operands) {
          auto cx = constant(f.expr(x), false);
          if (!cx || !cx->numeric) return opaque();
          out.push_back(Conjunction{compare(*v, ast::Op::Equal, *cx).front()});
        }
        return out;
      }
      a.texts.insert(c->text);
    }
    return Dnf{Conjunction{a}};
  }
  case ast::ExprKind::IsTest: {
    auto v = variable(fi, e.operands[0]);
    if (!v) return opaque();
    bool holds = positive != e.negated;
    Atom a;
    a.var = *v;
    switch (e.op) {
    case ast::Op::IsMissing: a.kind = holds ? Atom::Kind::Missing : Atom::Kind::Present; return Dnf{Conjunction{a}};
    case ast::Op::IsPresent: a.kind = holds ? Atom::Kind::Present : Atom::Kind::Missing; return Dnf{Conjunction{a}};
    case ast::Op::IsTrue: case ast::Op::IsFalse: {
      std::string wanted = e.op == ast::Op::IsTrue ? "true" : "false";
      std::string other = e.op == ast::Op::IsTrue ? "false" : "true";
      a.kind = Atom::Kind::Text;
      a.op = ast::Op::Equal;
      a.texts = {wanted};
      if (holds) return Dnf{Conjunction{a}};
      // "is not true": false, or missing.
      a.texts = {other};
      Atom m;
      m.var = *v;
      m.kind = Atom::Kind::Missing;
      return Dnf{Conjunction{a}, Conjunction{m}};
    }
    default: return opaque();
    }
  }
  default: return opaque();
  }
}

rt::ValueType ConditionLogic::var_type(Var v) const {
  const CheckedFile& owner = ws_.file(v.file);
  if (v.kind == Binding::Kind::Field) return owner.ast->fields[v.index].type;
  auto t = owner.define_types[v.index];
  return t ? *t : rt::ValueType{rt::BaseType::Text, false};
}

// nullopt: cannot tell (opaque atoms); true/false: the conjunction can / cannot be true.
std::optional<bool> ConditionLogic::satisfiable(const Conjunction& c) const {
  std::map<Var, Domain> domains;
  bool unknown = false;
  for (const Atom& a : c) {
    if (a.kind == Atom::Kind::Opaque) { unknown = true; continue; }
    if (a.kind == Atom::Kind::False) return false;
    Domain& d = domains[a.var];
    rt::ValueType type = var_type(a.var);
    d.integral = type.base == rt::BaseType::Int || type.base == rt::BaseType::Date;
    if (type.base == rt::BaseType::Bool && !d.allowed) d.allowed = std::set<std::string>{"true", "false"};
    if (a.var.kind == Binding::Kind::Field) {
      const ast::Field& field = ws_.file(a.var.file).ast->fields[a.var.index];
      // A record without a required input is rejected before any rule runs.
      if (field.required || field.key) d.present = true;
      if (!field.one_of.empty() && !d.allowed_numbers && rt::is_numeric(type.base)) {
        std::set<double> values;
        for (auto x : field.one_of) {
          const ast::Expr& lit = ws_.file(a.var.file).ast->expr(x);
          values.insert(lit.kind == ast::ExprKind::IntLiteral ? static_cast<double>(lit.int_value) : lit.decimal_value);
        }
        d.allowed_numbers = values;
      }
      if (!field.one_of.empty() && !d.allowed && (type.base == rt::BaseType::Text || type.base == rt::BaseType::Code)) {
        std::set<std::string> values;
        for (auto x : field.one_of) {
          const ast::Expr& lit = ws_.file(a.var.file).ast->expr(x);
          values.insert(type.base == rt::BaseType::Code ? rt::normalize_code(lit.text) : lit.text);
        }
        d.allowed = values;
      }
    }
    switch (a.kind) {
    case Atom::Kind::Missing: d.missing = true; break;
    case Atom::Kind::Present: d.present = true; break;
    case Atom::Kind::Number:
      d.present = true;
      {
        auto raise_lo = [&](bool open) {
          if (a.number > d.lo || (a.number == d.lo && open)) { d.lo = a.number; d.lo_open = open; }
        };
        auto lower_hi = [&](bool open) {
          if (a.number < d.hi || (a.number == d.hi && open)) { d.hi = a.number; d.hi_open = open; }
        };
        switch (a.op) {
        case ast::Op::Equal: raise_lo(false); lower_hi(false); break;
        case ast::Op::NotEqual: d.excluded_numbers.insert(a.number); break;
        case ast::Op::Less: lower_hi(true); break;
        case ast::Op::LessEqual: lower_hi(false); break;
        case ast::Op::Greater: raise_lo(true); break;
        case ast::Op::GreaterEqual: raise_lo(false); break;
        default: break;
        }
      }
      break;
    case Atom::Kind::Text:
      d.present = true;
      if (a.op == ast::Op::Equal) {
        std::set<std::string> next;
        for (const auto& t : a.texts)
          if (!d.allowed || d.allowed->count(t)) next.insert(t);
        d.allowed = next;
      } else {
        d.excluded.insert(a.texts.begin(), a.texts.end());
      }
      break;
    default: break;
    }
  }
  for (const auto& [v, d] : domains)
    if (!d.satisfiable()) return false;
  // Two fields read from one column are present or missing together.
  std::map<std::string, std::pair<bool, bool>> by_column; // column -> (some must be missing, some must be present)
  for (const auto& [v, d] : domains) {
    if (v.kind != Binding::Kind::Field) continue;
    auto& p = by_column[ws_.file(v.file).ast->fields[v.index].column];
    p.first |= d.missing;
    p.second |= d.present;
  }
  for (const auto& [column, p] : by_column)
    if (p.first && p.second) return false;
  if (unknown) return std::nullopt;
  return true;
}

bool ConditionLogic::can_be_true(const Dnf& d) const {
  for (const auto& c : d)
    if (satisfiable(c) != std::optional<bool>(false)) return true;
  return false;
}

// Constraints on distinct input columns are independent, so a satisfiable set of them is a real overlap.
bool ConditionLogic::inputs_only(const Conjunction& c) const {
  std::map<std::string, Var> columns;
  for (const auto& a : c) {
    if (a.kind == Atom::Kind::Opaque || a.var.kind != Binding::Kind::Field) return false;
    auto [it, fresh] = columns.emplace(ws_.file(a.var.file).ast->fields[a.var.index].column, a.var);
    if (!fresh && !(it->second == a.var)) return false;
  }
  return true;
}

} // namespace waymark::detail
