#pragma once
// The reference evaluator: a small AST-walking interpreter of checked Waymark files, FOR TESTS ONLY.
// It is the oracle that faster engines (the bytecode VM) are compared against, so it favours
// clarity over speed: every construct is evaluated directly from docs/language.md.
//
// Choices the docs leave open, made here and to be kept by any engine compared against this one:
//   - Reading a record: "" is missing for every type. Text is taken as is. A code is normalised
//     (rt::normalize_code) and must then be a valid code; a code list is split with the field's
//     delimiters and every piece must be a valid code. bool accepts true/false, yes/no, 1/0 and
//     agree/disagree (ASCII case-insensitive); int and decimal are plain numbers (a leading '-' is
//     allowed); dates are ISO YYYY-MM-DD. No trimming is done for these types. A value that does not
//     read, a value outside the field's `one of` list, or a required/key field that is missing, is an error: the row is rejected, so nothing
//     is evaluated (no outputs, no rule states).
//   - `between` is expanded as the docs define it, `lo <= x and x <= hi` in Kleene logic, so
//     `5 between missing and 3` is false, as in SQL.
//   - Integer overflow in + - * and unary minus gives missing (the docs do not say).
//   - Actions: a scalar output takes the first present value written to it; writing a missing value
//     leaves it free for a later rule. `recommend` with a missing value appends nothing. A text list
//     output to which nothing was appended is missing (not an empty list).
//   - Only a valid code (A-Z and 0-9 once normalised) can be in a code set: text converted to a code that
//     holds other characters is never a member, even where a range's bounds would order it inside.
//   - A `unique` group with two or more true rules fires none of them; they are reported as
//     "not fired" in rule_state, and the error is listed in Outcome::errors.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "waymark/compiler/ast.h"
#include "waymark/compiler/workspace.h"

namespace waymark::reference {

struct Value {
  enum class Kind : uint8_t { Missing, Bool, Int, Decimal, Text, Date, Code, CodeList, TextList };
  Kind kind = Kind::Missing;
  bool boolean = false;
  int64_t integer = 0;
  double decimal = 0;
  int32_t date = 0;               // days since 1970-01-01
  std::string text;               // Text, or a normalised Code
  std::vector<std::string> items; // CodeList (normalised codes) or TextList

  bool missing() const { return kind == Kind::Missing; }
  static Value of_bool(bool b);
  static Value of_int(int64_t i);
  static Value of_decimal(double d);
  static Value of_text(std::string s);
  static Value of_code(std::string normalised);
  static Value of_date(int32_t days);
  static Value of_list(Kind kind, std::vector<std::string> items);

  friend bool operator==(const Value&, const Value&) = default;
};

// How a value reads in a test failure: missing, true, 45, 3.5, "text", @2024-01-31, ["a", "b"].
std::string to_string(const Value& value);

// One input row: column name -> raw text as a CSV holds it, or nullopt (missing; the same as absent).
struct Record {
  std::map<std::string, std::optional<std::string>> columns;
};

struct Outcome {
  std::map<std::string, Value> outputs;           // every declared output; missing if never written
  std::vector<std::string> fired;                 // in firing order
  std::map<std::string, std::string> rule_state;  // "fired", "not fired", "unknown" or "skipped"
  std::vector<std::string> errors;                // rejected row, unique hit policy violated
};

// Runs the rules of `file` (a checked pathway, without errors) on one record.
Outcome evaluate(const Workspace& workspace, uint32_t file, const Record& record);

struct TestResult {
  std::vector<std::string> failures; // empty when the test passes
  bool passed() const { return failures.empty(); }
};

// The record a test case's `given` lines make: each column's literal as a CSV holds it, or missing.
Record record_of_test(const Workspace& workspace, uint32_t file, const ast::TestCase& test);

// Builds the record of a test case's `given`, evaluates it and checks its `expect`.
TestResult run_test(const Workspace& workspace, uint32_t file, const ast::TestCase& test);

} // namespace waymark::reference
