// Name resolution and type checking of expressions.
#include "checker.h"

#include <charconv>
#include "suggest.h"
#include "waymark/runtime/code.h"
#include "waymark/runtime/like_pattern.h"

namespace waymark {
namespace {

using rt::BaseType;
using rt::ValueType;

using checking::failed;
using checking::value;

bool is_literal(const ast::Expr& e) {
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: case ast::ExprKind::DecimalLiteral: case ast::ExprKind::TextLiteral:
  case ast::ExprKind::BoolLiteral: case ast::ExprKind::DateLiteral: return true;
  default: return false;
  }
}

// 0.5 prints as "0.5", not "0.500000".
std::string shortest(double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}


} // namespace

std::vector<std::string> Checker::value_names(uint32_t fi) const {
  std::vector<std::string> names;
  const ast::File& f = *ws_.files_[fi].ast;
  for (auto& x : f.fields) names.push_back(x.name);
  for (auto& x : f.defines) names.push_back(x.name);
  for (auto& x : f.codesets) names.push_back(x.name);
  return names;
}

Binding Checker::lookup(const std::string& qualifier, const std::string& name, Span span) {
  uint32_t fi = index_;
  if (!qualifier.empty()) {
    auto alias = imports_.find(qualifier);
    if (alias == imports_.end()) {
      std::vector<std::string> aliases;
      for (auto& [a, _] : imports_) aliases.push_back(a);
      error(span, quoted(qualifier) + " is not an import alias" + detail::did_you_mean(qualifier, aliases));
      return {};
    }
    file().import_used[alias->second] = true;
    auto target = file().imports[alias->second];
    if (!target || !ws_.files_[*target].ast) return {}; // the import's own errors are reported already
    fi = *target;
  }
  const ast::File& f = *ws_.files_[fi].ast;
  for (uint32_t i = 0; i < f.fields.size(); ++i)
    if (f.fields[i].name == name) return {Binding::Kind::Field, fi, i};
  for (uint32_t i = 0; i < f.defines.size(); ++i)
    if (f.defines[i].name == name) return {Binding::Kind::Define, fi, i};
  for (uint32_t i = 0; i < f.codesets.size(); ++i)
    if (f.codesets[i].name == name) return {Binding::Kind::Codeset, fi, i};
  std::string where = qualifier.empty() ? "" : " in " + ws_.files_[fi].source->path();
  std::string hint = detail::did_you_mean(name, value_names(fi));
  if (hint.empty() && qualifier.empty()) {
    for (const auto& o : file().ast->outputs)
      if (o.name == name) hint = "; outputs cannot be read in conditions: compute the value with `define` and use that";
  }
  error(span, "unknown name " + quoted(name) + where + hint);
  return {};
}

std::optional<ValueType> Checker::define_type(uint32_t fi, uint32_t i) {
  if (fi != index_) return ws_.files_[fi].define_types[i];
  if (define_state_[i] == 2) return file().define_types[i];
  const ast::Define& d = file().ast->defines[i];
  if (define_state_[i] == 1) {
    error(d.span, "definition " + quoted(d.name) + " depends on itself");
    define_state_[i] = 2;
    return std::nullopt;
  }
  define_state_[i] = 1;
  ExprInfo info = check(d.value);
  if (define_state_[i] == 1) {
    define_state_[i] = 2;
    if (info.ok()) file().define_types[i] = info.type;
  }
  return file().define_types[i];
}

ExprInfo Checker::check_any(ast::ExprId id) {
  if (!id.valid()) return failed();
  ExprInfo info = check_expr(id);
  file().infos[id.index] = info;
  return info;
}

ExprInfo Checker::check(ast::ExprId id) {
  ExprInfo info = check_any(id);
  if (info.kind == ExprInfo::Kind::Codeset) {
    const ast::Expr& set = expr(id);
    const std::string name = (set.qualifier.empty() ? "" : set.qualifier + ".") + set.text;
    error(set.span, "code set " + quoted(name) + " is not a value; use it after `in`, as in `x in " + name + "`");
    return failed();
  }
  return info;
}

bool Checker::require_bool(ast::ExprId id, const char* where) {
  ExprInfo info = check_any(id);
  if (info.kind == ExprInfo::Kind::Codeset) {
    const ast::Expr& set = expr(id);
    error(set.span, "a code set is not a condition; write `x in " + (set.qualifier.empty() ? "" : set.qualifier + ".") + set.text + "`");
    return false;
  }
  if (!info.ok()) return false;
  if (info.type != ValueType{BaseType::Bool, false}) {
    error(expr(id).span, std::string(where) + " must be true or false, but this is " + rt::to_string(info.type));
    return false;
  }
  return true;
}

std::optional<ValueType> Checker::unify(ValueType a, ValueType b) const {
  if (a == b) return a;
  if (!a.list && !b.list && rt::is_numeric(a.base) && rt::is_numeric(b.base)) return ValueType{BaseType::Decimal, false};
  if (!a.list && !b.list && ((a.base == BaseType::Code && b.base == BaseType::Text) || (a.base == BaseType::Text && b.base == BaseType::Code)))
    return ValueType{BaseType::Code, false};
  return std::nullopt;
}

bool Checker::literal_fits(ast::ExprId id, ValueType to, const std::string& what) {
  const ast::Expr& e = expr(id);
  if (!is_literal(e)) {
    error(e.span, what + " takes a literal value here");
    return false;
  }
  ValueType from{BaseType::Text, false};
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: from.base = BaseType::Int; break;
  case ast::ExprKind::DecimalLiteral: from.base = BaseType::Decimal; break;
  case ast::ExprKind::BoolLiteral: from.base = BaseType::Bool; break;
  case ast::ExprKind::DateLiteral: from.base = BaseType::Date; break;
  default: break;
  }
  file().infos[id.index] = value(from);
  return assignable(id, from, to, what);
}

bool Checker::assignable(ast::ExprId id, ValueType from, ValueType to, const std::string& what) {
  const ast::Expr& e = expr(id);
  if (from == to) return true;
  if (!from.list && !to.list && from.base == BaseType::Int && to.base == BaseType::Decimal) return true;
  if (!from.list && !to.list && to.base == BaseType::Code && from.base == BaseType::Text) {
    if (e.kind != ast::ExprKind::TextLiteral) return true; // text values become codes when normalised at run time
    if (!rt::is_valid_code(rt::normalize_code(e.text))) {
      error(e.span, quoted(e.text) + " is not a valid code for " + what + " (codes are letters and digits)");
      return false;
    }
    return true;
  }
  if (!from.list && !to.list && to.base == BaseType::Text && from.base == BaseType::Code) return true;
  error(e.span, what + " is " + rt::to_string(to) + ", but this is " + rt::to_string(from));
  return false;
}

std::optional<Checker::OneOf> Checker::one_of_of(ast::ExprId id) const {
  const ast::Expr& e = expr(id);
  if (e.kind != ast::ExprKind::Name) return std::nullopt;
  const Binding& b = file().bindings[id.index];
  if (b.kind != Binding::Kind::Field) return std::nullopt;
  const ast::Field& field = ws_.files_[b.file].ast->fields[b.index];
  if (field.one_of.empty()) return std::nullopt;
  return OneOf{&field.one_of, b.file, "input " + quoted(field.name), field.type.base == BaseType::Code};
}

void Checker::check_one_of(ast::ExprId id, const OneOf& allowed_values) {
  const ast::Expr& e = expr(id);
  const auto& allowed = *allowed_values.values;
  const std::string& owner = allowed_values.owner;
  if (allowed.empty() || !is_literal(e)) return;
  const CheckedFile* owner_file = &ws_.files_[allowed_values.file];
  std::string list;
  for (auto a : allowed) {
    const ast::Expr& x = owner_file->ast->expr(a);
    bool same = x.kind == e.kind || (is_literal(x) && e.kind == ast::ExprKind::IntLiteral && x.kind == ast::ExprKind::DecimalLiteral);
    if (same) {
      if (x.kind == ast::ExprKind::TextLiteral && x.text == e.text) return;
      if (x.kind == ast::ExprKind::TextLiteral && allowed_values.code && rt::normalize_code(x.text) == rt::normalize_code(e.text)) return;
      if (x.kind == ast::ExprKind::IntLiteral && e.kind == ast::ExprKind::IntLiteral && x.int_value == e.int_value) return;
      if (x.kind == ast::ExprKind::DecimalLiteral && (e.kind == ast::ExprKind::DecimalLiteral ? e.decimal_value : static_cast<double>(e.int_value)) == x.decimal_value) return;
    }
    list += (list.empty() ? "" : ", ");
    list += x.kind == ast::ExprKind::TextLiteral ? "\"" + x.text + "\"" : x.kind == ast::ExprKind::IntLiteral ? std::to_string(x.int_value) : shortest(x.decimal_value);
  }
  std::vector<std::string> texts;
  for (auto a : allowed) texts.push_back(owner_file->ast->expr(a).text);
  std::string hint = e.kind == ast::ExprKind::TextLiteral ? detail::did_you_mean(e.text, texts) : "";
  error(e.span, owner + " is one of [" + list + "]; " + (e.kind == ast::ExprKind::TextLiteral ? "\"" + e.text + "\"" : std::string("this value")) +
                    " is not" + hint);
}

bool Checker::comparable(ast::ExprId a, ValueType ta, ast::ExprId b, ValueType tb, bool ordered, Span span) {
  if (ta.list || tb.list) {
    error(span, "a code list cannot be compared directly; use `any`, `all` or `none ... in`");
    return false;
  }
  if (!unify(ta, tb)) {
    error(span, "cannot compare " + rt::to_string(ta) + " with " + rt::to_string(tb));
    return false;
  }
  if (ordered && (ta.base == BaseType::Bool || tb.base == BaseType::Bool)) {
    error(span, "true and false have no order; compare them with = or <>");
    return false;
  }
  // A text literal against a code is a code: it must be a valid one.
  if (ta.base == BaseType::Code) assignable(b, tb, ta, "the code");
  if (tb.base == BaseType::Code) assignable(a, ta, tb, "the code");
  // `stage < 4` against `one of [1, 2, 3]` is a fine range test; only equality must name a listed value.
  if (!ordered) {
    if (auto allowed = one_of_of(a)) check_one_of(b, *allowed);
    if (auto allowed = one_of_of(b)) check_one_of(a, *allowed);
  }
  return true;
}

ExprInfo Checker::check_expr(ast::ExprId id) {
  const ast::Expr& e = expr(id);
  const ValueType boolean{BaseType::Bool, false};
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: return value({BaseType::Int, false});
  case ast::ExprKind::DecimalLiteral: return value({BaseType::Decimal, false});
  case ast::ExprKind::TextLiteral: return value({BaseType::Text, false});
  case ast::ExprKind::BoolLiteral: return value(boolean);
  case ast::ExprKind::DateLiteral: return value({BaseType::Date, false});
  case ast::ExprKind::List:
    error(e.span, "a list can only follow `in`");
    return failed();
  case ast::ExprKind::Name: return check_name(id);
  case ast::ExprKind::Call: return check_call(id);
  case ast::ExprKind::Negate: {
    ExprInfo x = check(e.operands[0]);
    if (!x.ok()) return failed();
    if (x.type.list || !rt::is_numeric(x.type.base)) {
      error(e.span, "cannot negate " + rt::to_string(x.type));
      return failed();
    }
    return x;
  }
  case ast::ExprKind::Arithmetic: {
    ExprInfo a = check(e.operands[0]), b = check(e.operands[1]);
    if (!a.ok() || !b.ok()) return failed();
    for (auto [info, operand] : {std::pair{a, e.operands[0]}, std::pair{b, e.operands[1]}})
      if (info.type.list || !rt::is_numeric(info.type.base)) {
        std::string hint = info.type.base == BaseType::Date ? "; use days_between(a, b) for dates" : "";
        error(expr(operand).span, "arithmetic needs numbers, but this is " + rt::to_string(info.type) + hint);
        return failed();
      }
    if (e.op == ast::Op::Divide) return value({BaseType::Decimal, false});
    return value(a.type.base == BaseType::Int && b.type.base == BaseType::Int ? ValueType{BaseType::Int, false} : ValueType{BaseType::Decimal, false});
  }
  case ast::ExprKind::Compare: return check_compare(id);
  case ast::ExprKind::And: case ast::ExprKind::Or: {
    bool ok = true;
    for (auto op : e.operands) ok &= require_bool(op, e.kind == ast::ExprKind::And ? "each side of `and`" : "each side of `or`");
    return ok ? value(boolean) : failed();
  }
  case ast::ExprKind::Not: return require_bool(e.operands[0], "the operand of `not`") ? value(boolean) : failed();
  case ast::ExprKind::Between: {
    ExprInfo x = check(e.operands[0]), lo = check(e.operands[1]), hi = check(e.operands[2]);
    if (!x.ok() || !lo.ok() || !hi.ok()) return failed();
    bool ok = comparable(e.operands[0], x.type, e.operands[1], lo.type, true, e.span) &&
              comparable(e.operands[0], x.type, e.operands[2], hi.type, true, e.span);
    return ok ? value(boolean) : failed();
  }
  case ast::ExprKind::In: return check_membership(id);
  case ast::ExprKind::Quantified: return check_quantified(id);
  case ast::ExprKind::Like: return check_like(id);
  case ast::ExprKind::IsTest: {
    ExprInfo x = check(e.operands[0]);
    if (!x.ok()) return failed();
    if ((e.op == ast::Op::IsTrue || e.op == ast::Op::IsFalse) && x.type != boolean) {
      error(e.span, "`is true` and `is false` test true/false values, but this is " + rt::to_string(x.type));
      return failed();
    }
    return value(boolean);
  }
  case ast::ExprKind::Within: {
    ExprInfo a = check(e.operands[0]), n = check(e.operands[1]), b = check(e.operands[2]);
    if (!a.ok() || !n.ok() || !b.ok()) return failed();
    const ValueType date{BaseType::Date, false};
    if (a.type != date || b.type != date) {
      error(e.span, "`within N days of` compares two dates");
      return failed();
    }
    if (n.type != ValueType{BaseType::Int, false}) {
      error(expr(e.operands[1]).span, "the number of days must be a whole number");
      return failed();
    }
    return value(boolean);
  }
  case ast::ExprKind::If: {
    bool ok = require_bool(e.operands[0], "the `if` condition");
    ExprInfo a = check(e.operands[1]), b = check(e.operands[2]);
    if (!ok || !a.ok() || !b.ok()) return failed();
    auto t = unify(a.type, b.type);
    if (!t) {
      error(e.span, "the branches of `if` differ: " + rt::to_string(a.type) + " and " + rt::to_string(b.type));
      return failed();
    }
    return value(*t);
  }
  }
  return failed();
}

ExprInfo Checker::check_name(ast::ExprId id) {
  const ast::Expr& e = expr(id);
  Binding b = lookup(e.qualifier, e.text, e.span);
  file().bindings[id.index] = b;
  switch (b.kind) {
  case Binding::Kind::None: return failed();
  case Binding::Kind::Field: return value(ws_.files_[b.file].ast->fields[b.index].type);
  case Binding::Kind::Define: {
    if (b.file == index_) file().define_used[b.index] = true;
    else ws_.files_[b.file].define_used[b.index] = true;
    auto t = define_type(b.file, b.index);
    return t ? value(*t) : failed();
  }
  case Binding::Kind::Codeset:
    ws_.files_[b.file].codeset_used[b.index] = true;
    return ExprInfo{ExprInfo::Kind::Codeset, {}};
  }
  return failed();
}

ExprInfo Checker::check_compare(ast::ExprId id) {
  const ast::Expr& e = expr(id);
  ExprInfo a = check(e.operands[0]), b = check(e.operands[1]);
  if (!a.ok() || !b.ok()) return failed();
  bool ordered = e.op != ast::Op::Equal && e.op != ast::Op::NotEqual;
  return comparable(e.operands[0], a.type, e.operands[1], b.type, ordered, e.span) ? value({BaseType::Bool, false}) : failed();
}

bool Checker::check_in_list(ast::ExprId value_id, ValueType value_type, ast::ExprId list_id) {
  const ast::Expr& list = expr(list_id);
  if (list.operands.empty()) {
    error(list.span, "the list after `in` is empty");
    return false;
  }
  bool ok = true;
  for (auto item : list.operands) {
    const ast::Expr& x = expr(item);
    if (!is_literal(x)) {
      error(x.span, "the list after `in` holds literal values only");
      ok = false;
      continue;
    }
    ExprInfo info = check(item);
    ok &= info.ok() && comparable(value_id, value_type, item, info.type, false, x.span);
  }
  return ok;
}

ExprInfo Checker::check_membership(ast::ExprId id) {
  const ast::Expr& e = expr(id);
  ExprInfo x = check(e.operands[0]);
  if (!x.ok()) return failed();
  if (x.type.list) {
    error(e.span, "a code list holds many codes; say `any`, `all` or `none` (for example `any " + expr(e.operands[0]).text + " in ...`)");
    return failed();
  }
  return check_in_target(e.operands[0], x.type, e.operands[1]) ? value({BaseType::Bool, false}) : failed();
}

ExprInfo Checker::check_quantified(ast::ExprId id) {
  const ast::Expr& e = expr(id);
  ExprInfo x = check(e.operands[0]);
  if (!x.ok()) return failed();
  if (!x.type.list) {
    error(expr(e.operands[0]).span, "`any`, `all` and `none` apply to a code list, but this is " + rt::to_string(x.type));
    return failed();
  }
  return check_in_target(e.operands[0], ValueType{x.type.base, false}, e.operands[1]) ? value({BaseType::Bool, false}) : failed();
}

bool Checker::check_in_target(ast::ExprId value_id, ValueType element, ast::ExprId target_id) {
  const ast::Expr& target = expr(target_id);
  if (target.kind == ast::ExprKind::List) return check_in_list(value_id, element, target_id);
  ExprInfo set = check_any(target_id);
  if (set.kind == ExprInfo::Kind::Error) return false;
  if (set.kind != ExprInfo::Kind::Codeset) {
    error(target.span, quoted(target.text) + " is not a code set or a list");
    return false;
  }
  if (element.base != BaseType::Code) {
    error(expr(value_id).span, "only codes can be matched against a code set, but this is " + rt::to_string(element) +
                                   " (declare the input as `code`)");
    return false;
  }
  return true;
}

ExprInfo Checker::check_like(ast::ExprId id) {
  const ast::Expr& e = expr(id);
  ExprInfo x = check(e.operands[0]);
  if (!x.ok()) return failed();
  if (x.type.list || (x.type.base != BaseType::Text && x.type.base != BaseType::Code)) {
    std::string hint = x.type.list ? "; read the column as `text` for a SQL-style like" : "";
    error(expr(e.operands[0]).span, "`like` matches text, but this is " + rt::to_string(x.type) + hint);
    return failed();
  }
  auto compiled = rt::LikePattern::compile(e.text);
  if (auto* err = std::get_if<rt::PatternError>(&compiled)) {
    Span span = e.text_span;
    span.column += static_cast<uint32_t>(err->offset) + 1;
    span.length = 1;
    error(span, err->message);
    return failed();
  }
  return value({BaseType::Bool, false});
}

} // namespace waymark
