#pragma once
// Synthetic questionnaire rows for the pathways that read a form rather than SUS data: the CES red-flag triage
// (pathways/ces), the STarT Back Screening Tool (pathways/startback) and the first-contact pathway that combines
// them (pathways/first_contact). Answers come with realistic frequencies, written in the spellings the runtime
// reads for a bool (yes/no, true/false, agree/disagree, 1/0, the words in any letter case), plus the edge cases
// sample data should show: unanswered items, forms with nothing answered, and a few values the runtime rejects.
// The same form and seed always give the same rows (see Random in sus_rows.h).
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sus_rows.h"

namespace waymark::datagen {

enum class QuestionnaireForm { Ces, StartBack, FirstContact };
// What a column holds: the row's key, a yes/no answer, STarT Back item 9 (a five-point scale), or an age.
enum class AnswerKind : uint8_t { Key, Bool, Likert, Age };

// "ces", "startback" or "first_contact".
std::optional<QuestionnaireForm> questionnaire_form(std::string_view name);
// The CSV header: the key column, then the questions in the order the pathway declares them.
std::string questionnaire_header(QuestionnaireForm form);

// One row as raw CSV values (before quoting); "" is an unanswered question.
struct QuestionnaireRow {
  std::vector<std::string> cells;
};

class QuestionnaireRowGenerator {
public:
  QuestionnaireRowGenerator(QuestionnaireForm form, uint64_t seed);
  void next(QuestionnaireRow& row);

private:
  // Appends answers, spelt as the row's form-filler spells them.
  void append_ces(QuestionnaireRow& row);
  void append_startback(QuestionnaireRow& row);
  void append_red_flags(QuestionnaireRow& row);
  void append_age(QuestionnaireRow& row);
  void append_bool(QuestionnaireRow& row, bool yes);
  void blank_and_spoil(QuestionnaireRow& row);

  QuestionnaireForm form_;
  std::vector<AnswerKind> kinds_; // of each column
  Random random_;
  uint64_t made_ = 0;
  // How this row's bools are spelt: an index into the spellings of questionnaire_rows.cpp, or mixed per item.
  size_t spelling_ = 0;
  bool mixed_spelling_ = false;
};

void append_csv_row(std::string& out, const QuestionnaireRow& row);

// Writes the header and `rows` rows of `form` made from `seed`. Returns false on a write error.
bool write_questionnaire_csv(std::FILE* out, QuestionnaireForm form, uint64_t rows, uint64_t seed);

} // namespace waymark::datagen
