// Expressions to register code. Every lowering writes fresh registers, so a value stays put once computed.
// Conditions short-circuit as jumps: `and` jumps out on false, `or` on true; unknown flows through AND/OR,
// which apply Kleene logic, so a missing input gives exactly the three-valued result.
#include "lowerer.h"
#include "waymark/runtime/code.h"

namespace waymark {

using rt::BaseType;
using rt::OpCode;
using rt::ValueType;

CompareDomain compare_domain(ValueType a, ValueType b) {
  if (a.base == BaseType::Decimal || b.base == BaseType::Decimal) return CompareDomain::Dec;
  if (a.base == BaseType::Code || b.base == BaseType::Code) return CompareDomain::Code;
  if (a.base == BaseType::Text && b.base == BaseType::Text) return CompareDomain::Text;
  if (a.base == BaseType::Bool && b.base == BaseType::Bool) return CompareDomain::Bool;
  return CompareDomain::Int; // ints and dates
}

ValueType domain_type(CompareDomain domain, ValueType original) {
  switch (domain) {
  case CompareDomain::Dec: return ValueType{BaseType::Decimal, false};
  case CompareDomain::Code: return ValueType{BaseType::Code, false};
  case CompareDomain::Text: return ValueType{BaseType::Text, false};
  case CompareDomain::Int: case CompareDomain::Bool: break;
  }
  return original;
}

namespace {
constexpr uint32_t kMaxInlineDepth = 16;
const ValueType kBool{BaseType::Bool, false};
const ValueType kInt{BaseType::Int, false};
const ValueType kDecimal{BaseType::Decimal, false};
const ValueType kDate{BaseType::Date, false};

rt::Relation relation_of(ast::Op op) {
  switch (op) {
  case ast::Op::NotEqual: return rt::Relation::NotEqual;
  case ast::Op::Less: return rt::Relation::Less;
  case ast::Op::LessEqual: return rt::Relation::LessEqual;
  case ast::Op::Greater: return rt::Relation::Greater;
  case ast::Op::GreaterEqual: return rt::Relation::GreaterEqual;
  default: return rt::Relation::Equal;
  }
}

OpCode compare_op(CompareDomain d) {
  switch (d) {
  case CompareDomain::Int: return OpCode::CMPI;
  case CompareDomain::Bool: return OpCode::CMPB;
  case CompareDomain::Dec: return OpCode::CMPD;
  default: return OpCode::CMPS;
  }
}
} // namespace

Lowerer::Reg Lowerer::emit(FragmentBuilder& fb, OpCode op, Reg a, Reg b, Reg c, rt::SourceLocation at, uint8_t x) {
  fb.emit(rt::Instr{op, x, a, b, c}, at);
  return a;
}

Lowerer::Reg Lowerer::load_constant(FragmentBuilder& fb, const Folded& value, rt::SourceLocation at) {
  const Reg r = new_reg(rt::reg_type_of(value.type));
  if (value.missing) fb.emit(rt::Instr{OpCode::LOADMISS, 0, r, 0, 0}, at);
  else fb.emit(rt::Instr::wide(OpCode::LOADK, r, constant(value)), at);
  return r;
}

Lowerer::Reg Lowerer::convert(FragmentBuilder& fb, Reg r, ValueType from, ValueType to, rt::SourceLocation at) {
  if (from.list || to.list || from.base == to.base) return r;
  if (to.base == BaseType::Decimal && from.base == BaseType::Int)
    return emit(fb, OpCode::ITOD, new_reg(rt::RegType::Dec), r, 0, at);
  if (to.base == BaseType::Code && from.base == BaseType::Text)
    return emit(fb, OpCode::TOCODE, new_reg(rt::RegType::Text), r, 0, at);
  return r; // same representation: a code read as text, a date as an int
}

Lowerer::Reg Lowerer::lower(FragmentBuilder& fb, uint32_t file, ast::ExprId id, ValueType want) {
  const rt::SourceLocation at = where(file, expr(file, id).span);
  if (auto k = fold(file, id)) return load_constant(fb, convert_folded(*k, want), at);
  return convert(fb, lower_raw(fb, file, id), type_of(file, id), want, at);
}

void Lowerer::mark_interned(uint32_t file, ast::ExprId id) {
  const Binding& b = ws_.file(file).bindings[id.index];
  if (expr(file, id).kind == ast::ExprKind::Name && b.kind == Binding::Kind::Field)
    program_.fields[fields_.at({b.file, b.index})].intern = true;
}

Lowerer::Reg Lowerer::lower_raw(FragmentBuilder& fb, uint32_t file, ast::ExprId id) {
  const ast::Expr& e = expr(file, id);
  const rt::SourceLocation at = where(file, e.span);
  const ValueType type = type_of(file, id);
  auto operand = [&](size_t i, ValueType want) { return lower(fb, file, e.operands[i], want); };
  auto own_type = [&](size_t i) { return type_of(file, e.operands[i]); };
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: case ast::ExprKind::DecimalLiteral: case ast::ExprKind::TextLiteral:
  case ast::ExprKind::BoolLiteral: case ast::ExprKind::DateLiteral:
    return load_constant(fb, *fold(file, id), at);
  case ast::ExprKind::List:
    fail(file, e.span, "internal error: a list is not a value");
    return new_reg(rt::RegType::Bool);
  case ast::ExprKind::Name: {
    const Binding& b = ws_.file(file).bindings[id.index];
    if (b.kind == Binding::Kind::Field) {
      const uint32_t f = fields_.at({b.file, b.index});
      const Reg r = new_reg(rt::reg_type_of(program_.fields[f].type));
      fb.emit(rt::Instr::wide(OpCode::FIELD, r, f), at);
      return r;
    }
    if (b.kind == Binding::Kind::Define) {
      // A definition used in one place is evaluated in that place: no call, and nothing to remember.
      // (Up to a depth: a long chain of single-use definitions becomes calls every so often.)
      const auto& define_type = ws_.file(b.file).define_types[b.index];
      if (define_uses_[{b.file, b.index}] == 1 && define_type && inline_depth_ < kMaxInlineDepth) {
        ++inline_depth_;
        const Reg r = lower(fb, b.file, ast_of(b.file).defines[b.index].value, *define_type);
        --inline_depth_;
        return r;
      }
      const uint32_t d = define_index(b.file, b.index);
      const Reg r = new_reg(program_.defines[d].type);
      fb.emit(rt::Instr::wide(OpCode::DEFINE, r, d), at);
      return r;
    }
    fail(file, e.span, "internal error: '" + e.text + "' is not a value");
    return new_reg(rt::RegType::Bool);
  }
  case ast::ExprKind::Call: return lower_call(fb, file, id, e);
  case ast::ExprKind::Negate: {
    const bool is_int = type.base == BaseType::Int;
    const Reg x = operand(0, type);
    return emit(fb, is_int ? OpCode::NEGI : OpCode::NEGD, new_reg(rt::reg_type_of(type)), x, 0, at);
  }
  case ast::ExprKind::Arithmetic: {
    if (e.op == ast::Op::Divide) {
      const Reg a = operand(0, kDecimal), b = operand(1, kDecimal);
      return emit(fb, OpCode::DIVD, new_reg(rt::RegType::Dec), a, b, at);
    }
    const bool is_int = type.base == BaseType::Int;
    const Reg a = operand(0, type), b = operand(1, type);
    OpCode op = e.op == ast::Op::Add ? (is_int ? OpCode::ADDI : OpCode::ADDD)
                : e.op == ast::Op::Subtract ? (is_int ? OpCode::SUBI : OpCode::SUBD)
                                            : (is_int ? OpCode::MULI : OpCode::MULD);
    return emit(fb, op, new_reg(rt::reg_type_of(type)), a, b, at);
  }
  case ast::ExprKind::Compare: return lower_compare(fb, file, e);
  case ast::ExprKind::And: case ast::ExprKind::Or: return lower_logic(fb, file, e);
  case ast::ExprKind::Not: {
    const Reg x = operand(0, kBool);
    return emit(fb, OpCode::NOT, new_reg(rt::RegType::Bool), x, 0, at);
  }
  case ast::ExprKind::Between: return lower_between(fb, file, e);
  case ast::ExprKind::In: return lower_in(fb, file, e);
  case ast::ExprKind::Quantified: {
    const Reg list = operand(0, own_type(0));
    const auto set = code_set_of_target(file, e.operands[1]);
    if (!set) {
      fail(file, e.span, "a code in this list is not a valid code, so no code can match it");
      return new_reg(rt::RegType::Bool);
    }
    const uint8_t quantifier = e.op == ast::Op::Any ? 0 : e.op == ast::Op::All ? 1 : 2;
    const Reg r = new_reg(rt::RegType::Bool);
    fb.emit(rt::Instr{OpCode::QUANT, static_cast<uint8_t>(quantifier | (e.negated ? 4 : 0)), r, list,
                      static_cast<uint16_t>(*set)},
            at);
    return r;
  }
  case ast::ExprKind::Like: {
    const uint32_t pattern = like(e.text, file, e.text_span);
    const Binding& b = ws_.file(file).bindings[e.operands[0].index];
    if (expr(file, e.operands[0]).kind == ast::ExprKind::Name && b.kind == Binding::Kind::Field) {
      // A pattern on an input field: matched with the field's other patterns in one walk per record.
      const auto [group, bit] = like_group_bit(fields_.at({b.file, b.index}), pattern, file, e.text_span);
      const Reg r = new_reg(rt::RegType::Bool);
      fb.emit(rt::Instr{OpCode::LIKEG, static_cast<uint8_t>(e.negated), r, static_cast<uint16_t>(group),
                        static_cast<uint16_t>(bit)},
              at);
      return r;
    }
    const Reg x = operand(0, own_type(0));
    const Reg r = new_reg(rt::RegType::Bool);
    fb.emit(rt::Instr{OpCode::LIKE, static_cast<uint8_t>(e.negated), r, x, static_cast<uint16_t>(pattern)}, at);
    return r;
  }
  case ast::ExprKind::IsTest: {
    const Reg x = operand(0, own_type(0));
    OpCode op = OpCode::ISMISSING;
    bool flip = e.negated;
    if (e.op == ast::Op::IsPresent) flip = !flip;
    if (e.op == ast::Op::IsTrue) op = OpCode::ISTRUE;
    if (e.op == ast::Op::IsFalse) op = OpCode::ISFALSE;
    return emit(fb, op, new_reg(rt::RegType::Bool), x, 0, at, flip);
  }
  case ast::ExprKind::Within: {
    const Reg a = operand(0, kDate), n = operand(1, kInt), b = operand(2, kDate);
    const Reg apart = emit(fb, OpCode::DAYS, new_reg(rt::RegType::Int), a, b, at);
    const Reg distance = emit(fb, OpCode::ABSI, new_reg(rt::RegType::Int), apart, 0, at);
    return emit(fb, OpCode::CMPI, new_reg(rt::RegType::Bool), distance, n, at,
                static_cast<uint8_t>(rt::Relation::LessEqual));
  }
  case ast::ExprKind::If: return lower_if(fb, file, id, e);
  }
  fail(file, e.span, "internal error: unknown expression");
  return new_reg(rt::RegType::Bool);
}

Lowerer::Reg Lowerer::lower_logic(FragmentBuilder& fb, uint32_t file, const ast::Expr& e) {
  const bool is_and = e.kind == ast::ExprKind::And;
  const rt::SourceLocation at = where(file, e.span);
  const Label end = fb.new_label();
  std::optional<Reg> result;
  for (size_t i = 0; i < e.operands.size(); ++i) {
    if (auto k = fold(file, e.operands[i]); k && !k->missing) {
      if (static_cast<bool>(k->i) == is_and) continue; // `true and x` is x; `false or x` is x
      // `false and ...` is false whatever else: the rest is dead code.
      if (result) fb.emit(rt::Instr::wide(OpCode::LOADK, *result, constant(*k)), at);
      else result = load_constant(fb, *k, at);
      fb.bind(end);
      return *result;
    }
    const Reg t = lower(fb, file, e.operands[i], kBool);
    if (!result) result = t;
    else emit(fb, is_and ? OpCode::AND : OpCode::OR, *result, *result, t, at);
    if (i + 1 < e.operands.size()) fb.emit_jump(is_and ? OpCode::JFALSE : OpCode::JTRUE, *result, end, at);
  }
  if (!result) result = load_constant(fb, folded_int(kBool, is_and ? 1 : 0), at);
  fb.bind(end);
  return *result;
}

Lowerer::Reg Lowerer::lower_compare(FragmentBuilder& fb, uint32_t file, const ast::Expr& e) {
  const ValueType ta = type_of(file, e.operands[0]), tb = type_of(file, e.operands[1]);
  const CompareDomain domain = compare_domain(ta, tb);
  const Reg a = lower(fb, file, e.operands[0], domain_type(domain, ta));
  const Reg b = lower(fb, file, e.operands[1], domain_type(domain, tb));
  // Not interned on reading: against a constant, comparing a few bytes costs less than hashing them.
  const rt::Relation relation = relation_of(e.op);
  return emit(fb, compare_op(domain), new_reg(rt::RegType::Bool), a, b, where(file, e.span), static_cast<uint8_t>(relation));
}

Lowerer::Reg Lowerer::lower_between(FragmentBuilder& fb, uint32_t file, const ast::Expr& e) {
  // `x between lo and hi` is `lo <= x and x <= hi`, each comparison in its own domain.
  const rt::SourceLocation at = where(file, e.span);
  const ValueType tx = type_of(file, e.operands[0]);
  const Reg x = lower(fb, file, e.operands[0], tx);
  auto side = [&](size_t i, bool x_first) {
    const ValueType t = type_of(file, e.operands[i]);
    const CompareDomain domain = compare_domain(tx, t);
    const Reg bound = lower(fb, file, e.operands[i], domain_type(domain, t));
    const Reg xs = convert(fb, x, tx, domain_type(domain, tx), at);
    return emit(fb, compare_op(domain), new_reg(rt::RegType::Bool), x_first ? xs : bound, x_first ? bound : xs, at,
                static_cast<uint8_t>(rt::Relation::LessEqual));
  };
  const Reg low = side(1, false), high = side(2, true);
  const Reg both = emit(fb, OpCode::AND, new_reg(rt::RegType::Bool), low, high, at);
  return e.negated ? emit(fb, OpCode::NOT, new_reg(rt::RegType::Bool), both, 0, at) : both;
}

std::optional<uint32_t> Lowerer::code_set_of_target(uint32_t file, ast::ExprId target_id) {
  const ast::Expr& target = expr(file, target_id);
  if (target.kind != ast::ExprKind::List) {
    const Binding& b = ws_.file(file).bindings[target_id.index];
    return code_set(b.file, b.index);
  }
  std::vector<std::string> codes;
  for (auto item : target.operands) {
    std::string code = rt::normalize_code(expr(file, item).text);
    if (!rt::is_valid_code(code)) return std::nullopt;
    codes.push_back(std::move(code));
  }
  return literal_code_set(codes);
}

Lowerer::Reg Lowerer::lower_in(FragmentBuilder& fb, uint32_t file, const ast::Expr& e) {
  const rt::SourceLocation at = where(file, e.span);
  const ast::ExprId value = e.operands[0], target_id = e.operands[1];
  const ValueType tx = type_of(file, value);
  const ast::Expr& target = expr(file, target_id);
  const uint8_t negate = e.negated;
  const bool list = target.kind == ast::ExprKind::List;
  if (!list || tx.base == BaseType::Code) {
    if (auto set = code_set_of_target(file, target_id)) {
      const Reg x = lower(fb, file, value, ValueType{BaseType::Code, false});
      return emit(fb, OpCode::INCODE, new_reg(rt::RegType::Bool), x, static_cast<Reg>(*set), at, negate);
    }
  }
  bool all_text = list && tx.base == BaseType::Text;
  for (auto item : target.operands) all_text = all_text && type_of(file, item).base == BaseType::Text;
  if (all_text) {
    std::vector<std::string> members;
    for (auto item : target.operands) members.push_back(expr(file, item).text);
    const Reg x = lower(fb, file, value, tx);
    mark_interned(file, value);
    return emit(fb, OpCode::INTEXT, new_reg(rt::RegType::Bool), x, static_cast<Reg>(text_set(members)), at, negate);
  }
  // Item by item: a missing value is unknown; otherwise it is in the list when it equals some item.
  const Reg x = lower(fb, file, value, tx);
  const Reg result = new_reg(rt::RegType::Bool);
  const Label found = fb.new_label(), missing = fb.new_label(), end = fb.new_label();
  fb.emit_jump(OpCode::JMISSING, x, missing, at);
  for (auto item : target.operands) {
    const ValueType ti = type_of(file, item);
    const CompareDomain domain = compare_domain(tx, ti);
    const Reg xs = convert(fb, x, tx, domain_type(domain, tx), at);
    const Reg b = lower(fb, file, item, domain_type(domain, ti));
    const Reg equal = emit(fb, compare_op(domain), new_reg(rt::RegType::Bool), xs, b, at);
    fb.emit_jump(OpCode::JTRUE, equal, found, at);
  }
  fb.emit(rt::Instr::wide(OpCode::LOADK, result, constant(folded_int(kBool, 0))), at);
  fb.emit_jump(OpCode::JUMP, 0, end, at);
  fb.bind(found);
  fb.emit(rt::Instr::wide(OpCode::LOADK, result, constant(folded_int(kBool, 1))), at);
  fb.emit_jump(OpCode::JUMP, 0, end, at);
  fb.bind(missing);
  fb.emit(rt::Instr{OpCode::LOADMISS, 0, result, 0, 0}, at);
  fb.bind(end);
  return negate ? emit(fb, OpCode::NOT, new_reg(rt::RegType::Bool), result, 0, at) : result;
}

Lowerer::Reg Lowerer::lower_if(FragmentBuilder& fb, uint32_t file, ast::ExprId id, const ast::Expr& e) {
  const rt::SourceLocation at = where(file, e.span);
  const ValueType type = type_of(file, id);
  auto branch = [&](size_t i) {
    if (i < e.operands.size()) return lower(fb, file, e.operands[i], type);
    return load_constant(fb, folded_missing(type), at);
  };
  // A condition known at compile time keeps only the branch taken.
  if (auto k = fold(file, e.operands[0])) {
    if (k->missing) return load_constant(fb, folded_missing(type), at);
    return branch(k->i ? 1 : 2);
  }
  const Reg c = lower(fb, file, e.operands[0], kBool);
  const Reg result = new_reg(rt::reg_type_of(type));
  const Label otherwise = fb.new_label(), unknown = fb.new_label(), end = fb.new_label();
  fb.emit_jump(OpCode::JMISSING, c, unknown, at);
  fb.emit_jump(OpCode::JFALSE, c, otherwise, at);
  emit(fb, OpCode::MOVE, result, branch(1), 0, at);
  fb.emit_jump(OpCode::JUMP, 0, end, at);
  fb.bind(otherwise);
  emit(fb, OpCode::MOVE, result, branch(2), 0, at);
  fb.emit_jump(OpCode::JUMP, 0, end, at);
  fb.bind(unknown);
  fb.emit(rt::Instr{OpCode::LOADMISS, 0, result, 0, 0}, at);
  fb.bind(end);
  return result;
}

} // namespace waymark
