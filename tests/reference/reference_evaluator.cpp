#include "reference_evaluator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <variant>

#include "waymark/runtime/code.h"
#include "waymark/runtime/code_list.h"
#include "waymark/runtime/code_pattern.h"
#include "waymark/runtime/date.h"
#include "waymark/runtime/like_pattern.h"
#include "waymark/runtime/truth.h"

namespace waymark::reference {
namespace {

using rt::BaseType;
using rt::Truth;
using Kind = Value::Kind;

std::string shortest(double d) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(d);
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// ---- reading a column ----------------------------------------------------------------------

// The value of one raw CSV field for a field of `type`, or an error message.
std::variant<Value, std::string> read_field(const ast::Field& field, const std::string& raw) {
  if (raw.empty()) return Value{};
  const std::string quoted = "\"" + raw + "\"";
  if (field.type.list) {
    rt::CodeListFormat format;
    if (!field.delimiters.empty()) format.delimiters = field.delimiters;
    std::vector<std::string> codes;
    rt::split_code_list(raw, format, codes);
    for (const auto& c : codes)
      if (!rt::is_valid_code(c)) return "'" + c + "' in " + quoted + " is not a valid code";
    return Value::of_list(Kind::CodeList, std::move(codes));
  }
  switch (field.type.base) {
  case BaseType::Bool: {
    const std::string s = lower(raw);
    if (s == "true" || s == "yes" || s == "1" || s == "agree") return Value::of_bool(true);
    if (s == "false" || s == "no" || s == "0" || s == "disagree") return Value::of_bool(false);
    return quoted + " is not true or false";
  }
  case BaseType::Int: {
    int64_t i = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), i);
    if (ec != std::errc() || end != raw.data() + raw.size()) return quoted + " is not a whole number";
    return Value::of_int(i);
  }
  case BaseType::Decimal: {
    double d = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), d, std::chars_format::fixed);
    if (ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(d)) return quoted + " is not a number";
    return Value::of_decimal(d);
  }
  case BaseType::Text: { // trailing spaces are not part of the value, as in SQL Server's comparisons
    std::string text = raw;
    text.erase(text.find_last_not_of(' ') + 1);
    return Value::of_text(std::move(text));
  }
  case BaseType::Date: {
    auto days = rt::parse_iso_date(raw);
    if (!days) return quoted + " is not a date (YYYY-MM-DD)";
    return Value::of_date(*days);
  }
  case BaseType::Code: {
    std::string code = rt::normalize_code(raw);
    if (!rt::is_valid_code(code)) return quoted + " is not a valid code";
    return Value::of_code(std::move(code));
  }
  }
  return quoted + " cannot be read";
}

// ---- the evaluator ---------------------------------------------------------------------------

struct CodeSet {
  std::vector<rt::CodePattern> patterns;
  std::vector<rt::CodeRange> ranges;
  bool matches(const std::string& code) const {
    for (const auto& p : patterns)
      if (p.matches(code)) return true;
    for (const auto& r : ranges)
      if (r.matches(code)) return true;
    return false;
  }
};

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

Value from_truth(Truth t) { return t == Truth::Unknown ? Value{} : Value::of_bool(t == Truth::True); }
Truth to_truth(const Value& v) { return v.missing() ? Truth::Unknown : rt::to_truth(v.boolean); }

bool is_number(const Value& v) { return v.kind == Kind::Int || v.kind == Kind::Decimal; }
double as_double(const Value& v) { return v.kind == Kind::Int ? static_cast<double>(v.integer) : v.decimal; }

// Converts a present value to a static type: int to decimal, text to a (normalised) code.
Value coerce(Value v, rt::ValueType type) {
  if (v.missing() || type.list) return v;
  if (type.base == BaseType::Decimal && v.kind == Kind::Int) return Value::of_decimal(static_cast<double>(v.integer));
  if (type.base == BaseType::Code && v.kind == Kind::Text) return Value::of_code(rt::normalize_code(v.text));
  if (type.base == BaseType::Text && v.kind == Kind::Code) return Value::of_text(v.text);
  return v;
}

// -1, 0 or 1 for two present scalar values of comparable types. A code against text compares both as codes.
int compare(const Value& a, const Value& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : y < x ? 1 : 0; };
  if (is_number(a) && is_number(b)) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) return sign(a.integer, b.integer);
    return sign(as_double(a), as_double(b));
  }
  if (a.kind == Kind::Code || b.kind == Kind::Code) {
    const std::string x = a.kind == Kind::Code ? a.text : rt::normalize_code(a.text);
    const std::string y = b.kind == Kind::Code ? b.text : rt::normalize_code(b.text);
    return sign(x, y);
  }
  if (a.kind == Kind::Text && b.kind == Kind::Text) return sign(a.text, b.text);
  if (a.kind == Kind::Date && b.kind == Kind::Date) return sign(a.date, b.date);
  if (a.kind == Kind::Bool && b.kind == Kind::Bool) return sign(a.boolean, b.boolean);
  throw std::logic_error("reference evaluator: comparing values of different kinds");
}

Truth compare_op(ast::Op op, const Value& a, const Value& b) {
  if (a.missing() || b.missing()) return Truth::Unknown;
  const int c = compare(a, b);
  switch (op) {
  case ast::Op::Equal: return rt::to_truth(c == 0);
  case ast::Op::NotEqual: return rt::to_truth(c != 0);
  case ast::Op::Less: return rt::to_truth(c < 0);
  case ast::Op::LessEqual: return rt::to_truth(c <= 0);
  case ast::Op::Greater: return rt::to_truth(c > 0);
  case ast::Op::GreaterEqual: return rt::to_truth(c >= 0);
  default: throw std::logic_error("reference evaluator: not a comparison");
  }
}

Value literal_of(const ast::Expr& e) {
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: return Value::of_int(e.int_value);
  case ast::ExprKind::DecimalLiteral: return Value::of_decimal(e.decimal_value);
  case ast::ExprKind::BoolLiteral: return Value::of_bool(e.bool_value);
  case ast::ExprKind::DateLiteral: return Value::of_date(e.date_days);
  default: return Value::of_text(e.text);
  }
}

class Evaluator {
public:
  Evaluator(const Workspace& ws, uint32_t root) : ws_(ws), root_(root) {}

  Outcome run(const Record& record) {
    Outcome out;
    const ast::File& file = ast_of(root_);
    for (const auto& o : file.outputs) out.outputs[o.name] = Value{};
    read_record(record, out.errors);
    if (!out.errors.empty()) return out;

    for (uint32_t g = 0; g < file.groups.size(); ++g) run_group(file, g, out);
    return out;
  }

private:
  const ast::File& ast_of(uint32_t fi) const { return *ws_.file(fi).ast; }

  void read_record(const Record& record, std::vector<std::string>& errors) {
    for (uint32_t fi : ws_.file(root_).schema_files) {
      const ast::File& f = ast_of(fi);
      for (uint32_t i = 0; i < f.fields.size(); ++i) {
        const ast::Field& field = f.fields[i];
        auto it = record.columns.find(field.column);
        std::variant<Value, std::string> read = Value{};
        if (it != record.columns.end() && it->second) read = read_field(field, *it->second);
        if (auto* error = std::get_if<std::string>(&read)) {
          errors.push_back("column '" + field.column + "' (" + rt::to_string(field.type) + " input '" + field.name + "'): " + *error);
          continue;
        }
        Value v = std::get<Value>(read);
        if (!v.missing() && !field.one_of.empty()) {
          bool allowed = false;
          for (ast::ExprId literal : field.one_of) allowed |= compare(v, coerce(literal_of(f.expr(literal)), field.type)) == 0;
          if (!allowed) {
            errors.push_back("column '" + field.column + "' (input '" + field.name + "'): \"" + *it->second +
                             "\" is not one of the values the input allows");
            continue;
          }
        }
        if (v.missing() && (field.required || field.key))
          errors.push_back("column '" + field.column + "' (input '" + field.name + "') is required but missing");
        fields_[{fi, i}] = std::move(v);
      }
    }
  }

  // ---- rules ----

  void run_group(const ast::File& file, uint32_t g, Outcome& out) {
    const ast::Group& group = file.groups[g];
    std::vector<uint32_t> order = group.rules; // source order
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return file.rules[a].priority.value_or(0) > file.rules[b].priority.value_or(0);
    });
    std::vector<uint32_t> true_rules;
    bool done = false; // a `first` group has fired
    for (uint32_t r : order) {
      const ast::Rule& rule = file.rules[r];
      if (done) {
        out.rule_state[rule.name] = "skipped";
        continue;
      }
      const Truth t = to_truth(eval(root_, rule.when));
      if (t == Truth::True) {
        true_rules.push_back(r);
        if (group.policy == ast::Policy::First) done = true;
      } else {
        out.rule_state[rule.name] = t == Truth::False ? "not fired" : "unknown";
      }
    }
    if (group.policy == ast::Policy::Unique && true_rules.size() > 1) {
      std::string names;
      for (uint32_t r : true_rules) {
        names += (names.empty() ? "" : ", ") + file.rules[r].name;
        out.rule_state[file.rules[r].name] = "not fired";
      }
      const std::string group_name = group.implicit ? "(top level)" : group.name;
      out.errors.push_back("unique hit policy violated in group " + group_name + ": rules " + names);
      return;
    }
    for (uint32_t r : true_rules) fire(file, file.rules[r], out);
  }

  void write(Outcome& out, const ast::Output& output, Value v) {
    Value& slot = out.outputs[output.name];
    if (!slot.missing() || v.missing()) return; // first (present) write wins
    slot = coerce(std::move(v), output.type);
  }

  const ast::Output* output_for_role(const ast::File& file, const std::string& role) const {
    for (const auto& o : file.outputs)
      if (o.role == role) return &o;
    throw std::logic_error("reference evaluator: no output for role " + role);
  }

  void fire(const ast::File& file, const ast::Rule& rule, Outcome& out) {
    out.rule_state[rule.name] = "fired";
    out.fired.push_back(rule.name);
    for (const ast::Action& a : rule.actions) {
      switch (a.kind) {
      case ast::ActionKind::Set:
        for (const auto& o : file.outputs)
          if (o.name == a.target) write(out, o, eval(root_, a.value));
        break;
      case ast::ActionKind::Classify: write(out, *output_for_role(file, "classification"), eval(root_, a.value)); break;
      case ast::ActionKind::Recommend: {
        Value v = eval(root_, a.value);
        if (v.missing()) break;
        Value& list = out.outputs[output_for_role(file, "recommendations")->name];
        if (list.missing()) list = Value::of_list(Kind::TextList, {});
        list.items.push_back(v.text);
        break;
      }
      case ast::ActionKind::Refer:
        write(out, *output_for_role(file, "urgency"), eval(root_, a.value));
        if (a.destination.valid()) write(out, *output_for_role(file, "referral"), eval(root_, a.destination));
        break;
      }
    }
  }

  // ---- expressions ----

  const ast::Expr& expr(uint32_t fi, ast::ExprId id) const { return ast_of(fi).expr(id); }

  // The value of an expression, converted to the type the checker gave it.
  Value eval(uint32_t fi, ast::ExprId id) {
    Value v = eval_raw(fi, id);
    const ExprInfo& info = ws_.file(fi).infos[id.index];
    return info.ok() ? coerce(std::move(v), info.type) : v;
  }

  const CodeSet& codeset(uint32_t fi, uint32_t index) {
    auto key = std::pair{fi, index};
    auto it = codesets_.find(key);
    if (it != codesets_.end()) return it->second;
    CodeSet set;
    for (const ast::CodeEntry& entry : ast_of(fi).codesets[index].entries) {
      if (entry.is_range) {
        auto r = rt::CodeRange::parse(upper(entry.low), upper(entry.high));
        if (auto* range = std::get_if<rt::CodeRange>(&r)) set.ranges.push_back(*range);
        else throw std::logic_error("reference evaluator: bad code range " + entry.low + ".." + entry.high);
      } else {
        auto p = rt::CodePattern::parse(entry.low);
        if (auto* pattern = std::get_if<rt::CodePattern>(&p)) set.patterns.push_back(*pattern);
        else throw std::logic_error("reference evaluator: bad code pattern " + entry.low);
      }
    }
    return codesets_.emplace(key, std::move(set)).first->second;
  }

  // A matcher for `x in TARGET`: TARGET is a list literal or a code set name. The element is present.
  bool member(uint32_t fi, const Value& element, ast::ExprId target_id) {
    const ast::Expr& target = expr(fi, target_id);
    if (target.kind == ast::ExprKind::List) {
      for (auto item : target.operands)
        if (compare_op(ast::Op::Equal, element, eval(fi, item)) == Truth::True) return true;
      return false;
    }
    const Binding& b = ws_.file(fi).bindings[target_id.index];
    if (b.kind != Binding::Kind::Codeset) throw std::logic_error("reference evaluator: `in` target is not a code set");
    const std::string code = element.kind == Kind::Code ? element.text : rt::normalize_code(element.text);
    return rt::is_valid_code(code) && codeset(b.file, b.index).matches(code); // only codes are in code sets
  }

  Value define_value(uint32_t fi, uint32_t index) {
    auto key = std::pair{fi, index};
    auto it = defines_.find(key);
    if (it != defines_.end()) return it->second;
    Value v = eval(fi, ast_of(fi).defines[index].value);
    const auto& type = ws_.file(fi).define_types[index];
    if (type) v = coerce(std::move(v), *type);
    defines_[key] = v;
    return v;
  }

  Value arithmetic(ast::Op op, const Value& a, const Value& b) {
    if (a.missing() || b.missing()) return Value{};
    if (op == ast::Op::Divide) {
      if (as_double(b) == 0) return Value{};
      return Value::of_decimal(as_double(a) / as_double(b));
    }
    if (a.kind == Kind::Int && b.kind == Kind::Int) {
      int64_t r = 0;
      bool overflow = op == ast::Op::Add        ? __builtin_add_overflow(a.integer, b.integer, &r)
                      : op == ast::Op::Subtract ? __builtin_sub_overflow(a.integer, b.integer, &r)
                                                : __builtin_mul_overflow(a.integer, b.integer, &r);
      return overflow ? Value{} : Value::of_int(r);
    }
    const double x = as_double(a), y = as_double(b);
    return Value::of_decimal(op == ast::Op::Add ? x + y : op == ast::Op::Subtract ? x - y : x * y);
  }

  Value call(uint32_t fi, const ast::Expr& e) {
    const std::string& fn = e.text;
    const auto& args = e.operands;
    if (fn == "count") {
      if (args.size() == 1) {
        const ast::Expr& only = expr(fi, args[0]);
        if (only.kind == ast::ExprKind::In) {
          Value list = eval(fi, only.operands[0]);
          if (list.kind == Kind::CodeList || (list.missing() && ws_.file(fi).infos[only.operands[0].index].type.list)) {
            if (list.missing()) return Value{};
            int64_t n = 0;
            for (const auto& code : list.items) n += member(fi, Value::of_code(code), only.operands[1]) != only.negated;
            return Value::of_int(n);
          }
        }
        Value x = eval(fi, args[0]);
        if (x.kind == Kind::CodeList) return Value::of_int(static_cast<int64_t>(x.items.size()));
        if (x.missing() && ws_.file(fi).infos[args[0].index].type.list) return Value{};
      }
      int64_t n = 0;
      for (auto a : args) {
        Value x = eval(fi, a);
        if (x.missing()) return Value{};
        n += x.boolean;
      }
      return Value::of_int(n);
    }
    std::vector<Value> values;
    for (auto a : args) values.push_back(eval(fi, a));
    if (fn == "coalesce") {
      for (auto& v : values)
        if (!v.missing()) return v;
      return Value{};
    }
    for (auto& v : values)
      if (v.missing()) return Value{};
    if (fn == "sum") {
      Value total = Value::of_int(0);
      for (auto& v : values) total = arithmetic(ast::Op::Add, total, v);
      return total;
    }
    if (fn == "min" || fn == "max") {
      Value best = values[0];
      for (auto& v : values) {
        const int c = compare(v, best);
        if (fn == "min" ? c < 0 : c > 0) best = v;
      }
      return best;
    }
    if (fn == "days_between") return Value::of_int(int64_t{values[1].date} - values[0].date);
    if (fn == "years_between") return Value::of_int(rt::whole_years_between(values[0].date, values[1].date));
    throw std::logic_error("reference evaluator: unknown function " + fn);
  }

  Value eval_raw(uint32_t fi, ast::ExprId id) {
    const ast::Expr& e = expr(fi, id);
    auto operand = [&](size_t i) { return eval(fi, e.operands[i]); };
    auto negate_if = [&](Truth t) { return from_truth(e.negated ? rt::truth_not(t) : t); };
    switch (e.kind) {
    case ast::ExprKind::IntLiteral: return Value::of_int(e.int_value);
    case ast::ExprKind::DecimalLiteral: return Value::of_decimal(e.decimal_value);
    case ast::ExprKind::TextLiteral: return Value::of_text(e.text);
    case ast::ExprKind::BoolLiteral: return Value::of_bool(e.bool_value);
    case ast::ExprKind::DateLiteral: return Value::of_date(e.date_days);
    case ast::ExprKind::List: throw std::logic_error("reference evaluator: a list outside `in`");
    case ast::ExprKind::Name: {
      const Binding& b = ws_.file(fi).bindings[id.index];
      if (b.kind == Binding::Kind::Field) return fields_.at({b.file, b.index});
      if (b.kind == Binding::Kind::Define) return define_value(b.file, b.index);
      throw std::logic_error("reference evaluator: name " + e.text + " is not a value");
    }
    case ast::ExprKind::Call: return call(fi, e);
    case ast::ExprKind::Negate: {
      Value x = operand(0);
      if (x.missing()) return x;
      if (x.kind == Kind::Decimal) return Value::of_decimal(-x.decimal);
      int64_t r = 0;
      return __builtin_sub_overflow(int64_t{0}, x.integer, &r) ? Value{} : Value::of_int(r);
    }
    case ast::ExprKind::Arithmetic: return arithmetic(e.op, operand(0), operand(1));
    case ast::ExprKind::Compare: return from_truth(compare_op(e.op, operand(0), operand(1)));
    case ast::ExprKind::And: {
      Truth t = Truth::True;
      for (size_t i = 0; i < e.operands.size(); ++i) t = rt::truth_and(t, to_truth(operand(i)));
      return from_truth(t);
    }
    case ast::ExprKind::Or: {
      Truth t = Truth::False;
      for (size_t i = 0; i < e.operands.size(); ++i) t = rt::truth_or(t, to_truth(operand(i)));
      return from_truth(t);
    }
    case ast::ExprKind::Not: return from_truth(rt::truth_not(to_truth(operand(0))));
    case ast::ExprKind::Between: {
      // `x between lo and hi` is `lo <= x and x <= hi` (section 10.5).
      Value x = operand(0), lo = operand(1), hi = operand(2);
      return negate_if(rt::truth_and(compare_op(ast::Op::LessEqual, lo, x), compare_op(ast::Op::LessEqual, x, hi)));
    }
    case ast::ExprKind::In: {
      Value x = operand(0);
      if (x.missing()) return Value{};
      return negate_if(rt::to_truth(member(fi, x, e.operands[1])));
    }
    case ast::ExprKind::Quantified: {
      Value list = operand(0);
      if (list.missing()) return Value{};
      size_t matching = 0; // elements for which `code [not] in target` holds
      for (const auto& code : list.items) matching += member(fi, Value::of_code(code), e.operands[1]) != e.negated;
      const size_t n = list.items.size();
      switch (e.op) {
      case ast::Op::Any: return Value::of_bool(matching > 0);
      case ast::Op::All: return Value::of_bool(matching == n);
      case ast::Op::NoneOf: return Value::of_bool(matching == 0);
      default: throw std::logic_error("reference evaluator: bad quantifier");
      }
    }
    case ast::ExprKind::Like: {
      Value x = operand(0);
      if (x.missing()) return Value{};
      auto compiled = rt::LikePattern::compile(e.text);
      const auto* pattern = std::get_if<rt::LikePattern>(&compiled);
      if (!pattern) throw std::logic_error("reference evaluator: bad like pattern " + e.text);
      return negate_if(rt::to_truth(pattern->matches(x.text)));
    }
    case ast::ExprKind::IsTest: {
      Value x = operand(0);
      bool holds = false;
      switch (e.op) {
      case ast::Op::IsMissing: holds = x.missing(); break;
      case ast::Op::IsPresent: holds = !x.missing(); break;
      case ast::Op::IsTrue: holds = !x.missing() && x.boolean; break;
      case ast::Op::IsFalse: holds = !x.missing() && !x.boolean; break;
      default: throw std::logic_error("reference evaluator: bad is-test");
      }
      return Value::of_bool(holds != e.negated);
    }
    case ast::ExprKind::Within: {
      Value a = operand(0), n = operand(1), b = operand(2);
      if (a.missing() || n.missing() || b.missing()) return Value{};
      const int64_t apart = std::abs(int64_t{a.date} - int64_t{b.date});
      return Value::of_bool(apart <= n.integer);
    }
    case ast::ExprKind::If: {
      const Truth c = to_truth(operand(0));
      if (c == Truth::Unknown) return Value{};
      return operand(c == Truth::True ? 1 : 2);
    }
    }
    throw std::logic_error("reference evaluator: unknown expression kind");
  }

  const Workspace& ws_;
  uint32_t root_;
  std::map<std::pair<uint32_t, uint32_t>, Value> fields_;   // (file, field index)
  std::map<std::pair<uint32_t, uint32_t>, Value> defines_;  // (file, define index), memoised per record
  std::map<std::pair<uint32_t, uint32_t>, CodeSet> codesets_;
};

// ---- test cases ----------------------------------------------------------------------------------

// A literal as a CSV holds it.
std::string raw_text(const ast::Expr& e) {
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: return std::to_string(e.int_value);
  case ast::ExprKind::DecimalLiteral: return shortest(e.decimal_value);
  case ast::ExprKind::BoolLiteral: return e.bool_value ? "true" : "false";
  case ast::ExprKind::DateLiteral: return rt::format_iso_date(e.date_days);
  case ast::ExprKind::TextLiteral: return e.text;
  default: throw std::logic_error("reference evaluator: a given value is not a literal");
  }
}

Value literal_value(const ast::Expr& e) {
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: return Value::of_int(e.int_value);
  case ast::ExprKind::DecimalLiteral: return Value::of_decimal(e.decimal_value);
  case ast::ExprKind::BoolLiteral: return Value::of_bool(e.bool_value);
  case ast::ExprKind::DateLiteral: return Value::of_date(e.date_days);
  case ast::ExprKind::TextLiteral: return Value::of_text(e.text);
  default: throw std::logic_error("reference evaluator: an expected value is not a literal");
  }
}

// The expected value of an `expect` line, in the output's type.
Value expected_value(const ast::File& file, const ast::Output& output, ast::ExprId id) {
  const ast::Expr& e = file.expr(id);
  if (e.kind == ast::ExprKind::List) {
    std::vector<std::string> items;
    for (auto item : e.operands) items.push_back(file.expr(item).text);
    return Value::of_list(Kind::TextList, std::move(items));
  }
  Value v = literal_value(e);
  if (output.type.list) return Value::of_list(Kind::TextList, {v.text}); // not allowed by the checker
  return coerce(v, output.type);
}

} // namespace

Value Value::of_bool(bool b) { Value v; v.kind = Kind::Bool; v.boolean = b; return v; }
Value Value::of_int(int64_t i) { Value v; v.kind = Kind::Int; v.integer = i; return v; }
Value Value::of_decimal(double d) { Value v; v.kind = Kind::Decimal; v.decimal = d; return v; }
Value Value::of_text(std::string s) { Value v; v.kind = Kind::Text; v.text = std::move(s); return v; }
Value Value::of_code(std::string s) { Value v; v.kind = Kind::Code; v.text = std::move(s); return v; }
Value Value::of_date(int32_t days) { Value v; v.kind = Kind::Date; v.date = days; return v; }
Value Value::of_list(Kind kind, std::vector<std::string> items) { Value v; v.kind = kind; v.items = std::move(items); return v; }

std::string to_string(const Value& v) {
  switch (v.kind) {
  case Kind::Missing: return "missing";
  case Kind::Bool: return v.boolean ? "true" : "false";
  case Kind::Int: return std::to_string(v.integer);
  case Kind::Decimal: return shortest(v.decimal);
  case Kind::Text: case Kind::Code: return "\"" + v.text + "\"";
  case Kind::Date: return "@" + rt::format_iso_date(v.date);
  case Kind::CodeList: case Kind::TextList: {
    std::string s = "[";
    for (size_t i = 0; i < v.items.size(); ++i) s += (i ? ", \"" : "\"") + v.items[i] + "\"";
    return s + "]";
  }
  }
  return "?";
}

Outcome evaluate(const Workspace& workspace, uint32_t file, const Record& record) {
  return Evaluator(workspace, file).run(record);
}

Record record_of_test(const Workspace& workspace, uint32_t file_index, const ast::TestCase& test) {
  const ast::File& file = *workspace.file(file_index).ast;
  Record record;
  for (const ast::Given& g : test.given)
    record.columns[g.column] = g.value.valid() ? std::optional<std::string>(raw_text(file.expr(g.value))) : std::nullopt;
  return record;
}

TestResult run_test(const Workspace& workspace, uint32_t file_index, const ast::TestCase& test) {
  const ast::File& file = *workspace.file(file_index).ast;
  const Outcome outcome = evaluate(workspace, file_index, record_of_test(workspace, file_index, test));

  TestResult result;
  for (const auto& error : outcome.errors) result.failures.push_back("error: " + error);
  auto output_named = [&](const std::string& name) -> const ast::Output* {
    for (const auto& o : file.outputs)
      if (o.name == name) return &o;
    return nullptr;
  };
  auto state = [&](const std::string& rule) {
    auto it = outcome.rule_state.find(rule);
    return it == outcome.rule_state.end() ? std::string("not evaluated") : it->second;
  };
  for (const ast::Expectation& x : test.expect) {
    auto got_it = outcome.outputs.find(x.name);
    const Value got = got_it == outcome.outputs.end() ? Value{} : got_it->second;
    switch (x.kind) {
    case ast::ExpectKind::Value: {
      const ast::Output* output = output_named(x.name);
      if (!output) {
        result.failures.push_back("expected " + x.name + ": no such output");
        break;
      }
      const Value want = expected_value(file, *output, x.value);
      if (!(want == got)) result.failures.push_back("expected " + x.name + " = " + to_string(want) + ", got " + to_string(got));
      break;
    }
    case ast::ExpectKind::Missing:
      if (!got.missing()) result.failures.push_back("expected " + x.name + " is missing, got " + to_string(got));
      break;
    case ast::ExpectKind::Contains: {
      const std::string item = literal_value(file.expr(x.value)).text;
      if (std::find(got.items.begin(), got.items.end(), item) == got.items.end())
        result.failures.push_back("expected " + x.name + " contains \"" + item + "\", got " + to_string(got));
      break;
    }
    case ast::ExpectKind::Fired:
      if (state(x.name) != "fired") result.failures.push_back("expected fired " + x.name + ", but it is " + state(x.name));
      break;
    case ast::ExpectKind::NotFired:
      if (state(x.name) == "fired") result.failures.push_back("expected not fired " + x.name + ", but it fired");
      break;
    case ast::ExpectKind::Unknown:
      if (state(x.name) != "unknown") result.failures.push_back("expected unknown " + x.name + ", but it is " + state(x.name));
      break;
    }
  }
  return result;
}

} // namespace waymark::reference
