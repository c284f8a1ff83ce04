// The case form over real schemas: fields in schema order, values checked as test case literals, and a case made
// in the form written into the source and run.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "pathway_sources.h"
#include "waymark/studio/case_form.h"
#include "waymark/studio/test_case_source.h"
#include "waymark/studio/test_results.h"

using namespace waymark::studio;
using namespace waymark::studio::testing;

namespace {



waymark::rt::Program compile(const std::string &path, const std::string &text) {
  std::vector<Marker> errors;
  auto program = compile_buffer(path, text, &errors);
  for (const Marker &m : errors) INFO(m.text());
  REQUIRE(program);
  return std::move(*program);
}

// The schema of section 6.8 of the language guide: keys, required fields, codes, dates, numbers and a code list.
const std::string kSchema = R"(pathway examples.input_schema
  version "1"

input
  referral_id: text key from "Referral ID"
  seen_on: date required from "Appointment Date"
  weight_kg: decimal optional one of [60, 70.5]
  `Admin Category`: code optional one of ["01", "02", "03", "04"]
  back_pain_score: int optional one of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  diagnoses: code list optional from "Diagnosis Codes" delimited by ";"
  leg_pain: bool required label "Pain spread down leg(s) in the last 2 weeks"
end

output
  severe: bool
end

rule severe_pain
  when back_pain_score >= 7
  then set severe = true
end
)";

} // namespace

TEST_CASE("case form: the form has one field per input column, in schema order, with label, type, choices and flags") {
  const auto program = compile(kStartBack, read_source(kStartBack));
  const CaseForm form(program, CaseDraft{"new", {}, {}});
  const auto &fields = form.fields();
  REQUIRE(fields.size() == 9);
  CHECK(fields.front().column == "leg_pain");
  CHECK(fields.front().type_name == "bool");
  CHECK(fields.front().label == "Item 1: back pain has spread down the leg(s) in the last 2 weeks");
  CHECK(fields.front().choices.empty());
  CHECK(!fields.front().required);
  CHECK(!fields.front().given);
  const FormField &item9 = fields.back();
  CHECK(item9.column == "bothersomeness");
  CHECK(item9.type_name == "text");
  CHECK(item9.choices ==
        std::vector<std::string>{"\"not at all\"", "\"slightly\"", "\"moderately\"", "\"very much\"", "\"extremely\""});
  CHECK(form.missing_required().empty());
}

TEST_CASE("case form: a compiled case fills the form with its values") {
  const auto program = compile(kCes, read_source(kCes));
  const std::string name = "New altered saddle sensation is an emergency even when the other questions are unanswered";
  const auto draft = draft_of_test(program, name);
  REQUIRE(draft);
  const CaseForm form(program, *draft);
  CHECK(form.name() == name);
  REQUIRE(form.field("saddle_sensory_change"));
  CHECK(form.field("saddle_sensory_change")->given);
  CHECK(form.field("saddle_sensory_change")->value == "true");
  CHECK(!form.field("urinary_difficulty")->given);
  CHECK(!form.field("no_such_column"));
  const CaseDraft back = form.to_draft();
  CHECK(back.expect == draft->expect);
  REQUIRE(back.given.size() == draft->given.size());
  CHECK(render_test_block(back) == render_test_block(*draft));
}

TEST_CASE("case form: a bad value is refused with the reason and nothing is stored") {
  const auto program = compile(kStartBack, read_source(kStartBack));
  CaseForm form(program, CaseDraft{"case", {{"leg_pain", "false"}}, {}});
  const auto refused = [&](const std::string &column, const std::string &text) {
    const CaseDraft before = form.to_draft();
    const auto problem = form.set(column, text);
    CHECK(render_test_block(form.to_draft()) == render_test_block(before));
    return problem.value_or("(taken)");
  };
  CHECK(refused("leg_pain", "yes") ==
        "yes is not a value a test case can give; leg_pain takes true or false, or missing");
  CHECK(refused("leg_pain", "3") == "leg_pain is bool, but 3 is int: write true or false, or missing");
  CHECK(refused("leg_pain", "\"true\"") == "leg_pain is bool, but \"true\" is text: write true or false, or missing");
  CHECK(refused("leg_pain", "true false") == "true false is not one value; leg_pain takes true or false, or missing");
  CHECK(refused("bothersomeness", "\"very\"") ==
        "bothersomeness is one of [\"not at all\", \"slightly\", \"moderately\", \"very much\", \"extremely\"]; "
        "\"very\" is not");
  CHECK(refused("bothersomeness", "\"not at all") ==
        "\"not at all is not a value a test case can give; bothersomeness takes text in quotes, such as "
        "\"very much\", or missing");
  CHECK(refused("bothersomeness", "\"a\\q\"").find("unknown escape") != std::string::npos);
  CHECK(refused("bothersomeness", "\"slightly\" # a comment").find("is not one value") != std::string::npos);
  CHECK(refused("nobody_reads_this", "true") == "no input reads the column \"nobody_reads_this\"");
}

TEST_CASE("case form: good values are stored as literals; missing and blank differ") {
  const auto program = compile(kStartBack, read_source(kStartBack));
  CaseForm form(program, CaseDraft{"case", {}, {"risk = \"low\""}});
  CHECK(!form.set("leg_pain", "  true ").has_value());
  CHECK(form.field("leg_pain")->value == "true");
  CHECK(!form.set("bothersomeness", "'slightly'").has_value()); // single quotes are a string too
  CHECK(form.field("bothersomeness")->value == "'slightly'");
  CHECK(!form.set("dressed_slowly", "missing").has_value());
  CHECK(form.field("dressed_slowly")->given);
  CHECK(!form.field("dressed_slowly")->value);
  CHECK(!form.set("leg_pain", "").has_value());
  CHECK(!form.field("leg_pain")->given);
  const CaseDraft draft = form.to_draft();
  CHECK(render_test_block(draft) == "test \"case\"\n"
                                    "  given\n"
                                    "    dressed_slowly = missing\n"
                                    "    bothersomeness = 'slightly'\n"
                                    "  expect\n"
                                    "    risk = \"low\"\n"
                                    "end\n");
}

TEST_CASE("case form: keys, required columns, codes, dates, numbers and code lists are checked as the checker does") {
  const std::string path = std::string(WAYMARK_SOURCE_DIR) + "/pathways/form_schema.wm";
  const auto program = compile(path, kSchema);
  CaseForm form(program, CaseDraft{"Severe pain", {}, {"severe = true", "fired severe_pain"}});
  const auto &fields = form.fields();
  REQUIRE(fields.size() == 7);
  CHECK(fields[0].column == "Referral ID");
  CHECK(fields[0].key);
  CHECK(fields[1].required);
  CHECK(fields[2].choices == std::vector<std::string>{"60", "70.5"});
  CHECK(fields[5].type_name == "code list");
  CHECK(form.missing_required() == std::vector<std::string>{"Referral ID", "Appointment Date", "leg_pain"});

  CHECK(form.set("Referral ID", "missing") == "Referral ID is required: give it a value, not missing");
  CHECK(form.set("Appointment Date", "") == "Appointment Date is required: give it a value");
  CHECK(form.set("Appointment Date", "@2023-02-29") ==
        "@2023-02-29 is not a calendar date; Appointment Date takes a date, such as @2024-01-31, or missing");
  CHECK(form.set("Appointment Date", "\"2024-01-31\"") ==
        "Appointment Date is date, but \"2024-01-31\" is text: write a date, such as @2024-01-31, or missing");
  CHECK(form.set("Admin Category", "\"0-1\"") ==
        "\"0-1\" is not a valid code for Admin Category (codes are letters and digits)");
  CHECK(form.set("Admin Category", "\"05\"") ==
        "Admin Category is one of [\"01\", \"02\", \"03\", \"04\"]; \"05\" is not");
  CHECK(form.set("back_pain_score", "11") == "back_pain_score is one of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]; 11 is not");
  CHECK(form.set("back_pain_score", "7.5") ==
        "back_pain_score is int, but 7.5 is decimal: write a whole number, such as 45, or missing");
  CHECK(form.set("back_pain_score", "99999999999999999999") ==
        "number 99999999999999999999 is too large (the largest is 9223372036854775807); back_pain_score takes a "
        "whole number, such as 45, or missing");
  CHECK(form.set("weight_kg", "65") == "weight_kg is one of [60, 70.5]; 65 is not");

  CHECK(!form.set("Referral ID", "\"R1\""));
  CHECK(!form.set("Appointment Date", "@2024-02-29"));
  CHECK(!form.set("leg_pain", "false"));
  CHECK(!form.set("Admin Category", "\" 0.1\"")); // normalised, as the reader does: 01
  CHECK(!form.set("back_pain_score", "8"));
  CHECK(!form.set("weight_kg", "60")); // an int is a decimal
  CHECK(!form.set("Diagnosis Codes", "\"M54.5; G551\""));
  CHECK(form.missing_required().empty());

  // The case made in the form, appended to the source, checks clean and passes.
  const std::string source = append_test_block(kSchema, form.to_draft());
  const TestRun run = run_buffer_tests(path, source);
  for (const Marker &m : run.errors) INFO(m.text());
  REQUIRE(run.compiled);
  REQUIRE(run.cases.size() == 1);
  CHECK(run.cases[0].name == "Severe pain");
  CHECK(run.cases[0].passed);
}

TEST_CASE("case form: a case made in the form for a real pathway is written back and runs") {
  const std::string source = read_source(kStartBack);
  const auto program = compile(kStartBack, source);
  CaseForm form(program, CaseDraft{"High risk when every item is agreed", {}, {"risk = \"high\"", "fired high_risk"}});
  for (const FormField &field : std::vector<FormField>(form.fields()))
    CHECK(!form.set(field.column, field.column == "bothersomeness" ? "\"extremely\"" : "true"));
  const TestRun run = run_buffer_tests(kStartBack, append_test_block(source, form.to_draft()));
  REQUIRE(run.compiled);
  REQUIRE(run.cases.size() == program.tests.size() + 1);
  CHECK(run.cases.back().name == "High risk when every item is agreed");
  CHECK(run.cases.back().passed);
  CHECK(run.failed == 0);
}
