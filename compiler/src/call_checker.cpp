// Type checking of the built-in functions: count, sum, min, max, coalesce, days_between, years_between.
#include "checker.h"
#include "suggest.h"

namespace waymark {
namespace {

using rt::BaseType;
using rt::ValueType;

using checking::failed;
using checking::value;

const char* const kFunctions[] = {"count", "sum", "min", "max", "coalesce", "days_between", "years_between"};

} // namespace

ExprInfo Checker::check_count_argument(ast::ExprId id) {
  // count(list in set) counts the codes that match: the one place a list goes before `in` without a quantifier.
  const ast::Expr& e = expr(id);
  if (e.kind == ast::ExprKind::In) {
    ExprInfo x = check(e.operands[0]);
    if (!x.ok()) return failed();
    if (x.type.list) {
      bool ok = check_in_target(e.operands[0], ValueType{x.type.base, false}, e.operands[1]);
      file().infos[id.index] = value({BaseType::Int, false});
      return ok ? value({BaseType::Int, false}) : failed();
    }
  }
  return check(id);
}

ExprInfo Checker::check_call(ast::ExprId id) {
  const ast::Expr& e = expr(id);
  const std::string& fn = e.text;
  const auto& args = e.operands;
  auto arity = [&](size_t lo, size_t hi) {
    if (args.size() >= lo && args.size() <= hi) return true;
    std::string want = lo == hi ? std::to_string(lo) : hi == SIZE_MAX ? "at least " + std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
    const bool one = lo == 1 && (hi == 1 || hi == SIZE_MAX);
    error(e.span, fn + "() takes " + want + " argument" + (one ? "" : "s") + ", not " + std::to_string(args.size()));
    return false;
  };
  const ValueType int_type{BaseType::Int, false}, date{BaseType::Date, false};
  if (fn == "count") {
    if (!arity(1, SIZE_MAX)) return failed();
    if (args.size() == 1) {
      const ast::Expr& only = expr(args[0]);
      if (only.kind == ast::ExprKind::In) return check_count_argument(args[0]).ok() ? value(int_type) : failed();
      ExprInfo x = check(args[0]);
      if (!x.ok()) return failed();
      if (x.type.list || x.type == ValueType{BaseType::Bool, false}) return value(int_type);
      error(only.span, "each argument of count() must be true or false, but this is " + rt::to_string(x.type));
      return failed();
    }
    bool ok = true;
    for (auto a : args) ok &= require_bool(a, "each argument of count()");
    return ok ? value(int_type) : failed();
  }
  // Checks every argument and finds the type they share; `rejects` names a type the function cannot take.
  auto common_type = [&](auto rejects, auto mismatch) -> ExprInfo {
    std::optional<ValueType> result;
    bool ok = true;
    for (auto a : args) {
      ExprInfo x = check(a);
      if (!x.ok()) {
        ok = false;
        continue;
      }
      if (std::string why = rejects(x.type); !why.empty()) {
        error(expr(a).span, why);
        ok = false;
        continue;
      }
      auto merged = result ? unify(*result, x.type) : std::optional<ValueType>(x.type);
      if (!merged) {
        error(expr(a).span, mismatch(*result, x.type));
        ok = false;
        continue;
      }
      result = merged;
    }
    return ok && result ? value(*result) : failed();
  };
  if (fn == "sum" || fn == "min" || fn == "max") {
    if (!arity(1, SIZE_MAX)) return failed();
    return common_type(
        [&](ValueType t) {
          bool allowed = !t.list && (rt::is_numeric(t.base) || (fn != "sum" && t.base == BaseType::Date));
          return allowed ? std::string() : fn + "() takes numbers" + (fn == "sum" ? "" : " or dates") + ", but this is " + rt::to_string(t);
        },
        [&](ValueType, ValueType) { return fn + "() arguments must all be numbers or all be dates"; });
  }
  if (fn == "coalesce") {
    if (!arity(2, SIZE_MAX)) return failed();
    return common_type([](ValueType) { return std::string(); },
                       [](ValueType a, ValueType b) {
                         return "coalesce() arguments must share a type: " + rt::to_string(a) + " and " + rt::to_string(b);
                       });
  }
  if (fn == "days_between" || fn == "years_between") {
    if (!arity(2, 2)) return failed();
    bool ok = true;
    for (auto a : args) {
      ExprInfo x = check(a);
      if (x.ok() && x.type != date) {
        error(expr(a).span, fn + "() takes dates, but this is " + rt::to_string(x.type));
        ok = false;
      }
      ok &= x.ok();
    }
    return ok ? value(int_type) : failed();
  }
  for (auto a : args) check(a);
  error(e.span, "unknown function " + quoted(fn) + detail::did_you_mean(fn, {std::begin(kFunctions), std::end(kFunctions)}));
  return failed();
}

} // namespace waymark
