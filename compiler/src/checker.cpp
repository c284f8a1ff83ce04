// Declarations, rules and test cases. Expressions are in expr_checker.cpp; rule analysis in rule_analysis.cpp.
#include "checker.h"

#include <algorithm>
#include <set>

#include "rule_analysis.h"
#include "suggest.h"
#include "waymark/runtime/code.h"
#include "waymark/runtime/code_pattern.h"

namespace waymark {
namespace {

std::vector<std::string> keys(const std::map<std::string, uint32_t>& map) {
  std::vector<std::string> out;
  for (auto& [k, v] : map) out.push_back(k);
  return out;
}

const char* const kRoles[] = {"classification", "urgency", "referral", "recommendations"};

} // namespace

Checker::Checker(Workspace& workspace, uint32_t file_index) : ws_(workspace), index_(file_index) {
  const ast::File& f = *file().ast;
  file().bindings.assign(f.exprs.size(), Binding{});
  file().infos.assign(f.exprs.size(), ExprInfo{});
  file().define_types.assign(f.defines.size(), std::nullopt);
  file().define_used.assign(f.defines.size(), false);
  file().codeset_used.assign(f.codesets.size(), false);
  file().import_used.assign(f.imports.size(), false);
  define_state_.assign(f.defines.size(), 0);
  output_set_.assign(f.outputs.size(), false);
}

void Checker::run() {
  collect_names();
  check_header();
  check_fields();
  check_outputs();
  check_codesets();
  check_schema_conflicts();
  check_definitions();
  check_rules();
  check_tests();
  analyse_rules(ws_, index_);
  const ast::File& f = *file().ast;
  for (size_t i = 0; i < f.outputs.size(); ++i)
    if (!output_set_[i]) warning(f.outputs[i].span, "output " + quoted(f.outputs[i].name) + " is never set by any rule");
  file().checked = true;
}

void Checker::collect_names() {
  const ast::File& f = *file().ast;
  // Inputs, definitions and code sets share one namespace: they all appear in expressions.
  std::map<std::string, Span> values;
  auto declare_value = [&](const std::string& name, Span span) {
    auto [it, fresh] = values.emplace(name, span);
    if (!fresh) error(span, quoted(name) + " is already declared at line " + std::to_string(it->second.line));
    return fresh;
  };
  for (const auto& field : f.fields) declare_value(field.name, field.span);
  for (uint32_t i = 0; i < f.defines.size(); ++i)
    if (declare_value(f.defines[i].name, f.defines[i].span)) defines_[f.defines[i].name] = i;
  for (const auto& set : f.codesets) declare_value(set.name, set.span);
  for (uint32_t i = 0; i < f.imports.size(); ++i) {
    auto [it, fresh] = imports_.emplace(f.imports[i].alias, i);
    if (!fresh) error(f.imports[i].alias_span, "import alias " + quoted(f.imports[i].alias) + " is already used");
  }
  for (uint32_t i = 0; i < f.outputs.size(); ++i) {
    auto [it, fresh] = outputs_.emplace(f.outputs[i].name, i);
    if (!fresh) error(f.outputs[i].span, "output " + quoted(f.outputs[i].name) + " is already declared at line " +
                                            std::to_string(f.outputs[it->second].span.line));
  }
  // Rules and groups share a namespace: tests and traces name them.
  std::map<std::string, Span> rule_names;
  for (uint32_t i = 1; i < f.groups.size(); ++i) {
    auto [it, fresh] = rule_names.emplace(f.groups[i].name, f.groups[i].span);
    if (!fresh) error(f.groups[i].span, quoted(f.groups[i].name) + " is already declared at line " + std::to_string(it->second.line));
  }
  for (uint32_t i = 0; i < f.rules.size(); ++i) {
    auto [it, fresh] = rule_names.emplace(f.rules[i].name, f.rules[i].span);
    if (!fresh) error(f.rules[i].span, quoted(f.rules[i].name) + " is already declared at line " + std::to_string(it->second.line));
    else rules_[f.rules[i].name] = i;
  }
}

void Checker::check_header() {
  const ast::File& f = *file().ast;
  if (!f.header) {
    error(Span{1, 1, 1}, "file has no header; start it with `pathway NAME` (or `module NAME` for shared code sets and definitions)");
    return;
  }
  const auto& coverage = f.header->coverage;
  for (size_t i = 0; i < coverage.size(); ++i) {
    if (i > 0)
      error(coverage[i].span, "coverage is declared twice (first at line " + std::to_string(coverage[0].span.line) +
                                  "); declare it once");
    if (coverage[i].percent > 100)
      error(coverage[i].span,
            "coverage " + std::to_string(coverage[i].percent) + "% is out of range: declare 0% to 100%");
  }
  if (!f.header->is_module) return;
  for (auto& c : coverage)
    error(c.span, "coverage is for pathways: a module has no rules or test cases to cover");
  for (auto& r : f.rules) error(r.span, "rule " + quoted(r.name) + " is in a module; rules belong in a pathway");
  for (auto& o : f.outputs) error(o.span, "output " + quoted(o.name) + " is in a module; outputs belong in a pathway");
  for (auto& t : f.tests) error(t.span, "test " + quoted(t.name) + " is in a module; test cases belong in a pathway");
  for (size_t g = 1; g < f.groups.size(); ++g) error(f.groups[g].span, "group " + quoted(f.groups[g].name) + " is in a module; rules belong in a pathway");
}

void Checker::check_fields() {
  const ast::File& f = *file().ast;
  std::map<std::string, uint32_t> keys_seen;
  for (const auto& field : f.fields) {
    const std::string what = "input " + quoted(field.name);
    if (field.type.list && field.type.base != rt::BaseType::Code)
      error(field.type_span, what + ": only `code list` is supported as an input list");
    if (field.key && field.optional) error(field.span, what + " is a key, so it cannot be optional");
    else if (field.required && field.optional) error(field.span, what + " cannot be both required and optional");
    else if (!field.required && !field.optional && !field.key)
      error(field.span, what + ": say whether it is `required` or `optional`");
    if (field.key) keys_seen[field.name]++;
    if (field.has_from && field.column.empty()) error(field.column_span, what + ": the column name is empty");
    if (!field.delimiters.empty()) {
      if (!field.type.list) error(field.delimiters_span, what + ": `delimited by` applies to a `code list` only");
      for (const auto& d : field.delimiters)
        if (d.empty()) error(field.delimiters_span, what + ": a delimiter cannot be empty");
    }
    if (!field.one_of.empty()) {
      if (field.type.list || field.type.base == rt::BaseType::Bool || field.type.base == rt::BaseType::Date)
        error(field.one_of_span, what + ": `one of` applies to text, code, int and decimal inputs");
      else
        for (auto v : field.one_of) literal_fits(v, field.type, what);
    }
  }
  if (keys_seen.size() > 1) {
    for (const auto& field : f.fields)
      if (field.key) {
        error(field.span, "more than one input is marked `key`; a record has one key column");
        break;
      }
  }
}

void Checker::check_outputs() {
  const ast::File& f = *file().ast;
  std::map<std::string, Span> roles;
  for (const auto& o : f.outputs) {
    const std::string what = "output " + quoted(o.name);
    if (o.type.list && o.type.base != rt::BaseType::Text) error(o.span, what + ": only `text list` is supported as an output list");
    if (!o.role.empty()) {
      bool known = false;
      for (const char* r : kRoles) known |= o.role == r;
      if (!known) {
        error(o.role_span, quoted(o.role) + " is not an output role (classification, urgency, referral or recommendations)" +
                               detail::did_you_mean(o.role, {std::begin(kRoles), std::end(kRoles)}));
        continue;
      }
      auto [it, fresh] = roles.emplace(o.role, o.span);
      if (!fresh) error(o.role_span, "another output (line " + std::to_string(it->second.line) + ") is already `for " + o.role + "`");
      if (o.role == "recommendations" && !(o.type.list && o.type.base == rt::BaseType::Text))
        error(o.role_span, what + ": the recommendations output must be a `text list`");
      if (o.role != "recommendations" && (o.type.list || (o.type.base != rt::BaseType::Text && o.type.base != rt::BaseType::Code)))
        error(o.role_span, what + ": a `for " + o.role + "` output must be `text` or `code`");
    }
    for (auto v : o.one_of) literal_fits(v, rt::ValueType{o.type.base, false}, what);
  }
}

void Checker::check_codesets() {
  const ast::File& f = *file().ast;
  for (const auto& set : f.codesets) {
    if (set.entries.empty()) error(set.span, "code set " + quoted(set.name) + " is empty");
    // `codeset x "G834" "R32" end` reads "G834" as the description: say so rather than drop the code.
    std::string label_as_code = rt::normalize_code(set.label);
    if (!set.label.empty() && set.label.size() <= 8 && rt::is_valid_code(label_as_code) &&
        std::any_of(label_as_code.begin(), label_as_code.end(), [](char c) { return c >= '0' && c <= '9'; }))
      warning(set.span, "the description of code set " + quoted(set.name) + " is \"" + set.label +
                            "\", which looks like a code; give a description before the codes");
    std::map<std::string, uint32_t> seen;
    for (const auto& entry : set.entries) {
      auto report = [&](const rt::PatternError& e, Span at) {
        Span span = at;
        span.column += static_cast<uint32_t>(e.offset) + 1; // +1 for the opening quote
        span.length = 1;
        error(span, e.message);
      };
      std::string canonical;
      if (entry.is_range) {
        auto parsed = rt::CodeRange::parse(entry.low, entry.high);
        if (auto* e = std::get_if<rt::PatternError>(&parsed)) {
          Span at = entry.span;
          at.length = entry.high_span.column + entry.high_span.length - entry.span.column;
          error(at, e->message);
          continue;
        }
        canonical = std::get<rt::CodeRange>(parsed).text();
      } else {
        auto parsed = rt::CodePattern::parse(entry.low);
        if (auto* e = std::get_if<rt::PatternError>(&parsed)) {
          report(*e, entry.span);
          continue;
        }
        canonical = std::get<rt::CodePattern>(parsed).text();
      }
      auto [it, fresh] = seen.emplace(canonical, entry.span.line);
      if (!fresh) warning(entry.span, "code set " + quoted(set.name) + " lists " + canonical + " twice");
    }
  }
}

void Checker::check_schema_conflicts() {
  // This file's fields and every imported file's fields form one input schema.
  CheckedFile& me = file();
  me.schema_files = {index_};
  for (auto imported : me.imports)
    if (imported)
      for (uint32_t f : ws_.files_[*imported].schema_files)
        if (std::find(me.schema_files.begin(), me.schema_files.end(), f) == me.schema_files.end()) me.schema_files.push_back(f);
  std::map<std::string, std::pair<const ast::Field*, uint32_t>> by_name;
  for (uint32_t fi : me.schema_files) {
    const auto& other = ws_.files_[fi];
    if (!other.ast) continue;
    for (const auto& field : other.ast->fields) {
      auto [it, fresh] = by_name.emplace(field.name, std::make_pair(&field, fi));
      if (fresh) continue;
      const ast::Field& first = *it->second.first;
      if (first.type != field.type || first.column != field.column) {
        Span at = fi == index_ ? field.span : it->second.second == index_ ? first.span : Span{1, 1, 1};
        error(at, "input " + quoted(field.name) + " is declared as " + rt::to_string(first.type) + " from column " +
                      quoted(first.column) + " in " + ws_.files_[it->second.second].source->path() + " but as " +
                      rt::to_string(field.type) + " from column " + quoted(field.column) + " in " + other.source->path());
      }
    }
  }
}

void Checker::check_definitions() {
  // Definitions are typed dependencies first, so typing never recurses from one definition into the
  // next: a chain of any length costs no stack. What is left after the ordering sits on a cycle.
  const ast::File& f = *file().ast;
  const size_t n = f.defines.size();
  std::vector<std::vector<uint32_t>> users(n); // users[d]: definitions that use d
  std::vector<std::vector<uint32_t>> uses_of(n); // uses_of[d]: definitions d uses
  std::vector<uint32_t> waiting_on(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    std::set<uint32_t> uses;
    std::vector<ast::ExprId> pending{f.defines[i].value};
    while (!pending.empty()) {
      ast::ExprId id = pending.back();
      pending.pop_back();
      if (!id.valid()) continue;
      const ast::Expr& e = expr(id);
      if (e.kind == ast::ExprKind::Name && e.qualifier.empty())
        if (auto it = defines_.find(e.text); it != defines_.end()) uses.insert(it->second);
      pending.insert(pending.end(), e.operands.begin(), e.operands.end());
    }
    for (uint32_t used : uses) users[used].push_back(i);
    uses_of[i].assign(uses.begin(), uses.end());
    waiting_on[i] = static_cast<uint32_t>(uses.size());
  }
  std::vector<uint32_t> ready;
  for (uint32_t i = 0; i < n; ++i)
    if (waiting_on[i] == 0) ready.push_back(i);
  std::vector<bool> typed(n, false);
  while (!ready.empty()) {
    uint32_t d = ready.back();
    ready.pop_back();
    define_type(index_, d);
    typed[d] = true;
    for (uint32_t user : users[d])
      if (--waiting_on[user] == 0) ready.push_back(user);
  }
  // Of what is left, peel off the definitions nothing left uses: they only depend on a cycle. The rest are on one.
  std::vector<uint32_t> used_by_left(n, 0);
  for (uint32_t d = 0; d < n; ++d)
    if (!typed[d])
      for (uint32_t user : users[d]) used_by_left[d] += !typed[user];
  std::vector<bool> peeled(n, false);
  std::vector<uint32_t> unused;
  for (uint32_t d = 0; d < n; ++d)
    if (!typed[d] && used_by_left[d] == 0) unused.push_back(d);
  while (!unused.empty()) {
    uint32_t d = unused.back();
    unused.pop_back();
    peeled[d] = true;
    for (uint32_t used : uses_of[d])
      if (!typed[used] && !peeled[used] && --used_by_left[used] == 0) unused.push_back(used);
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (typed[i]) continue;
    if (!peeled[i]) error(f.defines[i].span, "definition " + quoted(f.defines[i].name) + " depends on itself, through a cycle of definitions");
    define_state_[i] = 2; // left untyped: what uses it reports nothing more
    file().define_used[i] = true;
  }
}

const ast::Output* Checker::find_output_by_role(const std::string& role) const {
  for (const auto& o : file().ast->outputs)
    if (o.role == role) return &o;
  return nullptr;
}

void Checker::check_rules() {
  const ast::File& f = *file().ast;
  for (const auto& rule : f.rules) {
    const std::string what = "rule " + quoted(rule.name);
    if (!rule.has_when) error(rule.span, what + " has no `when` condition");
    else require_bool(rule.when, "the `when` condition");
    if (!rule.has_then || rule.actions.empty()) error(rule.span, what + " has no `then` actions");
    for (const auto& action : rule.actions) check_action(rule, action);
    if (!rule.has_cite && !(f.header && f.header->is_module)) warning(rule.span, what + " cites no source; add `cite \"...\"`");
  }
}

void Checker::check_action(const ast::Rule& rule, const ast::Action& action) {
  const ast::File& f = *file().ast;
  auto set_output = [&](const ast::Output& out, ast::ExprId value) {
    output_set_[&out - f.outputs.data()] = true;
    ExprInfo info = check(value);
    if (!info.ok()) return;
    rt::ValueType target = out.type;
    if (out.type.list) target.list = false; // recommendations append one text at a time
    if (assignable(value, info.type, target, "output " + quoted(out.name))) check_one_of(value, OneOf{&out.one_of, index_, "output " + quoted(out.name), out.type.base == rt::BaseType::Code});
  };
  auto by_role = [&](const char* role, const char* verb) -> const ast::Output* {
    const ast::Output* out = find_output_by_role(role);
    if (!out) error(action.span, std::string("`") + verb + "` in rule " + quoted(rule.name) + " needs an output declared `for " + role + "`");
    return out;
  };
  switch (action.kind) {
  case ast::ActionKind::Set: {
    auto it = outputs_.find(action.target);
    if (it == outputs_.end()) {
      error(action.target_span, quoted(action.target) + " is not a declared output" + detail::did_you_mean(action.target, keys(outputs_)));
      check(action.value);
      return;
    }
    const ast::Output& out = f.outputs[it->second];
    if (out.type.list) {
      error(action.target_span, "output " + quoted(out.name) + " is a list; add to it with `recommend`");
      check(action.value);
      return;
    }
    set_output(out, action.value);
    return;
  }
  case ast::ActionKind::Classify:
    if (auto* out = by_role("classification", "classify")) set_output(*out, action.value);
    else check(action.value);
    return;
  case ast::ActionKind::Recommend:
    if (auto* out = by_role("recommendations", "recommend")) set_output(*out, action.value);
    else check(action.value);
    return;
  case ast::ActionKind::Refer:
    if (auto* out = by_role("urgency", "refer")) set_output(*out, action.value);
    else check(action.value);
    if (action.destination.valid()) {
      if (auto* out = by_role("referral", "refer ... to")) set_output(*out, action.destination);
      else check(action.destination);
    }
    return;
  }
}

void Checker::check_tests() {
  const ast::File& f = *file().ast;
  // Columns a test can give: every field of the schema, by its column name.
  std::map<std::string, std::vector<std::pair<const ast::Field*, uint32_t>>> columns;
  for (uint32_t fi : file().schema_files)
    if (ws_.files_[fi].ast)
      for (const auto& field : ws_.files_[fi].ast->fields) columns[field.column].emplace_back(&field, fi);
  std::vector<std::string> column_names;
  for (auto& [c, _] : columns) column_names.push_back(c);

  std::map<std::string, uint32_t> names;
  for (const auto& test : f.tests) {
    const std::string what = "test " + quoted(test.name);
    if (test.name.empty()) error(test.span, "a test case needs a name");
    auto [it, fresh] = names.emplace(test.name, test.span.line);
    if (!fresh) error(test.span, what + " is already declared at line " + std::to_string(it->second));
    std::map<std::string, bool> given; // column -> has a value
    for (const auto& g : test.given) {
      auto col = columns.find(g.column);
      if (col == columns.end()) {
        std::string hint = detail::did_you_mean(g.column, column_names);
        // A field name whose column is spelt differently is the likeliest slip: name the column.
        for (uint32_t fi : file().schema_files)
          if (ws_.files_[fi].ast)
            for (const auto& field : ws_.files_[fi].ast->fields)
              if (field.name == g.column) hint = "; input " + quoted(field.name) + " reads column " + quoted(field.column);
        error(g.span, quoted(g.column) + " is not an input column" + hint);
        continue;
      }
      if (!given.emplace(g.column, g.value.valid()).second) error(g.span, what + " gives " + quoted(g.column) + " twice");
      if (!g.value.valid()) continue;
      for (auto [field, field_file] : col->second) {
        rt::ValueType accepts = field->type.list ? rt::ValueType{rt::BaseType::Text, false} : field->type;
        if (literal_fits(g.value, accepts, "input " + quoted(field->name))) check_one_of(g.value, OneOf{&field->one_of, field_file, "input " + quoted(field->name), field->type.base == rt::BaseType::Code});
      }
    }
    for (const auto& [column, fields] : columns)
      for (auto [field, field_file] : fields)
        if ((field->required || field->key) && !given[column]) {
          error(test.span, what + " gives no value for required input column " + quoted(column));
          break;
        }
    for (const auto& e : test.expect) {
      if (e.kind == ast::ExpectKind::Fired || e.kind == ast::ExpectKind::NotFired || e.kind == ast::ExpectKind::Unknown) {
        if (!rules_.count(e.name))
          error(e.span, quoted(e.name) + " is not a rule" + detail::did_you_mean(e.name, keys(rules_)));
        continue;
      }
      auto out = outputs_.find(e.name);
      if (out == outputs_.end()) {
        error(e.span, quoted(e.name) + " is not a declared output" + detail::did_you_mean(e.name, keys(outputs_)));
        continue;
      }
      const ast::Output& o = f.outputs[out->second];
      if (e.kind == ast::ExpectKind::Contains) {
        if (!o.type.list) error(e.span, "output " + quoted(o.name) + " holds one value; `contains` tests a list output, so write `" + o.name + " = ...`");
        else if (literal_fits(e.value, rt::ValueType{o.type.base, false}, "an item of output " + quoted(o.name)))
          check_one_of(e.value, OneOf{&o.one_of, index_, "output " + quoted(o.name), o.type.base == rt::BaseType::Code});
        continue;
      }
      if (e.kind != ast::ExpectKind::Value) continue;
      const ast::Expr& value = expr(e.value);
      if (o.type.list) {
        if (value.kind != ast::ExprKind::List) {
          error(value.span, "output " + quoted(o.name) + " is a list; expect a list such as [\"...\"]");
          continue;
        }
        for (auto item : value.operands)
          if (literal_fits(item, rt::ValueType{o.type.base, false}, "output " + quoted(o.name))) check_one_of(item, OneOf{&o.one_of, index_, "output " + quoted(o.name), o.type.base == rt::BaseType::Code});
      } else if (value.kind == ast::ExprKind::List) {
        error(value.span, "output " + quoted(o.name) + " holds one value, not a list");
      } else if (literal_fits(e.value, o.type, "output " + quoted(o.name))) {
        check_one_of(e.value, OneOf{&o.one_of, index_, "output " + quoted(o.name), o.type.base == rt::BaseType::Code});
      }
    }
  }
}

} // namespace waymark
