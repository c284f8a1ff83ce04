#pragma once
// Checks one parsed file against the files it imports: names, types, patterns, rules and test cases.
#include <map>
#include <string>
#include <vector>

#include "waymark/compiler/workspace.h"

namespace waymark {

namespace checking {
// The result of checking an expression: a value of a type, or a failure already reported.
inline ExprInfo value(rt::ValueType t) { return ExprInfo{ExprInfo::Kind::Value, t}; }
inline ExprInfo failed() { return ExprInfo{}; }
} // namespace checking

// 'name', as messages quote names.
inline std::string quoted(const std::string& s) { return "'" + s + "'"; }

class Checker {
public:
  Checker(Workspace& workspace, uint32_t file_index);
  void run();

private:
  // declarations (checker.cpp)
  void collect_names();
  void check_header();
  void check_fields();
  void check_outputs();
  void check_codesets();
  void check_rules();
  void check_action(const ast::Rule& rule, const ast::Action& action);
  void check_tests();
  void check_schema_conflicts();
  void check_definitions();

  // expressions (expr_checker.cpp)
  // A value: a code set here is an error. check_any also lets a code set through (for `in` targets).
  ExprInfo check(ast::ExprId id);
  ExprInfo check_any(ast::ExprId id);
  ExprInfo check_expr(ast::ExprId id);
  ExprInfo check_name(ast::ExprId id);
  ExprInfo check_call(ast::ExprId id);
  ExprInfo check_compare(ast::ExprId id);
  ExprInfo check_membership(ast::ExprId id);
  ExprInfo check_quantified(ast::ExprId id);
  ExprInfo check_like(ast::ExprId id);
  ExprInfo check_count_argument(ast::ExprId id);
  bool check_in_list(ast::ExprId value, rt::ValueType value_type, ast::ExprId list);
  // The target of `in`: a literal list comparable with `element`, or a code set (then `element` must be a code).
  bool check_in_target(ast::ExprId value, rt::ValueType element, ast::ExprId target);
  bool require_bool(ast::ExprId id, const char* where);
  bool comparable(ast::ExprId a, rt::ValueType ta, ast::ExprId b, rt::ValueType tb, bool ordered, Span span);
  std::optional<rt::ValueType> unify(rt::ValueType a, rt::ValueType b) const;
  std::optional<rt::ValueType> define_type(uint32_t file, uint32_t index);
  // A literal used where a value of type `to` is needed: validated and accepted, or an error.
  bool literal_fits(ast::ExprId literal, rt::ValueType to, const std::string& what);
  bool assignable(ast::ExprId value, rt::ValueType from, rt::ValueType to, const std::string& what);
  // `x = "a"` against a `one of` field or output: the literal must be one of its values.
  struct OneOf {
    const std::vector<ast::ExprId>* values;
    uint32_t file; // the file whose expressions hold the values
    std::string owner;
    bool code = false; // compare as normalised codes ("m545" is "M545")
  };
  void check_one_of(ast::ExprId value, const OneOf& allowed);
  std::optional<OneOf> one_of_of(ast::ExprId id) const;

  // helpers
  const ast::Expr& expr(ast::ExprId id) const { return file().ast->expr(id); }
  CheckedFile& file() { return ws_.files_[index_]; }
  const CheckedFile& file() const { return ws_.files_[index_]; }
  void error(Span span, std::string message) { ws_.diagnostics_.error(*file().source, span, std::move(message)); }
  void warning(Span span, std::string message) { ws_.diagnostics_.warning(*file().source, span, std::move(message)); }
  Binding lookup(const std::string& qualifier, const std::string& name, Span span);
  std::vector<std::string> value_names(uint32_t file_index) const;
  const ast::Output* find_output_by_role(const std::string& role) const;

  Workspace& ws_;
  uint32_t index_;
  std::map<std::string, uint32_t> defines_, imports_, outputs_, rules_; // name -> index, for lookups by name
  std::vector<int> define_state_; // 0 unvisited, 1 in progress, 2 done: finds definition cycles
  std::vector<bool> output_set_;
  friend class DefineScope;
};

} // namespace waymark
