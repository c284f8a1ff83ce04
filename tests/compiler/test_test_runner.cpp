// rt::run_test_case against the reference evaluator's run_test, on every test case in pathways/ and
// docs/language.md, as written and mutated (a given dropped, made missing or changed; an expected value changed;
// an expectation turned into another kind or pointed at another rule or output): the two pass and fail together,
// and say the same thing about each expectation that fails.
#include <catch2/catch.hpp>

#include <charconv>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "reference_evaluator.h"
#include "test_support.h"
#include "waymark/compiler/lowering.h"
#include "waymark/runtime/date.h"
#include "waymark/runtime/pack.h"
#include "waymark/runtime/test_runner.h"

namespace fs = std::filesystem;
using namespace waymark;

namespace {

// A literal as a test case's raw text holds it (the compiler's lowering writes the same).
std::string raw_text(const ast::Expr &e) {
  switch (e.kind) {
  case ast::ExprKind::IntLiteral: return std::to_string(e.int_value);
  case ast::ExprKind::DecimalLiteral: {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, e.decimal_value);
    REQUIRE(ec == std::errc());
    return std::string(buffer, end);
  }
  case ast::ExprKind::BoolLiteral: return e.bool_value ? "true" : "false";
  case ast::ExprKind::DateLiteral: return rt::format_iso_date(e.date_days);
  default: return e.text;
  }
}

bool is_literal(const ast::Expr &e) {
  return e.kind == ast::ExprKind::IntLiteral || e.kind == ast::ExprKind::DecimalLiteral ||
         e.kind == ast::ExprKind::TextLiteral || e.kind == ast::ExprKind::BoolLiteral ||
         e.kind == ast::ExprKind::DateLiteral;
}

// Every pathway in pathways/ and every pathway example in docs/language.md, checked and compiled.
struct Corpus {
  Diagnostics diagnostics;
  Workspace workspace{diagnostics};
  struct Pathway {
    std::string name;
    uint32_t file;
    rt::Program program;
  };
  std::vector<Pathway> pathways;

  Corpus() {
    std::vector<std::pair<std::string, uint32_t>> roots;
    std::string error;
    for (const auto &path : expand_source_paths((fs::path(WAYMARK_SOURCE_DIR) / "pathways").string(), error)) {
      auto index = workspace.load(path);
      REQUIRE(index);
      roots.emplace_back(fs::relative(path, WAYMARK_SOURCE_DIR).string(), *index);
    }
    REQUIRE(error.empty());
    const auto docs =
        testing::docs_examples(testing::read_file((fs::path(WAYMARK_SOURCE_DIR) / "docs" / "language.md").string()));
    for (const auto &block : docs) {
      const fs::path file =
          fs::path(WAYMARK_SOURCE_DIR) / "docs" / ("language.md-line-" + std::to_string(block.line) + ".wm");
      auto index = workspace.load_text(file.string(), block.text);
      REQUIRE(index);
      roots.emplace_back("docs/language.md:" + std::to_string(block.line), *index);
    }
    REQUIRE(diagnostics.error_count() == 0);
    for (const auto &[name, index] : roots) {
      const ast::File &file = *workspace.file(index).ast;
      if (file.header && file.header->is_module) continue;
      auto program = lower_pathway(workspace, index);
      INFO(name);
      REQUIRE(program);
      REQUIRE(program->tests.size() == file.tests.size());
      pathways.push_back(Pathway{name, index, std::move(*program)});
    }
  }
};

// The id of `text` in the program's string table, added when new. Only before a Machine is made for the program:
// the machine keeps pointers into the table.
rt::StringId intern(rt::Program &program, const std::string &text) {
  for (rt::StringId id = 0; id < program.strings.size(); ++id)
    if (program.strings[id] == text) return id;
  program.strings.push_back(text);
  return static_cast<rt::StringId>(program.strings.size() - 1);
}

// One pathway's cases run both ways, written and mutated, tallying the agreements.
class Comparison {
public:
  Comparison(const Workspace &workspace, const Corpus::Pathway &pathway)
      : workspace_(workspace), file_(pathway.file), ast_(*workspace.file(pathway.file).ast), name_(pathway.name),
        program_(pathway.program) {
    // Every literal of the file can stand in for another, so the table must hold their raw texts before the machine
    // is made.
    for (const ast::Expr &e : ast_.exprs)
      if (is_literal(e)) intern(program_, raw_text(e));
    machine_.emplace(program_);
  }

  size_t runs = 0, failing = 0;

  void compare_all() {
    for (size_t t = 0; t < ast_.tests.size(); ++t) {
      const ast::TestCase &test = ast_.tests[t];
      const rt::TestCaseInfo &info = program_.tests[t];
      compare(test, info, "as written", true);
      mutate_given(test, info);
      mutate_expectations(test, info);
    }
  }

private:
  // Runs both and checks that they agree; `must_pass` for the cases as written, which all hold.
  void compare(const ast::TestCase &test, const rt::TestCaseInfo &info, const std::string &mutation,
               bool must_pass = false) {
    const reference::TestResult reference = reference::run_test(workspace_, file_, test);
    const rt::TestOutcome vm = rt::run_test_case(program_, info, *machine_);
    ++runs;
    failing += !reference.passed();
    std::vector<std::string> reference_messages, vm_messages;
    bool reference_error = false;
    for (const auto &f : reference.failures) {
      if (f.rfind("error: ", 0) == 0)
        reference_error = true;
      else
        reference_messages.push_back(f);
    }
    bool escaped =
        false; // text with quotes or backslashes: the runner escapes it as the language does, the reference does not
    for (const auto &f : vm.failures) {
      vm_messages.push_back(f.message);
      escaped |= f.message.find('\\') != std::string::npos;
    }
    INFO(name_ << ": test \"" << test.name << "\", " << mutation);
    INFO("reference: " << join(reference.failures) << "\nvm: " << join(vm_messages) << " " << vm.rejected
                       << join(vm.errors));
    CHECK(reference.passed() == vm.passed());
    CHECK(reference_error == (!vm.rejected.empty() || !vm.errors.empty()));
    if (!escaped)
      CHECK(reference_messages == vm_messages);
    else
      CHECK(reference_messages.size() == vm_messages.size());
    if (must_pass) CHECK(vm.passed());
  }

  static std::string join(const std::vector<std::string> &lines) {
    std::string out;
    for (const auto &line : lines) out += line + "; ";
    return out;
  }

  // Other literals of the same kind whose raw text differs (the first and the last of the file), to stand in for `id`.
  std::vector<ast::ExprId> stand_ins(ast::ExprId id) const {
    const ast::Expr &original = ast_.expr(id);
    std::vector<ast::ExprId> found;
    for (uint32_t i = 0; i < ast_.exprs.size(); ++i) {
      const ast::Expr &e = ast_.exprs[i];
      if (e.kind != original.kind || !differs(e, original)) continue;
      if (found.size() < 2)
        found.push_back(ast::ExprId{i});
      else
        found.back() = ast::ExprId{i};
    }
    return found;
  }

  bool differs(const ast::Expr &a, const ast::Expr &b) const {
    if (a.kind != ast::ExprKind::List) return raw_text(a) != raw_text(b);
    return items(a) != items(b);
  }

  std::vector<std::string> items(const ast::Expr &list) const {
    std::vector<std::string> out;
    for (auto item : list.operands) out.push_back(raw_text(ast_.expr(item)));
    return out;
  }

  rt::StringId id_of(const std::string &text) {
    for (rt::StringId id = 0; id < program_.strings.size(); ++id)
      if (program_.strings[id] == text) return id;
    FAIL("not interned: " << text);
    return 0;
  }

  void mutate_given(const ast::TestCase &test, const rt::TestCaseInfo &info) {
    for (size_t g = 0; g < test.given.size(); ++g) {
      const std::string what = "given " + test.given[g].column;
      {
        ast::TestCase t = test;
        rt::TestCaseInfo i = info;
        t.given.erase(t.given.begin() + static_cast<long>(g));
        i.given.erase(i.given.begin() + static_cast<long>(g));
        compare(t, i, what + " dropped");
      }
      if (!test.given[g].value.valid()) continue;
      {
        ast::TestCase t = test;
        rt::TestCaseInfo i = info;
        t.given[g].value = ast::ExprId{};
        i.given[g].missing = true;
        compare(t, i, what + " missing");
      }
      for (ast::ExprId stand_in : stand_ins(test.given[g].value)) {
        ast::TestCase t = test;
        rt::TestCaseInfo i = info;
        t.given[g].value = stand_in;
        i.given[g].value = id_of(raw_text(ast_.expr(stand_in)));
        compare(t, i, what + " = " + raw_text(ast_.expr(stand_in)));
      }
    }
  }

  void mutate_expectations(const ast::TestCase &test, const rt::TestCaseInfo &info) {
    using K = ast::ExpectKind;
    // Each kind turned into the one it is likeliest to be confused with.
    const std::map<K, std::vector<K>> other_kinds = {{K::Value, {K::Missing}},
                                                     {K::Missing, {}},
                                                     {K::Contains, {K::Missing}},
                                                     {K::Fired, {K::NotFired, K::Unknown}},
                                                     {K::NotFired, {K::Fired, K::Unknown}},
                                                     {K::Unknown, {K::Fired, K::NotFired}}};
    std::vector<std::string> rules;
    for (const auto &r : program_.rules) rules.push_back(program_.str(r.name));
    // Outputs an expectation could name and still check: any for `is missing`, else those of the same type.
    auto outputs_like = [&](const ast::Expectation &x) {
      std::vector<std::string> found;
      const rt::OutputInfo *same = nullptr;
      for (const auto &o : program_.outputs)
        if (program_.str(o.name) == x.name) same = &o;
      for (const auto &o : program_.outputs)
        if (x.kind == K::Missing || (same && o.type == same->type)) found.push_back(program_.str(o.name));
      return found;
    };

    for (size_t x = 0; x < test.expect.size(); ++x) {
      const ast::Expectation &original = test.expect[x];
      const std::string what = "expectation " + std::to_string(x + 1) + " (" + original.name + ")";
      auto mutated = [&](const std::function<void(ast::Expectation &, rt::TestExpectation &)> &change,
                         const std::string &how) {
        ast::TestCase t = test;
        rt::TestCaseInfo i = info;
        change(t.expect[x], i.expect[x]);
        compare(t, i, what + " " + how);
      };
      for (K kind : other_kinds.at(original.kind))
        mutated(
            [kind](ast::Expectation &a, rt::TestExpectation &b) {
              a.kind = kind;
              b.kind = static_cast<rt::ExpectKind>(kind);
            },
            "as kind " + std::to_string(static_cast<int>(kind)));
      const bool names_rule = original.kind == K::Fired || original.kind == K::NotFired || original.kind == K::Unknown;
      for (const std::string &other : names_rule ? rules : outputs_like(original)) {
        if (other == original.name) continue;
        mutated(
            [&](ast::Expectation &a, rt::TestExpectation &b) {
              a.name = other;
              b.name = id_of(other);
            },
            "naming " + other);
      }
      if (!original.value.valid()) continue;
      for (ast::ExprId stand_in : stand_ins(original.value)) {
        const ast::Expr &e = ast_.expr(stand_in);
        mutated(
            [&](ast::Expectation &a, rt::TestExpectation &b) {
              a.value = stand_in;
              b.values.clear();
              if (e.kind == ast::ExprKind::List)
                for (const std::string &item : items(e)) b.values.push_back(id_of(item));
              else
                b.values.push_back(id_of(raw_text(e)));
            },
            "expecting another value");
      }
    }
  }

  const Workspace &workspace_;
  uint32_t file_;
  const ast::File &ast_;
  std::string name_;
  rt::Program program_;
  std::optional<rt::Machine> machine_;
};

} // namespace

TEST_CASE("test runner: every test case in pathways/ and docs/language.md, as written and mutated, passes and fails "
          "as the reference evaluator's run_test",
          "[test_runner]") {
  Corpus corpus;
  size_t cases = 0, runs = 0, failing = 0;
  for (const auto &pathway : corpus.pathways) {
    Comparison comparison(corpus.workspace, pathway);
    comparison.compare_all();
    cases += pathway.program.tests.size();
    runs += comparison.runs;
    failing += comparison.failing;
  }
  std::cout << "test runner: " << cases << " test cases, " << runs << " runs with mutations (" << failing
            << " failing) agree with the reference\n";
  CHECK(cases >= 70);
  CHECK(failing > runs / 4); // the mutations do change outcomes
  CHECK(failing < runs);
}

TEST_CASE("test runner: a pathway's cases give the same outcomes from its pack as from its source", "[test_runner]") {
  Corpus corpus;
  for (const auto &pathway : corpus.pathways) {
    auto loaded = rt::load_pack(rt::write_pack(pathway.program));
    REQUIRE(std::holds_alternative<rt::Program>(loaded));
    const rt::Program &from_pack = std::get<rt::Program>(loaded);
    rt::Machine source_machine(pathway.program), pack_machine(from_pack);
    for (size_t t = 0; t < pathway.program.tests.size(); ++t) {
      const rt::TestOutcome a = rt::run_test_case(pathway.program, pathway.program.tests[t], source_machine);
      const rt::TestOutcome b = rt::run_test_case(from_pack, from_pack.tests[t], pack_machine);
      INFO(pathway.name << ": " << pathway.program.str(pathway.program.tests[t].name));
      CHECK(a.passed());
      CHECK(b.passed());
      CHECK(a.outputs == b.outputs);
      CHECK(a.fired == b.fired);
      CHECK(a.rule_states == b.rule_states);
    }
  }
}
