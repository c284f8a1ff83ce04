// The case form: the schema as fields, and each typed value checked with the rules `waymark check` applies to a
// test case's `given` (the literal's kind fits the input's type, a code is a valid code, a `one of` list holds it).
#include "waymark/studio/case_form.h"

#include <charconv>
#include <cmath>

#include "waymark/compiler/highlight.h"
#include "waymark/runtime/code.h"
#include "waymark/runtime/date.h"
#include "waymark/runtime/test_runner.h"
#include "waymark/studio/test_case_source.h"

namespace waymark::studio {

struct CaseForm::Literal {
  enum class Kind : uint8_t { Missing, Bool, Int, Decimal, Text, Date } kind = Kind::Missing;
  int64_t i = 0;
  double d = 0;
  std::string text;    // a string's value, decoded
  std::string written; // the literal as it goes into the source
};

namespace {

std::string shortest_fixed(double value) {
  char buffer[400];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

const char *kind_name(int kind) {
  static const char *const names[] = {"missing", "bool", "int", "decimal", "text", "date"};
  return names[kind];
}

// How to write a value of the type, for the message that refuses one.
std::string hint_for(rt::ValueType type) {
  if (type.list) return "the column's text in quotes, such as \"M545, G551\"";
  switch (type.base) {
  case rt::BaseType::Bool: return "true or false";
  case rt::BaseType::Int: return "a whole number, such as 45";
  case rt::BaseType::Decimal: return "a number, such as 27.5";
  case rt::BaseType::Text: return "text in quotes, such as \"very much\"";
  case rt::BaseType::Date: return "a date, such as @2024-01-31";
  case rt::BaseType::Code: return "a code in quotes, such as \"M54.5\"";
  }
  return "a literal";
}

std::string choice_literal(const rt::Program &program, const rt::Constant &constant) {
  switch (constant.type) {
  case rt::RegType::Bool: return constant.i ? "true" : "false";
  case rt::RegType::Int: return std::to_string(constant.i);
  case rt::RegType::Dec: return shortest_fixed(constant.d);
  case rt::RegType::Text:
  case rt::RegType::List: break;
  }
  return rt::quote_text(program.str(constant.text));
}

} // namespace

CaseForm::CaseForm(const rt::Program &program, CaseDraft draft)
    : name_(std::move(draft.name)), expect_(std::move(draft.expect)) {
  for (const rt::FieldInfo &info : program.fields) {
    const std::string &column = program.str(info.column);
    Accepts accepts{program.str(info.name), info.type, {}};
    for (uint32_t k : info.one_of) {
      const rt::Constant &constant = program.constants[k];
      accepts.one_of.push_back(Choice{constant.type, constant.i, constant.d, program.str(constant.text)});
    }
    size_t at = 0;
    while (at < fields_.size() && fields_[at].column != column) ++at;
    if (at == fields_.size()) { // the first input reading this column
      FormField field;
      field.column = column;
      field.name = program.str(info.name);
      field.label = program.str(info.label);
      field.type_name = rt::to_string(info.type);
      fields_.push_back(std::move(field));
      accepts_.emplace_back();
    } else if (fields_[at].type_name.find(rt::to_string(info.type)) == std::string::npos) {
      fields_[at].type_name += " and " + rt::to_string(info.type);
    }
    FormField &field = fields_[at];
    if (field.label.empty()) field.label = program.str(info.label);
    field.required = field.required || info.required;
    field.key = field.key || info.key;
    for (uint32_t k : info.one_of) {
      std::string choice = choice_literal(program, program.constants[k]);
      bool seen = false;
      for (const std::string &c : field.choices) seen = seen || c == choice;
      if (!seen) field.choices.push_back(std::move(choice));
    }
    accepts_[at].push_back(std::move(accepts));
  }
  for (GivenValue &given : draft.given) {
    FormField *field = nullptr;
    for (FormField &f : fields_)
      if (f.column == given.column) field = &f;
    if (!field) {
      unknown_columns_.push_back(std::move(given));
      continue;
    }
    field->given = true;
    field->value = std::move(given.literal);
  }
}

const FormField *CaseForm::field(const std::string &column) const {
  for (const FormField &f : fields_)
    if (f.column == column) return &f;
  return nullptr;
}

std::optional<std::string> CaseForm::set(const std::string &column, std::string_view text) {
  size_t at = 0;
  while (at < fields_.size() && fields_[at].column != column) ++at;
  if (at == fields_.size()) return "no input reads the column " + rt::quote_text(column);
  FormField &field = fields_[at];
  const auto tokens = highlight_tokens(text);
  if (tokens.empty()) { // blank: the case leaves the column out
    if (field.required || field.key) return column + " is required: give it a value";
    field.given = false;
    field.value.reset();
    return std::nullopt;
  }
  Literal literal;
  if (auto problem = read_literal(text, literal))
    return *problem + "; " + column + " takes " + hint_for(accepts_[at].front().type) + ", or missing";
  if (auto problem = refusal(field, accepts_[at], literal)) return problem;
  field.given = true;
  if (literal.kind == Literal::Kind::Missing)
    field.value.reset();
  else
    field.value = literal.written;
  return std::nullopt;
}

std::optional<std::string> CaseForm::refusal(const FormField &field, const std::vector<Accepts> &accepts,
                                             const Literal &literal) const {
  using Kind = Literal::Kind;
  if (literal.kind == Kind::Missing) {
    if (field.required || field.key) return field.column + " is required: give it a value, not missing";
    return std::nullopt;
  }
  for (const Accepts &input : accepts) {
    // A code list is given as the text of its column.
    const rt::ValueType type = input.type.list ? rt::ValueType{rt::BaseType::Text, false} : input.type;
    bool fits = false;
    switch (literal.kind) {
    case Kind::Bool: fits = type.base == rt::BaseType::Bool; break;
    case Kind::Int: fits = type.base == rt::BaseType::Int || type.base == rt::BaseType::Decimal; break;
    case Kind::Decimal: fits = type.base == rt::BaseType::Decimal; break;
    case Kind::Date: fits = type.base == rt::BaseType::Date; break;
    case Kind::Text: fits = type.base == rt::BaseType::Text || type.base == rt::BaseType::Code; break;
    case Kind::Missing: fits = true; break;
    }
    if (!fits)
      return field.column + " is " + rt::to_string(input.type) + ", but " + literal.written + " is " +
             kind_name(static_cast<int>(literal.kind)) + ": write " + hint_for(input.type) + ", or missing";
    const bool code = type.base == rt::BaseType::Code;
    if (code && !rt::is_valid_code(rt::normalize_code(literal.text)))
      return literal.written + " is not a valid code for " + field.column + " (codes are letters and digits)";
    if (input.one_of.empty()) continue;
    bool allowed = false;
    for (const Choice &choice : input.one_of) {
      switch (choice.type) {
      case rt::RegType::Int: allowed = allowed || (literal.kind == Kind::Int && literal.i == choice.i); break;
      case rt::RegType::Dec:
        allowed = allowed || (literal.kind == Kind::Decimal && literal.d == choice.d) ||
                  (literal.kind == Kind::Int && static_cast<double>(literal.i) == choice.d);
        break;
      case rt::RegType::Text:
        allowed = allowed || (literal.kind == Kind::Text &&
                              (code ? rt::normalize_code(literal.text) == rt::normalize_code(choice.text)
                                    : literal.text == choice.text));
        break;
      case rt::RegType::Bool:
      case rt::RegType::List: break;
      }
    }
    if (!allowed) {
      std::string list;
      for (const std::string &c : field.choices) list += (list.empty() ? "" : ", ") + c;
      return field.column + " is one of [" + list + "]; " + literal.written + " is not";
    }
  }
  return std::nullopt;
}

std::vector<std::string> CaseForm::missing_required() const {
  std::vector<std::string> out;
  for (const FormField &f : fields_)
    if ((f.required || f.key) && !f.value) out.push_back(f.column);
  return out;
}

CaseDraft CaseForm::to_draft() const {
  CaseDraft draft;
  draft.name = name_;
  for (const FormField &f : fields_)
    if (f.given) draft.given.push_back(GivenValue{f.column, f.value});
  draft.given.insert(draft.given.end(), unknown_columns_.begin(), unknown_columns_.end());
  draft.expect = expect_;
  return draft;
}

std::optional<std::string> CaseForm::read_literal(std::string_view text, Literal &out) {
  using Kind = Literal::Kind;
  const auto tokens = highlight_tokens(text);
  const auto word = [&](size_t t) { return text.substr(tokens[t].begin, tokens[t].end - tokens[t].begin); };
  const bool negative = tokens.size() == 2 && tokens[0].kind == TokenClass::Operator && word(0) == "-" &&
                        tokens[1].kind == TokenClass::Number;
  const std::string shown(text.substr(tokens.front().begin, tokens.back().end - tokens.front().begin));
  if (tokens.size() != 1 && !negative) return shown + " is not one value";
  const HighlightToken &token = tokens.back();
  const std::string_view written = word(tokens.size() - 1);
  out.written = (negative ? "-" : "") + std::string(written);
  switch (token.kind) {
  case TokenClass::Keyword:
    if (written != "missing") break;
    out.kind = Kind::Missing;
    return std::nullopt;
  case TokenClass::Constant:
    out.kind = Kind::Bool;
    out.i = written == "true";
    return std::nullopt;
  case TokenClass::Number: {
    const char *first = written.data();
    const char *last = written.data() + written.size();
    if (written.find('.') != std::string_view::npos) {
      out.kind = Kind::Decimal;
      auto [end, ec] = std::from_chars(first, last, out.d);
      if (ec != std::errc() || end != last || !std::isfinite(out.d))
        return "number " + out.written + " is out of range";
      if (negative) out.d = -out.d;
      return std::nullopt;
    }
    out.kind = Kind::Int;
    auto [end, ec] = std::from_chars(first, last, out.i);
    if (ec != std::errc() || end != last)
      return "number " + out.written + " is too large (the largest is 9223372036854775807)";
    if (negative) out.i = -out.i;
    return std::nullopt;
  }
  case TokenClass::String: {
    auto value = string_literal_value(written);
    if (!value) return out.written + " has an unknown escape (use \\\\, \\\", \\', \\n or \\t)";
    out.kind = Kind::Text;
    out.text = std::move(*value);
    return std::nullopt;
  }
  case TokenClass::Date:
    if (!rt::parse_iso_date(written.substr(1))) return out.written + " is not a calendar date";
    out.kind = Kind::Date;
    return std::nullopt;
  default: break;
  }
  return shown + " is not a value a test case can give";
}

} // namespace waymark::studio
