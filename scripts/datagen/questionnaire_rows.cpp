#include "questionnaire_rows.h"

#include <array>
#include <span>

#include "csv_writer.h"

namespace waymark::datagen {
namespace {

struct Column {
  std::string_view name;
  AnswerKind kind;
};

constexpr std::array<Column, 7> kCesColumns = {{{"urinary_difficulty", AnswerKind::Bool},
                                                {"saddle_sensory_change", AnswerKind::Bool},
                                                {"bilateral_neuro_deficit", AnswerKind::Bool},
                                                {"rectal_sensation_loss", AnswerKind::Bool},
                                                {"sexual_dysfunction", AnswerKind::Bool},
                                                {"bilateral_leg_pain", AnswerKind::Bool},
                                                {"new_or_worsening", AnswerKind::Bool}}};
constexpr std::array<Column, 9> kStartBackColumns = {{{"leg_pain", AnswerKind::Bool},
                                                      {"shoulder_neck_pain", AnswerKind::Bool},
                                                      {"walked_short_distances", AnswerKind::Bool},
                                                      {"dressed_slowly", AnswerKind::Bool},
                                                      {"unsafe_to_be_active", AnswerKind::Bool},
                                                      {"worrying_thoughts", AnswerKind::Bool},
                                                      {"pain_terrible", AnswerKind::Bool},
                                                      {"not_enjoyed", AnswerKind::Bool},
                                                      {"bothersomeness", AnswerKind::Likert}}};
constexpr std::array<Column, 5> kRedFlagColumns = {{{"suspected_cancer", AnswerKind::Bool},
                                                    {"suspected_infection", AnswerKind::Bool},
                                                    {"suspected_spinal_injury", AnswerKind::Bool},
                                                    {"suspected_inflammatory", AnswerKind::Bool},
                                                    {"cord_compression_signs", AnswerKind::Bool}}};

std::vector<Column> columns_of(QuestionnaireForm form) {
  std::vector<Column> out;
  auto add = [&](std::span<const Column> section) { out.insert(out.end(), section.begin(), section.end()); };
  switch (form) {
  case QuestionnaireForm::Ces:
    out.push_back({"case_id", AnswerKind::Key});
    add(kCesColumns);
    break;
  case QuestionnaireForm::StartBack:
    out.push_back({"respondent", AnswerKind::Key});
    add(kStartBackColumns);
    break;
  case QuestionnaireForm::FirstContact:
    out.push_back({"patient_id", AnswerKind::Key});
    out.push_back({"age", AnswerKind::Age});
    add(kCesColumns);
    add(kStartBackColumns);
    add(kRedFlagColumns);
    break;
  }
  return out;
}

// Every spelling of a bool the runtime reads: the words in any ASCII letter case, and 1/0.
struct Spelling {
  std::string_view yes, no;
};
constexpr std::array<Spelling, 9> kSpellings = {{{"yes", "no"},
                                                 {"Yes", "No"},
                                                 {"YES", "NO"},
                                                 {"true", "false"},
                                                 {"TRUE", "FALSE"},
                                                 {"1", "0"},
                                                 {"agree", "disagree"},
                                                 {"Agree", "Disagree"},
                                                 {"AGREE", "DISAGREE"}}};
// How often each spelling is used (per mille, same order as kSpellings): clinicians' forms say yes/no, the
// STarT Back questionnaire agree/disagree; exports and other systems add the rest.
constexpr std::array<uint32_t, 9> kClinicianSpelling = {720, 80, 20, 80, 20, 60, 20, 0, 0};
constexpr std::array<uint32_t, 9> kQuestionnaireSpelling = {80, 20, 0, 50, 10, 50, 650, 120, 20};

constexpr std::array<std::string_view, 5> kBothersomeness = {"not at all", "slightly", "moderately", "very much",
                                                             "extremely"};

// Values the runtime rejects, one kind per column: a row holding one is listed in the errors file, not run.
constexpr std::array<std::string_view, 6> kBadBools = {"perhaps", "unsure", "y", " yes", "N/A", "2"};
// "Very much" is rejected too: a `one of` text is matched exactly, letter case included.
constexpr std::array<std::string_view, 3> kBadLikerts = {"Very much", "quite a lot", "4"};
constexpr std::array<std::string_view, 3> kBadAges = {"forty", "42.5", "unknown"};

// An index drawn with the given per-mille weights (which sum to 1000).
size_t weighted(Random& random, std::span<const uint32_t> per_mille) {
  uint64_t draw = random.below(1000);
  for (size_t i = 0; i < per_mille.size(); ++i) {
    if (draw < per_mille[i]) return i;
    draw -= per_mille[i];
  }
  return per_mille.size() - 1;
}

std::string numbered(std::string_view prefix, uint64_t n) {
  std::string digits = std::to_string(n);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return std::string(prefix) + digits;
}

} // namespace

std::optional<QuestionnaireForm> questionnaire_form(std::string_view name) {
  if (name == "ces") return QuestionnaireForm::Ces;
  if (name == "startback") return QuestionnaireForm::StartBack;
  if (name == "first_contact") return QuestionnaireForm::FirstContact;
  return std::nullopt;
}

std::string questionnaire_header(QuestionnaireForm form) {
  std::string out;
  for (const Column& c : columns_of(form)) out.append(out.empty() ? "" : ",").append(c.name);
  return out;
}

QuestionnaireRowGenerator::QuestionnaireRowGenerator(QuestionnaireForm form, uint64_t seed)
    : form_(form), random_(seed) {
  for (const Column& c : columns_of(form)) kinds_.push_back(c.kind);
}

void QuestionnaireRowGenerator::next(QuestionnaireRow& row) {
  ++made_;
  row.cells.clear();
  mixed_spelling_ = random_.per_mille(30); // a form filled in by hand, each answer typed differently
  switch (form_) {
  case QuestionnaireForm::Ces:
    row.cells.push_back(numbered("CES-", made_));
    append_ces(row);
    break;
  case QuestionnaireForm::StartBack:
    row.cells.push_back(numbered("SB-", made_));
    append_startback(row);
    break;
  case QuestionnaireForm::FirstContact:
    row.cells.push_back(numbered("FC-", made_));
    append_age(row);
    append_ces(row);
    append_startback(row);
    append_red_flags(row);
    break;
  }
  blank_and_spoil(row);
}

void QuestionnaireRowGenerator::append_bool(QuestionnaireRow& row, bool yes) {
  const Spelling& s = kSpellings[mixed_spelling_ ? random_.below(kSpellings.size()) : spelling_];
  row.cells.emplace_back(yes ? s.yes : s.no);
}

void QuestionnaireRowGenerator::append_ces(QuestionnaireRow& row) {
  spelling_ = weighted(random_, kClinicianSpelling);
  std::array<bool, 4> core{};
  bool sexual = false, legs = false, onset = false;
  uint32_t onset_unrecorded = 0; // per mille: with a symptom, when it started is sometimes not written down
  const uint64_t presentation = random_.below(1000);
  if (presentation < 60) { // suspected CES: at least one core red flag
    for (bool& flag : core) flag = random_.per_mille(400);
    core[random_.below(core.size())] = true;
    sexual = random_.per_mille(300);
    legs = random_.per_mille(450);
    onset = random_.per_mille(750);
    onset_unrecorded = 150;
  } else if (presentation < 140) { // warning signs without a core red flag
    legs = random_.per_mille(650);
    sexual = !legs || random_.per_mille(250);
    onset = random_.per_mille(600);
    onset_unrecorded = 100;
  } else { // back pain with no CES symptom, mostly
    for (bool& flag : core) flag = random_.per_mille(4);
    sexual = random_.per_mille(30);
    legs = random_.per_mille(60);
    onset = random_.per_mille(80);
  }
  for (bool flag : core) append_bool(row, flag);
  append_bool(row, sexual);
  append_bool(row, legs);
  if (random_.per_mille(onset_unrecorded))
    row.cells.emplace_back();
  else
    append_bool(row, onset);
}

void QuestionnaireRowGenerator::append_startback(QuestionnaireRow& row) {
  spelling_ = weighted(random_, kQuestionnaireSpelling);
  // Each respondent's risk decides how likely each item is agreed: about 45% low, 35% medium, 20% high, as in
  // primary care samples. Per mille: the physical items 1-4, the distress items 5-8, item 9's five answers.
  struct Profile {
    uint32_t physical, distress;
    std::array<uint32_t, 5> bothersomeness;
  };
  constexpr std::array<Profile, 3> kProfiles = {{
      {250, 100, {200, 400, 300, 80, 20}}, // low
      {700, 300, {50, 200, 450, 250, 50}}, // medium
      {800, 750, {0, 50, 250, 450, 250}},  // high
  }};
  const Profile& p = kProfiles[weighted(random_, std::array<uint32_t, 3>{450, 350, 200})];
  for (int item = 0; item < 4; ++item) append_bool(row, random_.per_mille(p.physical));
  for (int item = 4; item < 8; ++item) append_bool(row, random_.per_mille(p.distress));
  row.cells.emplace_back(kBothersomeness[weighted(random_, p.bothersomeness)]);
}

void QuestionnaireRowGenerator::append_red_flags(QuestionnaireRow& row) {
  spelling_ = weighted(random_, kClinicianSpelling);
  // Per mille, in column order: cancer, infection, spinal injury, inflammatory disease, cord compression. A
  // question is left unanswered now and then (3%), on top of the blanks every form gets.
  for (uint32_t yes : {20u, 10u, 20u, 30u, 10u}) {
    if (random_.per_mille(30))
      row.cells.emplace_back();
    else
      append_bool(row, random_.per_mille(yes));
  }
}

void QuestionnaireRowGenerator::append_age(QuestionnaireRow& row) {
  const uint64_t draw = random_.below(1000);
  if (draw < 20) {
    row.cells.emplace_back(); // not recorded
  } else if (draw < 55) {
    row.cells.push_back(draw < 35 ? "15" : "16"); // 15: under 16, outside NICE NG59; 16: the youngest inside it
  } else {
    const uint64_t band = random_.below(100);
    const uint64_t age = band < 15   ? 17 + random_.below(8)
                         : band < 75 ? 25 + random_.below(41)
                                     : 66 + random_.below(25);
    row.cells.push_back(std::to_string(age));
  }
}

void QuestionnaireRowGenerator::blank_and_spoil(QuestionnaireRow& row) {
  const uint64_t kind = random_.below(1000);
  uint32_t blank_per_mille = 10; // the odd question not asked
  if (kind < 20)
    blank_per_mille = 1000; // nothing answered
  else if (kind < 60)
    blank_per_mille = 350; // stopped part-way
  // 1.5% of rows (kind 60-74) get one value the runtime cannot read.
  for (size_t c = 1; c < row.cells.size(); ++c)
    if (random_.per_mille(blank_per_mille)) row.cells[c].clear();
  if (kind < 60 || kind >= 75) return;
  // One value the runtime cannot read.
  const size_t c = 1 + random_.below(row.cells.size() - 1);
  switch (kinds_[c]) {
  case AnswerKind::Bool: row.cells[c] = random_.pick(kBadBools); break;
  case AnswerKind::Likert: row.cells[c] = random_.pick(kBadLikerts); break;
  case AnswerKind::Age: row.cells[c] = random_.pick(kBadAges); break;
  case AnswerKind::Key: break;
  }
}

void append_csv_row(std::string& out, const QuestionnaireRow& row) {
  for (size_t c = 0; c < row.cells.size(); ++c) {
    if (c > 0) out.push_back(',');
    append_csv_field(out, row.cells[c]);
  }
  out.push_back('\n');
}

bool write_questionnaire_csv(std::FILE* out, QuestionnaireForm form, uint64_t rows, uint64_t seed) {
  QuestionnaireRowGenerator generator(form, seed);
  QuestionnaireRow row;
  return write_generated_csv(out, questionnaire_header(form), rows, generator, row);
}

} // namespace waymark::datagen
