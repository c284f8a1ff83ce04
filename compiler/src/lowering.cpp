// Lowering at the level of the whole program: header, sources, schema, definitions, rules, groups and tests.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <xxhash.h>

#include "automata.h"
#include "lowerer.h"
#include "waymark/runtime/code.h"
#include "waymark/runtime/code_list.h"
#include "waymark/runtime/date.h"
#include "waymark/runtime/pack.h"

namespace waymark {
namespace {

// A test's literal as a CSV cell holds it.
std::string raw_text(const ast::Expr& e) {
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: return std::to_string(e.int_value);
  case ast::ExprKind::DecimalLiteral: {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, e.decimal_value);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(e.decimal_value);
  }
  case ast::ExprKind::BoolLiteral: return e.bool_value ? "true" : "false";
  case ast::ExprKind::DateLiteral: return rt::format_iso_date(e.date_days);
  default: return e.text;
  }
}

rt::Policy policy_of(ast::Policy p) {
  switch (p) {
  case ast::Policy::First: return rt::Policy::First;
  case ast::Policy::Unique: return rt::Policy::Unique;
  case ast::Policy::All: break;
  }
  return rt::Policy::All;
}

} // namespace

Lowerer::Lowerer(Workspace& workspace, uint32_t root, const LoweringOptions& options)
    : ws_(workspace), root_(root), options_(options) {
  strings_[""] = 0;
}

std::optional<rt::Program> lower_pathway(Workspace& workspace, uint32_t root, const LoweringOptions& options) {
  return Lowerer(workspace, root, options).run();
}

std::optional<rt::Program> Lowerer::run() {
  count_define_uses();
  lower_header_and_sources();
  lower_schema();
  lower_rules();
  lower_queued_defines();
  lower_tests();
  if (program_.registers.size() > 0x10000) fail(root_, Span{1, 1, 1}, "the pathway needs more than 65536 registers");
  if (failed_) return std::nullopt;
  if (auto problem = rt::verify_program(program_)) {
    // The runtime would refuse what was compiled: definitions nested past what the VM allows, or a compiler
    // bug. Either way it is reported rather than shipped.
    fail(root_, Span{1, 1, 1}, "the compiled program does not verify: " + problem->message);
    return std::nullopt;
  }
  return std::move(program_);
}

void Lowerer::count_define_uses() {
  for (uint32_t fi : ws_.file(root_).schema_files) {
    const CheckedFile& f = ws_.file(fi);
    for (size_t e = 0; e < f.ast->exprs.size(); ++e) {
      const Binding& b = f.bindings[e];
      if (f.ast->exprs[e].kind == ast::ExprKind::Name && b.kind == Binding::Kind::Define) ++define_uses_[{b.file, b.index}];
    }
  }
}

void Lowerer::fail(uint32_t file, Span span, std::string message) {
  ws_.diagnostics().error(*ws_.file(file).source, span, std::move(message));
  failed_ = true;
}

rt::StringId Lowerer::intern(const std::string& text) {
  auto [it, inserted] = strings_.emplace(text, static_cast<rt::StringId>(program_.strings.size()));
  if (inserted) program_.strings.push_back(text);
  return it->second;
}

uint32_t Lowerer::constant(const Folded& v) {
  rt::Constant k;
  k.type = rt::reg_type_of(v.type);
  if (k.type == rt::RegType::Bool || k.type == rt::RegType::Int) k.i = v.i;
  if (k.type == rt::RegType::Dec) k.d = v.d;
  if (k.type == rt::RegType::Text) k.text = intern(v.text);
  uint64_t bits = 0;
  std::memcpy(&bits, &k.d, sizeof bits);
  auto key = std::tuple{static_cast<uint8_t>(k.type), k.i, bits, k.text};
  auto [it, inserted] = constants_.emplace(key, static_cast<uint32_t>(program_.constants.size()));
  if (inserted) program_.constants.push_back(k);
  return it->second;
}

Lowerer::Reg Lowerer::new_reg(rt::RegType type) {
  program_.registers.push_back(type);
  return static_cast<Reg>(program_.registers.size() - 1); // checked against 65536 at the end
}

rt::SourceLocation Lowerer::where(uint32_t file, Span span) const {
  auto it = source_of_file_.find(file);
  return rt::SourceLocation{it == source_of_file_.end() ? 0 : it->second, span.line, span.column, span.extent};
}

void Lowerer::lower_header_and_sources() {
  const CheckedFile& root = ws_.file(root_);
  if (const auto& h = root.ast->header) {
    program_.meta.name = intern(h->name);
    program_.meta.version = intern(h->version);
    program_.meta.title = intern(h->title);
    program_.meta.description = intern(h->description);
    for (const auto& line : h->implements) program_.meta.implements.push_back(intern(line));
    if (!h->coverage.empty()) program_.meta.coverage = static_cast<uint32_t>(h->coverage.front().percent);
  }
  program_.meta.compiler_version = WAYMARK_VERSION;
  // Paths relative to the root file's folder, so that a pack does not depend on where it was built.
  namespace fs = std::filesystem;
  const fs::path base = fs::path(root.canonical_path).parent_path();
  XXH64_state_t* hash = XXH64_createState();
  XXH64_reset(hash, 0);
  for (uint32_t fi : root.schema_files) {
    const CheckedFile& f = ws_.file(fi);
    rt::SourceInfo info;
    info.path = intern(fs::path(f.canonical_path).lexically_relative(base).generic_string());
    info.has_text = options_.embed_sources;
    if (info.has_text) info.text = f.source->text();
    const std::string& path = program_.str(info.path);
    const uint64_t sizes[2] = {path.size(), f.source->text().size()};
    XXH64_update(hash, sizes, sizeof sizes);
    XXH64_update(hash, path.data(), path.size());
    XXH64_update(hash, f.source->text().data(), f.source->text().size());
    source_of_file_[fi] = static_cast<uint32_t>(program_.sources.size());
    program_.sources.push_back(std::move(info));
  }
  program_.meta.source_hash = XXH64_digest(hash);
  XXH64_freeState(hash);
}

void Lowerer::lower_schema() {
  for (uint32_t fi : ws_.file(root_).schema_files) {
    const ast::File& f = ast_of(fi);
    for (uint32_t i = 0; i < f.fields.size(); ++i) {
      const ast::Field& field = f.fields[i];
      rt::FieldInfo info;
      info.name = intern(field.name);
      info.column = intern(field.column);
      info.label = intern(field.label);
      info.type = field.type;
      info.required = field.required;
      info.optional = field.optional;
      info.key = field.key;
      if (field.type.list) {
        std::vector<std::string> delimiters = field.delimiters;
        if (delimiters.empty()) delimiters = rt::CodeListFormat{}.delimiters;
        for (const auto& d : delimiters) info.delimiters.push_back(intern(d));
      }
      for (ast::ExprId value : field.one_of)
        if (auto k = fold(fi, value)) info.one_of.push_back(constant(convert_folded(*k, field.type)));
      fields_[{fi, i}] = static_cast<uint32_t>(program_.fields.size());
      program_.fields.push_back(std::move(info));
    }
  }
  const ast::File& root = ast_of(root_);
  for (const ast::Output& o : root.outputs) {
    outputs_[o.name] = static_cast<uint32_t>(program_.outputs.size());
    program_.outputs.push_back(rt::OutputInfo{intern(o.name), intern(o.role), intern(o.label), o.type});
  }
}

uint32_t Lowerer::define_index(uint32_t file, uint32_t index) {
  if (auto it = defines_.find({file, index}); it != defines_.end()) return it->second;
  const ast::Define& define = ast_of(file).defines[index];
  const rt::ValueType type = ws_.file(file).define_types[index].value_or(rt::ValueType{rt::BaseType::Bool, false});
  const auto d = static_cast<uint32_t>(program_.defines.size());
  defines_[{file, index}] = d;
  program_.defines.push_back(rt::DefineInfo{intern(define.name), intern(define.label), rt::reg_type_of(type), 0});
  define_queue_.emplace_back(file, index);
  return d;
}

// Lowered from a queue rather than from the place that first calls them, so that long chains of definitions
// never turn into deep recursion here.
void Lowerer::lower_queued_defines() {
  for (size_t next = 0; next < define_queue_.size(); ++next) {
    const auto [file, index] = define_queue_[next];
    const ast::Define& define = ast_of(file).defines[index];
    const rt::ValueType type = ws_.file(file).define_types[index].value_or(rt::ValueType{rt::BaseType::Bool, false});
    FragmentBuilder fb;
    const Reg r = lower(fb, file, define.value, type);
    fb.emit(rt::Instr{rt::OpCode::RETURN, 0, r, 0, 0}, where(file, define.span));
    program_.defines[defines_.at({file, index})].fragment = fb.finish(program_, rt::FragmentKind::Define);
  }
}

void Lowerer::lower_rules() {
  const ast::File& root = ast_of(root_);
  for (const ast::Group& g : root.groups) {
    rt::GroupInfo group{intern(g.name), intern(g.title), policy_of(g.policy), g.implicit, g.rules};
    std::stable_sort(group.order.begin(), group.order.end(), [&](uint32_t a, uint32_t b) {
      return root.rules[a].priority.value_or(0) > root.rules[b].priority.value_or(0);
    });
    program_.groups.push_back(std::move(group));
  }
  for (const ast::Rule& rule : root.rules) {
    rt::RuleInfo info;
    info.name = intern(rule.name);
    info.title = intern(rule.title);
    info.because = intern(rule.because);
    info.cite = intern(rule.cite);
    info.priority = rule.priority.value_or(0);
    info.has_priority = rule.priority.has_value();
    info.group = rule.group;
    info.location = where(root_, rule.span);
    FragmentBuilder fb;
    const rt::ValueType boolean{rt::BaseType::Bool, false};
    Reg r;
    if (rule.has_when) {
      r = lower(fb, root_, rule.when, boolean);
    } else {
      Folded yes = folded_int(boolean, 1);
      r = load_constant(fb, yes, where(root_, rule.span));
    }
    fb.emit(rt::Instr{rt::OpCode::RETURN, 0, r, 0, 0}, where(root_, rule.span));
    info.condition = fb.finish(program_, rt::FragmentKind::Condition);
    info.actions = lower_actions(rule);
    program_.rules.push_back(info);
  }
}

uint32_t Lowerer::lower_actions(const ast::Rule& rule) {
  const ast::File& root = ast_of(root_);
  FragmentBuilder fb;
  auto output_for_role = [&](const char* role) -> std::optional<uint32_t> {
    for (uint32_t o = 0; o < root.outputs.size(); ++o)
      if (root.outputs[o].role == role) return o;
    return std::nullopt;
  };
  auto set = [&](std::optional<uint32_t> output, ast::ExprId value, Span span) {
    if (!output) return fail(root_, span, "internal error: no output for this action");
    const Reg r = lower(fb, root_, value, root.outputs[*output].type);
    fb.emit(rt::Instr{rt::OpCode::SETOUT, 0, static_cast<uint16_t>(*output), r, 0}, where(root_, span));
  };
  for (const ast::Action& a : rule.actions) {
    switch (a.kind) {
    case ast::ActionKind::Set: {
      auto it = outputs_.find(a.target);
      set(it == outputs_.end() ? std::nullopt : std::optional<uint32_t>(it->second), a.value, a.span);
      break;
    }
    case ast::ActionKind::Classify: set(output_for_role("classification"), a.value, a.span); break;
    case ast::ActionKind::Recommend: {
      auto output = output_for_role("recommendations");
      if (!output) {
        fail(root_, a.span, "internal error: no recommendations output");
        break;
      }
      const Reg r = lower(fb, root_, a.value, rt::ValueType{rt::BaseType::Text, false});
      fb.emit(rt::Instr{rt::OpCode::APPEND, 0, static_cast<uint16_t>(*output), r, 0}, where(root_, a.span));
      break;
    }
    case ast::ActionKind::Refer:
      set(output_for_role("urgency"), a.value, a.span);
      if (a.destination.valid()) set(output_for_role("referral"), a.destination, a.span);
      break;
    }
  }
  fb.emit(rt::Instr{rt::OpCode::END, 0, 0, 0, 0}, where(root_, rule.span));
  return fb.finish(program_, rt::FragmentKind::Actions);
}

uint32_t Lowerer::code_set(uint32_t file, uint32_t index) {
  if (auto it = code_sets_.find({file, index}); it != code_sets_.end()) return it->second;
  const ast::Codeset& set = ast_of(file).codesets[index];
  rt::CodeSetInfo info;
  info.name = intern(set.name);
  std::vector<CodeSetEntry> entries;
  for (const ast::CodeEntry& e : set.entries) {
    entries.push_back(CodeSetEntry{e.low, e.high, e.is_range});
    info.entries.push_back(intern(e.is_range ? e.low + ".." + e.high : e.low));
  }
  auto built = build_code_automaton(entries);
  if (auto* error = std::get_if<AutomatonError>(&built)) fail(file, set.span, "code set '" + set.name + "': " + error->message);
  else info.automaton = std::move(std::get<rt::CodeAutomaton>(built));
  const auto id = static_cast<uint32_t>(program_.code_sets.size());
  program_.code_sets.push_back(std::move(info));
  code_sets_[{file, index}] = id;
  return id;
}

uint32_t Lowerer::literal_code_set(const std::vector<std::string>& codes) {
  if (auto it = literal_code_sets_.find(codes); it != literal_code_sets_.end()) return it->second;
  rt::CodeSetInfo info;
  std::vector<CodeSetEntry> entries;
  for (const auto& c : codes) {
    entries.push_back(CodeSetEntry{c, "", false});
    info.entries.push_back(intern(c));
  }
  // Valid codes as exact patterns always build: a trie of them.
  info.automaton = std::get<rt::CodeAutomaton>(build_code_automaton(entries));
  const auto id = static_cast<uint32_t>(program_.code_sets.size());
  program_.code_sets.push_back(std::move(info));
  literal_code_sets_[codes] = id;
  return id;
}

uint32_t Lowerer::text_set(const std::vector<std::string>& members) {
  if (auto it = text_sets_.find(members); it != text_sets_.end()) return it->second;
  rt::TextSetInfo info;
  for (const auto& m : members) info.members.push_back(intern(m));
  std::sort(info.members.begin(), info.members.end());
  info.members.erase(std::unique(info.members.begin(), info.members.end()), info.members.end());
  const auto id = static_cast<uint32_t>(program_.text_sets.size());
  program_.text_sets.push_back(std::move(info));
  text_sets_[members] = id;
  return id;
}

uint32_t Lowerer::like(const std::string& pattern, uint32_t file, Span span) {
  if (auto it = likes_.find(pattern); it != likes_.end()) return it->second;
  rt::LikeInfo info;
  info.pattern = intern(pattern);
  auto built = build_like_automaton(pattern);
  if (auto* error = std::get_if<AutomatonError>(&built)) fail(file, span, error->message);
  else info.automaton = std::move(std::get<rt::LikeAutomaton>(built));
  const auto id = static_cast<uint32_t>(program_.likes.size());
  program_.likes.push_back(std::move(info));
  likes_[pattern] = id;
  return id;
}

std::pair<uint32_t, uint32_t> Lowerer::like_group_bit(uint32_t field, uint32_t like_index, uint32_t file, Span span) {
  auto& groups = groups_of_field_[field];
  for (uint32_t g : groups) {
    const auto& likes = program_.like_groups[g].likes;
    for (uint32_t bit = 0; bit < likes.size(); ++bit)
      if (likes[bit] == like_index) return {g, bit};
  }
  auto patterns_of = [&](const std::vector<uint32_t>& likes) {
    std::vector<std::string> patterns;
    for (uint32_t l : likes) patterns.push_back(program_.str(program_.likes[l].pattern));
    return patterns;
  };
  // Join the field's last group while its automaton stays buildable; otherwise start another group.
  if (!groups.empty()) {
    rt::LikeGroupInfo& group = program_.like_groups[groups.back()];
    auto likes = group.likes;
    likes.push_back(like_index);
    if (likes.size() <= rt::MultiLikeAutomaton::kMaxPatterns) {
      auto built = build_multi_like_automaton(patterns_of(likes));
      if (auto* automaton = std::get_if<rt::MultiLikeAutomaton>(&built)) {
        group.likes = std::move(likes);
        group.automaton = std::move(*automaton);
        return {groups.back(), static_cast<uint32_t>(group.likes.size() - 1)};
      }
    }
  }
  rt::LikeGroupInfo group;
  group.field = field;
  group.likes = {like_index};
  auto built = build_multi_like_automaton(patterns_of(group.likes));
  if (auto* error = std::get_if<AutomatonError>(&built)) fail(file, span, error->message);
  else group.automaton = std::move(std::get<rt::MultiLikeAutomaton>(built));
  groups.push_back(static_cast<uint32_t>(program_.like_groups.size()));
  program_.like_groups.push_back(std::move(group));
  return {groups.back(), 0};
}

void Lowerer::lower_tests() {
  const ast::File& root = ast_of(root_);
  for (const ast::TestCase& t : root.tests) {
    rt::TestCaseInfo info;
    info.name = intern(t.name);
    info.location = where(root_, t.span);
    for (const ast::Given& g : t.given) {
      rt::TestGiven given;
      given.column = intern(g.column);
      given.missing = !g.value.valid();
      if (!given.missing) given.value = intern(raw_text(root.expr(g.value)));
      info.given.push_back(given);
    }
    for (const ast::Expectation& x : t.expect) {
      rt::TestExpectation expect;
      expect.kind = static_cast<rt::ExpectKind>(x.kind);
      expect.name = intern(x.name);
      if (x.value.valid()) {
        const ast::Expr& v = root.expr(x.value);
        expect.list = v.kind == ast::ExprKind::List;
        if (expect.list)
          for (auto item : v.operands) expect.values.push_back(intern(raw_text(root.expr(item))));
        else
          expect.values.push_back(intern(raw_text(v)));
      }
      info.expect.push_back(std::move(expect));
    }
    program_.tests.push_back(std::move(info));
  }
}

} // namespace waymark
