#pragma once
// The syntax tree of one Waymark source file: plain C++ types with source spans, no ANTLR types.
// Expressions live in one vector per file and refer to each other by ExprId (Carbon-style typed ids).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "waymark/compiler/diagnostics.h"
#include "waymark/runtime/value_type.h"

namespace waymark::ast {

struct ExprId {
  uint32_t index = UINT32_MAX;
  bool valid() const { return index != UINT32_MAX; }
  friend bool operator==(ExprId, ExprId) = default;
};

enum class ExprKind : uint8_t {
  IntLiteral, DecimalLiteral, TextLiteral, BoolLiteral, DateLiteral,
  List,       // [a, b, c]
  Name,       // field, definition or code set; `qualifier.name` for imports
  Call,       // count(...), coalesce(...), ...
  Negate,     // -a
  Arithmetic, // a + b, a - b, a * b, a / b
  Compare,    // a = b, a <> b, a < b, ...
  And, Or,    // n-ary, operands in order
  Not,
  Between,    // operands: value, low, high
  In,         // operands: value, target (a List or a Name of a code set)
  Quantified, // any/all/none list in target; operands: list, target
  Like,       // operands: value; pattern in `text`
  IsTest,     // operands: value
  Within,     // a within n days of b; operands: a, n, b
  If,         // operands: condition, then, else
};

enum class Op : uint8_t {
  None,
  Add, Subtract, Multiply, Divide,
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  Any, All, NoneOf,
  IsMissing, IsPresent, IsTrue, IsFalse,
};

struct Expr {
  ExprKind kind = ExprKind::IntLiteral;
  Op op = Op::None;
  bool negated = false; // not between, not in, not like, is not ...
  Span span;
  std::vector<ExprId> operands;
  std::string text;      // text literal value, name, function name, like pattern
  Span text_span;        // where a like pattern's string is written
  std::string qualifier; // import alias of a qualified name
  int64_t int_value = 0;
  double decimal_value = 0;
  bool bool_value = false;
  int32_t date_days = 0; // days since 1970-01-01
};

// `coverage 90%`: the share of test outcomes the pathway's cases must reach (`waymark test --coverage`).
struct CoverageClause {
  int64_t percent = 0; // as written; the checker allows 0 to 100
  Span span;           // the whole clause
};

struct Header {
  bool is_module = false;
  std::string name;
  Span span;
  std::string version, title, description;
  std::vector<std::string> implements;
  std::vector<CoverageClause> coverage; // as written; the checker allows one
};

struct Import {
  std::string path;
  std::string alias;
  Span span, path_span, alias_span;
};

struct Field {
  std::string name;
  Span span;
  rt::ValueType type;
  Span type_span;
  bool required = false, optional = false, key = false;
  std::string column; // the CSV column; the field's own name unless `from` says otherwise
  Span column_span;
  bool has_from = false;
  std::string label;
  std::vector<ExprId> one_of;
  Span one_of_span;
  std::vector<std::string> delimiters;
  Span delimiters_span;
};

struct Output {
  std::string name;
  Span span;
  rt::ValueType type;
  std::string role;
  Span role_span;
  std::string label;
  std::vector<ExprId> one_of;
};

struct CodeEntry {
  std::string low;  // the pattern, or a range's low bound
  std::string high; // a range's high bound; empty for a pattern
  bool is_range = false;
  Span span, high_span;
};

struct Codeset {
  std::string name, label;
  Span span;
  std::vector<CodeEntry> entries;
};

struct Define {
  std::string name, label;
  Span span;
  ExprId value;
};

enum class ActionKind : uint8_t { Set, Classify, Recommend, Refer };

struct Action {
  ActionKind kind;
  Span span;
  std::string target; // output name for `set`
  Span target_span;
  ExprId value;
  ExprId destination; // `refer ... to DEST`
};

struct Rule {
  std::string name, title;
  Span span;
  ExprId when;
  bool has_when = false;
  std::vector<Action> actions;
  bool has_then = false;
  std::string because, cite;
  bool has_because = false, has_cite = false;
  std::optional<int64_t> priority;
  uint32_t group = 0; // index into File::groups
};

enum class Policy : uint8_t { First, All, Unique };

struct Group {
  std::string name, title;
  Span span;
  Policy policy = Policy::All;
  bool implicit = false;       // the group of rules written outside any group
  std::vector<uint32_t> rules; // indices into File::rules, in source order
};

struct Given {
  std::string column;
  Span span;
  ExprId value; // invalid means `missing`
};

// Value: `out = v`; Missing: `out is missing`; Contains: `list_out contains v`; Fired/NotFired: `[not] fired r`;
// Unknown: `unknown r` (its condition was unknown, for want of data).
enum class ExpectKind : uint8_t { Value, Missing, Contains, Fired, NotFired, Unknown };

struct Expectation {
  ExpectKind kind;
  std::string name;
  Span span;
  ExprId value;
};

struct TestCase {
  std::string name;
  Span span;
  std::vector<Given> given;
  std::vector<Expectation> expect;
};

struct File {
  const SourceFile* source = nullptr;
  std::optional<Header> header;
  std::vector<Import> imports;
  std::vector<Field> fields;
  std::vector<Output> outputs;
  std::vector<Codeset> codesets;
  std::vector<Define> defines;
  std::vector<Rule> rules;
  std::vector<Group> groups; // groups[0] is the implicit group of top-level rules
  std::vector<TestCase> tests;
  std::vector<Expr> exprs;

  const Expr& expr(ExprId id) const { return exprs[id.index]; }
};

} // namespace waymark::ast
