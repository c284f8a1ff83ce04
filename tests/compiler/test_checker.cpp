// Unit tests of the checker through check_text / check_path: each family of checks in the language spec,
// the three-valued-logic rule analysis, and imports between files on disk.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "test_support.h"

namespace fs = std::filesystem;
using Catch::Matchers::VectorContains;
using waymark::testing::check_path;
using waymark::testing::check_text;
using waymark::testing::CheckResult;

namespace {

// "severity: message" for each diagnostic, in order (positions are in lines()).
std::vector<std::string> messages(const CheckResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(std::string(waymark::to_string(d.severity)) + ": " + d.message);
  return out;
}

std::vector<std::string> messages_in(const CheckResult& r, const std::string& path) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    if (d.file && fs::path(d.file->path()) == fs::path(path))
      out.push_back(std::string(waymark::to_string(d.severity)) + ": " + d.message);
  return out;
}

std::string dump(const CheckResult& r) {
  std::string out;
  for (const auto& l : r.lines()) out += l + "\n";
  return out;
}

// A small pathway around one rule: its diagnostics are about that rule alone.
const char* const kInputs = R"wm(
input
  age: int optional
  weight: decimal optional
  flag: bool optional
  other_flag: bool optional
  dx: code optional
  admin_category: code optional one of ["01", "02"]
  severity: text optional one of ["mild", "moderate", "severe"]
  note: text optional
  seen: date optional
  procedures: code list optional
end
)wm";

std::string one_rule(const std::string& when, const std::string& defines = "") {
  return std::string("pathway checker.logic\n") + kInputs + "output\n  band: text for classification\nend\n" + defines +
         "\nrule r \"R\"\n  when " + when + "\n  then classify \"x\"\n  cite \"c\"\nend\n";
}

std::vector<std::string> rule_messages(const std::string& when, const std::string& defines = "") {
  auto r = check_text(one_rule(when, defines));
  INFO(one_rule(when, defines) << dump(r));
  CHECK(r.parsed);
  return messages(r);
}

const std::vector<std::string> kNeverFires{"warning: rule 'r' can never fire: no input values make its condition true"};
const std::vector<std::string> kNothing{};

// A group of rules (each `NAME: CONDITION`) under one policy; the rules set a plain output.
std::string group_of(const std::string& policy, const std::vector<std::pair<std::string, std::string>>& rules,
                     const std::string& defines = "") {
  std::string text = std::string("pathway checker.groups\n") + kInputs + "output\n  band: text\nend\n" + defines + "\ngroup g \"G\" policy " + policy + "\n";
  for (const auto& [name, when] : rules)
    text += "  rule " + name + "\n    when " + when + "\n    then set band = \"" + name + "\"\n    cite \"c\"\n  end\n";
  return text + "end\n";
}

std::vector<std::string> group_messages(const std::string& policy, const std::vector<std::pair<std::string, std::string>>& rules,
                                        const std::string& defines = "") {
  auto text = group_of(policy, rules, defines);
  auto r = check_text(text);
  INFO(text << dump(r));
  CHECK(r.parsed);
  return messages(r);
}

// Files written to a fresh folder under the system temp folder, removed afterwards.
class TempFolder {
public:
  TempFolder() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("waymark_checker_test_" + std::to_string(random()) + "_" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

const char* const kCleanPathway = R"wm(pathway checker.clean
  version "1.0.0"
  title "A realistic, clean pathway"
  implements "NICE NG59"

input
  id: text key
  procedures: code list optional from "Der_Procedure_All"
  diagnoses: code list optional from "Der_Diagnosis_All" delimited by ",", "||"
  raw_procedures: text optional from "Der_Procedure_All"
  age_episode: int optional from "Age_at_Start_of_Episode_SUS"
  age_activity: int optional from "Der_Age_at_CDS_Activity_Date"
  `Admin Category`: code optional one of ["01", "02", "03", "04"]
  referral_date: date optional
  seen_date: date optional
  leg_pain: bool optional label "Pain down the leg"
  saddle_anaesthesia: bool optional
  urinary_retention: bool optional
  bothersomeness: text optional one of ["not at all", "slightly", "moderately", "very much", "extremely"]
  weight_kg: decimal optional
end

output
  category: text for classification
  urgency: text one of ["emergency", "urgent", "routine"] for urgency
  referral: text for referral
  actions: text list for recommendations
  wait_days: int
  risk: text one of ["low", "high"]
end

codeset spine_imaging "Imaging of the spine (OPCS-4)"
  "U05[45]", "U13[2356]",
end

codeset cancer "Neoplasms (ICD-10)"
  "C00".."C97", "D0*", "D3[789]", "D4[0-8]"
end

define age "Age at start of episode, else at activity date" = coalesce(age_episode, age_activity)
define adult = age between 19 and 120
define red_flag = saddle_anaesthesia or urinary_retention
define wait = days_between(referral_date, seen_date)
define bothered = bothersomeness in ["very much", "extremely"]
define score = count(leg_pain, bothered, red_flag)

rule lower_back_imaging "Low back imaging in an adult NHS patient"
  when any procedures in spine_imaging and adult and none diagnoses in cancer and `Admin Category` <> "02"
  then classify "2S_lower_back_imaging"
  because "Imaging rarely changes management without red flags."
  cite "GIRFT/EBI Low back pain imaging"
end

rule sql_faithful "The same test on the raw text"
  when raw_procedures like "%U05[45]%" and adult
  then recommend "Check the request against the red-flag list"
  cite "GIRFT/EBI code script"
end

group triage "Red-flag triage" policy first
  rule emergency "Red flag"
    when red_flag
    then refer "emergency" to "Emergency department"
    cite "GIRFT CES pathway"
    priority 10
  end
  rule slow "Seen slowly"
    when not (seen_date within 14 days of referral_date)
    then
      refer "urgent"
      set wait_days = wait
    cite "local policy"
  end
  rule routine "Everything else"
    when true
    then refer "routine"
    cite "local policy"
  end
end

group scoring "Risk" policy unique
  rule low "Low risk"
    when score <= 1
    then set risk = "low"
    cite "example"
  end
  rule high "High risk"
    when score >= 2
    then set risk = "high"
    cite "example"
  end
end

test "Lumbar MRI in an adult NHS patient is coded"
  given
    id = "1"
    Der_Procedure_All = "||U055 ,Z665"
    Der_Diagnosis_All = "M545"
    Age_at_Start_of_Episode_SUS = 45
    `Admin Category` = "01"
    saddle_anaesthesia = false
    urinary_retention = false
    referral_date = @2024-01-01
    seen_date = @2024-01-10
  expect
    category = "2S_lower_back_imaging"
    actions = ["Check the request against the red-flag list"]
    urgency = "routine"
    referral is missing
    fired lower_back_imaging, sql_faithful, routine
    not fired emergency, slow
end
)wm";

} // namespace

// ---- a clean file ---------------------------------------------------------------------------------------

TEST_CASE("checker: a realistic clean pathway has no diagnostics", "[checker]") {
  auto r = check_text(kCleanPathway);
  INFO(dump(r));
  CHECK(r.parsed);
  CHECK(r.errors == 0);
  CHECK(r.warnings == 0);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("checker: every diagnostic counts once, and a file with syntax errors gets no other check", "[checker]") {
  std::string text = kCleanPathway;
  text += "\ndefine unused = 1\nrule broken when then classify \"x\" end\n";
  auto r = check_text(text);
  CHECK_FALSE(r.parsed);
  CHECK(r.errors == 1);
  CHECK(r.warnings == 0); // the unused definition is not reported: the file did not parse
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.lines()[0].find("error: unexpected 'then', expected an expression") != std::string::npos);
}

// ---- names ----------------------------------------------------------------------------------------------

TEST_CASE("checker: unknown names, with a suggestion when one is close", "[checker][names]") {
  auto r = check_text(one_rule("agee > 1 and flagg and zzz and other_flag"));
  CHECK(r.lines() == std::vector<std::string>{
                         "20:8: error: unknown name 'agee'; did you mean 'age'?",
                         "20:21: error: unknown name 'flagg'; did you mean 'flag'?",
                         "20:31: error: unknown name 'zzz'",
                     });
}

TEST_CASE("checker: outputs cannot be read in conditions", "[checker][names]") {
  CHECK_THAT(rule_messages("band = \"x\""),
             VectorContains(std::string("error: unknown name 'band'; outputs cannot be read in conditions: compute the value with `define` and use that")));
}

TEST_CASE("checker: duplicate names in each namespace", "[checker][names]") {
  auto r = check_text(R"wm(pathway checker.dup
input
  age: int optional
  age: text optional
end
output
  band: text for classification
  band: text
end
codeset age "x"
  "A01"
end
define age = 1
group g "G" policy all
  rule g when true then classify "x" cite "c" end
end
rule g when true then classify "y" cite "c" end
test "t" end
test "t" end
)wm");
  auto m = messages(r);
  CHECK_THAT(m, VectorContains(std::string("error: 'age' is already declared at line 3")));
  CHECK(std::count(m.begin(), m.end(), std::string("error: 'age' is already declared at line 3")) == 3);
  CHECK_THAT(m, VectorContains(std::string("error: output 'band' is already declared at line 7")));
  CHECK(std::count(m.begin(), m.end(), std::string("error: 'g' is already declared at line 14")) == 2);
  CHECK_THAT(m, VectorContains(std::string("error: test 't' is already declared at line 18")));
}

// ---- types ----------------------------------------------------------------------------------------------

TEST_CASE("checker: type errors", "[checker][types]") {
  CHECK(rule_messages("age + flag > 1") == std::vector<std::string>{"error: arithmetic needs numbers, but this is bool"});
  CHECK(rule_messages("seen - seen > 1") ==
        std::vector<std::string>{"error: arithmetic needs numbers, but this is date; use days_between(a, b) for dates"});
  CHECK(rule_messages("age") == std::vector<std::string>{"error: the `when` condition must be true or false, but this is int"});
  CHECK(rule_messages("age = \"adult\"") == std::vector<std::string>{"error: cannot compare int with text"});
  CHECK(rule_messages("flag < true") == std::vector<std::string>{"error: true and false have no order; compare them with = or <>"});
  CHECK(rule_messages("note is true") == std::vector<std::string>{"error: `is true` and `is false` test true/false values, but this is text"});
  CHECK(rule_messages("-flag") == std::vector<std::string>{"error: cannot negate bool"});
  CHECK(rule_messages("procedures = \"A01\"") ==
        std::vector<std::string>{"error: a code list cannot be compared directly; use `any`, `all` or `none ... in`"});
  CHECK(rule_messages("flag and age") == std::vector<std::string>{"error: each side of `and` must be true or false, but this is int"});
  CHECK(rule_messages("flag or note") == std::vector<std::string>{"error: each side of `or` must be true or false, but this is text"});
  CHECK(rule_messages("(if flag then 1 else \"x\") = 1") == std::vector<std::string>{"error: the branches of `if` differ: int and text"});
  CHECK(rule_messages("[1, 2] = 1") == std::vector<std::string>{"error: a list can only follow `in`"});
}

TEST_CASE("checker: numbers mix, and / always gives a decimal", "[checker][types]") {
  CHECK(rule_messages("age + weight > 1.5 and age / 2 = 3 and -age < 0 and weight between 1 and 2.5") == kNothing);
  auto r = check_text(std::string("pathway checker.t\n") + kInputs + "output\n  n: int\nend\nrule r\n  when flag\n  then set n = age / 2\n  cite \"c\"\nend\n");
  CHECK(messages(r) == std::vector<std::string>{"error: output 'n' is int, but this is decimal"});
}

TEST_CASE("checker: codes and text compare, and a text literal compared with a code must be a valid code", "[checker][types]") {
  CHECK(rule_messages("dx = \"c50.9\" or dx = note or dx in [\"M54.5\", \"m545\"]") == kNothing);
  CHECK(rule_messages("dx = \"M54-5\"") == std::vector<std::string>{"error: 'M54-5' is not a valid code for the code (codes are letters and digits)"});
  CHECK(rule_messages("\"\" = dx") == std::vector<std::string>{"error: '' is not a valid code for the code (codes are letters and digits)"});
}

TEST_CASE("checker: code sets are used after in, and only with codes", "[checker][types]") {
  const std::string set = "codeset cancer \"Cancer\"\n  \"C00\"..\"C97\"\nend\n";
  CHECK(rule_messages("dx in cancer and any procedures in cancer and count(procedures in cancer) > 1", set) == kNothing);
  CHECK(rule_messages("cancer", set) == std::vector<std::string>{"error: a code set is not a condition; write `x in cancer`"});
  CHECK(rule_messages("dx = cancer", set) == std::vector<std::string>{"error: code set 'cancer' is not a value; use it after `in`, as in `x in cancer`"});
  CHECK(rule_messages("cancer is missing", set) == std::vector<std::string>{"error: code set 'cancer' is not a value; use it after `in`, as in `x in cancer`"});
  CHECK(rule_messages("age in cancer", set) ==
        std::vector<std::string>{"error: only codes can be matched against a code set, but this is int (declare the input as `code`)"});
  // The file has an error, so the code set the rejected `in` leaves unused is not also reported.
  CHECK(rule_messages("dx in note", set) == std::vector<std::string>{"error: 'note' is not a code set or a list"});
}

TEST_CASE("checker: a code list needs any, all or none before in, except inside count", "[checker][types]") {
  const std::string set = "codeset spine \"Spine\"\n  \"U05[45]\"\nend\n";
  // The code set after a rejected `in` is not looked at; it is not reported unused, because the file has an error.
  CHECK(rule_messages("procedures in spine", set) ==
        std::vector<std::string>{"error: a code list holds many codes; say `any`, `all` or `none` (for example `any procedures in ...`)"});
  CHECK(rule_messages("any dx in spine", set) ==
        std::vector<std::string>{"error: `any`, `all` and `none` apply to a code list, but this is code"});
  CHECK(rule_messages("all procedures in spine and none procedures not in [\"U054\"] and count(procedures) > 2", set) == kNothing);
}

TEST_CASE("checker: lists after in hold literals of the right type", "[checker][types]") {
  CHECK(rule_messages("age in []") == std::vector<std::string>{"error: the list after `in` is empty"});
  CHECK(rule_messages("age in [1, age]") == std::vector<std::string>{"error: the list after `in` holds literal values only"});
  CHECK(rule_messages("age in [1, \"2\"]") == std::vector<std::string>{"error: cannot compare int with text"});
}

TEST_CASE("checker: functions check their arguments", "[checker][types]") {
  CHECK(rule_messages("count(flag, other_flag) >= 1 and sum(age, weight) > 1 and min(seen, @2024-01-01) < @2025-01-01 "
                      "and max(age, 3) > 1 and coalesce(age, 0) > 1 and days_between(seen, seen) < 2 and years_between(seen, seen) < 1") ==
        kNothing);
  CHECK(rule_messages("coalesce(age) > 1") == std::vector<std::string>{"error: coalesce() takes at least 2 arguments, not 1"});
  CHECK(rule_messages("days_between(seen) > 1") == std::vector<std::string>{"error: days_between() takes 2 arguments, not 1"});
  CHECK(rule_messages("count(age) > 1") == std::vector<std::string>{"error: each argument of count() must be true or false, but this is int"});
  CHECK(rule_messages("sum(note) > 1") == std::vector<std::string>{"error: sum() takes numbers, but this is text"});
  CHECK(rule_messages("max(seen, age) > 1") == std::vector<std::string>{"error: max() arguments must all be numbers or all be dates"});
  CHECK(rule_messages("coalesce(note, age) > 1") == std::vector<std::string>{"error: coalesce() arguments must share a type: text and int"});
  CHECK(rule_messages("years_between(age, seen) > 1") == std::vector<std::string>{"error: years_between() takes dates, but this is int"});
  CHECK(rule_messages("maxx(age, 1) > 1") == std::vector<std::string>{"error: unknown function 'maxx'; did you mean 'max'?"});
}

TEST_CASE("checker: a function with a minimum of one argument says 'at least 1 argument'", "[checker][types]") {
  CHECK(rule_messages("count() > 1") == std::vector<std::string>{"error: count() takes at least 1 argument, not 0"});
  CHECK(rule_messages("sum() > 1") == std::vector<std::string>{"error: sum() takes at least 1 argument, not 0"});
}

TEST_CASE("checker: dates and within", "[checker][types]") {
  CHECK(rule_messages("seen within 14 days of @2024-01-01 and seen >= @2020-01-31") == kNothing);
  CHECK(rule_messages("age within 14 days of seen") == std::vector<std::string>{"error: `within N days of` compares two dates"});
  CHECK(rule_messages("seen within 1.5 days of seen") == std::vector<std::string>{"error: the number of days must be a whole number"});
  CHECK(rule_messages("seen = \"2024-01-01\"") == std::vector<std::string>{"error: cannot compare date with text"});
}

// ---- patterns ---------------------------------------------------------------------------------------------

TEST_CASE("checker: malformed code patterns and ranges point into the string", "[checker][patterns]") {
  auto r = check_text(std::string("pathway checker.p\n") + kInputs +
                      "codeset s \"S\"\n  \"C5*0\", \"U05[45\", \"D48\"..\"D37\", \"C00\"..\"C9\", \"Z665\", \"z665\"\nend\n"
                      "codeset empty \"E\"\nend\n"
                      "define x = dx in s or dx in empty\n");
  CHECK(r.lines() == std::vector<std::string>{
                         "16:6: error: '*' may only end a code pattern",
                         "16:15: error: unclosed character class '[' in code pattern",
                         "16:21: error: range low bound 'D48' is above high bound 'D37'",
                         "16:35: error: range bounds must have the same length ('C00' has 3 characters, 'C9' has 2)",
                         "16:56: warning: code set 's' lists Z665 twice",
                         "18:9: error: code set 'empty' is empty",
                     }); // no "definition 'x' is never used": a file with errors gets no unused warnings
}

TEST_CASE("checker: malformed like patterns, and like on values that are not text", "[checker][patterns]") {
  CHECK(rule_messages("note like \"%U05[45]%\" and note not like \"%D[^0-4]_\"") == kNothing);
  auto r = check_text(one_rule("note like \"%U05[45%\""));
  CHECK(r.lines() == std::vector<std::string>{"20:23: error: unclosed '[' in like pattern"});
  CHECK(rule_messages("note like \"[]\"") == std::vector<std::string>{"error: empty set '[]' in like pattern"});
  CHECK(rule_messages("age like \"1%\"") == std::vector<std::string>{"error: `like` matches text, but this is int"});
  CHECK(rule_messages("procedures like \"%U05%\"") ==
        std::vector<std::string>{"error: `like` matches text, but this is code list; read the column as `text` for a SQL-style like"});
}

// ---- one of -------------------------------------------------------------------------------------------------

TEST_CASE("checker: literals compared with a one-of field must be in its list", "[checker][one-of]") {
  CHECK(rule_messages("severity = \"mild\" or severity in [\"moderate\", \"severe\"] or admin_category <> \"01\"") == kNothing);
  // The comparison still type-checks, so the analysis also sees that no listed value makes it true.
  CHECK(rule_messages("severity = \"mid\"") ==
        std::vector<std::string>{kNeverFires[0],
                                 "error: input 'severity' is one of [\"mild\", \"moderate\", \"severe\"]; \"mid\" is not; did you mean 'mild'?"});
  CHECK(rule_messages("\"very\" <> severity") ==
        std::vector<std::string>{"error: input 'severity' is one of [\"mild\", \"moderate\", \"severe\"]; \"very\" is not"});
  CHECK(rule_messages("severity in [\"mild\", \"Mild\"]") ==
        std::vector<std::string>{"error: input 'severity' is one of [\"mild\", \"moderate\", \"severe\"]; \"Mild\" is not; did you mean 'mild'?"});
}

TEST_CASE("checker: a code literal is normalised before it is looked up in a one-of list", "[checker][one-of]") {
  // Codes are trimmed, upper-cased and lose their dots before they are compared, so " 01 " is the listed "01" and
  // "c50.9" is the listed "C509".
  auto r = check_text("pathway checker.codes\ninput\n  admin: code optional one of [\"01\", \"02\"]\n"
                      "  dx: code optional one of [\"C509\", \"M545\"]\nend\noutput\n  band: text for classification\nend\n"
                      "rule r when admin = \" 01 \" and dx in [\"c50.9\", \"m54.5\"] then classify \"x\" cite \"c\" end\n");
  INFO(dump(r));
  CHECK(r.errors == 0);
  CHECK(r.warnings == 0);
}

TEST_CASE("checker: one-of lists on inputs and outputs hold literals of the right type", "[checker][one-of]") {
  auto r = check_text(R"wm(pathway checker.oneof
input
  seen: date optional one of [@2024-01-01]
  grade: int optional one of ["high"]
  flag: bool optional one of [true]
end
output
  risk: text one of ["low", "high"] for classification
end
rule r when seen is present and grade is present and flag then classify "medium" cite "c" end
test "t"
  given
    grade = 2
  expect
    risk = "lo"
end
)wm");
  CHECK(messages(r) == std::vector<std::string>{
                           "error: input 'seen': `one of` applies to text, code, int and decimal inputs",
                           "error: input 'grade' is int, but this is text",
                           "error: input 'flag': `one of` applies to text, code, int and decimal inputs",
                           "error: output 'risk' is one of [\"low\", \"high\"]; \"medium\" is not",
                           "error: input 'grade' is one of [\"high\"]; this value is not",
                           "error: output 'risk' is one of [\"low\", \"high\"]; \"lo\" is not", // too short for a suggestion
                       });
}

TEST_CASE("checker: a range bound need not be a member of a one-of list", "[checker][one-of]") {
  // `stage` can only be 1, 2 or 3, and `stage < 4` or `stage between 0 and 9` are meaningful ranges: only
  // = / <> / in-lists, assignments and test values must name a listed value.
  auto text = std::string("pathway checker.range\ninput\n  stage: int optional one of [1, 2, 3]\nend\n"
                          "output\n  band: text for classification\nend\n"
                          "rule r when stage < 4 or stage between 0 and 9 then classify \"x\" cite \"c\" end\n");
  auto r = check_text(text);
  INFO(dump(r));
  CHECK(r.errors == 0);
  // An equality with a value outside the list stays an error.
  auto eq = check_text(std::string("pathway checker.range\ninput\n  stage: int optional one of [1, 2, 3]\nend\n"
                                   "output\n  band: text for classification\nend\n"
                                   "rule r when stage = 4 then classify \"x\" cite \"c\" end\n"));
  CHECK(eq.errors == 1);
}

TEST_CASE("checker: a decimal one-of list is shown as written", "[checker][one-of]") {
  // Shortest form: "[0.5, 1.5]", not "[0.500000, 1.500000]".
  auto r = check_text(std::string("pathway checker.dec\ninput\n  dose: decimal optional one of [0.5, 1.5]\nend\n"
                                  "output\n  band: text for classification\nend\n"
                                  "rule r when dose = 2.5 then classify \"x\" cite \"c\" end\n"));
  REQUIRE(r.errors == 1); // and a warning: no listed dose makes the rule's condition true
  CHECK(r.warnings == 1);
  CHECK(r.text().find("[0.5, 1.5]; this value is not") != std::string::npos);
}

// ---- rules, outputs and actions -----------------------------------------------------------------------------

TEST_CASE("checker: rule clauses: when and then are required, cite is expected", "[checker][rules]") {
  auto r = check_text(R"wm(pathway checker.rules
input
  flag: bool optional
end
output
  band: text for classification
end
rule no_when then classify "x" cite "c" end
rule no_then when flag cite "c" end
rule no_cite when flag then classify "y" end
)wm");
  CHECK(r.lines() == std::vector<std::string>{
                         "8:6: error: rule 'no_when' has no `when` condition",
                         "9:6: error: rule 'no_then' has no `then` actions",
                         "10:6: warning: rule 'no_cite' cites no source; add `cite \"...\"`",
                     });
}

TEST_CASE("checker: output roles and the actions that need them", "[checker][rules]") {
  auto r = check_text(R"wm(pathway checker.roles
input
  flag: bool optional
end
output
  level: text for urgent
  a: text for classification
  b: text for classification
  actions: text for recommendations
  dest: int for referral
  notes: text list
end
rule r
  when flag
  then
    classify "x"
    set notes = "y"
    set levl = "z"
    recommend "r"
  cite "c"
end
)wm");
  auto m = messages(r);
  CHECK_THAT(m, VectorContains(std::string("error: 'urgent' is not an output role (classification, urgency, referral or recommendations); did you mean 'urgency'?")));
  CHECK_THAT(m, VectorContains(std::string("error: another output (line 7) is already `for classification`")));
  CHECK_THAT(m, VectorContains(std::string("error: output 'actions': the recommendations output must be a `text list`")));
  CHECK_THAT(m, VectorContains(std::string("error: output 'dest': a `for referral` output must be `text` or `code`")));
  CHECK_THAT(m, VectorContains(std::string("error: output 'notes' is a list; add to it with `recommend`")));
  CHECK_THAT(m, VectorContains(std::string("error: 'levl' is not a declared output; did you mean 'level'?")));
  CHECK_THAT(m, VectorContains(std::string("warning: output 'b' is never set by any rule")));

  auto none = check_text("pathway checker.roleless\noutput\n  o: text\nend\nrule r when true then classify \"x\" recommend \"y\" refer \"z\" to \"w\" set o = \"v\" cite \"c\" end\n");
  CHECK(messages(none) == std::vector<std::string>{
                              "error: `classify` in rule 'r' needs an output declared `for classification`",
                              "error: `recommend` in rule 'r' needs an output declared `for recommendations`",
                              "error: `refer` in rule 'r' needs an output declared `for urgency`",
                              "error: `refer ... to` in rule 'r' needs an output declared `for referral`",
                          });
}

TEST_CASE("checker: values set into outputs have the output's type and are in its one-of list", "[checker][rules]") {
  auto r = check_text(R"wm(pathway checker.values
input
  age: int optional
end
output
  urgency: text one of ["emergency", "urgent", "routine"] for urgency
  referral: text for referral
  actions: text list for recommendations
  flagged: bool
  score: decimal
end
rule r
  when age > 1
  then
    refer "soon" to 12
    recommend 3
    set flagged = "yes"
    set score = age
  cite "c"
end
)wm");
  CHECK(messages(r) == std::vector<std::string>{
                           "error: output 'urgency' is one of [\"emergency\", \"urgent\", \"routine\"]; \"soon\" is not",
                           "error: output 'referral' is text, but this is int",
                           "error: output 'actions' is text, but this is int",
                           "error: output 'flagged' is bool, but this is text",
                       });
}

TEST_CASE("checker: an output no rule sets is a warning", "[checker][rules]") {
  auto r = check_text("pathway checker.unset\ninput\n  flag: bool optional\nend\noutput\n  a: text\n  b: text\nend\n"
                      "rule r when flag then set a = \"x\" cite \"c\" end\n");
  CHECK(r.lines() == std::vector<std::string>{"7:3: warning: output 'b' is never set by any rule"});
}

TEST_CASE("checker: definitions that depend on themselves", "[checker][rules]") {
  auto r = check_text(std::string("pathway checker.cycle\n") + kInputs +
                      "define a = b + 1\ndefine b = a - 1\ndefine c = c\ndefine d = e and flag\ndefine e = not flag\n"
                      "output\n  band: text for classification\nend\n"
                      "rule r when a > 1 and c and d then classify \"x\" cite \"c\" end\n");
  // Every definition on a cycle is named; `d`, which only uses other definitions, is fine.
  CHECK(messages(r) == std::vector<std::string>{
                           "error: definition 'a' depends on itself, through a cycle of definitions",
                           "error: definition 'b' depends on itself, through a cycle of definitions",
                           "error: definition 'c' depends on itself, through a cycle of definitions",
                       });
}

TEST_CASE("checker: unused definitions and code sets are warnings, and uses through definitions count", "[checker][rules]") {
  auto r = check_text(std::string("pathway checker.unused\n") + kInputs +
                      "codeset used_set \"U\"\n  \"A01\"\nend\ncodeset spare \"S\"\n  \"B01\"\nend\n"
                      "define used = dx in used_set\ndefine spare_def = age + 1\ndefine later = helper\ndefine helper = flag\n"
                      "output\n  band: text for classification\nend\n"
                      "rule r when used and later then classify \"x\" cite \"c\" end\n");
  CHECK(messages(r) == std::vector<std::string>{
                           "warning: code set 'spare' is never used",
                           "warning: definition 'spare_def' is never used",
                       });
}

TEST_CASE("checker: the header", "[checker][rules]") {
  auto none = check_text("input\n  age: int optional\nend\n");
  CHECK(none.lines() == std::vector<std::string>{
                            "1:1: error: file has no header; start it with `pathway NAME` (or `module NAME` for shared code sets and definitions)"});
  auto empty = check_text("");
  CHECK(empty.errors == 1);
}

TEST_CASE("checker: the header must come first", "[checker][rules]") {
  // The spec: "Header (one per file, first)".
  auto r = check_text("input\n  age: int optional\nend\npathway checker.late\n");
  CHECK(r.errors == 1);
  CHECK(r.lines() == std::vector<std::string>{"4:9: error: the `pathway` or `module` header must come first in the file"});
}

TEST_CASE("checker: a module holds inputs, code sets and definitions only", "[checker][rules]") {
  auto r = check_text(R"wm(module checker.shared
input
  flag: bool optional
end
output
  o: text
end
codeset s "S"
  "A01"
end
define d = flag
group g "G" policy all
  rule r when flag then set o = "x" end
end
test "t" end
)wm");
  CHECK(messages(r) == std::vector<std::string>{
                           "error: output 'o' is in a module; outputs belong in a pathway",
                           "error: group 'g' is in a module; rules belong in a pathway",
                           "error: rule 'r' is in a module; rules belong in a pathway",
                           "error: test 't' is in a module; test cases belong in a pathway",
                       });
}

// ---- input options ---------------------------------------------------------------------------------------

TEST_CASE("checker: input options", "[checker][inputs]") {
  auto r = check_text(R"wm(pathway checker.inputs
input
  a: int
  b: int key optional
  c: int required optional
  d: text optional delimited by ";"
  e: code list optional delimited by ""
  f: int list optional
  g: text optional from ""
  id: text key
  id2: text key required
end
)wm");
  CHECK(messages(r) == std::vector<std::string>{
                           "error: input 'a': say whether it is `required` or `optional`",
                           "error: input 'b' is a key, so it cannot be optional",
                           "error: more than one input is marked `key`; a record has one key column",
                           "error: input 'c' cannot be both required and optional",
                           "error: input 'd': `delimited by` applies to a `code list` only",
                           "error: input 'e': a delimiter cannot be empty",
                           "error: input 'f': only `code list` is supported as an input list",
                           "error: input 'g': the column name is empty",
                       });
}

// ---- test cases --------------------------------------------------------------------------------------------

TEST_CASE("checker: test cases", "[checker][tests]") {
  auto r = check_text(R"wm(pathway checker.tests
input
  id: text key
  age: int optional from "Age_at_Start"
  seen: date optional
  flag: bool required
  codes: code list optional from "Codes"
end
output
  band: text for classification
  actions: text list for recommendations
end
rule adult when age >= 18 and flag then classify "adult" recommend "a" cite "c" end
test "good"
  given
    id = "1"
    Age_at_Start = 40
    seen = @2024-01-01
    flag = true
    Codes = "A01||B02"
  expect
    band = "adult"
    actions = ["a"]
    fired adult
end
test "bad"
  given
    age = 40
    Age_At_Start = 40
    seen = "2024-01-01"
    flag = 1
    flag = true
  expect
    band = ["adult"]
    actions = "a"
    bnd is missing
    not fired adlt
end
)wm");
  auto m = messages(r);
  CHECK_THAT(m, VectorContains(std::string("error: test 'bad' gives no value for required input column 'id'")));
  CHECK_THAT(m, VectorContains(std::string("error: 'age' is not an input column; input 'age' reads column 'Age_at_Start'")));
  CHECK_THAT(m, VectorContains(std::string("error: 'Age_At_Start' is not an input column; did you mean 'Age_at_Start'?")));
  CHECK_THAT(m, VectorContains(std::string("error: input 'seen' is date, but this is text")));
  CHECK_THAT(m, VectorContains(std::string("error: input 'flag' is bool, but this is int")));
  CHECK_THAT(m, VectorContains(std::string("error: test 'bad' gives 'flag' twice")));
  CHECK_THAT(m, VectorContains(std::string("error: output 'band' holds one value, not a list")));
  CHECK_THAT(m, VectorContains(std::string("error: output 'actions' is a list; expect a list such as [\"...\"]")));
  CHECK_THAT(m, VectorContains(std::string("error: 'bnd' is not a declared output; did you mean 'band'?")));
  CHECK_THAT(m, VectorContains(std::string("error: 'adlt' is not a rule; did you mean 'adult'?")));
  CHECK(r.errors == 10);
  CHECK(r.warnings == 0);
}

TEST_CASE("checker: a required column given as missing is not given", "[checker][tests]") {
  auto r = check_text("pathway checker.req\ninput\n  flag: bool required\nend\ntest \"t\"\n  given\n    flag = missing\nend\n");
  CHECK(messages(r) == std::vector<std::string>{"error: test 't' gives no value for required input column 'flag'"});
}

// ---- three-valued logic: rules that can never fire ------------------------------------------------------------

TEST_CASE("logic: contradictions never fire", "[checker][logic]") {
  CHECK(rule_messages("flag and not flag") == kNeverFires);
  CHECK(rule_messages("age between 120 and 19") == kNeverFires);
  CHECK(rule_messages("flag is missing and flag") == kNeverFires);
  CHECK(rule_messages("age < 18 and age > 65") == kNeverFires);
  CHECK(rule_messages("age = 3 and age <> 3") == kNeverFires);
  CHECK(rule_messages("age <> 3 and age >= 3 and age <= 3") == kNeverFires);
  CHECK(rule_messages("age is missing and age > 3") == kNeverFires);
  CHECK(rule_messages("age is present and age is missing") == kNeverFires);
  CHECK(rule_messages("flag is false and flag") == kNeverFires);
  CHECK(rule_messages("flag is not true and flag is true") == kNeverFires);
  CHECK(rule_messages("false") == kNeverFires);
  CHECK(rule_messages("not true or (flag and false)") == kNeverFires);
  CHECK(rule_messages("seen between @2024-01-02 and @2024-01-01") == kNeverFires);
  CHECK(rule_messages("severity = \"mild\" and severity in [\"moderate\", \"severe\"]") == kNeverFires);
  CHECK(rule_messages("age in [1, 2] and age > 5") == kNeverFires);
}

TEST_CASE("logic: not needs a value, so not (x < 18) means x >= 18", "[checker][logic]") {
  CHECK(rule_messages("not (age < 18) and age < 10") == kNeverFires);
  CHECK(rule_messages("not (age < 18) and age is missing") == kNeverFires);
  CHECK(rule_messages("not (age between 19 and 65) and age = 30") == kNeverFires);
  CHECK(rule_messages("not (flag or other_flag) and other_flag") == kNeverFires); // De Morgan holds in Kleene logic
  CHECK(rule_messages("not (age < 18) and age > 30") == kNothing);
  CHECK(rule_messages("not (age between 19 and 65) and age > 65") == kNothing);
}

TEST_CASE("logic: is-tests turn missing into a definite answer", "[checker][logic]") {
  CHECK(rule_messages("flag is not true") == kNothing);
  CHECK(rule_messages("flag is not true and flag is missing") == kNothing); // missing is "not true"
  CHECK(rule_messages("not (flag is true) and flag is missing") == kNothing);
  CHECK(rule_messages("flag is not false and not flag") == kNeverFires);
  CHECK(rule_messages("not (flag is missing) and flag is missing") == kNeverFires);
  CHECK(rule_messages("flag is missing or flag") == kNothing);
}

TEST_CASE("logic: whole numbers, dates and decimals", "[checker][logic]") {
  CHECK(rule_messages("age > 3 and age < 4") == kNeverFires);      // no int lies strictly between
  CHECK(rule_messages("age > 3.5 and age < 4") == kNeverFires);    // nor between 3.5 and 4
  CHECK(rule_messages("weight > 3 and weight < 4") == kNothing);   // a decimal does
  CHECK(rule_messages("age between 19 and 19") == kNothing);
  CHECK(rule_messages("seen > @2024-01-01 and seen < @2024-01-02") == kNeverFires);
}

TEST_CASE("logic: one-of lists and booleans have finite domains", "[checker][logic]") {
  CHECK(rule_messages("admin_category <> \"01\" and admin_category <> \"02\"") == kNeverFires);
  CHECK(rule_messages("admin_category <> \"01\"") == kNothing);
  CHECK(rule_messages("flag <> true and flag <> false") == kNeverFires);
  CHECK(rule_messages("dx <> \"A01\" and dx <> \"A02\"") == kNothing); // a plain code has no list
  CHECK(rule_messages("dx = \"c50.9\" and dx <> \"C509\"") == kNeverFires); // codes are normalised
}

TEST_CASE("logic: definitions are seen through", "[checker][logic]") {
  const std::string defines = "define adult = age >= 18\ndefine contradiction = flag and not flag\n";
  CHECK(rule_messages("adult and age < 16", defines) ==
        std::vector<std::string>{"warning: definition 'contradiction' is never used", kNeverFires[0]});
  CHECK(rule_messages("not adult and age > 20 and contradiction is missing", defines) == kNeverFires);
  CHECK(rule_messages("contradiction or adult", defines) == kNothing);
}

TEST_CASE("logic: what the analysis cannot see into is assumed possible", "[checker][logic]") {
  const std::string set = "codeset s \"S\"\n  \"A01\"\nend\n";
  CHECK(rule_messages("count(flag) > 1 and count(flag) < 1") == kNothing);
  CHECK(rule_messages("any procedures in s and none procedures in s", set) == kNothing);
  CHECK(rule_messages("note like \"a%\" and note not like \"a%\"") == kNothing);
  CHECK(rule_messages("(if flag then true else false) and not flag") == kNothing);
}

// ---- hit policies ---------------------------------------------------------------------------------------------

TEST_CASE("logic: a STarT Back-like unique group is exclusive", "[checker][logic][unique]") {
  const std::string defines =
      "define total = count(flag, other_flag) + age\n"
      "define distress = count(other_flag) + age\n";
  CHECK(group_messages("unique", {{"low", "total <= 3"}, {"medium", "total >= 4 and distress <= 3"}, {"high", "total >= 4 and distress >= 4"}},
                       defines) == kNothing);
}

TEST_CASE("logic: rules that overlap on inputs in a unique group are an error", "[checker][logic][unique]") {
  CHECK(group_messages("unique", {{"a", "age <= 18"}, {"b", "age >= 18"}}) ==
        std::vector<std::string>{"error: rules 'a' and 'b' can both match, but group 'g' has hit policy unique"});
  CHECK(group_messages("unique", {{"a", "flag is not true"}, {"b", "flag is missing"}}) ==
        std::vector<std::string>{"error: rules 'a' and 'b' can both match, but group 'g' has hit policy unique"});
  CHECK(group_messages("unique", {{"a", "dx = \"c50.9\""}, {"b", "dx in [\"C509\", \"C50\"]"}}) ==
        std::vector<std::string>{"error: rules 'a' and 'b' can both match, but group 'g' has hit policy unique"});
}

TEST_CASE("logic: exclusive conditions in a unique group give no diagnostic", "[checker][logic][unique]") {
  CHECK(group_messages("unique", {{"a", "age < 18"}, {"b", "age >= 18 and age <= 64"}, {"c", "age > 64"}, {"d", "age is missing"}}) == kNothing);
  CHECK(group_messages("unique", {{"a", "flag"}, {"b", "not flag"}, {"c", "flag is missing"}}) == kNothing);
  CHECK(group_messages("unique", {{"a", "severity = \"mild\""}, {"b", "severity in [\"moderate\", \"severe\"]"}}) == kNothing);
  CHECK(group_messages("unique", {{"a", "dx = \"A01\""}, {"b", "dx <> \"A01\""}}) == kNothing);
}

TEST_CASE("logic: two inputs reading one column are missing together", "[checker][logic][unique]") {
  // Der_Procedure_All and procedures read the same CSV column: when it is empty both are missing, so the rules
  // below are exclusive, and no overlap is reported.
  auto r = check_text(R"wm(pathway checker.samecol
input
  Der_Procedure_All: text optional
  procedures: code list optional from "Der_Procedure_All"
end
output
  band: text
end
group g "G" policy unique
  rule no_record when Der_Procedure_All is missing then set band = "none" cite "c" end
  rule recorded when procedures is present then set band = "some" cite "c" end
end
)wm");
  INFO(dump(r));
  CHECK(r.errors == 0);
}

TEST_CASE("logic: an overlap on definitions in a unique group is a warning", "[checker][logic][unique]") {
  CHECK(group_messages("unique", {{"a", "total <= 3"}, {"b", "total >= 3"}}, "define total = age + 1\n") ==
        std::vector<std::string>{"warning: rules 'a' and 'b' may both match in unique group 'g'; make their conditions exclusive"});
  CHECK(group_messages("unique", {{"a", "any procedures in s"}, {"b", "age > 3"}}, "codeset s \"S\"\n  \"A01\"\nend\n") ==
        std::vector<std::string>{"warning: rules 'a' and 'b' may both match in unique group 'g'; make their conditions exclusive"});
}

TEST_CASE("logic: overlaps are only checked under unique", "[checker][logic][unique]") {
  CHECK(group_messages("all", {{"a", "age <= 18"}, {"b", "age >= 18"}}) == kNothing);
  CHECK(group_messages("first", {{"a", "age <= 18"}, {"b", "age >= 18"}}) == kNothing);
}

TEST_CASE("logic: conditions too large to analyse in a unique group", "[checker][logic][unique]") {
  const std::string wide = "(age = 1 or age = 2) and (weight = 1 or weight = 2) and (flag or other_flag) and (note = \"a\" or note = \"b\") "
                           "and (seen = @2024-01-01 or seen = @2024-01-02) and (dx = \"A01\" or dx = \"A02\") and (age = 3 or weight = 3)";
  CHECK(group_messages("unique", {{"a", wide}, {"b", "age = 5"}}) ==
        std::vector<std::string>{"warning: cannot tell whether rules 'a' and 'b' can both match in unique group 'g'"});
}

TEST_CASE("logic: a rule after an always-true rule in a first group is shadowed", "[checker][logic][first]") {
  CHECK(group_messages("first", {{"catch_all", "true"}, {"later", "flag"}}) ==
        std::vector<std::string>{"warning: rule 'later' can never fire: rule 'catch_all', evaluated before it in first-match group 'g', always matches"});
  CHECK(group_messages("first", {{"specific", "flag"}, {"catch_all", "true"}}) == kNothing);
  CHECK(group_messages("all", {{"catch_all", "true"}, {"later", "flag"}}) == kNothing);
}

TEST_CASE("logic: a higher priority is evaluated first, so it is not shadowed", "[checker][logic][first]") {
  auto r = check_text(std::string("pathway checker.first\n") + kInputs + "output\n  band: text\nend\n"
                      "group g \"G\" policy first\n"
                      "  rule catch_all when true then set band = \"a\" cite \"c\" end\n"
                      "  rule urgent when flag then set band = \"b\" cite \"c\" priority 1 end\n"
                      "end\n");
  CHECK(messages(r) == kNothing);
}

TEST_CASE("logic: a lower-priority rule placed before an always-true rule is shadowed too", "[checker][logic][first]") {
  // Rules run in priority order, then source order: `early` (priority 0) runs after `catch_all` (priority 10),
  // which always matches, so `early` can never fire.
  auto r = check_text(std::string("pathway checker.first\n") + kInputs + "output\n  band: text\nend\n"
                      "group g \"G\" policy first\n"
                      "  rule early when flag then set band = \"a\" cite \"c\" end\n"
                      "  rule catch_all when true then set band = \"b\" cite \"c\" priority 10 end\n"
                      "end\n");
  INFO(dump(r));
  REQUIRE(r.warnings == 1);
  CHECK(messages(r) == std::vector<std::string>{
                           "warning: rule 'early' can never fire: rule 'catch_all', evaluated before it in first-match group 'g', always matches"});
}

TEST_CASE("logic: a rule whose condition does not type-check is not analysed", "[checker][logic]") {
  auto r = check_text(one_rule("agee < 18 and agee > 65"));
  CHECK(r.errors == 2);
  CHECK(r.warnings == 0);
}

// ---- imports ------------------------------------------------------------------------------------------------

namespace {

const char* const kSharedModule = R"wm(module shared.ces
input
  saddle_anaesthesia: bool optional
  urinary_retention: bool optional
  diagnoses: code list optional from "Der_Diagnosis_All"
end
codeset ces_codes "Cauda equina syndrome"
  "G834"
end
define core_red_flag = saddle_anaesthesia or urinary_retention
define ces_coded = any diagnoses in ces_codes
)wm";

std::string importer(const std::string& import_path, const std::string& when, const std::string& extra = "") {
  return "pathway checker.importer\nimport \"" + import_path + "\" as ces\n" + extra +
         "output\n  urgency: text for urgency\nend\nrule suspected when " + when +
         " then refer \"emergency\" cite \"GIRFT CES\" end\n";
}

} // namespace

TEST_CASE("imports: definitions and code sets through an alias, and the imported schema", "[checker][imports]") {
  TempFolder dir;
  dir.write("lib/ces.wm", kSharedModule);
  auto root = dir.write("root.wm", importer("lib/ces.wm", "ces.core_red_flag and not ces.ces_coded and ces.core_red_flag is present",
                                            "input\n  id: text key\nend\n") +
                                       "test \"imported columns are given by column name\"\n  given\n    id = \"1\"\n"
                                       "    saddle_anaesthesia = true\n    Der_Diagnosis_All = \"M545\"\n  expect\n"
                                       "    urgency = \"emergency\"\n    fired suspected\nend\n");
  auto r = check_path(root);
  INFO(dump(r));
  CHECK(r.errors == 0);
  CHECK(r.warnings == 0);
  CHECK(r.parsed);
}

TEST_CASE("imports: the same file text checked from memory resolves imports from its path", "[checker][imports]") {
  TempFolder dir;
  dir.write("lib/ces.wm", kSharedModule);
  auto r = check_text(importer("lib/ces.wm", "ces.core_red_flag"), (dir.path() / "buffer.wm").string());
  INFO(dump(r));
  CHECK(r.diagnostics.empty());
}

TEST_CASE("imports: unknown names through an alias, and unused imports", "[checker][imports]") {
  TempFolder dir;
  dir.write("lib/ces.wm", kSharedModule);
  const std::string head = "pathway checker.importer\nimport \"lib/ces.wm\" as ces\nimport \"lib/ces.wm\" as spare\n"
                           "output\n  urgency: text for urgency\nend\n";
  auto root = dir.write("root.wm", head + "rule r when ces.core_red_flg or cse.core_red_flag then refer \"emergency\" cite \"c\" end\n");
  auto r = check_path(root);
  auto m = messages_in(r, root);
  CHECK_THAT(m, VectorContains("error: unknown name 'core_red_flg' in " + (dir.path() / "lib/ces.wm").string() + "; did you mean 'core_red_flag'?"));
  CHECK_THAT(m, VectorContains(std::string("error: 'cse' is not an import alias; did you mean 'ces'?"))); // a swap counts as one edit
  CHECK(m.size() == 2); // the file has errors, so the unused import `spare` is not reported
  // Without the errors, the unused import is reported.
  auto clean = dir.write("clean.wm", head + "rule r when ces.core_red_flag then refer \"emergency\" cite \"c\" end\n");
  auto c = check_path(clean);
  CHECK(messages_in(c, clean) == std::vector<std::string>{"warning: import 'spare' is never used"});
}

TEST_CASE("imports: a code set through an alias gets the qualified hint", "[checker][imports]") {
  // The hint keeps the alias: `x in ces.ces_codes`, not `x in ces_codes`.
  TempFolder dir;
  dir.write("lib/ces.wm", kSharedModule);
  auto root = dir.write("root.wm", importer("lib/ces.wm", "ces.ces_codes"));
  auto r = check_path(root);
  CHECK(messages_in(r, root) == std::vector<std::string>{"error: a code set is not a condition; write `x in ces.ces_codes`"});
}

TEST_CASE("imports: an imported input is read through its alias, as it joins the schema", "[checker][imports]") {
  // Decided: the alias names every value the imported file declares (inputs, definitions, code sets),
  // because its inputs are part of the importing pathway's schema. Rules and outputs stay private.
  TempFolder dir;
  dir.write("lib/ces.wm", kSharedModule);
  auto root = dir.write("root.wm", importer("lib/ces.wm", "ces.saddle_anaesthesia"));
  auto r = check_path(root);
  INFO(dump(r));
  CHECK(r.errors == 0);
  auto missing = check_path(dir.write("root2.wm", importer("lib/ces.wm", "ces.no_such_input")));
  CHECK(missing.errors == 1);
}

TEST_CASE("imports: an input declared differently in the imported file is an error naming both files", "[checker][imports]") {
  TempFolder dir;
  auto lib = dir.write("lib/ces.wm", kSharedModule);
  auto root = dir.write("root.wm", importer("lib/ces.wm", "ces.core_red_flag and saddle_anaesthesia = 1",
                                            "input\n  saddle_anaesthesia: int optional\n  urinary_retention: bool optional\nend\n"));
  auto r = check_path(root);
  CHECK(messages_in(r, root) == std::vector<std::string>{
                                    "error: input 'saddle_anaesthesia' is declared as int from column 'saddle_anaesthesia' in " + root +
                                        " but as bool from column 'saddle_anaesthesia' in " + (dir.path() / "lib" / "ces.wm").lexically_normal().string()});
  CHECK(r.errors == 1);
}

TEST_CASE("imports: a required input of an imported file must be given in tests", "[checker][imports]") {
  TempFolder dir;
  dir.write("lib/req.wm", "module m\ninput\n  consent: bool required\nend\ndefine ok = consent\n");
  auto root = dir.write("root.wm", "pathway p\nimport \"lib/req.wm\" as lib\noutput\n  o: bool\nend\n"
                                   "rule r when lib.ok then set o = true cite \"c\" end\ntest \"t\"\n  expect\n    o = true\nend\n");
  auto r = check_path(root);
  CHECK(messages_in(r, root) == std::vector<std::string>{"error: test 't' gives no value for required input column 'consent'"});
}

TEST_CASE("imports: a missing file, a folder and an empty path", "[checker][imports]") {
  TempFolder dir;
  fs::create_directories(dir.path() / "lib");
  auto root = dir.write("root.wm", "pathway p\nimport \"lib/none.wm\" as a\nimport \"lib\" as b\nimport \"\" as c\n"
                                   "output\n  o: bool\nend\nrule r when a.x or b.y then set o = true cite \"c\" end\n");
  auto r = check_path(root);
  const std::string base = dir.path().string();
  CHECK(r.lines() == std::vector<std::string>{
                         "2:8: error: cannot import '" + base + "/lib/none.wm': cannot open file: No such file or directory",
                         "3:8: error: cannot import '" + base + "/lib': is a directory",
                         "4:8: error: import path is empty",
                     });
}

TEST_CASE("imports: errors in an imported file are reported against it, once", "[checker][imports]") {
  TempFolder dir;
  auto lib = dir.write("lib/broken.wm", "module m\ndefine x = \n");
  auto root = dir.write("root.wm", importer("lib/broken.wm", "ces.x"));
  auto r = check_path(root);
  INFO(dump(r));
  CHECK(r.errors == 1);
  CHECK(messages_in(r, root).empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(fs::path(r.diagnostics[0].file->path()) == fs::path(lib));
}

TEST_CASE("imports: a file imported twice along different paths is loaded once", "[checker][imports]") {
  TempFolder dir;
  dir.write("lib/base.wm", "module base\ninput\n  age: int optional\nend\ndefine adult = age >= 18\n");
  dir.write("lib/left.wm", "module left\nimport \"base.wm\" as base\ndefine old = base.adult and age > 65\ninput\n  age: int optional\nend\n");
  dir.write("other/right.wm", "module right\nimport \"../lib/base.wm\" as base\ndefine young = base.adult and age < 30\ninput\n  age: int optional\nend\n");
  auto root = dir.write("root.wm", "pathway p\nimport \"lib/left.wm\" as left\nimport \"./other/right.wm\" as right\n"
                                   "output\n  o: bool\nend\nrule r when left.old or right.young then set o = true cite \"c\" end\n");
  auto r = check_path(root);
  INFO(dump(r));
  CHECK(r.diagnostics.empty());
}

TEST_CASE("imports: an import cycle is an error", "[checker][imports]") {
  TempFolder dir;
  dir.write("b.wm", "module b\nimport \"a.wm\" as a\ninput\n  flag: bool optional\nend\ndefine red_flag = flag\n");
  auto root = dir.write("a.wm", importer("b.wm", "ces.red_flag"));
  auto r = check_path(root);
  INFO(dump(r));
  CHECK(r.errors >= 1);
  bool cycle = false;
  for (const auto& m : messages(r)) cycle |= m.find("error: import cycle: ") == 0;
  CHECK(cycle);
}

TEST_CASE("imports: the file being checked reports the cycle it starts", "[checker][imports]") {
  // The cycle is reported at the import in a.wm, where it starts, not only in b.wm, where it closes.
  TempFolder dir;
  auto b = dir.write("b.wm", "module b\nimport \"a.wm\" as a\ninput\n  flag: bool optional\nend\ndefine red_flag = flag\n");
  auto root = dir.write("a.wm", importer("b.wm", "ces.red_flag"));
  auto r = check_path(root);
  INFO(dump(r));
  CHECK(messages_in(r, root) == std::vector<std::string>{"error: import cycle: " + root + " -> " + b + " -> " + root});
}

TEST_CASE("imports: a file that imports itself", "[checker][imports]") {
  TempFolder dir;
  auto root = dir.write("self.wm", "module self\nimport \"self.wm\" as me\n");
  auto r = check_path(root);
  CHECK(messages_in(r, root) == std::vector<std::string>{"error: import cycle: " + root + " -> " + root});
}

// ---- rendering -----------------------------------------------------------------------------------------------

TEST_CASE("render: the source line and a caret under the span", "[checker][render]") {
  auto r = check_text("pathway p\ninput\n  age: int optional\nend\ndefine x = agee > 1\n", "render.wm");
  CHECK(r.text() == // no "definition 'x' is never used": the file has an error
        "render.wm:5:12: error: unknown name 'agee'; did you mean 'age'?\n"
        "define x = agee > 1\n"
        "           ^~~~\n");
}

TEST_CASE("render: diagnostics are sorted by line and column", "[checker][render]") {
  // The rule analysis (a warning on the rule's name) runs after the action is checked (an error further right).
  auto r = check_text("pathway p\ninput\n  age: int optional\nend\noutput\n  o: int\nend\n"
                      "rule r when age < 1 and age > 2 then set o = agee cite \"c\" end\n");
  REQUIRE(r.lines().size() == 2);
  CHECK(r.lines()[0] == "8:6: warning: rule 'r' can never fire: no input values make its condition true");
  CHECK(r.lines()[1] == "8:46: error: unknown name 'agee'; did you mean 'age'?");
}

TEST_CASE("render: columns count characters, and tabs are kept in the caret line", "[checker][render]") {
  // "é" is two bytes but one column; the caret line copies the tabs that come before the span.
  auto r = check_text("pathway p\ninput\n  age: int optional\nend\ndefine x = \"\xC3\xA9\" = \"a\"\tor\tages > 1\n", "render.wm");
  auto lines = r.lines();
  CHECK_THAT(lines, VectorContains(std::string("5:25: error: unknown name 'ages'; did you mean 'age'?")));
  const std::string text = r.text();
  const std::string expected_caret = std::string(20, ' ') + "\t" + "  " + "\t" + "^~~~\n";
  INFO(text);
  CHECK(text.find("\n" + expected_caret) != std::string::npos); // the caret line counts characters, not bytes
}
