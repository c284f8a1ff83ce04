// The data panel's state: a CSV indexed once and parsed on demand, a program's outcome per row, rows as test cases.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "temp_folder.h"
#include "waymark/compiler/lowering.h"
#include "waymark/compiler/program_loader.h"
#include "waymark/compiler/workspace.h"
#include "waymark/runtime/batch.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/test_runner.h"
#include "waymark/studio/data_table.h"
#include "waymark/studio/row_outcomes.h"

using namespace waymark;
using namespace waymark::studio;
using Cells = std::vector<std::string>;

namespace {

const std::string kSource = WAYMARK_SOURCE_DIR;
const std::string kEbiProgram = kSource + "/pathways/ebi/low_back_imaging.wm";
const std::string kEbiData = kSource + "/pathways/data/ebi_outpatients.csv";
const std::string kStartBackProgram = kSource + "/pathways/startback/startback.wm";
const std::string kStartBackData = kSource + "/pathways/data/startback.csv";

rt::Program load(const std::string& path) {
  Diagnostics diagnostics;
  auto program = load_program(path, diagnostics);
  REQUIRE(program);
  return std::move(*program);
}

DataTable table_of(std::string bytes) {
  DataTable table;
  std::string error;
  REQUIRE(table.open_bytes(std::move(bytes), error));
  CHECK(error.empty());
  return table;
}

DataTable open_file(const std::string& path) {
  DataTable table;
  std::string error;
  INFO(error);
  REQUIRE(table.open(path, error));
  return table;
}

RowOutcomes evaluate(const DataTable& table, const rt::Program& program) {
  RowOutcomes outcomes;
  std::vector<std::string> errors, warnings;
  REQUIRE(outcomes.evaluate(table, program, errors, warnings));
  CHECK(errors.empty());
  return outcomes;
}

// What a batch run makes of each record, worked out apart from DataTable and RowOutcomes: the runtime's own CSV
// source, and a fresh Machine per record. Per record: its line and its outcome, or kRejected.
std::vector<std::pair<uint64_t, std::string>> reference_outcomes(const std::string& csv, const rt::Program& program) {
  std::ifstream in(csv, std::ios::binary);
  rt::CsvSource source(in);
  std::string error;
  REQUIRE(source.open(error));
  std::vector<std::string> errors;
  const rt::ColumnPlan plan = rt::plan_columns(program, source.header(), "", errors);
  REQUIRE(errors.empty());
  source.select(plan.columns);
  const int64_t output = outcome_output_of(program);
  std::vector<std::pair<uint64_t, std::string>> out;
  rt::SourceRecord record;
  while (source.next(record)) {
    rt::Machine machine(program);
    std::vector<std::string_view> raw;
    for (uint32_t cell : plan.field_cell) raw.push_back(record.cells[cell]);
    if (!record.error.empty() || !machine.read(raw, error)) {
      out.emplace_back(record.line, std::string(RowOutcomes::kRejected));
      continue;
    }
    machine.evaluate();
    out.emplace_back(record.line, rt::format_output_value(machine, static_cast<uint32_t>(output)));
  }
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A draft as the source writes a test case.
std::string test_block(const CaseDraft& draft) {
  std::string out = "\ntest " + rt::quote_text(draft.name) + "\n  given\n";
  for (const GivenValue& given : draft.given) out += "    " + given.column + " = " + given.literal.value_or("missing") + "\n";
  out += "  expect\n";
  for (const std::string& line : draft.expect) out += "    " + line + "\n";
  return out + "end\n";
}

// Promotes every evaluated row, writes the drafts into the program's own source as test cases, compiles it and runs
// them: each must compile and pass, so the given literals read back as the row did and the expectations hold.
void check_promotions_pass(const std::string& program_path, const DataTable& table, const rt::Program& program,
                           const RowOutcomes& outcomes) {
  std::string source = read_text(program_path);
  size_t promoted = 0;
  for (size_t row = 0; row < table.row_count(); ++row) {
    if (outcomes.rejected(row)) continue;
    const CaseDraft draft = promote_row(table, row, program, "promoted row " + std::to_string(row));
    REQUIRE(draft.expect.size() == program.outputs.size());
    source += test_block(draft);
    ++promoted;
  }
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  auto root = workspace.load_text(program_path, source);
  REQUIRE(root);
  if (diagnostics.error_count() != 0) {
    std::ostringstream rendered;
    diagnostics.render(rendered, false);
    FAIL(rendered.str());
  }
  auto compiled = lower_pathway(workspace, *root);
  REQUIRE(compiled);
  rt::Machine machine(*compiled);
  size_t ran = 0;
  for (const rt::TestCaseInfo& test : compiled->tests) {
    if (!compiled->str(test.name).starts_with("promoted row ")) continue;
    const rt::TestOutcome outcome = rt::run_test_case(*compiled, test, machine);
    INFO(compiled->str(test.name) << ": " << outcome.rejected
                                  << (outcome.failures.empty() ? "" : outcome.failures.front().message));
    CHECK(outcome.passed());
    ++ran;
  }
  CHECK(ran == promoted);
}

} // namespace

TEST_CASE("data table: quoted fields with commas and newlines, CRLF, no final line ending") {
  DataTable table = table_of("id,note,n\r\n"
                             "a,\"one, two\",1\r\n"
                             "b,\"line one\r\nline \"\"two\"\"\",2\r\n"
                             "c,plain,3");
  CHECK(table.header() == Cells{"id", "note", "n"});
  REQUIRE(table.row_count() == 3);
  CHECK(table.row(0) == Cells{"a", "one, two", "1"});
  CHECK(table.row(1) == Cells{"b", "line one\r\nline \"two\"", "2"});
  CHECK(table.row(2) == Cells{"c", "plain", "3"});
  CHECK(table.line(0) == 2);
  CHECK(table.line(1) == 3);
  CHECK(table.line(2) == 5); // the quoted newline made record b two physical lines
  CHECK(table.problems().empty());
}

TEST_CASE("data table: a BOM is skipped and LF-only files read the same") {
  DataTable table = table_of("\xEF\xBB\xBFid,x\na,1\nb,2\n\n\n");
  CHECK(table.header() == Cells{"id", "x"});
  REQUIRE(table.row_count() == 2); // blank lines at the end are an export artefact, not rows
  CHECK(table.row(1) == Cells{"b", "2"});
}

TEST_CASE("data table: malformed rows are kept in place and flagged with their line") {
  DataTable table = table_of("id,x,y\n"
                             "a,1,2\n"
                             "b,1\n"          // too few fields
                             "\n"             // a blank line in the middle: one empty field
                             "c,\"1\"z,2\n"   // junk after a closing quote
                             "d,1,2,3\n"      // too many
                             "e,5,6\n");
  REQUIRE(table.row_count() == 6);
  REQUIRE(table.problems().size() == 4);
  CHECK(table.problem(0) == nullptr);
  REQUIRE(table.problem(1) != nullptr);
  CHECK(table.problem(1)->line == 3);
  CHECK(table.problem(1)->reason == "expected 3 fields, found 2");
  CHECK(table.row(1) == Cells{"b", "1"});
  REQUIRE(table.problem(2) != nullptr);
  CHECK(table.problem(2)->line == 4);
  CHECK(table.problem(2)->reason == "expected 3 fields, found 1");
  CHECK(table.row(2) == Cells{""});
  REQUIRE(table.problem(3) != nullptr);
  CHECK(table.problem(3)->line == 5);
  CHECK(table.problem(3)->reason == "field 2: unexpected character 'z' after closing quote");
  CHECK(table.row(3) == Cells{"c", "1z", "2"});
  CHECK(table.problem(4)->reason == "expected 3 fields, found 4");
  CHECK(table.problem(5) == nullptr);
  CHECK(table.row(5) == Cells{"e", "5", "6"});
}

TEST_CASE("data table: an unclosed quote runs to the end and is flagged") {
  DataTable table = table_of("id,x\na,\"open\nb,2\n");
  REQUIRE(table.row_count() == 1);
  REQUIRE(table.problem(0) != nullptr);
  CHECK(table.problem(0)->line == 2);
  CHECK(table.problem(0)->reason.find("unterminated quoted field") != std::string::npos);
}

TEST_CASE("data table: files that cannot be opened say why") {
  DataTable table;
  std::string error;
  CHECK_FALSE(table.open("/nonexistent/waymark/data.csv", error));
  CHECK(error == "cannot open '/nonexistent/waymark/data.csv'");
  CHECK_FALSE(table.open_bytes("", error));
  CHECK(error == "the file is empty: it has no header row");
  CHECK_FALSE(table.open_bytes("id,x,id\n1,2,3\n", error));
  CHECK(error == "the header names column 'id' twice (columns 1 and 3)");
  CHECK(table.row_count() == 0);
}

TEST_CASE("data table: 200,000 rows are indexed in 16 bytes a row and any row reads on demand") {
  testing::TempFolder folder;
  const auto path = folder / "big.csv";
  constexpr size_t kRows = 200'000;
  {
    std::ofstream out(path, std::ios::binary);
    out << "respondent,leg_pain,shoulder_neck_pain,walked_short_distances,dressed_slowly,unsafe_to_be_active,"
           "worrying_thoughts,pain_terrible,not_enjoyed,bothersomeness\n";
    const char* bother[] = {"not at all", "slightly", "moderately", "very much", "extremely"};
    for (size_t i = 0; i < kRows; ++i) {
      out << "R" << i;
      for (size_t item = 0; item < 8; ++item) out << ',' << (((i >> item) & 1) ? "agree" : "disagree");
      out << ',' << (i % 1000 == 999 ? "\"a lot, really\"" : bother[i % 5]) << '\n';
    }
  }
  DataTable table = open_file(path.string());
  REQUIRE(table.row_count() == kRows);
  STATIC_REQUIRE(sizeof(DataTable::RecordStart) == 16);
  CHECK(table.index_bytes() == kRows * sizeof(DataTable::RecordStart));
  CHECK(table.problems().empty());
  CHECK(table.row(0) == Cells{"R0", "disagree", "disagree", "disagree", "disagree", "disagree", "disagree",
                              "disagree", "disagree", "not at all"});
  const Cells middle = table.row(100'000); // 100000 = 0b...10100000: items 6 and 8 agree
  CHECK(middle == Cells{"R100000", "disagree", "disagree", "disagree", "disagree", "disagree", "agree", "disagree",
                        "agree", "not at all"});
  CHECK(table.line(100'000) == 100'002);
  CHECK(table.row(kRows - 1).front() == "R199999");
  CHECK(table.row(kRows - 1).back() == "a lot, really");

  // Every row through the program: "a lot, really" is not an allowed answer, so one row in 1000 is rejected.
  const rt::Program program = load(kStartBackProgram);
  const RowOutcomes outcomes = evaluate(table, program);
  CHECK(outcomes.row_count() == kRows);
  CHECK(outcomes.rejected_count() == kRows / 1000);
  uint64_t total = outcomes.rejected_count();
  for (const OutcomeValue& value : outcomes.values()) total += value.rows;
  CHECK(total == kRows);
  CHECK(outcomes.filter(RowOutcomes::kRejected).front() == 999);
}

TEST_CASE("row outcomes: the EBI outpatient sample matches a batch run") {
  const rt::Program program = load(kEbiProgram);
  const DataTable table = open_file(kEbiData);
  REQUIRE(table.row_count() == 400);
  CHECK(table.header().front() == "id");
  CHECK(table.row(0) == Cells{"SUS0000000001", "||X622", "M545", "", "41", "01"});
  CHECK(table.row(1) == Cells{"SUS0000000002", "u132,u059", "R522,M545", "74", "74", ""});

  const RowOutcomes outcomes = evaluate(table, program);
  CHECK(outcomes.outcome_name() == "category");
  // As `waymark run` reports: 2S_lower_back_imaging 8, (missing) 392, nothing rejected.
  std::map<std::string, uint64_t> counts;
  for (const OutcomeValue& value : outcomes.values()) counts[value.value] = value.rows;
  CHECK(counts == std::map<std::string, uint64_t>{{"\"2S_lower_back_imaging\"", 8}, {"missing", 392}});
  CHECK(outcomes.rejected_count() == 0);

  const auto reference = reference_outcomes(kEbiData, program);
  REQUIRE(reference.size() == table.row_count());
  for (size_t row = 0; row < table.row_count(); ++row) {
    INFO("row " << row);
    CHECK(table.line(row) == reference[row].first);
    CHECK(outcomes.outcome(row) == reference[row].second);
  }
  const std::vector<size_t> imaging = outcomes.filter("\"2S_lower_back_imaging\"");
  REQUIRE(imaging.size() == 8);
  for (size_t row : imaging) CHECK(reference[row].second == "\"2S_lower_back_imaging\"");
  CHECK(outcomes.filter("missing").size() == 392);
  CHECK(outcomes.filter(RowOutcomes::kRejected).empty());
  CHECK(outcomes.filter("\"no such value\"").empty());

  check_promotions_pass(kEbiProgram, table, program, outcomes);
}

TEST_CASE("row outcomes: the STarT Back sample, with its three rejected rows") {
  const rt::Program program = load(kStartBackProgram);
  const DataTable table = open_file(kStartBackData);
  REQUIRE(table.row_count() == 200);
  const RowOutcomes outcomes = evaluate(table, program);
  CHECK(outcomes.outcome_name() == "risk");
  std::map<std::string, uint64_t> counts;
  for (const OutcomeValue& value : outcomes.values()) counts[value.value] = value.rows;
  CHECK(counts == std::map<std::string, uint64_t>{{"\"low\"", 90}, {"\"medium\"", 50}, {"\"high\"", 26}, {"missing", 31}});

  // As `waymark run` lists them in its errors file.
  REQUIRE(outcomes.rejected_count() == 3);
  const std::vector<RowProblem>& rejected = outcomes.rejections();
  CHECK(rejected[0].line == 37);
  CHECK(rejected[0].reason == "column 'walked_short_distances' (bool input 'walked_short_distances'): \"y\" is not true or false");
  CHECK(rejected[1].line == 74);
  CHECK(rejected[1].reason == "column 'bothersomeness' (text input 'bothersomeness'): \"Very much\" is not one of the values the input allows");
  CHECK(rejected[2].line == 100);
  CHECK(outcomes.filter(RowOutcomes::kRejected) == std::vector<size_t>{rejected[0].row, rejected[1].row, rejected[2].row});
  CHECK(outcomes.rejected(rejected[1].row));
  CHECK(outcomes.outcome(rejected[1].row) == RowOutcomes::kRejected);
  REQUIRE(outcomes.rejection(rejected[1].row) != nullptr);
  CHECK(outcomes.rejection(rejected[1].row)->line == 74);
  CHECK(outcomes.rejection(0) == nullptr);
  CHECK(outcomes.evaluation_errors().empty());

  const auto reference = reference_outcomes(kStartBackData, program);
  REQUIRE(reference.size() == table.row_count());
  for (size_t row = 0; row < table.row_count(); ++row) {
    INFO("row " << row);
    CHECK(outcomes.outcome(row) == reference[row].second);
  }
  check_promotions_pass(kStartBackProgram, table, program, outcomes);
}

TEST_CASE("row outcomes: a table lacking a column the program requires is not evaluated") {
  const rt::Program program = load(kEbiProgram);
  const DataTable table = table_of("Der_Procedure_All\nU054\n");
  RowOutcomes outcomes;
  std::vector<std::string> errors, warnings;
  CHECK_FALSE(outcomes.evaluate(table, program, errors, warnings));
  CHECK(errors == std::vector<std::string>{"the input has no column 'id', which key field 'id' reads"});
  CHECK_FALSE(outcomes.evaluated());
}

TEST_CASE("promotion: a row's cells become literals of each input's type, in schema order") {
  const rt::Program program = load(kStartBackProgram);
  const DataTable table = open_file(kStartBackData);
  // SB-0001,Disagree,Agree,Disagree,Disagree,Disagree,Disagree,Disagree,Disagree,moderately
  const CaseDraft draft = promote_row(table, 0, program, "SB-0001");
  CHECK(draft.name == "SB-0001");
  REQUIRE(draft.given.size() == 9); // the respondent column is not an input
  CHECK(draft.given[0].column == "leg_pain");
  CHECK(draft.given[0].literal == "false");
  CHECK(draft.given[1].column == "shoulder_neck_pain");
  CHECK(draft.given[1].literal == "true");
  CHECK(draft.given[8].column == "bothersomeness");
  CHECK(draft.given[8].literal == "\"moderately\"");
  REQUIRE(draft.expect.size() == 5); // every output, in declaration order
  CHECK(draft.expect[0] == "total_score = 1");
  CHECK(draft.expect[1] == "distress_score = 0");
  CHECK(draft.expect[2] == "risk = \"low\"");
  CHECK(draft.expect[3].starts_with("treatment = \""));
  CHECK(draft.expect[4].starts_with("snomed = \""));

  // A rejected row keeps its cells but pins nothing.
  const RowOutcomes outcomes = evaluate(table, program);
  const CaseDraft rejected = promote_row(table, outcomes.rejections()[0].row, program, "y is not a bool");
  CHECK(rejected.given.size() == 9);
  CHECK(rejected.given[2].literal == "\"y\"");
  CHECK(rejected.expect.empty());
}

TEST_CASE("promotion: missing outputs are written `is missing`, empty cells as missing") {
  const rt::Program program = load(kEbiProgram);
  const DataTable table = open_file(kEbiData);
  // SUS0000000001,||X622,M545,,41,01
  const CaseDraft draft = promote_row(table, 0, program, "first");
  REQUIRE(draft.given.size() == 6);
  CHECK(draft.given[0].column == "id");
  CHECK(draft.given[0].literal == "\"SUS0000000001\"");
  CHECK(draft.given[3].column == "Age_at_Start_of_Episode_SUS");
  CHECK_FALSE(draft.given[3].literal.has_value());
  CHECK(draft.given[4].literal == "41");
  CHECK(draft.expect == std::vector<std::string>{"category is missing"});
}

TEST_CASE("promotion: given literals for every input type") {
  using rt::BaseType;
  auto literal = [](BaseType base, std::string_view cell, bool list = false) {
    return cell_literal(rt::ValueType{base, list}, cell);
  };
  CHECK_FALSE(literal(BaseType::Int, "").has_value());
  CHECK(literal(BaseType::Int, "45") == "45");
  CHECK(literal(BaseType::Int, "-3") == "-3");
  CHECK(literal(BaseType::Int, "007") == "7");
  CHECK(literal(BaseType::Int, "4.5") == "\"4.5\""); // does not read as an int: left for the checker to point at
  CHECK(literal(BaseType::Decimal, "3.50") == "3.50");
  CHECK(literal(BaseType::Decimal, "12") == "12");
  CHECK(literal(BaseType::Decimal, ".5") == "0.5");
  CHECK(literal(BaseType::Decimal, "abc") == "\"abc\"");
  for (const char* yes : {"true", "TRUE", "yes", "Yes", "1", "agree", "Agree"}) CHECK(literal(BaseType::Bool, yes) == "true");
  for (const char* no : {"false", "No", "0", "disagree", "DISAGREE"}) CHECK(literal(BaseType::Bool, no) == "false");
  CHECK(literal(BaseType::Bool, "y") == "\"y\"");
  CHECK(literal(BaseType::Date, "2024-01-31") == "@2024-01-31");
  CHECK(literal(BaseType::Date, "2024-02-30") == "\"2024-02-30\"");
  CHECK(literal(BaseType::Text, "say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(literal(BaseType::Code, "C50.9") == "\"C50.9\"");
  CHECK(literal(BaseType::Code, "M545|U055", true) == "\"M545|U055\"");
}
