#pragma once
// Lowering: checked AST -> rt::Program. Program-level tables in lowering.cpp, expressions in
// expr_lowering.cpp and call_lowering.cpp, compile-time evaluation of constants in constant_folding.cpp.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fragment_builder.h"
#include "waymark/compiler/lowering.h"

namespace waymark {

// A value known at compile time.
struct Folded {
  rt::ValueType type{rt::BaseType::Int, false};
  bool missing = false;
  int64_t i = 0; // Int, Date, Bool
  double d = 0;
  std::string text; // Text, Code (normalised)
};

inline Folded folded_int(rt::ValueType type, int64_t i) { Folded f; f.type = type; f.i = i; return f; }
inline Folded folded_decimal(double d) { Folded f; f.type = {rt::BaseType::Decimal, false}; f.d = d; return f; }
inline Folded folded_text(std::string text) { Folded f; f.type = {rt::BaseType::Text, false}; f.text = std::move(text); return f; }
inline Folded folded_missing(rt::ValueType type) { Folded f; f.type = type; f.missing = true; return f; }

// The value converted to `to` (an int to a decimal, text to a normalised code), as the VM would.
Folded convert_folded(Folded value, rt::ValueType to);

class Lowerer {
public:
  Lowerer(Workspace& workspace, uint32_t root, const LoweringOptions& options);
  std::optional<rt::Program> run();

private:
  using Reg = uint16_t;
  using Label = FragmentBuilder::Label;

  // program level (lowering.cpp)
  void count_define_uses();
  void lower_header_and_sources();
  void lower_schema();
  void lower_rules();
  void lower_tests();
  uint32_t lower_actions(const ast::Rule& rule);
  uint32_t define_index(uint32_t file, uint32_t define); // queues the definition for lowering on first use
  void lower_queued_defines();
  rt::StringId intern(const std::string& text);
  uint32_t constant(const Folded& value);
  uint32_t code_set(uint32_t file, uint32_t index);
  uint32_t literal_code_set(const std::vector<std::string>& codes);
  uint32_t text_set(const std::vector<std::string>& members);
  uint32_t like(const std::string& pattern, uint32_t file, Span span);
  // The like group of a field that matches like `like_index`, and the pattern's bit in it.
  std::pair<uint32_t, uint32_t> like_group_bit(uint32_t field, uint32_t like_index, uint32_t file, Span span);
  Reg new_reg(rt::RegType type);
  rt::SourceLocation where(uint32_t file, Span span) const;
  void fail(uint32_t file, Span span, std::string message);
  const ast::File& ast_of(uint32_t file) const { return *ws_.file(file).ast; }
  const ast::Expr& expr(uint32_t file, ast::ExprId id) const { return ast_of(file).expr(id); }
  rt::ValueType type_of(uint32_t file, ast::ExprId id) const { return ws_.file(file).infos[id.index].type; }

  // expressions (expr_lowering.cpp, call_lowering.cpp)
  Reg lower(FragmentBuilder& fb, uint32_t file, ast::ExprId id, rt::ValueType want);
  Reg lower_raw(FragmentBuilder& fb, uint32_t file, ast::ExprId id);
  Reg convert(FragmentBuilder& fb, Reg r, rt::ValueType from, rt::ValueType to, rt::SourceLocation at);
  Reg load_constant(FragmentBuilder& fb, const Folded& value, rt::SourceLocation at);
  Reg lower_logic(FragmentBuilder& fb, uint32_t file, const ast::Expr& e);
  Reg lower_compare(FragmentBuilder& fb, uint32_t file, const ast::Expr& e);
  Reg lower_between(FragmentBuilder& fb, uint32_t file, const ast::Expr& e);
  Reg lower_in(FragmentBuilder& fb, uint32_t file, const ast::Expr& e);
  Reg lower_if(FragmentBuilder& fb, uint32_t file, ast::ExprId id, const ast::Expr& e);
  Reg lower_call(FragmentBuilder& fb, uint32_t file, ast::ExprId id, const ast::Expr& e);
  Reg lower_sum(FragmentBuilder& fb, uint32_t file, ast::ExprId id, const ast::Expr& e);
  // The code set of an `in` target (a code set name or a literal list), or nothing if the list holds a code
  // that is not valid (then it is compared item by item).
  std::optional<uint32_t> code_set_of_target(uint32_t file, ast::ExprId target);
  Reg emit(FragmentBuilder& fb, rt::OpCode op, Reg a, Reg b, Reg c, rt::SourceLocation at, uint8_t x = 0);
  void mark_interned(uint32_t file, ast::ExprId id);

  // constant folding (constant_folding.cpp)
  std::optional<Folded> fold(uint32_t file, ast::ExprId id);
  std::optional<Folded> fold_raw(uint32_t file, ast::ExprId id);

  Workspace& ws_;
  uint32_t root_;
  LoweringOptions options_;
  rt::Program program_;
  bool failed_ = false;
  std::map<std::string, rt::StringId> strings_;
  std::map<std::tuple<uint8_t, int64_t, uint64_t, rt::StringId>, uint32_t> constants_;
  std::map<uint32_t, uint32_t> source_of_file_;                  // workspace file -> program source
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> fields_;     // (file, field) -> program field
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> defines_;    // (file, define) -> program define
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> code_sets_;  // (file, code set) -> program code set
  std::map<std::vector<std::string>, uint32_t> literal_code_sets_, text_sets_;
  std::map<std::string, uint32_t> likes_;
  std::map<uint32_t, std::vector<uint32_t>> groups_of_field_; // program field -> its like groups
  std::map<std::string, uint32_t> outputs_; // root output name -> index
  std::map<std::pair<uint32_t, uint32_t>, std::optional<Folded>> folded_defines_; // shared definitions fold once
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> define_uses_; // how many names refer to each definition
  std::vector<std::pair<uint32_t, uint32_t>> define_queue_;        // (file, define) still to lower, in order
  uint32_t inline_depth_ = 0; // definitions being inlined into one another right now
  uint32_t fold_depth_ = 0;   // definitions being folded through right now
};

// Compare in which domain: what both sides become before comparing.
enum class CompareDomain : uint8_t { Int, Bool, Dec, Text, Code };
CompareDomain compare_domain(rt::ValueType a, rt::ValueType b);
rt::ValueType domain_type(CompareDomain domain, rt::ValueType original);

} // namespace waymark
