// diff_outcomes over the hand-built sample program (pack_samples.h) and edited copies of it, on CSV records:
// which records change, how they are grouped, the rules responsible, and the records either side rejects.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "pack_samples.h"
#include "waymark/runtime/outcome_diff.h"

using namespace waymark::rt;
using waymark::rt::samples::intern;

namespace {

// The sample rule: adult (age >= 18) and ((any dx in C50* and name like 'a%') or name in ["high", "low"]).
// A and C fire only from 18; B fires at any adult age; D's age is missing (unknown); E's age does not read; F is a
// field short; G is a child.
const char *const kRecords = "id,age,dx,name\n"
                             "A,18,C501,abc\n"
                             "B,40,C501,abc\n"
                             "C,18,,high\n"
                             "D,,C501,abc\n"
                             "E,x,C501,abc\n"
                             "F,18,C501\n"
                             "G,17,C501,abc\n";

// The sample with the adult age raised to 19.
Program from_nineteen() {
  Program p = samples::sample_program();
  p.constants.push_back(Constant{RegType::Int, 19, 0, 0});
  p.code[1] = Instr::wide(OpCode::LOADK, samples::kEighteen, static_cast<uint32_t>(p.constants.size() - 1));
  return p;
}

struct Run {
  OutcomeDiffReport report;
  std::vector<std::string> changed; // key | old outputs | new outputs | rules, per changed record
};

Run run(const Program &old_program, const Program &new_program, const std::string &csv = kRecords,
        size_t examples = 5) {
  std::istringstream in(csv);
  CsvSource source(in);
  std::string error;
  REQUIRE(source.open(error));
  std::vector<std::string> problems;
  const DiffColumns columns = plan_diff_columns(old_program, new_program, source.header(), "", problems);
  REQUIRE(problems.empty());
  Run result;
  OutcomeDiffOptions options;
  options.examples = examples;
  options.on_changed = [&result](const ChangedRecord &c) {
    std::string line(c.key);
    for (const auto &v : c.old_outputs) line += "|" + v;
    line += " ->";
    for (const auto &v : c.new_outputs) line += "|" + v;
    for (const auto &r : c.rules) line += " " + r.name;
    result.changed.push_back(line);
  };
  result.report = diff_outcomes(old_program, new_program, source, columns, options);
  return result;
}

} // namespace

TEST_CASE("outcome diff: a program against itself changes nothing, and rejected rows are still listed", "[diff]") {
  const Program p = samples::sample_program();
  const Run r = run(p, p);
  CHECK(r.report.rows_read == 7);
  CHECK(r.report.rows_compared == 5);
  CHECK(r.report.rows_changed == 0);
  CHECK(r.report.rejected_malformed == 1);
  CHECK(r.report.rejected_by_both == 1);
  CHECK(r.report.rows_rejected() == 2);
  CHECK_FALSE(r.report.changed()); // both sides reject the same records: nothing changed
  CHECK(r.report.groups.empty());
  CHECK(r.changed.empty());
  REQUIRE(r.report.rejected.size() == 2);
  CHECK(r.report.rejected[0].line == 6);
  CHECK(r.report.rejected[0].key == "E");
  CHECK(r.report.rejected[0].rejected_by == "both");
  CHECK(r.report.rejected[0].reason == "column 'age' (int input 'age'): \"x\" is not a whole number");
  CHECK(r.report.rejected[1].rejected_by == "input");
  CHECK(r.report.rejected[1].reason == "expected 4 fields, found 3");
  CHECK(describe(r.report).find("\nno record changed\n") != std::string::npos);
}

TEST_CASE("outcome diff: a raised age limit changes the 18-year-olds, grouped with the rule responsible", "[diff]") {
  const Run r = run(samples::sample_program(), from_nineteen());
  CHECK(r.report.rows_compared == 5);
  CHECK(r.report.rows_changed == 2);
  CHECK(r.report.changed());
  REQUIRE(r.report.groups.size() == 1);
  const OutcomeGroup &g = r.report.groups[0];
  CHECK(g.old_outcome == "risk = \"high\", notes = \"high\"");
  CHECK(g.new_outcome == "risk = missing, notes = missing");
  CHECK(g.rows == 2);
  CHECK(g.examples == std::vector<std::string>{"A", "C"});
  REQUIRE(g.rules.size() == 1);
  CHECK(g.rules[0].describe() == "high_risk (fired → not fired)");
  CHECK(r.changed == std::vector<std::string>{"A|high|high ->|| high_risk", "C|high|high ->|| high_risk"});
  CHECK(describe(r.report) ==
        "rows read:     7\n"
        "rows compared: 5\n"
        "rows changed:  2 (40.0%)\n"
        "rows rejected: 2 (malformed 1, by the old program only 0, by the new program only 0, by both 1)\n"
        "\n"
        "changes, most rows first:\n"
        "  2 rows: risk = \"high\", notes = \"high\" → risk = missing, notes = missing\n"
        "    rules responsible: high_risk (fired → not fired)\n"
        "    examples: A, C\n"
        "\n"
        "rejected rows (not compared):\n"
        "  line 6, key E, rejected by both: column 'age' (int input 'age'): \"x\" is not a whole number\n"
        "  line 7, key F, rejected by input: expected 4 fields, found 3\n");

  // The other way round, the rule fires where it did not; --examples limits the keys kept, not the count.
  const Run back = run(from_nineteen(), samples::sample_program(), kRecords, 1);
  REQUIRE(back.report.groups.size() == 1);
  CHECK(back.report.groups[0].rows == 2);
  CHECK(back.report.groups[0].examples == std::vector<std::string>{"A"});
  CHECK(back.report.groups[0].rules[0].describe() == "high_risk (not fired → fired)");
}

TEST_CASE("outcome diff: a rule only one program has counts when it fires", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  RuleInfo second = q.rules[0];
  second.name = intern(q, "second");
  q.rules.push_back(second);
  q.groups[0].order = {0, 1};
  q.groups[0].policy = Policy::All;
  // `second` fires wherever high_risk does (A, B, C) and appends "high" to the notes once more.
  const Run r = run(p, q);
  CHECK(r.report.rows_changed == 3);
  REQUIRE(r.report.groups.size() == 1);
  CHECK(r.report.groups[0].new_outcome == "risk = \"high\", notes = \"high; high\"");
  REQUIRE(r.report.groups[0].rules.size() == 1);
  CHECK(r.report.groups[0].rules[0].describe() == "second (absent → fired)");
  const Run back = run(q, p);
  CHECK(back.report.groups[0].rules[0].describe() == "second (fired → absent)");
}

TEST_CASE("outcome diff: a rule firing on both sides is responsible when its edited actions change an output",
          "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.constants.push_back(Constant{RegType::Text, 0, 0, intern(q, "low")});
  q.code[15] = Instr::wide(OpCode::LOADK, samples::kHigh, static_cast<uint32_t>(q.constants.size() - 1));
  const Run r = run(p, q);
  CHECK(r.report.rows_changed == 3);
  REQUIRE(r.report.groups.size() == 1);
  CHECK(r.report.groups[0].old_outcome == "risk = \"high\", notes = \"high\"");
  CHECK(r.report.groups[0].new_outcome == "risk = \"low\", notes = \"low\"");
  REQUIRE(r.report.groups[0].rules.size() == 1);
  CHECK(r.report.groups[0].rules[0].actions_edited);
  CHECK(r.report.groups[0].rules[0].describe() == "high_risk (fired on both sides, actions edited)");
  CHECK(r.report.groups[0].examples == std::vector<std::string>{"A", "B", "C"});
}

TEST_CASE("outcome diff: records only one program rejects are counted apart and make a difference", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.fields[0].optional = false;
  q.fields[0].required = true;
  const Run r = run(p, q);
  CHECK(r.report.rows_changed == 0);
  CHECK(r.report.rejected_by_new == 1);
  CHECK(r.report.rejected_by_old == 0);
  CHECK(r.report.changed());
  REQUIRE(r.report.rejected.size() == 3);
  CHECK(r.report.rejected[0].key == "D");
  CHECK(r.report.rejected[0].rejected_by == "new");
  CHECK(r.report.rejected[0].reason == "column 'age' (input 'age') is required but missing");
  CHECK(run(q, p).report.rejected_by_old == 1);
}

TEST_CASE("outcome diff: each program reads its own columns from the same records", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.fields[0].column = intern(q, "age2"); // the new version reads the age from another column
  const std::string csv = "id,age,dx,name,age2\nA,18,C501,abc,17\nB,18,C501,abc,18\n";
  std::istringstream in(csv);
  CsvSource source(in);
  std::string error;
  REQUIRE(source.open(error));
  std::vector<std::string> problems;
  const DiffColumns columns = plan_diff_columns(p, q, source.header(), "", problems);
  CHECK(problems.empty());
  CHECK(columns.columns == std::vector<std::string>{"age", "dx", "name", "age2", "id"});
  CHECK(columns.old_field_cell == std::vector<uint32_t>{0, 1, 2});
  CHECK(columns.new_field_cell == std::vector<uint32_t>{3, 1, 2});
  CHECK(columns.key_column == "id");
  CHECK(columns.key_cell == 4);
  const OutcomeDiffReport report = diff_outcomes(p, q, source, columns, OutcomeDiffOptions{});
  CHECK(report.rows_changed == 1);
  REQUIRE(report.groups.size() == 1);
  CHECK(report.groups[0].examples == std::vector<std::string>{"A"});
}

TEST_CASE("outcome diff: columns a required field needs, and --key, must be in the input", "[diff]") {
  Program p = samples::sample_program();
  p.fields[2].required = true; // name
  Program q = p;
  q.fields[0].required = true; // age, in the new version only
  const std::vector<std::string> header{"id", "dx"};
  std::vector<std::string> problems;
  plan_diff_columns(p, q, &header, "", problems);
  CHECK(problems ==
        std::vector<std::string>{"the input has no column 'name', which required field 'name' reads (both programs)",
                                 "the input has no column 'age', which required field 'age' reads (new program)"});
  problems.clear();
  const std::vector<std::string> full{"id", "age", "dx", "name"};
  plan_diff_columns(p, q, &full, "Ref", problems);
  CHECK(problems == std::vector<std::string>{"the input has no column 'Ref', named by --key (both programs)"});
  problems.clear();
  const DiffColumns keyed = plan_diff_columns(p, q, &full, "dx", problems);
  CHECK(problems.empty());
  CHECK(keyed.key_column == "dx");
  CHECK(keyed.key_cell == 1);
}

TEST_CASE("outcome diff: output values as the outcome text shows them", "[diff]") {
  CHECK(outcome_value(OutputInfo{0, 0, 0, ValueType{BaseType::Text}}, false, "") == "missing");
  CHECK(outcome_value(OutputInfo{0, 0, 0, ValueType{BaseType::Text}}, true, "") == "\"\"");
  CHECK(outcome_value(OutputInfo{0, 0, 0, ValueType{BaseType::Text}}, true, "say \"no\"") == "\"say \\\"no\\\"\"");
  CHECK(outcome_value(OutputInfo{0, 0, 0, ValueType{BaseType::Int}}, true, "45") == "45");
  CHECK(outcome_value(OutputInfo{0, 0, 0, ValueType{BaseType::Decimal}}, true, "2.5") == "2.5");
  CHECK(outcome_value(OutputInfo{0, 0, 0, ValueType{BaseType::Bool}}, true, "true") == "true");
  CHECK(outcome_value(OutputInfo{0, 0, 0, ValueType{BaseType::Date}}, true, "2024-01-31") == "\"2024-01-31\"");
  CHECK(outcome_value(OutputInfo{0, 0, 0, ValueType{BaseType::Text, true}}, true, "a; b") == "\"a; b\"");
  CHECK(with_thousands(0) == "0");
  CHECK(with_thousands(999) == "999");
  CHECK(with_thousands(1000) == "1,000");
  CHECK(with_thousands(1234567) == "1,234,567");
}
