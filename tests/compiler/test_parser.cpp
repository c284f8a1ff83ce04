// Unit tests of parse_file: the syntax tree it builds, and the errors found while building it.
// Expressions are compared in a small prefix notation (see `show`), so precedence is easy to read.
#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "waymark/compiler/parser.h"
#include "waymark/runtime/date.h"

namespace ast = waymark::ast;
using waymark::Diagnostics;
using waymark::SourceFile;

namespace {

// A parsed source. The source file outlives the tree and the diagnostics that point into it.
struct Parsed {
  std::unique_ptr<SourceFile> source;
  Diagnostics diagnostics;
  std::optional<ast::File> file;

  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics.all())
      out.push_back(std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + waymark::to_string(d.severity) +
                    ": " + d.message);
    return out;
  }
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  p->source = std::make_unique<SourceFile>("parser_test.wm", text);
  p->file = waymark::parse_file(*p->source, p->diagnostics);
  return p;
}

// Parses `text`, which must be free of errors.
std::unique_ptr<Parsed> parse_ok(const std::string& text) {
  auto p = parse(text);
  INFO(text);
  for (const auto& m : p->messages()) UNSCOPED_INFO(m);
  REQUIRE(p->diagnostics.all().empty());
  REQUIRE(p->file.has_value());
  return p;
}

std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

// Prefix notation: (and a b), (< age 18), (between x lo hi), (neg x), (fn:count a b), [1 2], ns.name ...
std::string show(const ast::File& f, ast::ExprId id) {
  if (!id.valid()) return "<none>";
  const ast::Expr& e = f.expr(id);
  auto ops = [&](size_t from = 0) {
    std::string out;
    for (size_t i = from; i < e.operands.size(); ++i) out += " " + show(f, e.operands[i]);
    return out;
  };
  auto op_text = [](ast::Op op) -> std::string {
    switch (op) {
    case ast::Op::Add: return "+";
    case ast::Op::Subtract: return "-";
    case ast::Op::Multiply: return "*";
    case ast::Op::Divide: return "/";
    case ast::Op::Equal: return "=";
    case ast::Op::NotEqual: return "<>";
    case ast::Op::Less: return "<";
    case ast::Op::LessEqual: return "<=";
    case ast::Op::Greater: return ">";
    case ast::Op::GreaterEqual: return ">=";
    case ast::Op::Any: return "any";
    case ast::Op::All: return "all";
    case ast::Op::NoneOf: return "none";
    case ast::Op::IsMissing: return "missing";
    case ast::Op::IsPresent: return "present";
    case ast::Op::IsTrue: return "true";
    case ast::Op::IsFalse: return "false";
    case ast::Op::None: return "?";
    }
    return "?";
  };
  const std::string neg = e.negated ? "not-" : "";
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: return std::to_string(e.int_value);
  case ast::ExprKind::DecimalLiteral: return number(e.decimal_value);
  case ast::ExprKind::TextLiteral: return "\"" + e.text + "\"";
  case ast::ExprKind::BoolLiteral: return e.bool_value ? "true" : "false";
  case ast::ExprKind::DateLiteral: return "@" + e.text;
  case ast::ExprKind::List: {
    std::string out = ops();
    return "[" + (out.empty() ? out : out.substr(1)) + "]";
  }
  case ast::ExprKind::Name: return e.qualifier.empty() ? e.text : e.qualifier + "." + e.text;
  case ast::ExprKind::Call: return "(fn:" + e.text + ops() + ")";
  case ast::ExprKind::Negate: return "(neg" + ops() + ")";
  case ast::ExprKind::Arithmetic: return "(" + op_text(e.op) + ops() + ")";
  case ast::ExprKind::Compare: return "(" + op_text(e.op) + ops() + ")";
  case ast::ExprKind::And: return "(and" + ops() + ")";
  case ast::ExprKind::Or: return "(or" + ops() + ")";
  case ast::ExprKind::Not: return "(not" + ops() + ")";
  case ast::ExprKind::Between: return "(" + neg + "between" + ops() + ")";
  case ast::ExprKind::In: return "(" + neg + "in" + ops() + ")";
  case ast::ExprKind::Quantified: return "(" + op_text(e.op) + (e.negated ? " not-in" : " in") + ops() + ")";
  case ast::ExprKind::Like: return "(" + neg + "like" + ops() + " \"" + e.text + "\")";
  case ast::ExprKind::IsTest: return "(is-" + neg + op_text(e.op) + ops() + ")";
  case ast::ExprKind::Within: return "(within" + ops() + ")";
  case ast::ExprKind::If: return "(if" + ops() + ")";
  }
  return "<?>";
}

// The tree of `define x = TEXT`, in prefix notation.
std::string expr(const std::string& text) {
  auto p = parse_ok("pathway t.expr\ndefine x = " + text + "\n");
  REQUIRE(p->file->defines.size() == 1);
  return show(*p->file, p->file->defines[0].value);
}

// The diagnostics of `define x = TEXT`.
std::vector<std::string> expr_errors(const std::string& text) {
  auto p = parse("pathway t.expr\ndefine x = " + text + "\n");
  CHECK_FALSE(p->file.has_value());
  return p->messages();
}

} // namespace

// ---- header and imports -------------------------------------------------------------------------------

TEST_CASE("parser: a pathway header keeps its qualified name and every property", "[parser]") {
  auto p = parse_ok(R"wm(pathway ebi.low_back.imaging
  version "1.0.0"
  title "Low back pain imaging"
  description "Flags imaging"
  implements "GIRFT/EBI: Low back pain imaging"
  implements "NICE NG59 1.1.4"
)wm");
  REQUIRE(p->file->header);
  const auto& h = *p->file->header;
  CHECK_FALSE(h.is_module);
  CHECK(h.name == "ebi.low_back.imaging");
  CHECK(h.version == "1.0.0");
  CHECK(h.title == "Low back pain imaging");
  CHECK(h.description == "Flags imaging");
  CHECK(h.implements == std::vector<std::string>{"GIRFT/EBI: Low back pain imaging", "NICE NG59 1.1.4"});
  CHECK(h.span.line == 1);
  CHECK(h.span.column == 9);
  CHECK(h.span.length == 20);
}

TEST_CASE("parser: a module header, and a file without a header", "[parser]") {
  auto m = parse_ok("module shared.codes\n");
  REQUIRE(m->file->header);
  CHECK(m->file->header->is_module);
  CHECK(m->file->header->name == "shared.codes");
  CHECK(m->file->header->version.empty());

  auto none = parse_ok("input\n  age: int optional\nend\n");
  CHECK_FALSE(none->file->header.has_value());
  CHECK(none->file->fields.size() == 1);
}

TEST_CASE("parser: a second header is an error", "[parser]") {
  auto p = parse("pathway a.b\nmodule c.d\n");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{"2:8: error: a file has one header; this is a second `pathway` or `module`"});
}

TEST_CASE("parser: the header has no end, and properties are strings", "[parser]") {
  auto p = parse("pathway a.b\n  version 1\n");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{"2:11: error: unexpected '1', expected a string"});
}

TEST_CASE("parser: imports keep the path as written, the alias and their spans", "[parser]") {
  auto p = parse_ok("pathway a.b\nimport \"../ces/ces_triage.wm\" as ces\nimport 'lib/x.wm' as `x lib`\n");
  const auto& imports = p->file->imports;
  REQUIRE(imports.size() == 2);
  CHECK(imports[0].path == "../ces/ces_triage.wm");
  CHECK(imports[0].alias == "ces");
  CHECK(imports[0].path_span.line == 2);
  CHECK(imports[0].path_span.column == 8);
  CHECK(imports[0].path_span.length == 22);
  CHECK(imports[0].alias_span.column == 34);
  CHECK(imports[1].path == "lib/x.wm");
  CHECK(imports[1].alias == "x lib");
}

// ---- input and output schema --------------------------------------------------------------------------

TEST_CASE("parser: input fields with every option", "[parser]") {
  auto p = parse_ok(R"wm(pathway a.b
input
  id: text key
  procedures: code list optional from "Der_Procedure_All"
  `Admin Category`: code optional one of ["01", "02"]
  bothersomeness: text required one of ["not at all", "very much"] label "Item 9"
  diagnoses: code list optional from "Der_Diagnosis_All" delimited by ";", "||", "|"
  age: int optional
  weight: decimal optional
  seen: date optional
  smoker: bool required
end
)wm");
  const auto& f = p->file->fields;
  REQUIRE(f.size() == 9);

  CHECK(f[0].name == "id");
  CHECK(f[0].key);
  CHECK_FALSE(f[0].required);
  CHECK_FALSE(f[0].optional);
  CHECK(f[0].type == waymark::rt::ValueType{waymark::rt::BaseType::Text, false});
  CHECK(f[0].column == "id"); // the column is the field's name unless `from` says otherwise
  CHECK_FALSE(f[0].has_from);

  CHECK(f[1].name == "procedures");
  CHECK(f[1].type == waymark::rt::ValueType{waymark::rt::BaseType::Code, true});
  CHECK(f[1].optional);
  CHECK(f[1].has_from);
  CHECK(f[1].column == "Der_Procedure_All");
  CHECK(f[1].column_span.line == 4);
  CHECK(f[1].column_span.column == 39);
  CHECK(f[1].delimiters.empty());

  CHECK(f[2].name == "Admin Category"); // backticks are not part of the name
  CHECK(f[2].column == "Admin Category");
  CHECK(f[2].span.column == 3);
  CHECK(f[2].span.length == 16);
  REQUIRE(f[2].one_of.size() == 2);
  CHECK(show(*p->file, f[2].one_of[0]) == "\"01\"");
  CHECK(show(*p->file, f[2].one_of[1]) == "\"02\"");

  CHECK(f[3].required);
  CHECK(f[3].label == "Item 9");
  REQUIRE(f[3].one_of.size() == 2);
  CHECK(show(*p->file, f[3].one_of[1]) == "\"very much\"");

  CHECK(f[4].delimiters == std::vector<std::string>{";", "||", "|"});
  CHECK(f[4].column == "Der_Diagnosis_All");

  CHECK(f[5].type.base == waymark::rt::BaseType::Int);
  CHECK(f[6].type.base == waymark::rt::BaseType::Decimal);
  CHECK(f[7].type.base == waymark::rt::BaseType::Date);
  CHECK(f[8].type == waymark::rt::ValueType{waymark::rt::BaseType::Bool, false});
  CHECK(f[8].required);
}

TEST_CASE("parser: soft keywords are names, and backticks make reserved words names", "[parser]") {
  auto p = parse_ok(R"wm(pathway a.b
input
  version: int optional
  title: text optional
  days: int optional
  first: bool optional
  `end`: date optional
  `from`: text optional
end
)wm");
  std::vector<std::string> names;
  for (const auto& f : p->file->fields) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"version", "title", "days", "first", "end", "from"});

  auto reserved = parse("pathway a.b\ninput\n  from: text optional\nend\n");
  CHECK_FALSE(reserved->file.has_value());
  CHECK(reserved->messages() == std::vector<std::string>{
                                    "3:3: error: unexpected 'from', expected a name; 'from' is a reserved word: write `from` in backticks to "
                                    "use it as a name"});
}

TEST_CASE("parser: an option given twice is an error", "[parser]") {
  auto p = parse("pathway a.b\ninput\n  a: int required required\n  b: int optional optional\n  c: text optional from \"x\" from \"y\"\nend\n");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{
                             "3:19: error: 'required' is given twice",
                             "4:19: error: 'optional' is given twice",
                             "5:29: error: 'from' is given twice",
                         });
}

TEST_CASE("parser: a type name that is not a type", "[parser]") {
  auto p = parse("pathway a.b\ninput\n  age: integer optional\nend\n");
  CHECK_FALSE(p->file.has_value());
  REQUIRE_FALSE(p->messages().empty());
  CHECK(p->messages()[0] == "3:8: error: missing 'bool', 'int', 'decimal', 'text', 'date' or 'code' before 'integer'");
}

TEST_CASE("parser: outputs with roles, labels, lists and one of", "[parser]") {
  auto p = parse_ok(R"wm(pathway a.b
output
  category: text for classification
  urgency: text one of ["emergency", "urgent"] for urgency label "How soon"
  actions: text list for recommendations
  total: int
end
)wm");
  const auto& o = p->file->outputs;
  REQUIRE(o.size() == 4);
  CHECK(o[0].name == "category");
  CHECK(o[0].role == "classification");
  CHECK(o[0].role_span.column == 22);
  CHECK(o[1].role == "urgency");
  CHECK(o[1].label == "How soon");
  REQUIRE(o[1].one_of.size() == 2);
  CHECK(show(*p->file, o[1].one_of[1]) == "\"urgent\"");
  CHECK(o[2].type == waymark::rt::ValueType{waymark::rt::BaseType::Text, true});
  CHECK(o[2].role == "recommendations");
  CHECK(o[3].role.empty());
  CHECK(o[3].type.base == waymark::rt::BaseType::Int);
}

// ---- code sets and definitions ------------------------------------------------------------------------

TEST_CASE("parser: code set entries, patterns and ranges", "[parser]") {
  auto p = parse_ok(R"wm(pathway a.b
codeset spine "Imaging of the spine (OPCS-4)"
  "U05[45]",
  "C50*", 'Z665',
  "C00".."C99",
  "D[0-9][0-9]*",
end
codeset bare
  "A01", "A02"
end
codeset empty end
)wm");
  const auto& sets = p->file->codesets;
  REQUIRE(sets.size() == 3);
  CHECK(sets[0].name == "spine");
  CHECK(sets[0].label == "Imaging of the spine (OPCS-4)");
  REQUIRE(sets[0].entries.size() == 5);
  CHECK(sets[0].entries[0].low == "U05[45]");
  CHECK_FALSE(sets[0].entries[0].is_range);
  CHECK(sets[0].entries[0].span.line == 3);
  CHECK(sets[0].entries[0].span.column == 3);
  CHECK(sets[0].entries[2].low == "Z665");
  CHECK(sets[0].entries[3].is_range);
  CHECK(sets[0].entries[3].low == "C00");
  CHECK(sets[0].entries[3].high == "C99");
  CHECK(sets[0].entries[3].high_span.column == 10);
  CHECK(sets[0].entries[4].low == "D[0-9][0-9]*");
  CHECK(sets[1].label.empty());
  CHECK(sets[1].entries.size() == 2);
  CHECK(sets[2].entries.empty()); // the checker reports an empty code set, not the parser
}

TEST_CASE("parser: code set entries are separated by commas", "[parser]") {
  auto p = parse("pathway a.b\ncodeset s \"S\"\n  \"A01\", \"A02\" \"A03\"\nend\n");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{"3:16: error: unexpected '\"A03\"', expected 'end' or ','"});
  // Without a label, a first entry not followed by a comma is read as the label: a trap worth pinning down.
  auto trap = parse_ok("pathway a.b\ncodeset s\n  \"A01\"\n  \"A02\"\nend\n");
  CHECK(trap->file->codesets[0].label == "A01");
  REQUIRE(trap->file->codesets[0].entries.size() == 1);
  CHECK(trap->file->codesets[0].entries[0].low == "A02");
}

TEST_CASE("parser: definitions with and without a label", "[parser]") {
  auto p = parse_ok("pathway a.b\ndefine age \"Age at start\" = coalesce(a, b)\ndefine total = count(x, y)\n");
  const auto& d = p->file->defines;
  REQUIRE(d.size() == 2);
  CHECK(d[0].name == "age");
  CHECK(d[0].label == "Age at start");
  CHECK(show(*p->file, d[0].value) == "(fn:coalesce a b)");
  CHECK(d[1].label.empty());
  CHECK(show(*p->file, d[1].value) == "(fn:count x y)");
  CHECK(d[1].span.line == 3);
  CHECK(d[1].span.column == 8);
}

// ---- rules and groups ---------------------------------------------------------------------------------

TEST_CASE("parser: a rule with every clause and every action", "[parser]") {
  auto p = parse_ok(R"wm(pathway a.b
rule lower_back_imaging "Low back imaging"
  cite "NICE NG59 1.1.4"
  priority -5
  when (any procedures in spine_imaging) and age between 19 and 120
  because "Imaging rarely changes management."
  then
    classify "2S"
    set flagged = true
    recommend "Do not routinely image"
    refer "emergency" to "on-call spinal team"
    refer "routine"
  cite "GIRFT/EBI"
end
)wm");
  REQUIRE(p->file->rules.size() == 1);
  const auto& r = p->file->rules[0];
  CHECK(r.name == "lower_back_imaging");
  CHECK(r.title == "Low back imaging");
  CHECK(r.span.line == 2);
  CHECK(r.span.column == 6);
  CHECK(r.has_when);
  CHECK(show(*p->file, r.when) == "(and (any in procedures spine_imaging) (between age 19 120))");
  CHECK(r.has_then);
  CHECK(r.has_because);
  CHECK(r.because == "Imaging rarely changes management.");
  CHECK(r.has_cite);
  CHECK(r.cite == "NICE NG59 1.1.4; GIRFT/EBI"); // repeated citations are joined
  REQUIRE(r.priority.has_value());
  CHECK(*r.priority == -5);
  CHECK(r.group == 0);

  REQUIRE(r.actions.size() == 5);
  CHECK(r.actions[0].kind == ast::ActionKind::Classify);
  CHECK(show(*p->file, r.actions[0].value) == "\"2S\"");
  CHECK(r.actions[1].kind == ast::ActionKind::Set);
  CHECK(r.actions[1].target == "flagged");
  CHECK(r.actions[1].target_span.column == 9);
  CHECK(show(*p->file, r.actions[1].value) == "true");
  CHECK(r.actions[2].kind == ast::ActionKind::Recommend);
  CHECK(r.actions[3].kind == ast::ActionKind::Refer);
  CHECK(show(*p->file, r.actions[3].value) == "\"emergency\"");
  CHECK(show(*p->file, r.actions[3].destination) == "\"on-call spinal team\"");
  CHECK(r.actions[4].kind == ast::ActionKind::Refer);
  CHECK_FALSE(r.actions[4].destination.valid());
}

TEST_CASE("parser: a rule with no clauses parses, and the checker asks for when and then", "[parser]") {
  auto p = parse_ok("pathway a.b\nrule empty \"Nothing yet\"\nend\n");
  REQUIRE(p->file->rules.size() == 1);
  const auto& r = p->file->rules[0];
  CHECK_FALSE(r.has_when);
  CHECK_FALSE(r.has_then);
  CHECK_FALSE(r.has_cite);
  CHECK_FALSE(r.priority.has_value());
  CHECK(r.actions.empty());
}

TEST_CASE("parser: clauses that may appear once are errors when repeated", "[parser]") {
  auto p = parse(R"wm(pathway a.b
rule r
  when a
  when b
  then classify "x"
  then classify "y"
  because "one"
  because "two"
  priority 1
  priority 2
end
)wm");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{
                             "4:3: error: rule 'r' has more than one 'when'; join the conditions with 'and'",
                             "6:3: error: rule 'r' has more than one 'then'; list every action under one",
                             "8:3: error: rule 'r' has more than one 'because'",
                             "10:3: error: rule 'r' has more than one 'priority'",
                         });
}

TEST_CASE("parser: then needs at least one action", "[parser]") {
  auto p = parse("pathway a.b\nrule r\n  when a\n  then\nend\n");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{"5:1: error: unexpected 'end', expected 'set', 'classify', 'recommend' or 'refer'"});
}

TEST_CASE("parser: groups keep their policy and their rules, and top-level rules form the implicit group", "[parser]") {
  auto p = parse_ok(R"wm(pathway a.b
rule top_one when a then classify "1" end
group triage "CES triage" policy first
  rule g1 when a then classify "2" end
  rule g2 when b then classify "3" end
end
group scores policy unique
  rule g3 when c then classify "4" end
end
group everything policy all
end
rule top_two when d then classify "5" end
)wm");
  const auto& g = p->file->groups;
  REQUIRE(g.size() == 4);
  CHECK(g[0].implicit);
  CHECK(g[0].policy == ast::Policy::All);
  CHECK(g[0].rules == std::vector<uint32_t>{0, 4});
  CHECK(g[1].name == "triage");
  CHECK(g[1].title == "CES triage");
  CHECK_FALSE(g[1].implicit);
  CHECK(g[1].policy == ast::Policy::First);
  CHECK(g[1].rules == std::vector<uint32_t>{1, 2});
  CHECK(g[2].policy == ast::Policy::Unique);
  CHECK(g[2].title.empty());
  CHECK(g[2].rules == std::vector<uint32_t>{3});
  CHECK(g[3].policy == ast::Policy::All);
  CHECK(g[3].rules.empty());

  const auto& r = p->file->rules;
  REQUIRE(r.size() == 5);
  CHECK(r[0].name == "top_one");
  CHECK(r[0].group == 0);
  CHECK(r[1].group == 1);
  CHECK(r[2].group == 1);
  CHECK(r[3].group == 2);
  CHECK(r[4].name == "top_two");
  CHECK(r[4].group == 0);
}

TEST_CASE("parser: a group needs a policy", "[parser]") {
  auto p = parse("pathway a.b\ngroup g \"G\"\n  rule r when a then classify \"x\" end\nend\n");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{"3:3: error: unexpected 'rule', expected 'policy'", "4:1: error: unexpected 'end'"});
}

// ---- test cases ---------------------------------------------------------------------------------------

TEST_CASE("parser: test cases with given values and every kind of expectation", "[parser]") {
  auto p = parse_ok(R"wm(pathway a.b
test "Lumbar MRI in an adult"
  given
    Der_Procedure_All = "||U055 ,Z665"
    Age_at_Start_of_Episode_SUS = 45
    temperature = -1.5
    offset = -3
    flag = true
    seen = @2024-01-31
    `Admin Category` = "01"
    Der_Diagnosis_All = missing
  expect
    category = "2S"
    actions = ["a", "b"]
    score = -2
    urgency is missing
    fired lower_back_imaging, second_rule
    not fired private_patient
end
test "Nothing given"
end
)wm");
  REQUIRE(p->file->tests.size() == 2);
  const auto& t = p->file->tests[0];
  CHECK(t.name == "Lumbar MRI in an adult");
  CHECK(t.span.line == 2);
  CHECK(t.span.column == 6);

  REQUIRE(t.given.size() == 8);
  CHECK(t.given[0].column == "Der_Procedure_All");
  CHECK(show(*p->file, t.given[0].value) == "\"||U055 ,Z665\"");
  CHECK(show(*p->file, t.given[1].value) == "45");
  CHECK(show(*p->file, t.given[2].value) == "-1.5");
  CHECK(p->file->expr(t.given[2].value).kind == ast::ExprKind::DecimalLiteral);
  CHECK(show(*p->file, t.given[3].value) == "-3");
  CHECK(p->file->expr(t.given[3].value).kind == ast::ExprKind::IntLiteral);
  CHECK(show(*p->file, t.given[4].value) == "true");
  CHECK(show(*p->file, t.given[5].value) == "@2024-01-31");
  CHECK(t.given[6].column == "Admin Category");
  CHECK(t.given[7].column == "Der_Diagnosis_All");
  CHECK_FALSE(t.given[7].value.valid()); // `missing`

  REQUIRE(t.expect.size() == 7);
  CHECK(t.expect[0].kind == ast::ExpectKind::Value);
  CHECK(t.expect[0].name == "category");
  CHECK(show(*p->file, t.expect[0].value) == "\"2S\"");
  CHECK(t.expect[1].kind == ast::ExpectKind::Value);
  CHECK(show(*p->file, t.expect[1].value) == "[\"a\" \"b\"]");
  CHECK(show(*p->file, t.expect[2].value) == "-2");
  CHECK(t.expect[3].kind == ast::ExpectKind::Missing);
  CHECK(t.expect[3].name == "urgency");
  CHECK(t.expect[4].kind == ast::ExpectKind::Fired);
  CHECK(t.expect[4].name == "lower_back_imaging");
  CHECK(t.expect[5].kind == ast::ExpectKind::Fired);
  CHECK(t.expect[5].name == "second_rule");
  CHECK(t.expect[6].kind == ast::ExpectKind::NotFired);
  CHECK(t.expect[6].name == "private_patient");
  CHECK(t.expect[6].span.line == 18);
  CHECK(t.expect[6].span.column == 15);

  CHECK(p->file->tests[1].given.empty());
  CHECK(p->file->tests[1].expect.empty());
}

TEST_CASE("parser: test values are literals, not expressions", "[parser]") {
  auto p = parse("pathway a.b\ntest \"t\"\n  given\n    age = 40 + 5\nend\n");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{"4:14: error: unexpected '+', expected a name"});
}

// ---- expressions --------------------------------------------------------------------------------------

TEST_CASE("parser: and binds tighter than or, not tighter than and", "[parser][expr]") {
  CHECK(expr("a or b and c") == "(or a (and b c))");
  CHECK(expr("a and b or c") == "(or (and a b) c)");
  CHECK(expr("not a and b") == "(and (not a) b)");
  CHECK(expr("not a or not b and c") == "(or (not a) (and (not b) c))");
  CHECK(expr("not not a") == "(not (not a))");
  CHECK(expr("not (a or b)") == "(not (or a b))");
  CHECK(expr("(a or b) and c") == "(and (or a b) c)");
}

TEST_CASE("parser: not applies to a whole comparison", "[parser][expr]") {
  CHECK(expr("not age < 18") == "(not (< age 18))");
  CHECK(expr("not a = b and c") == "(and (not (= a b)) c)");
}

TEST_CASE("parser: the and of between belongs to between", "[parser][expr]") {
  CHECK(expr("a between 1 and 2 and b") == "(and (between a 1 2) b)");
  CHECK(expr("b and a between 1 and 2") == "(and b (between a 1 2))");
  CHECK(expr("a not between 1 and 2 or b") == "(or (not-between a 1 2) b)");
  CHECK(expr("a between 1 + 1 and 2 * 3 and b between x and y") == "(and (between a (+ 1 1) (* 2 3)) (between b x y))");
  CHECK(expr("age between 120 and 19") == "(between age 120 19)");
}

TEST_CASE("parser: and and or are n-ary and keep their operands in order", "[parser][expr]") {
  auto p = parse_ok("pathway a.b\ndefine x = a and b and c and d\ndefine y = a or b or c\ndefine z = (a and b) and c\n");
  const auto& f = *p->file;
  const ast::Expr& x = f.expr(f.defines[0].value);
  CHECK(x.kind == ast::ExprKind::And);
  CHECK(x.operands.size() == 4);
  CHECK(show(f, f.defines[0].value) == "(and a b c d)");
  const ast::Expr& y = f.expr(f.defines[1].value);
  CHECK(y.kind == ast::ExprKind::Or);
  CHECK(y.operands.size() == 3);
  // Parentheses keep their own node.
  CHECK(show(f, f.defines[2].value) == "(and (and a b) c)");
  CHECK(expr("a and b or c and d or e") == "(or (and a b) (and c d) e)");
}

TEST_CASE("parser: a long and chain builds one flat node", "[parser][expr]") {
  std::string text = "a0";
  for (int i = 1; i < 2000; ++i) text += " and a" + std::to_string(i);
  auto p = parse_ok("pathway a.b\ndefine x = " + text + "\n");
  const ast::Expr& x = p->file->expr(p->file->defines[0].value);
  CHECK(x.kind == ast::ExprKind::And);
  CHECK(x.operands.size() == 2000);
}

TEST_CASE("parser: arithmetic precedence and left associativity", "[parser][expr]") {
  CHECK(expr("1 + 2 * 3") == "(+ 1 (* 2 3))");
  CHECK(expr("1 * 2 + 3") == "(+ (* 1 2) 3)");
  CHECK(expr("1 + 2 * 3 - 4 / 5") == "(- (+ 1 (* 2 3)) (/ 4 5))");
  CHECK(expr("a - b - c") == "(- (- a b) c)");
  CHECK(expr("a / b / c") == "(/ (/ a b) c)");
  CHECK(expr("a - (b - c)") == "(- a (- b c))");
  CHECK(expr("(1 + 2) * 3") == "(* (+ 1 2) 3)");
  CHECK(expr("a + b > c * d") == "(> (+ a b) (* c d))");
}

TEST_CASE("parser: unary minus binds tightest", "[parser][expr]") {
  CHECK(expr("-a") == "(neg a)");
  CHECK(expr("-a * b") == "(* (neg a) b)");
  CHECK(expr("a * -b") == "(* a (neg b))");
  CHECK(expr("a - -b") == "(- a (neg b))");
  CHECK(expr("- -a") == "(neg (neg a))");
  CHECK(expr("-(a + b)") == "(neg (+ a b))");
  CHECK(expr("-3") == "(neg 3)");
}

TEST_CASE("parser: if then else is the lowest precedence and nests", "[parser][expr]") {
  CHECK(expr("if a then b else c") == "(if a b c)");
  CHECK(expr("if a or b then 1 else 2 + 3") == "(if (or a b) 1 (+ 2 3))");
  CHECK(expr("if a then 1 else if b then 2 else 3") == "(if a 1 (if b 2 3))");
  CHECK(expr("if if a then b else c then 1 else 2") == "(if (if a b c) 1 2)");
  CHECK(expr("(if a then 1 else 2) + 3") == "(+ (if a 1 2) 3)");
  CHECK(expr("f(if a then 1 else 2)") == "(fn:f (if a 1 2))");
}

TEST_CASE("parser: an if needs its else", "[parser][expr]") {
  CHECK(expr_errors("if a then 1") == std::vector<std::string>{"3:1: error: unexpected end of file, expected 'else'"});
}

TEST_CASE("parser: comparison operators", "[parser][expr]") {
  CHECK(expr("a = b") == "(= a b)");
  CHECK(expr("a <> b") == "(<> a b)");
  CHECK(expr("a != b") == "(<> a b)");
  CHECK(expr("a < b") == "(< a b)");
  CHECK(expr("a <= b") == "(<= a b)");
  CHECK(expr("a > b") == "(> a b)");
  CHECK(expr("a >= b") == "(>= a b)");
}

TEST_CASE("parser: comparisons do not chain", "[parser][expr]") {
  auto errors = expr_errors("a < b < c");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("2:18: error: unexpected '<'", 0) == 0);
}

TEST_CASE("parser: membership, quantifiers, like, is-tests and within", "[parser][expr]") {
  CHECK(expr("x in [\"01\", \"02\"]") == "(in x [\"01\" \"02\"])");
  CHECK(expr("x not in codes") == "(not-in x codes)");
  CHECK(expr("x in ces.red_flag_codes") == "(in x ces.red_flag_codes)");
  CHECK(expr("any procedures in spine_imaging") == "(any in procedures spine_imaging)");
  CHECK(expr("all diagnoses in [\"C50\"]") == "(all in diagnoses [\"C50\"])");
  CHECK(expr("none diagnoses not in cancer") == "(none not-in diagnoses cancer)");
  CHECK(expr("raw like \"%U05[45]%\"") == "(like raw \"%U05[45]%\")");
  CHECK(expr("raw not like '%D0%'") == "(not-like raw \"%D0%\")");
  CHECK(expr("x is missing") == "(is-missing x)");
  CHECK(expr("x is not missing") == "(is-not-missing x)");
  CHECK(expr("x is present") == "(is-present x)");
  CHECK(expr("x is true") == "(is-true x)");
  CHECK(expr("x is not false") == "(is-not-false x)");
  CHECK(expr("d1 within 14 days of d2") == "(within d1 14 d2)");
  CHECK(expr("d1 within n + 1 days of d2 and b") == "(and (within d1 (+ n 1) d2) b)");
}

TEST_CASE("parser: like takes a string literal pattern and records where it is written", "[parser][expr]") {
  auto p = parse_ok("pathway a.b\ndefine x = raw like \"%U05%\"\n");
  const ast::Expr& e = p->file->expr(p->file->defines[0].value);
  CHECK(e.kind == ast::ExprKind::Like);
  CHECK(e.text == "%U05%");
  CHECK(e.text_span.line == 2);
  CHECK(e.text_span.column == 21);
  CHECK(e.text_span.length == 7);
  CHECK_FALSE(expr_errors("raw like pattern").empty());
}

TEST_CASE("parser: calls, lists and literals", "[parser][expr]") {
  CHECK(expr("count(a, b, c)") == "(fn:count a b c)");
  CHECK(expr("count()") == "(fn:count)");
  CHECK(expr("count(procedures in spine_imaging)") == "(fn:count (in procedures spine_imaging))");
  CHECK(expr("[1, 2.5, \"x\", true, false, @2024-01-31]") == "[1 2.5 \"x\" true false @2024-01-31]");
  CHECK(expr("[]") == "[]");
  CHECK(expr("3.25") == "3.25");
  auto p = parse_ok("pathway a.b\ndefine x = 007\ndefine y = 0.5\ndefine z = 'single'\n");
  CHECK(p->file->expr(p->file->defines[0].value).int_value == 7);
  CHECK(p->file->expr(p->file->defines[1].value).decimal_value == Approx(0.5));
  CHECK(p->file->expr(p->file->defines[2].value).text == "single");
}

TEST_CASE("parser: a call's span covers its name", "[parser][expr]") {
  auto p = parse_ok("pathway a.b\ndefine x = coalesce(a, b)\n");
  const ast::Expr& e = p->file->expr(p->file->defines[0].value);
  CHECK(e.kind == ast::ExprKind::Call);
  CHECK(e.text == "coalesce");
  CHECK(e.span.line == 2);
  CHECK(e.span.column == 12);
  CHECK(e.span.length == 8);
}

TEST_CASE("parser: qualified names keep the alias apart from the name", "[parser][expr]") {
  auto p = parse_ok("pathway a.b\ndefine x = ces.core_red_flag and not `my lib`.`Red flag`\n");
  const auto& f = *p->file;
  const ast::Expr& both = f.expr(f.defines[0].value);
  REQUIRE(both.operands.size() == 2);
  const ast::Expr& q = f.expr(both.operands[0]);
  CHECK(q.kind == ast::ExprKind::Name);
  CHECK(q.qualifier == "ces");
  CHECK(q.text == "core_red_flag");
  CHECK(q.span.column == 12);
  CHECK(q.span.length == 17);
  const ast::Expr& quoted = f.expr(f.expr(both.operands[1]).operands[0]);
  CHECK(quoted.qualifier == "my lib");
  CHECK(quoted.text == "Red flag");
  auto unqualified = parse_ok("pathway a.b\ndefine y = age\n");
  const ast::Expr& plain = unqualified->file->expr(unqualified->file->defines[0].value);
  CHECK(plain.kind == ast::ExprKind::Name);
  CHECK(plain.qualifier.empty());
  CHECK(plain.text == "age");
  CHECK_FALSE(expr_errors("a.b.c").empty()); // one level of qualification only
}

TEST_CASE("parser: expression spans point at the source", "[parser][expr]") {
  auto p = parse_ok("pathway a.b\ndefine x =\n  age >= 19 and flag\n");
  const auto& f = *p->file;
  const ast::Expr& both = f.expr(f.defines[0].value);
  CHECK(both.span.line == 3);
  CHECK(both.span.column == 3);
  CHECK(both.span.length == 18);
  const ast::Expr& cmp = f.expr(both.operands[0]);
  CHECK(cmp.span.column == 3);
  CHECK(cmp.span.length == 9);
  const ast::Expr& flag = f.expr(both.operands[1]);
  CHECK(flag.span.column == 17);
  CHECK(flag.span.length == 4);
}

// ---- literals -----------------------------------------------------------------------------------------

TEST_CASE("parser: date literals are days since 1970-01-01", "[parser][literal]") {
  auto p = parse_ok("pathway a.b\ndefine a = @1970-01-01\ndefine b = @2024-02-29\ndefine c = @1969-12-31\n");
  const auto& f = *p->file;
  CHECK(f.expr(f.defines[0].value).kind == ast::ExprKind::DateLiteral);
  CHECK(f.expr(f.defines[0].value).date_days == 0);
  CHECK(f.expr(f.defines[1].value).date_days == waymark::rt::days_from_civil(2024, 2, 29));
  CHECK(f.expr(f.defines[1].value).text == "2024-02-29");
  CHECK(f.expr(f.defines[2].value).date_days == -1);
}

TEST_CASE("parser: a date that is not on the calendar is an error", "[parser][literal]") {
  CHECK(expr_errors("@2023-02-29") == std::vector<std::string>{"2:12: error: '2023-02-29' is not a calendar date"});
  CHECK(expr_errors("@2024-13-01") == std::vector<std::string>{"2:12: error: '2024-13-01' is not a calendar date"});
  CHECK(expr_errors("@2024-04-31") == std::vector<std::string>{"2:12: error: '2024-04-31' is not a calendar date"});
  CHECK(expr_errors("@2024-00-10") == std::vector<std::string>{"2:12: error: '2024-00-10' is not a calendar date"});
}

TEST_CASE("parser: string escapes", "[parser][literal]") {
  auto p = parse_ok(R"wm(pathway a.b
define a = "say \"no\""
define b = 'it\'s'
define c = "back\\slash"
define d = "line\nbreak\ttab"
define e = 'double " inside single'
define f = ""
)wm");
  const auto& f = *p->file;
  CHECK(f.expr(f.defines[0].value).text == "say \"no\"");
  CHECK(f.expr(f.defines[1].value).text == "it's");
  CHECK(f.expr(f.defines[2].value).text == "back\\slash");
  CHECK(f.expr(f.defines[3].value).text == "line\nbreak\ttab");
  CHECK(f.expr(f.defines[4].value).text == "double \" inside single");
  CHECK(f.expr(f.defines[5].value).text.empty());
}

TEST_CASE("parser: escapes in every string, not only in expressions", "[parser][literal]") {
  auto p = parse_ok("pathway a.b\n  title \"The \\\"STarT\\\" tool\"\ncodeset s \"a\\tb\"\n  \"A01\"\nend\n");
  CHECK(p->file->header->title == "The \"STarT\" tool");
  CHECK(p->file->codesets[0].label == "a\tb");
}

TEST_CASE("parser: an unknown escape is an error at the backslash", "[parser][literal]") {
  CHECK(expr_errors("\"C:\\path\"") ==
        std::vector<std::string>{"2:15: error: unknown escape '\\p' in string (use \\\\, \\\", \\', \\n or \\t)"});
}

TEST_CASE("parser: integers must fit in 64 bits", "[parser][literal]") {
  auto p = parse_ok("pathway a.b\ndefine x = 9223372036854775807\n");
  CHECK(p->file->expr(p->file->defines[0].value).int_value == INT64_MAX);
  CHECK(expr_errors("9223372036854775808") ==
        std::vector<std::string>{"2:12: error: number 9223372036854775808 is too large (the largest is 9223372036854775807)"});
  CHECK(expr_errors("1 + 99999999999999999999") ==
        std::vector<std::string>{"2:16: error: number 99999999999999999999 is too large (the largest is 9223372036854775807)"});
  // Priorities and test values are integers too.
  auto priority = parse("pathway a.b\nrule r when a then classify \"x\" priority 9223372036854775808 end\n");
  CHECK_FALSE(priority->file.has_value());
  CHECK(priority->diagnostics.error_count() == 1);
}

// ---- lexical errors and recovery ----------------------------------------------------------------------

TEST_CASE("parser: lexical errors are reported and the parser carries on", "[parser][syntax]") {
  auto p = parse("pathway a.b\ndefine x = \"open\ndefine y = a $ b\ninput\n  `open: int optional\nend\n");
  CHECK_FALSE(p->file.has_value());
  // Lexical errors first, then syntax errors (the workspace sorts them by position).
  CHECK(p->messages() == std::vector<std::string>{
                             "2:12: error: string is not closed before the end of the line",
                             "3:14: error: unexpected character '$'",
                             "5:3: error: quoted name is not closed with ` before the end of the line",
                             "3:1: error: unexpected 'define', expected an expression",
                             "3:16: error: unexpected 'b'",
                         });
}

TEST_CASE("parser: several syntax errors in one run", "[parser][syntax]") {
  auto p = parse(R"wm(pathway a.b
rule first_one
  when age >= 18
  then
end
rule two when (a and b then classify "x" end
rule three when a then classify "y" cite 3 end
)wm");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->diagnostics.error_count() == 3);
  auto m = p->messages();
  REQUIRE(m.size() == 3);
  CHECK(m[0].rfind("5:1: error:", 0) == 0);
  CHECK(m[1] == "6:24: error: missing ')' before 'then'");
  CHECK(m[2] == "7:42: error: unexpected '3', expected a string");
}

TEST_CASE("parser: a clean file gives a tree and no diagnostics, and errors give no tree", "[parser][syntax]") {
  auto good = parse("pathway a.b\n# only a comment\n");
  CHECK(good->file.has_value());
  CHECK(good->diagnostics.all().empty());
  auto empty = parse("");
  CHECK(empty->file.has_value());
  CHECK_FALSE(empty->file->header.has_value());
  auto bad = parse("pathway a.b\nrule\n");
  CHECK_FALSE(bad->file.has_value());
  CHECK(bad->diagnostics.error_count() >= 1);
}

TEST_CASE("parser: nesting is limited before parsing", "[parser][syntax]") {
  const int limit = waymark::kMaxNesting;
  std::string ok = std::string(static_cast<size_t>(limit), '(') + "a" + std::string(static_cast<size_t>(limit), ')');
  CHECK(expr(ok) == "a");
  std::string deep = std::string(static_cast<size_t>(limit) + 1, '(') + "a" + std::string(static_cast<size_t>(limit) + 1, ')');
  CHECK(expr_errors(deep) == std::vector<std::string>{"2:" + std::to_string(12 + limit) + ": error: expression is nested more than 64 levels deep"});
  std::string nots;
  for (int i = 0; i <= limit; ++i) nots += "not ";
  CHECK(expr_errors(nots + "a").size() == 1);
  std::string minus(static_cast<size_t>(limit) + 1, '-');
  CHECK(expr_errors(minus + "a").size() == 1);
  std::string lists = std::string(static_cast<size_t>(limit) + 1, '[') + "1" + std::string(static_cast<size_t>(limit) + 1, ']');
  CHECK(expr_errors(lists).size() == 1);
}

TEST_CASE("parser: a file that is not UTF-8 is refused at the first bad byte", "[parser][syntax]") {
  auto p = parse("pathway a.b\n# caf\xC3\xA9 \xFF\n");
  CHECK_FALSE(p->file.has_value());
  CHECK(p->messages() == std::vector<std::string>{"2:8: error: file is not valid UTF-8: byte 0xFF cannot start or continue a character"});
  // Overlong encodings and UTF-16 surrogates are not UTF-8 either.
  CHECK(parse("pathway a.b\n# \xC0\xAF\n")->diagnostics.error_count() == 1);
  CHECK(parse("pathway a.b\n# \xED\xA0\x80\n")->diagnostics.error_count() == 1);
  CHECK(parse("pathway a.b\n# \xF4\x90\x80\x80\n")->diagnostics.error_count() == 1);
  CHECK(parse("pathway a.b\n# truncated \xE2\x82")->diagnostics.error_count() == 1);
  // Valid multi-byte text is fine, in comments, strings and backtick names.
  CHECK(parse_ok("pathway a.b\n# \xE2\x82\xAC \xF0\x9F\x98\x80\ninput\n  `Caf\xC3\xA9`: text optional label \"\xC3\xA9\"\nend\n")
            ->file->fields[0]
            .name == "Caf\xC3\xA9");
}
