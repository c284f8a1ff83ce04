// The built-in functions: count, sum, min, max, coalesce, days_between, years_between.
#include "lowerer.h"

namespace waymark {

using rt::BaseType;
using rt::OpCode;
using rt::ValueType;

Lowerer::Reg Lowerer::lower_call(FragmentBuilder& fb, uint32_t file, ast::ExprId id, const ast::Expr& e) {
  const rt::SourceLocation at = where(file, e.span);
  const ValueType type = type_of(file, id);
  const std::string& fn = e.text;
  const auto& args = e.operands;
  const ValueType kBool{BaseType::Bool, false}, kInt{BaseType::Int, false}, kDate{BaseType::Date, false};
  if (fn == "count") {
    if (args.size() == 1) {
      const ast::Expr& only = expr(file, args[0]);
      if (only.kind == ast::ExprKind::In && type_of(file, only.operands[0]).list) {
        // count(codes in set): how many codes of the list are in the set.
        const Reg list = lower(fb, file, only.operands[0], type_of(file, only.operands[0]));
        const auto set = code_set_of_target(file, only.operands[1]);
        if (!set) {
          fail(file, only.span, "a code in this list is not a valid code, so no code can match it");
          return new_reg(rt::RegType::Int);
        }
        return emit(fb, OpCode::COUNTIN, new_reg(rt::RegType::Int), list, static_cast<Reg>(*set), at, only.negated);
      }
      if (type_of(file, args[0]).list) {
        const Reg list = lower(fb, file, args[0], type_of(file, args[0]));
        return emit(fb, OpCode::LEN, new_reg(rt::RegType::Int), list, 0, at);
      }
    }
    const Reg total = load_constant(fb, folded_int(kInt, 0), at);
    for (auto a : args) emit(fb, OpCode::COUNTT, total, lower(fb, file, a, kBool), 0, at);
    return total;
  }
  if (fn == "coalesce") {
    const Reg result = new_reg(rt::reg_type_of(type));
    const Label end = fb.new_label();
    for (size_t i = 0; i < args.size(); ++i) {
      emit(fb, OpCode::MOVE, result, lower(fb, file, args[i], type), 0, at);
      if (i + 1 < args.size()) fb.emit_jump(OpCode::JPRESENT, result, end, at);
    }
    fb.bind(end);
    return result;
  }
  if (fn == "sum") return lower_sum(fb, file, id, e);
  if (fn == "min" || fn == "max") {
    const bool is_int = rt::reg_type_of(type) == rt::RegType::Int;
    const OpCode op = fn == "min" ? (is_int ? OpCode::MINI : OpCode::MIND) : (is_int ? OpCode::MAXI : OpCode::MAXD);
    Reg best = lower(fb, file, args[0], type);
    for (size_t i = 1; i < args.size(); ++i)
      best = emit(fb, op, new_reg(rt::reg_type_of(type)), best, lower(fb, file, args[i], type), at);
    return best;
  }
  if (fn == "days_between" || fn == "years_between") {
    const Reg from = lower(fb, file, args[0], kDate), to = lower(fb, file, args[1], kDate);
    return emit(fb, fn == "days_between" ? OpCode::DAYS : OpCode::YEARS, new_reg(rt::RegType::Int), from, to, at);
  }
  fail(file, e.span, "internal error: unknown function '" + fn + "'");
  return new_reg(rt::reg_type_of(type));
}

// As the reference sums: from 0, in whole numbers (overflow is missing) until the first decimal, then in decimals.
Lowerer::Reg Lowerer::lower_sum(FragmentBuilder& fb, uint32_t file, ast::ExprId id, const ast::Expr& e) {
  const rt::SourceLocation at = where(file, e.span);
  const ValueType kInt{BaseType::Int, false}, kDecimal{BaseType::Decimal, false};
  Reg total = load_constant(fb, folded_int(kInt, 0), at);
  bool decimal = false;
  for (auto a : e.operands) {
    const ValueType ta = type_of(file, a);
    if (!decimal && ta.base == BaseType::Int) {
      total = emit(fb, OpCode::ADDI, new_reg(rt::RegType::Int), total, lower(fb, file, a, kInt), at);
      continue;
    }
    if (!decimal) total = emit(fb, OpCode::ITOD, new_reg(rt::RegType::Dec), total, 0, at);
    decimal = true;
    total = emit(fb, OpCode::ADDD, new_reg(rt::RegType::Dec), total, lower(fb, file, a, kDecimal), at);
  }
  return convert(fb, total, decimal ? kDecimal : kInt, type_of(file, id), at);
}

} // namespace waymark
