#pragma once
// Synthetic SUS admitted patient care (APC) spell rows for the EBI appendicectomy and meniscal arthroscopy rules
// (pathways/ebi/appendicectomy.wm, pathways/ebi/meniscal_arthroscopy.wm): raw Spell_Dominant_Procedure,
// Spell_Primary_Diagnosis and Admission_Method text with the formatting quirks and near-miss codes that decide
// whether the rules' `like` patterns and prefix test match, and the empty (NULL) fields that decide their unknowns.
//
// Deterministic per seed, as the outpatient rows are (sus_rows.h). The sample pathways/data/ebi_admissions.csv is
//   waymark-gen-sus --kind admitted --rows 300 --seed 20240901 --output pathways/data/ebi_admissions.csv
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "sus_rows.h"

namespace waymark::datagen {

inline constexpr std::string_view kApcHeader =
    "id,Spell_Dominant_Procedure,Spell_Primary_Diagnosis,Admission_Method,Administrative_Category";

// One spell as raw CSV values (before quoting); "" is an empty field, which the rules read as NULL.
struct ApcSpellRow {
  std::string id, dominant_procedure, primary_diagnosis, admission_method, admin_category;
};

class ApcSpellGenerator {
public:
  explicit ApcSpellGenerator(uint64_t seed) : random_(seed) {}
  void next(ApcSpellRow& row); // row's strings are reused

private:
  // Writes `code` as SUS extracts show a single code: mostly as is, sometimes in lower case, padded with blanks,
  // dotted, cut to its 3-character category, or among other codes in "||"-separated episode text.
  void format_code(std::string& out, std::string_view code, bool procedure);
  void make_admission_method(std::string& out, uint32_t elective_per_mille, uint32_t emergency_per_mille);
  void make_admin_category(std::string& out);

  Random random_;
  uint64_t made_ = 0;
};

// Appends the spell as one CSV line ending in "\n".
void append_csv_row(std::string& out, const ApcSpellRow& row);

// Writes the header and `rows` spells made from `seed`. Returns false on a write error.
bool write_apc_csv(std::FILE* out, uint64_t rows, uint64_t seed);

} // namespace waymark::datagen
