#pragma once
// Synthetic SUS outpatient rows for the EBI "low back pain imaging" rule (pathways/ebi/low_back_imaging.wm):
// raw Der_Procedure_All / Der_Diagnosis_All text as SUS writes it, with the formatting quirks and edge values
// that decide whether the script's `like` patterns match, and the empty (NULL) fields that decide its unknowns.
// Admitted patient care spells, for the appendicectomy and meniscal arthroscopy rules, are in apc_spells.h.
//
// The same seed always gives the same rows, on any platform: std::mt19937_64's sequence is fixed by the
// standard, and the uniform helpers are ours (std distributions differ between library versions).
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::datagen {

inline constexpr std::string_view kSusHeader = "id,Der_Procedure_All,Der_Diagnosis_All,Age_at_Start_of_Episode_SUS,"
                                               "Der_Age_at_CDS_Activity_Date,Administrative_Category";
inline constexpr int kSusColumns = 6;

class Random {
public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  uint64_t below(uint64_t n) { return engine_() % n; } // n > 0; the modulo bias is far below what matters here
  bool per_mille(uint32_t p) { return below(1000) < p; }
  template <typename Array>
  const auto& pick(const Array& items) {
    return items[below(std::size(items))];
  }

private:
  std::mt19937_64 engine_;
};

// One row as raw CSV values (before quoting); "" is an empty field, which the rule reads as NULL.
struct SusRow {
  std::string id, procedures, diagnoses, episode_age, activity_age, admin_category;
};

class SusRowGenerator {
public:
  explicit SusRowGenerator(uint64_t seed) : random_(seed) {}
  void next(SusRow& row); // row's strings are reused
  uint64_t rows_made() const { return made_; }

private:
  void make_procedures(std::string& out);
  void make_diagnoses(std::string& out);
  void make_ages(SusRow& row);
  void make_admin_category(std::string& out);
  int draw_age();
  // Joins codes_ into `out` in one of the layouts SUS extracts show ("A,B", "||A ,B ||C", padded, lower case).
  void format_list(std::string& out, bool dotted);

  Random random_;
  uint64_t made_ = 0;
  std::vector<std::string_view> codes_;
};

// Appends one field to a CSV line, quoted as RFC 4180 requires when it holds ',', '"', CR or LF.
void append_csv_field(std::string& line, std::string_view field);
// Appends the row as one CSV line ending in "\n".
void append_csv_row(std::string& out, const SusRow& row);

// Writes the header and `rows` rows made from `seed`. Returns false on a write error.
bool write_sus_csv(std::FILE* out, uint64_t rows, uint64_t seed);

} // namespace waymark::datagen
