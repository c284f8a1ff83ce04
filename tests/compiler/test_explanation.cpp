// Explanations of real pathway test cases: a fired rule names the tests that held with the inputs they read and
// the codes that matched; a rule that did not fire names the test that failed and the path not taken; an
// undecided rule names the unknown test and the missing input; a test that is false or unknown names every input
// it depends on that is missing, through definitions, however short the evaluation cut it.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.h"
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

// Runs test case `name` of the program with a trace and explains it.
Explained explain_program_case(waymark::rt::Program program, const std::string& name) {
  Explained out{std::move(program), {}, {}};
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

Explained explain_case(const std::string& pathway, const std::string& name) {
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  auto index = workspace.load((fs::path(WAYMARK_SOURCE_DIR) / pathway).string());
  REQUIRE(index);
  auto program = waymark::lower_pathway(workspace, *index);
  REQUIRE(program);
  return explain_program_case(std::move(*program), name);
}

Explained explain_text_case(const std::string& text, const std::string& name) {
  return explain_program_case(waymark::testing::compile_text(text, "missing.wm"), name);
}

const waymark::rt::RuleExplanation& rule_named(const Explained& e, const std::string& name) {
  auto rule = std::find_if(e.explanation.rules.begin(), e.explanation.rules.end(),
                           [&](const auto& r) { return r.name == name; });
  REQUIRE(rule != e.explanation.rules.end());
  return *rule;
}

const waymark::rt::ConditionStep& step_quoted(const waymark::rt::RuleExplanation& rule, const std::string& text) {
  auto step = std::find_if(rule.steps.begin(), rule.steps.end(), [&](const auto& s) { return s.text == text; });
  REQUIRE(step != rule.steps.end());
  return *step;
}

bool has_input(const waymark::rt::ConditionStep& step, const std::string& column) {
  return std::any_of(step.inputs.begin(), step.inputs.end(), [&](const auto& i) { return i.column == column; });
}

using Columns = std::vector<std::string>;

const char* const kIncompleteStartBack = "Items 3, 8 and 9 unanswered: not scored, whatever the other answers";

// A definition that uses another, each used in two places (so each is computed once, then remembered), and an
// input nothing depends on. `heavy` runs first, so at_risk, computed under `older_at_risk`, finds heavy_smoker
// remembered and reads no input for it; `any_age_at_risk` finds at_risk remembered.
const char* const kSmokers = R"(pathway t.absent
input
  age: int optional
  smoker: bool optional
  pack_years: int optional from "Pack years"
  bmi: decimal optional
  postcode: text optional
end
output
  risk: text
end
define heavy_smoker "Smoked 20 pack-years or more" = smoker and pack_years >= 20
define at_risk "A heavy smoker, or obese" = heavy_smoker or bmi > 30
rule heavy
  when heavy_smoker
  then set risk = "smoker"
  cite "c"
end
rule older_at_risk
  when age > 60 and at_risk
  then set risk = "high"
  cite "c"
end
rule any_age_at_risk
  when at_risk
  then set risk = "at risk"
  cite "c"
end
test "Smoking history unknown"
  given
    age = 72
    smoker = missing
    `Pack years` = missing
    bmi = 25
    postcode = missing
  expect
    risk is missing
    unknown heavy, older_at_risk, any_age_at_risk
end
test "Every input the rules depend on answered"
  given
    age = 72
    smoker = false
    `Pack years` = 5
    bmi = 25
    postcode = missing
  expect
    risk is missing
    not fired heavy, older_at_risk, any_age_at_risk
end
)";

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

TEST_CASE("explanation: a definition cut short at its first missing input names every missing input", "[explain]") {
  const auto e = explain_case("pathways/startback/startback.wm", kIncompleteStartBack);
  INFO(e.text);
  const auto& rule = rule_named(e, "low_risk");
  const auto& complete = step_quoted(rule, "complete");
  CHECK(complete.value == waymark::rt::StepValue::False);
  // The `and` stopped at walked_short_distances: not_enjoyed and bothersomeness were never read.
  CHECK(has_input(complete, "walked_short_distances"));
  CHECK_FALSE(has_input(complete, "not_enjoyed"));
  CHECK(complete.missing == Columns{"walked_short_distances", "not_enjoyed", "bothersomeness"});
  CHECK_THAT(rule.summary, Contains("complete = false; missing: walked_short_distances, not_enjoyed, bothersomeness)"));
  CHECK_THAT(waymark::rt::explanation_text(e.explanation, "low_risk"),
             Contains("      > complete: false (leg_pain = true, shoulder_neck_pain = false, walked_short_distances = "
                      "missing, complete = false)\n          missing: walked_short_distances, not_enjoyed, "
                      "bothersomeness\n"));
  // A test that was not evaluated lists nothing, though `total` depends on the missing items too.
  CHECK(step_quoted(rule, "total <= 3").missing.empty());
}

TEST_CASE("explanation: a remembered definition names its missing inputs under every rule that uses it", "[explain]") {
  const auto e = explain_case("pathways/startback/startback.wm", kIncompleteStartBack);
  INFO(e.text);
  for (const char* name : {"medium_risk", "high_risk"}) {
    const auto& rule = rule_named(e, name);
    INFO(name);
    const auto& complete = step_quoted(rule, "complete");
    CHECK(complete.value == waymark::rt::StepValue::False);
    CHECK(complete.decisive);
    // Remembered from low_risk: this rule read no input for it.
    CHECK_FALSE(has_input(complete, "walked_short_distances"));
    CHECK(complete.missing == Columns{"walked_short_distances", "not_enjoyed", "bothersomeness"});
    CHECK_THAT(rule.summary, Contains("did not fire: complete (complete = false; missing: walked_short_distances, "
                                      "not_enjoyed, bothersomeness) is false"));
    CHECK_THAT(waymark::rt::explanation_text(e.explanation, name),
               Contains("missing: walked_short_distances, not_enjoyed, bothersomeness"));
  }
}

TEST_CASE("explanation: a test on a definition that uses another names the missing inputs of both", "[explain]") {
  const auto e = explain_text_case(kSmokers, "Smoking history unknown");
  INFO(e.text);
  // heavy_smoker read both its inputs here: the text shows them as "= missing" once, not again in a list.
  const auto& heavy_rule = rule_named(e, "heavy");
  const auto& heavy = step_quoted(heavy_rule, "heavy_smoker");
  CHECK(heavy.value == waymark::rt::StepValue::Unknown);
  CHECK(heavy.missing == Columns{"smoker", "Pack years"});
  CHECK_THAT(heavy_rule.summary,
             Contains("(smoker = missing, Pack years = missing, heavy_smoker = missing) is unknown"));
  CHECK_THAT(waymark::rt::explanation_text(e.explanation, "heavy"), !Contains("missing:"));
  // at_risk = heavy_smoker (remembered from `heavy`) or bmi > 30: bmi is present, postcode is not used.
  const auto& rule = rule_named(e, "older_at_risk");
  const auto& at_risk = step_quoted(rule, "at_risk");
  CHECK(at_risk.value == waymark::rt::StepValue::Unknown);
  CHECK_FALSE(has_input(at_risk, "smoker"));
  CHECK(at_risk.missing == Columns{"smoker", "Pack years"});
  CHECK(step_quoted(rule, "age > 60").missing.empty()); // true: nothing to name
  CHECK_THAT(rule.summary, Contains("undecided: at_risk (heavy_smoker = missing, bmi = 25, at_risk = missing; "
                                    "missing: smoker, Pack years) is unknown"));
  // at_risk remembered from `older_at_risk`: still both of heavy_smoker's inputs.
  const auto& any_age = rule_named(e, "any_age_at_risk");
  CHECK(step_quoted(any_age, "at_risk").missing == Columns{"smoker", "Pack years"});
  CHECK_THAT(waymark::rt::explanation_text(e.explanation, "any_age_at_risk"),
             Contains("  > at_risk: unknown (at_risk = missing)\n      missing: smoker, Pack years\n"));
}

TEST_CASE("explanation: nothing is listed as missing when every input a test depends on is present", "[explain]") {
  const auto e = explain_text_case(kSmokers, "Every input the rules depend on answered");
  INFO(e.text);
  for (const auto& rule : e.explanation.rules) {
    CHECK(rule.state == waymark::rt::RuleState::NotFired);
    for (const auto& step : rule.steps) CHECK(step.missing.empty()); // postcode is missing, but no test uses it
  }
  CHECK_THAT(e.text, !Contains("missing:"));
  const auto complete = explain_case("pathways/startback/startback.wm",
                                     "A total score of 4 with a distress score of 3 is medium risk");
  INFO(complete.text);
  CHECK_THAT(rule_named(complete, "low_risk").summary, Contains("did not fire: total <= 3"));
  CHECK_THAT(complete.text, !Contains("missing:"));
}

TEST_CASE("explanation: a definition read in the condition and again in an action is derived once", "[explain]") {
  // low_risk tests `total` and then sets total_score = total: one value, one line.
  const auto e = explain_case("pathways/startback/startback.wm", "A total score of 3 is still low risk");
  INFO(e.text);
  const auto& derived = rule_named(e, "low_risk").derived;
  CHECK(std::count(derived.begin(), derived.end(), "total = 3") == 1);
  CHECK(std::count(derived.begin(), derived.end(), "item_9 = false") == 1);
  CHECK(std::count(derived.begin(), derived.end(), "distress = 0") == 1);
}

TEST_CASE("explanation: a rule that holds through `is false` and `not` gives them as its reasons", "[explain]") {
  const auto e = explain_case("pathways/ces/ces_triage.wm",
                              "A patient who answered no to every question is routine, with safety-netting and a CES card");
  INFO(e.text);
  const auto& summary = rule_named(e, "no_red_flags").summary;
  CHECK_THAT(summary, !Contains("it has no condition"));
  CHECK_THAT(summary, Contains("fired because core_red_flag is false (core_red_flag = false)"));
  CHECK_THAT(summary, Contains("bilateral_leg_pain is false (bilateral_leg_pain = false)"));
  CHECK_THAT(summary, Contains("not symptom_question_unanswered (symptom_question_unanswered = false)"));
  // An `or` that held gives its first operand that held, not the others.
  const auto imaging = explain_case("pathways/ebi/low_back_imaging.wm", "CT of the spine in an adult NHS patient is classified");
  INFO(imaging.text);
  const auto& fired = rule_named(imaging, "lower_back_imaging").summary;
  CHECK_THAT(fired, Contains("fired because Der_Procedure_All like \"%U05[45]%\""));
  CHECK_THAT(fired, !Contains("U13[2356]"));
}
