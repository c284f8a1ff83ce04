// waymark diff on compiled sources: equivalent rules compiled into differently laid-out programs compare equal,
// edits are found where they are, and the SQL-faithful and clinical-intent EBI imaging rules differ structurally
// and on exactly the records the clinical-intent file says they should.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "waymark/compiler/lowering.h"
#include "waymark/compiler/workspace.h"
#include "waymark/runtime/batch.h"
#include "waymark/runtime/outcome_diff.h"
#include "waymark/runtime/program_diff.h"

namespace fs = std::filesystem;
using namespace waymark;

namespace {

std::optional<rt::Program> compile_text(const std::string &text) {
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  auto root = workspace.load_text("diff_test.wm", text);
  if (!root || diagnostics.error_count() != 0) return std::nullopt;
  return lower_pathway(workspace, *root);
}

std::optional<rt::Program> compile_path(const std::string &relative) {
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  auto root = workspace.load((fs::path(WAYMARK_SOURCE_DIR) / relative).string());
  if (!root || diagnostics.error_count() != 0) return std::nullopt;
  return lower_pathway(workspace, *root);
}

const char *const kHeader = R"(pathway t.diff
input
  age: int optional
  name: text optional
  codes: code list optional
end
output
  band: text for classification
  flagged: bool
end
codeset lung "Lung" "C34*", "C33" end
define adult = age >= 18
)";

const char *const kRules = R"(
rule grown_up when adult and name <> "x" then classify "adult" cite "t" end
rule lung_code when any codes in lung and adult then set flagged = true cite "t" end
)";

} // namespace

TEST_CASE("diff: equivalent rules in differently laid-out programs compare equal", "[diff]") {
  auto base = compile_text(std::string(kHeader) + kRules);
  // A rule first takes the first registers, constants and code, so every index the other rules use moves.
  auto shifted =
      compile_text(std::string(kHeader) +
                   "rule early when age * 2 > 7 and name = \"y\" then set flagged = false cite \"t\" end\n" + kRules);
  REQUIRE(base);
  REQUIRE(shifted);
  const rt::ProgramDiff diff = rt::diff_programs(*base, *shifted);
  CHECK(diff.rules_added == std::vector<std::string>{"early"});
  CHECK(diff.rules_edited.empty());
  CHECK(diff.code_sets_edited.empty());
  CHECK(diff.schema.empty());
  CHECK(rt::diff_programs(*base, *compile_text(std::string(kHeader) + kRules)).empty());
}

TEST_CASE("diff: an edited definition edits every rule that uses it, and only those", "[diff]") {
  std::string edited = std::string(kHeader) + kRules;
  edited.replace(edited.find("age >= 18"), 9, "age >= 19");
  auto base = compile_text(std::string(kHeader) + kRules), changed = compile_text(edited);
  REQUIRE(base);
  REQUIRE(changed);
  const rt::ProgramDiff diff = rt::diff_programs(*base, *changed);
  REQUIRE(diff.rules_edited.size() == 2);
  CHECK(diff.rules_edited[0].rule == "grown_up");
  CHECK(diff.rules_edited[0].changes == std::vector<std::string>{"condition"});
  CHECK(diff.rules_edited[1].rule == "lung_code");

  std::string set_edit = std::string(kHeader) + kRules;
  set_edit.replace(set_edit.find("\"C33\""), 5, "\"C45\"");
  const rt::ProgramDiff sets = rt::diff_programs(*base, *compile_text(set_edit));
  REQUIRE(sets.rules_edited.size() == 1);
  CHECK(sets.rules_edited[0].rule == "lung_code");
  REQUIRE(sets.code_sets_edited.size() == 1);
  CHECK(sets.code_sets_edited[0].added == std::vector<std::string>{"C45"});
  CHECK(sets.code_sets_edited[0].removed == std::vector<std::string>{"C33"});
}

TEST_CASE("diff: the SQL-faithful and clinical-intent imaging rules, structurally", "[diff][ebi]") {
  auto sql = compile_path("pathways/ebi/low_back_imaging.wm");
  auto intent = compile_path("pathways/ebi/low_back_imaging_intent.wm");
  REQUIRE(sql);
  REQUIRE(intent);
  const rt::ProgramDiff diff = rt::diff_programs(*sql, *intent);
  CHECK(diff.rules_added.empty());
  CHECK(diff.rules_removed.empty());
  REQUIRE(diff.rules_edited.size() == 1);
  CHECK(diff.rules_edited[0].rule == "lower_back_imaging");
  CHECK(diff.rules_edited[0].changes.front() == "condition");
  std::vector<std::string> added;
  for (const auto &set : diff.code_sets_added) added.push_back(set.code_set);
  CHECK(added == std::vector<std::string>{"bone_or_general_imaging", "cancer_diagnoses", "lumbar_or_spine_site",
                                          "spine_imaging"});
  CHECK(diff.breaking() == 0);
  REQUIRE(diff.schema.size() == 2);
  CHECK(diff.schema[0].subject == "input 'procedures'");
  CHECK(diff.schema[1].subject == "input 'diagnoses'");
  CHECK(rt::diff_programs(*intent, *intent).empty());
}

TEST_CASE("diff: the SQL-faithful and clinical-intent imaging rules, record by record", "[diff][ebi]") {
  auto sql = compile_path("pathways/ebi/low_back_imaging.wm");
  auto intent = compile_path("pathways/ebi/low_back_imaging_intent.wm");
  REQUIRE(sql);
  REQUIRE(intent);
  std::istringstream in("id,Der_Procedure_All,Der_Diagnosis_All,Age_at_Start_of_Episode_SUS,"
                        "Der_Age_at_CDS_Activity_Date,Administrative_Category\n"
                        "same,U055,M545,45,,01\n"            // both classify
                        "nodx1,U055,,45,,01\n"               // no diagnoses: unknown under the SQL
                        "dotted,U05.5,M545,45,,01\n"         // a dotted code: the SQL's pattern misses it
                        "nodx2,\"||U054 ,X622\",,60,60,01\n" // no diagnoses again
                        "longer,U0541,M545,45,,01\n"         // a substring that is not a listed code
                        "private,U055,,45,,02\n"             // private: excluded by both
                        "bad,U05/5,M545,45,,01\n");          // not a code: only the code list rejects it
  rt::CsvSource source(in);
  std::string error;
  REQUIRE(source.open(error));
  std::vector<std::string> problems;
  const rt::DiffColumns columns = rt::plan_diff_columns(*sql, *intent, source.header(), "", problems);
  REQUIRE(problems.empty());
  CHECK(columns.key_column == "id");
  const rt::OutcomeDiffReport report = rt::diff_outcomes(*sql, *intent, source, columns, rt::OutcomeDiffOptions{});
  CHECK(report.rows_read == 7);
  CHECK(report.rows_compared == 6);
  CHECK(report.rows_changed == 4);
  CHECK(report.rejected_by_new == 1);
  REQUIRE(report.rejected.size() == 1);
  CHECK(report.rejected[0].key == "bad");
  CHECK(report.rejected[0].reason.find("'U05/5' in \"U05/5\" is not a valid code") != std::string::npos);

  REQUIRE(report.groups.size() == 3);
  const rt::OutcomeGroup &no_diagnoses = report.groups[0];
  CHECK(no_diagnoses.rows == 2);
  CHECK(no_diagnoses.old_outcome == "category = missing");
  CHECK(no_diagnoses.new_outcome == "category = \"2S_lower_back_imaging\"");
  CHECK(no_diagnoses.rules[0].describe() == "lower_back_imaging (unknown → fired)");
  CHECK(no_diagnoses.examples == std::vector<std::string>{"nodx1", "nodx2"});
  const rt::OutcomeGroup &dotted = report.groups[1];
  CHECK(dotted.examples == std::vector<std::string>{"dotted"});
  CHECK(dotted.rules[0].describe() == "lower_back_imaging (not fired → fired)");
  const rt::OutcomeGroup &longer = report.groups[2];
  CHECK(longer.examples == std::vector<std::string>{"longer"});
  CHECK(longer.old_outcome == "category = \"2S_lower_back_imaging\"");
  CHECK(longer.new_outcome == "category = missing");
  CHECK(longer.rules[0].describe() == "lower_back_imaging (fired → not fired)");
}
