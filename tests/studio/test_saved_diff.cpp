// The edit against the last saved version over the open data: both versions of the buffer run over a bundled
// sample, the changed records listed with their old and new outputs, and every reason it cannot run said.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pathway_sources.h"
#include "temp_folder.h"
#include "waymark/studio/saved_diff.h"

using namespace waymark;
using namespace waymark::studio;
using namespace waymark::studio::testing;

namespace {

const std::string kEbi = std::string(WAYMARK_SOURCE_DIR) + "/pathways/ebi/low_back_imaging.wm";
const std::string kOutpatients = std::string(WAYMARK_SOURCE_DIR) + "/pathways/data/ebi_outpatients.csv";
const std::string kStartBackData = std::string(WAYMARK_SOURCE_DIR) + "/pathways/data/startback.csv";

// The adult age band narrowed from 19-120 to 19-60.
std::string narrowed_age_band(const std::string &text) {
  return replaced(text, "  age between 19 and 120\n", "  age between 19 and 60\n");
}

std::vector<std::string> keys_of(const SavedDiff &diff) {
  std::vector<std::string> keys;
  for (const ChangedRow &row : diff.changed) keys.push_back(row.key);
  return keys;
}

} // namespace

TEST_CASE("saved diff: the saved text against itself changes no record") {
  const std::string text = read_source(kEbi);
  const SavedDiff diff = diff_against_saved(kEbi, text, text, kOutpatients);
  INFO(diff.error);
  REQUIRE(diff.ran);
  CHECK(diff.error.empty());
  CHECK(diff.report.rows_read == 400);
  CHECK(diff.report.rows_compared == 400);
  CHECK(diff.report.rows_changed == 0);
  CHECK(diff.report.groups.empty());
  CHECK(diff.changed.empty());
  CHECK_FALSE(diff.report.changed());
  CHECK(diff.summary == "0 of 400 records change");
}

TEST_CASE("saved diff: narrowing the age band lists the records that lose their category, with old and new values") {
  const std::string saved = read_source(kEbi);
  const SavedDiff diff = diff_against_saved(kEbi, saved, narrowed_age_band(saved), kOutpatients);
  INFO(diff.error);
  REQUIRE(diff.ran);
  CHECK(diff.report.rows_read == 400);
  CHECK(diff.report.rows_changed == 5);
  CHECK(diff.summary == "5 of 400 records change");
  // Of the 8 records the script classifies, those aged 61 to 120, in input order.
  CHECK(keys_of(diff) ==
        std::vector<std::string>{"SUS0000000024", "SUS0000000031", "SUS0000000217", "SUS0000000318", "SUS0000000379"});
  REQUIRE(diff.report.groups.size() == 1);
  CHECK(diff.report.groups[0].old_outcome == "category = \"2S_lower_back_imaging\"");
  CHECK(diff.report.groups[0].new_outcome == "category = missing");
  CHECK(diff.report.groups[0].rows == 5);

  // By hand, line 25 of the sample: SUS0000000024,"O162,U133",||m479,61,61,01. U133 (bone imaging) with O162 (spine
  // site) is imaging of the lower back; m479 is no cancer diagnosis; category 01 is NHS; and the episode age 61 is
  // in 19-120 but not in 19-60. So the saved version classifies it and the edited one leaves it missing.
  const ChangedRow &row = diff.changed.front();
  CHECK(row.key == "SUS0000000024");
  CHECK(row.output_names == std::vector<std::string>{"category"});
  CHECK(row.old_outputs == std::vector<std::string>{"2S_lower_back_imaging"});
  CHECK(row.new_outputs == std::vector<std::string>{""});
  CHECK(row.rules == "lower_back_imaging");

  // `limit` keeps the first records only; the counts still cover them all.
  const SavedDiff first_two = diff_against_saved(kEbi, saved, narrowed_age_band(saved), kOutpatients, 2);
  REQUIRE(first_two.ran);
  CHECK(keys_of(first_two) == std::vector<std::string>{"SUS0000000024", "SUS0000000031"});
  CHECK(first_two.report.rows_changed == 5);
}

TEST_CASE("saved diff: a widened code pattern classifies more records, and outputs line up by name") {
  const std::string saved = read_source(kEbi);
  // Any CT or MRI code U05x counts as spine imaging, not only U054 and U055; and a new output only the edited version
  // has (never set, so missing on every record).
  std::string edited =
      replaced(saved, "  Der_Procedure_All like \"%U05[45]%\"\n", "  Der_Procedure_All like \"%U05[0-9]%\"\n");
  edited =
      replaced(edited, "  category: text for classification\n", "  category: text for classification\n  note: text\n");
  const SavedDiff diff = diff_against_saved(kEbi, saved, edited, kOutpatients);
  INFO(diff.error);
  REQUIRE(diff.ran);
  CHECK(diff.report.rows_changed == 26);
  CHECK(diff.summary == "26 of 400 records change");
  REQUIRE(diff.changed.size() == 26);
  // By hand, line 7: SUS0000000006,"||Z941 ,U059","M543,Z921,J459||",33,33,01. U059 is no U054 or U055, and there is
  // no bone or general imaging code, so the saved version leaves it; the edited one reads U059 as spine imaging, and
  // the record is an adult (33) NHS (01) patient without a cancer diagnosis.
  CHECK(diff.changed.front().key == "SUS0000000006");
  for (const ChangedRow &row : diff.changed) {
    INFO(row.key);
    CHECK(row.output_names == std::vector<std::string>{"category", "note"});
    CHECK(row.old_outputs == std::vector<std::string>{"", ""});
    CHECK(row.new_outputs == std::vector<std::string>{"2S_lower_back_imaging", ""});
    CHECK(row.rules == "lower_back_imaging");
  }
}

TEST_CASE("saved diff: rejected rows are counted apart, and one version alone rejecting a row is said") {
  const std::string saved = read_source(kStartBack);
  const SavedDiff same = diff_against_saved(kStartBack, saved, saved, kStartBackData);
  INFO(same.error);
  REQUIRE(same.ran);
  CHECK(same.report.rows_read == 200);
  CHECK(same.report.rejected_by_both == 3);
  CHECK(same.summary == "0 of 200 records change; 3 rejected");

  // Line 74 of the sample answers item 9 "Very much", which the saved version's `one of` does not allow.
  const std::string edited =
      replaced(saved, "one of [\"not at all\", \"slightly\", \"moderately\", \"very much\", \"extremely\"]",
               "one of [\"not at all\", \"slightly\", \"moderately\", \"very much\", \"Very much\", \"extremely\"]");
  const SavedDiff diff = diff_against_saved(kStartBack, saved, edited, kStartBackData);
  INFO(diff.error);
  REQUIRE(diff.ran);
  CHECK(diff.report.rejected_by_old == 1);
  CHECK(diff.report.rejected_by_both == 2);
  CHECK(diff.summary == "0 of 200 records change; 3 rejected (1 by the saved version only)");
  const auto line_74 = std::find_if(diff.report.rejected.begin(), diff.report.rejected.end(),
                                    [](const rt::RejectedRow &r) { return r.line == 74; });
  REQUIRE(line_74 != diff.report.rejected.end());
  CHECK(line_74->rejected_by == "old");
  CHECK(line_74->key == "SB-0073");
}

TEST_CASE("saved diff: a version that does not compile is named, with its first error") {
  const std::string saved = read_source(kEbi);
  const std::string broken = replaced(saved, "    and adult\n", "    and adultt\n");

  const SavedDiff edited_broken = diff_against_saved(kEbi, saved, broken, kOutpatients);
  CHECK_FALSE(edited_broken.ran);
  CHECK(edited_broken.error.rfind("the edited version does not compile: " + kEbi + ":", 0) == 0);
  CHECK(edited_broken.error.find("adultt") != std::string::npos);
  CHECK(edited_broken.changed.empty());
  CHECK(edited_broken.summary.empty());

  const SavedDiff saved_broken = diff_against_saved(kEbi, broken, saved, kOutpatients);
  CHECK_FALSE(saved_broken.ran);
  CHECK(saved_broken.error.rfind("the saved version does not compile: " + kEbi + ":", 0) == 0);
}

TEST_CASE("saved diff: data that cannot be read, or lacks a required column, stops it with the reason") {
  const std::string text = read_source(kEbi);
  TempFolder folder;

  const std::string missing = (folder / "missing.csv").string();
  const SavedDiff no_file = diff_against_saved(kEbi, text, text, missing);
  CHECK_FALSE(no_file.ran);
  CHECK(no_file.error == "cannot read " + missing + ": No such file or directory");

  const SavedDiff a_folder = diff_against_saved(kEbi, text, text, folder.path().string());
  CHECK_FALSE(a_folder.ran);
  CHECK(a_folder.error == "cannot read " + folder.path().string() + ": it is a directory");

  // No `id` column, which the key input reads.
  const std::string no_key = (folder / "no_key.csv").string();
  write_bytes(no_key, "Der_Procedure_All,Der_Diagnosis_All\nU054,M545\n");
  const SavedDiff lacking = diff_against_saved(kEbi, text, text, no_key);
  CHECK_FALSE(lacking.ran);
  CHECK(lacking.error.rfind(no_key + ": ", 0) == 0);
  CHECK(lacking.error.find("'id'") != std::string::npos);
}
