// Explanations of real pathway test cases: a fired rule names the tests that held with the inputs they read and
// the codes that matched; a rule that did not fire names the test that failed and the path not taken; an
// undecided rule names the unknown test and the missing input.
#include <catch2/catch.hpp>

#include <filesystem>

#include "waymark/compiler/lowering.h"
#include "waymark/runtime/explanation.h"
#include "waymark/runtime/test_runner.h"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

struct Explained {
  waymark::rt::Program program;
  waymark::rt::Explanation explanation;
  std::string text;
};

Explained explain_case(const std::string& pathway, const std::string& name) {
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  auto index = workspace.load((fs::path(WAYMARK_SOURCE_DIR) / pathway).string());
  REQUIRE(index);
  auto program = waymark::lower_pathway(workspace, *index);
  REQUIRE(program);
  Explained out{std::move(*program), {}, {}};
  const auto& p = out.program;
  auto test = std::find_if(p.tests.begin(), p.tests.end(), [&](const auto& t) { return p.str(t.name) == name; });
  REQUIRE(test != p.tests.end());
  waymark::rt::Machine machine(p);
  waymark::rt::Trace trace;
  machine.set_trace(&trace);
  const auto outcome = waymark::rt::run_test_case(p, *test, machine);
  REQUIRE(outcome.passed());
  out.explanation = waymark::rt::explain(p, machine, trace);
  out.text = waymark::rt::explanation_text(out.explanation);
  return out;
}

} // namespace

TEST_CASE("explanation: a classified record names the matched code, the pattern and the values read", "[explain]") {
  const auto e = explain_case("pathways/ebi/low_back_imaging_intent.wm", "CT of the spine in an adult NHS patient is classified");
  INFO(e.text);
  REQUIRE(e.explanation.rules.size() == 1);
  const auto& rule = e.explanation.rules[0];
  CHECK(rule.state == waymark::rt::RuleState::Fired);
  CHECK_THAT(rule.summary, Contains("fired because any procedures in ebi.spine_imaging"));
  CHECK_THAT(rule.summary, Contains("code U054 in Der_Procedure_All matched U05[45] in spine_imaging"));
  CHECK_THAT(rule.summary, Contains("age between 19 and 120 (Age_at_Start_of_Episode_SUS = 45)"));
  CHECK_THAT(e.text, Contains("set: category = \"2S_lower_back_imaging\""));
  CHECK_THAT(e.text, Contains("cite: GIRFT / EBI Low back pain imaging"));
}

TEST_CASE("explanation: a record not classified names the failing test and the path not taken", "[explain]") {
  const auto e = explain_case("pathways/ebi/low_back_imaging.wm", "Bone imaging without a lumbar or spine site code is not classified");
  INFO(e.text);
  const auto& rule = e.explanation.rules[0];
  CHECK(rule.state == waymark::rt::RuleState::NotFired);
  CHECK_THAT(rule.summary, Contains("did not fire: Der_Procedure_All like \"%O162%\" (Der_Procedure_All = \"U133\") is false"));
  CHECK_THAT(rule.summary, Contains("not evaluated (the path not taken)"));
  const auto decisive = std::count_if(rule.steps.begin(), rule.steps.end(), [](const auto& s) { return s.decisive; });
  CHECK(decisive == 1);
  const auto skipped = std::count_if(rule.steps.begin(), rule.steps.end(),
                                     [](const auto& s) { return s.value == waymark::rt::StepValue::NotEvaluated; });
  CHECK(skipped >= 5); // age, the four diagnosis patterns, the category: never reached
}

TEST_CASE("explanation: an undecided rule names the unknown test and the missing input", "[explain]") {
  const auto e = explain_case("pathways/ebi/low_back_imaging.wm",
                              "A record with no diagnosis list is not classified, as in the SQL");
  INFO(e.text);
  const auto& rule = e.explanation.rules[0];
  CHECK(rule.state == waymark::rt::RuleState::Unknown);
  CHECK_THAT(rule.summary, Contains("undecided: Der_Diagnosis_All not like \"%C[0-9][0-9]%\" (Der_Diagnosis_All = missing) is unknown"));
}

TEST_CASE("explanation: every rule of every pathway case is explained with a summary", "[explain]") {
  std::string error;
  size_t explained = 0;
  for (const auto& path : waymark::expand_source_paths((fs::path(WAYMARK_SOURCE_DIR) / "pathways").string(), error)) {
    waymark::Diagnostics diagnostics;
    waymark::Workspace workspace(diagnostics);
    auto index = workspace.load(path);
    REQUIRE(index);
    auto program = waymark::lower_pathway(workspace, *index);
    if (!program || program->rules.empty()) continue;
    waymark::rt::Machine machine(*program);
    waymark::rt::Trace trace;
    machine.set_trace(&trace);
    for (const auto& test : program->tests) {
      const auto outcome = waymark::rt::run_test_case(*program, test, machine);
      if (!outcome.rejected.empty()) continue;
      const auto explanation = waymark::rt::explain(*program, machine, trace);
      for (const auto& rule : explanation.rules) {
        INFO(path << ": " << program->str(test.name) << ": rule " << rule.name);
        CHECK(rule.state == machine.rule_state(rule.rule));
        CHECK_FALSE(rule.summary.empty());
        if (rule.state == waymark::rt::RuleState::Fired) CHECK_THAT(rule.summary, Contains("fired because"));
        ++explained;
      }
    }
  }
  CHECK(explained >= 100);
}

TEST_CASE("explanation: the why tree nests each test under the and/or/not that combines it", "[explain]") {
  const auto e = explain_case("pathways/ebi/low_back_imaging.wm", "Bone imaging without a lumbar or spine site code is not classified");
  INFO(e.text);
  const auto& rule = e.explanation.rules[0];
  // `Der_Procedure_All like "%Z665%" or Der_Procedure_All like "%O162%"`: false, over its two operands.
  auto site = std::find_if(rule.tree.begin(), rule.tree.end(), [](const auto& n) {
    return n.text == "Der_Procedure_All like \"%Z665%\" or Der_Procedure_All like \"%O162%\"";
  });
  REQUIRE(site != rule.tree.end());
  CHECK(site->value == waymark::rt::StepValue::False);
  REQUIRE(site->children.size() == 2);
  CHECK(rule.tree[site->children[1]].step >= 0);
  CHECK(rule.steps[static_cast<size_t>(rule.tree[site->children[1]].step)].decisive);
  // The whole `when`, whose operands are definitions compiled in place, takes the rule's outcome.
  auto whole = std::find_if(rule.tree.begin(), rule.tree.end(), [](const auto& n) {
    return n.text.rfind("lower_back_imaging_procedure and adult", 0) == 0;
  });
  REQUIRE(whole != rule.tree.end());
  CHECK(whole->value == waymark::rt::StepValue::False);
  CHECK_THAT(e.text, Contains("      > Der_Procedure_All like \"%O162%\": false"));
}
