// The debugger without a window: a test case of the STarT Back pathway stepped through, forward and back; and a
// row of a bundled sample instead of a test case.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

#include "waymark/compiler/program_loader.h"
#include "waymark/studio/data_table.h"
#include "waymark/studio/debug_session.h"
#include "waymark/studio/row_outcomes.h"

using namespace waymark;
using studio::DebugSession;

namespace {

std::shared_ptr<const rt::Program> startback() {
  Diagnostics diagnostics;
  auto program = load_program(std::string(WAYMARK_SOURCE_DIR) + "/pathways/startback/startback.wm", diagnostics);
  REQUIRE(program);
  return std::make_shared<const rt::Program>(std::move(*program));
}

const char* const kLowRisk = "A total score of 3 is still low risk";

std::string value_of(const std::vector<studio::NamedValue>& values, const std::string& name) {
  auto v = std::find_if(values.begin(), values.end(), [&](const auto& nv) { return nv.name == name; });
  return v == values.end() ? "(absent)" : v->value;
}

std::vector<std::string> all_event_texts(const DebugSession& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.event_count(); ++i) out.push_back(s.event_text(i));
  return out;
}

} // namespace

TEST_CASE("debug session: a test case is evaluated with a trace, and the position starts before the first event") {
  std::string error;
  auto s = DebugSession::for_test_case(startback(), kLowRisk, error);
  REQUIRE(s);
  CHECK(error.empty());
  CHECK(s->at_start());
  CHECK(s->event_count() > 10);
  CHECK(s->current_event_text().empty());
  CHECK_FALSE(s->current_location());
  CHECK(value_of(s->inputs(), "leg_pain") == "true");
  CHECK(value_of(s->inputs(), "bothersomeness") == "\"slightly\"");
  CHECK(value_of(s->outputs_so_far(), "risk") == "missing");
  CHECK(s->derived_so_far().empty());
  CHECK(s->explanation().rules.size() == s->program().rules.size());

  CHECK_FALSE(DebugSession::for_test_case(startback(), "no such case", error));
  CHECK(error == "no test case named \"no such case\"");
}

TEST_CASE("debug session: stepping to the end shows each event in words and ends with the case's outputs") {
  std::string error;
  auto s = DebugSession::for_test_case(startback(), kLowRisk, error);
  REQUIRE(s);
  const auto texts = all_event_texts(*s);
  INFO([&] { std::string all; for (const auto& t : texts) all += t + "\n"; return all; }());
  CHECK(std::count(texts.begin(), texts.end(), "rule low_risk entered") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "rule low_risk fired") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "rule medium_risk not fired") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "risk gets \"low\"") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "total = 3") >= 1);
  CHECK(std::count(texts.begin(), texts.end(), "leg_pain = true") >= 1);
  CHECK(std::any_of(texts.begin(), texts.end(), [](const std::string& t) { return t == "total <= 3: true"; }));

  while (!s->at_end()) s->step_forward();
  s->step_forward(); // past the end stays there
  CHECK(s->at_end());
  CHECK(value_of(s->outputs_so_far(), "risk") == "\"low\"");
  CHECK(value_of(s->outputs_so_far(), "total_score") == "3");
  CHECK(value_of(s->derived_so_far(), "total") == "3");
  CHECK(value_of(s->derived_so_far(), "complete") == "true");

  // And back: outputs disappear again once the step that set them is undone.
  size_t risk_set = 0;
  for (size_t i = 0; i < texts.size(); ++i)
    if (texts[i] == "risk gets \"low\"") risk_set = i;
  s->go_to(risk_set + 1);
  CHECK(s->current_event_text() == "risk gets \"low\"");
  CHECK(value_of(s->outputs_so_far(), "risk") == "\"low\"");
  s->step_back();
  CHECK(value_of(s->outputs_so_far(), "risk") == "missing");
  s->go_to(0);
  s->step_back();
  CHECK(s->at_start());
}

TEST_CASE("debug session: the current step points into the source") {
  std::string error;
  auto s = DebugSession::for_test_case(startback(), kLowRisk, error);
  REQUIRE(s);
  const auto texts = all_event_texts(*s);
  const size_t entered = static_cast<size_t>(std::find(texts.begin(), texts.end(), "rule low_risk entered") - texts.begin());
  s->go_to(entered + 1);
  REQUIRE(s->current_location());
  const auto& rule = *std::find_if(s->program().rules.begin(), s->program().rules.end(),
                                   [&](const auto& r) { return s->program().str(r.name) == "low_risk"; });
  CHECK(s->current_location()->line == rule.location.line);
  CHECK(s->current_rule() == std::optional<std::string>("low_risk"));
  // A test points at the line that writes it (here in the definition low_risk_group, which the rule uses).
  const size_t test = static_cast<size_t>(std::find(texts.begin(), texts.end(), "total <= 3: true") - texts.begin());
  REQUIRE(test < texts.size());
  s->go_to(test + 1);
  REQUIRE(s->current_location());
  const auto at = *s->current_location();
  REQUIRE(at.source < s->program().sources.size());
  const std::string& source = s->program().sources[at.source].text;
  size_t begin = 0;
  for (uint32_t line = 1; line < at.line; ++line) begin = source.find('\n', begin) + 1;
  const std::string line_text = source.substr(begin, source.find('\n', begin) - begin);
  CHECK(line_text.find("total <= 3") == at.column - 1);
}

TEST_CASE("debug session: breakpoints on rules stop a run forward and back") {
  std::string error;
  auto s = DebugSession::for_test_case(startback(), kLowRisk, error);
  REQUIRE(s);
  CHECK_FALSE(s->toggle_breakpoint("no_such_rule"));
  REQUIRE(s->toggle_breakpoint("medium_risk"));
  CHECK(s->has_breakpoint("medium_risk"));
  s->run_forward();
  CHECK(s->current_event_text() == "rule medium_risk entered");
  const size_t stop = s->position();
  s->run_forward(); // no other breakpoint: to the end
  CHECK(s->at_end());
  s->run_back();
  CHECK(s->position() == stop);
  s->run_back();
  CHECK(s->at_start());
  REQUIRE(s->toggle_breakpoint("medium_risk"));
  CHECK_FALSE(s->has_breakpoint("medium_risk"));
  s->run_forward();
  CHECK(s->at_end());
}

// ---- a row of the open data instead of a test case ----

namespace {

const std::string kEbiProgram = std::string(WAYMARK_SOURCE_DIR) + "/pathways/ebi/low_back_imaging.wm";
const std::string kEbiData = std::string(WAYMARK_SOURCE_DIR) + "/pathways/data/ebi_outpatients.csv";
const std::string kStartBackData = std::string(WAYMARK_SOURCE_DIR) + "/pathways/data/startback.csv";

std::shared_ptr<const rt::Program> load_shared(const std::string& path) {
  Diagnostics diagnostics;
  auto program = load_program(path, diagnostics);
  REQUIRE(program);
  return std::make_shared<const rt::Program>(std::move(*program));
}

studio::DataTable open_table(const std::string& path) {
  studio::DataTable table;
  std::string error;
  INFO(error);
  REQUIRE(table.open(path, error));
  return table;
}

size_t row_of_key(const studio::DataTable& table, const std::string& key) {
  for (size_t row = 0; row < table.row_count(); ++row)
    if (table.row(row).front() == key) return row;
  FAIL("no row " << key);
  return 0;
}

} // namespace

TEST_CASE("debug session: a data row is stepped through and ends with the outcome the data panel shows for it") {
  const auto program = load_shared(kEbiProgram);
  const studio::DataTable table = open_table(kEbiData);
  studio::RowOutcomes outcomes;
  std::vector<std::string> errors, warnings;
  REQUIRE(outcomes.evaluate(table, *program, errors, warnings));

  // Line 25: SUS0000000024,"O162,U133",||m479,61,61,01, which the script classifies.
  const size_t row = row_of_key(table, "SUS0000000024");
  CHECK(table.line(row) == 25);
  std::string error;
  auto s = DebugSession::for_row(program, table, row, error);
  INFO(error);
  REQUIRE(s);
  CHECK(s->at_start());
  CHECK(value_of(s->inputs(), "Der_Procedure_All") == "\"O162,U133\"");
  CHECK(value_of(s->inputs(), "Age_at_Start_of_Episode_SUS") == "61");
  CHECK(value_of(s->outputs_so_far(), "category") == "missing");
  const auto texts = all_event_texts(*s);
  INFO([&] { std::string all; for (const auto& t : texts) all += t + "\n"; return all; }());
  CHECK(std::count(texts.begin(), texts.end(), "rule lower_back_imaging entered") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "rule lower_back_imaging fired") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "Age_at_Start_of_Episode_SUS = 61") == 1);
  CHECK(std::count(texts.begin(), texts.end(), "age between 19 and 120: true") >= 1);
  CHECK(std::count(texts.begin(), texts.end(), "category gets \"2S_lower_back_imaging\"") == 1);

  s->step_forward();
  CHECK(s->position() == 1);
  CHECK(s->current_event_text() == texts[0]);
  s->step_back();
  CHECK(s->at_start());
  while (!s->at_end()) s->step_forward();
  CHECK(value_of(s->outputs_so_far(), "category") == "\"2S_lower_back_imaging\"");
  CHECK(value_of(s->outputs_so_far(), "category") == outcomes.outcome(row));
  REQUIRE(s->toggle_breakpoint("lower_back_imaging"));
  s->go_to(0);
  s->run_forward();
  CHECK(s->current_event_text() == "rule lower_back_imaging entered");

  // Every row of the sample: the session's outcome at the end is the data panel's.
  for (size_t r = 0; r < table.row_count(); ++r) {
    INFO("row " << r);
    auto each = DebugSession::for_row(program, table, r, error);
    REQUIRE(each);
    each->go_to(each->event_count());
    CHECK(value_of(each->outputs_so_far(), "category") == outcomes.outcome(r));
  }
}

TEST_CASE("debug session: a row that does not read gives no session, and the reason with its line") {
  const auto startback_program = startback();
  const studio::DataTable answers = open_table(kStartBackData);
  studio::RowOutcomes outcomes;
  std::vector<std::string> errors, warnings;
  REQUIRE(outcomes.evaluate(answers, *startback_program, errors, warnings));
  REQUIRE(outcomes.rejected_count() == 3);
  for (const studio::RowProblem& rejected : outcomes.rejections()) {
    std::string error;
    CHECK_FALSE(DebugSession::for_row(startback_program, answers, rejected.row, error));
    CHECK(error == "the row on line " + std::to_string(rejected.line) + " does not read: " + rejected.reason);
  }
  // Line 37 answers item 3 "y".
  std::string error;
  CHECK_FALSE(DebugSession::for_row(startback_program, answers, row_of_key(answers, "SB-0036"), error));
  CHECK(error == "the row on line 37 does not read: column 'walked_short_distances' (bool input "
                 "'walked_short_distances'): \"y\" is not true or false");
  // The rows that read are evaluated as the data panel evaluates them.
  auto read = DebugSession::for_row(startback_program, answers, 0, error);
  REQUIRE(read);
  read->go_to(read->event_count());
  CHECK(value_of(read->outputs_so_far(), "risk") == outcomes.outcome(0));

  // A malformed row (a field short) is refused with the reader's reason, as the data panel flags it.
  const auto ebi = load_shared(kEbiProgram);
  studio::DataTable table;
  REQUIRE(table.open_bytes("id,Der_Procedure_All,Der_Diagnosis_All,Age_at_Start_of_Episode_SUS,"
                           "Der_Age_at_CDS_Activity_Date,Administrative_Category\n"
                           "A,U054,M545,45,45,01\n"
                           "B,U054,M545,45,01\n",
                           error));
  REQUIRE(DebugSession::for_row(ebi, table, 0, error));
  CHECK_FALSE(DebugSession::for_row(ebi, table, 1, error));
  CHECK(error == "the row on line 3 does not read: expected 6 fields, found 5");
  CHECK_FALSE(DebugSession::for_row(ebi, table, 2, error));
  CHECK(error == "no row 3 (the data has 2)");

  // A table without a column the program requires: nothing to debug.
  studio::DataTable no_key;
  REQUIRE(no_key.open_bytes("Der_Procedure_All\nU054\n", error));
  CHECK_FALSE(DebugSession::for_row(ebi, no_key, 0, error));
  CHECK(error.find("'id'") != std::string::npos);
}
