#pragma once
// The form in which the test cases panel edits a case's `given`: one field per input column of the compiled
// buffer's schema, in schema order, each with its label, type, `one of` choices and flags. A value typed into a
// field is checked as a test case literal must be (section 15 of docs/language.md) and refused, with the reason,
// when `waymark check` would refuse it, so a case saved from the form checks clean.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/program.h"
#include "waymark/studio/case_draft.h"

namespace waymark::studio {

struct FormField {
  std::string column;               // as a test case names it (the `from` column, or the input's name)
  std::string name;                 // the input's name in the rules
  std::string label;                // the schema's `label`, or empty
  std::string type_name;            // `bool`, `code list`, ...; `int and text` when two inputs read the column
  std::vector<std::string> choices; // the `one of` values, as literals (`"slightly"`, `3`)
  bool required = false, key = false;
  bool given = false;               // the case writes this column, with a value or as `missing`
  std::optional<std::string> value; // the literal written (`true`, `"U055"`, `@2024-01-31`); none: missing
};

class CaseForm {
public:
  // The form for `draft` (a new case may hold only a name) against the schema of `program`. The draft's values are
  // shown as they are; a column no input reads is kept, and written back, for the checker to report.
  CaseForm(const rt::Program &program, CaseDraft draft);

  const std::vector<FormField> &fields() const { return fields_; }
  const FormField *field(const std::string &column) const;
  const std::string &name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  // Checks `text` as the column's value and stores it; `missing` gives the column as missing, empty text leaves
  // it out of the case. Returns why the value was refused (then nothing is stored), or nothing when it was taken.
  std::optional<std::string> set(const std::string &column, std::string_view text);

  // Required and key columns the case does not give a value yet: the checker refuses such a case.
  std::vector<std::string> missing_required() const;

  // The case as the form holds it: the given columns in schema order, the expectations unchanged.
  CaseDraft to_draft() const;

private:
  // A value a `one of` list allows, as the program holds it.
  struct Choice {
    rt::RegType type = rt::RegType::Text;
    int64_t i = 0;
    double d = 0;
    std::string text;
  };
  // What one input reading a column accepts.
  struct Accepts {
    std::string input; // the input's name, for messages
    rt::ValueType type{rt::BaseType::Text, false};
    std::vector<Choice> one_of;
  };
  struct Literal; // a value as read from the form's text

  // Reads `text` (not blank) as one test case literal with the language's lexer: `missing`, true or false, a
  // number (a leading `-` allowed), a string or a date. Gives the reason when it is not one.
  static std::optional<std::string> read_literal(std::string_view text, Literal &out);
  std::optional<std::string> refusal(const FormField &field, const std::vector<Accepts> &accepts,
                                     const Literal &literal) const;

  std::string name_;
  std::vector<FormField> fields_;
  std::vector<std::vector<Accepts>> accepts_; // parallel to fields_
  std::vector<GivenValue> unknown_columns_;   // given by the draft, read by no input
  std::vector<std::string> expect_;
};

} // namespace waymark::studio
