#include "handwritten_imaging.h"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "record_table.h"
#include "sus_rows.h"
#include "waymark/runtime/csv_reader.h"

namespace waymark::bench {
namespace {

// ASCII case folding for the letters the patterns use: 'U' | 0x20 == 'u', and no other byte folds onto a letter.
inline char fold(char c) { return static_cast<char>(c | 0x20); }
inline bool digit(char c) { return c >= '0' && c <= '9'; }

// '%U05[45]%' or (('%U13[2356]%' or '%U21[1267]%') and ('%Z665%' or '%O162%')) on present text.
bool lower_back_procedure(std::string_view text) noexcept {
  bool bone_or_general = false, site = false;
  const char* p = text.data();
  const size_t n = text.size();
  for (size_t i = 0; i + 4 <= n; ++i) {
    switch (fold(p[i])) {
    case 'u':
      if (p[i + 1] == '0') {
        if (p[i + 2] == '5' && (p[i + 3] == '4' || p[i + 3] == '5')) return true; // U05[45]: nothing else needed
      } else if (p[i + 1] == '1') {
        char d = p[i + 3];
        if (p[i + 2] == '3' && (d == '2' || d == '3' || d == '5' || d == '6')) bone_or_general = true;
      } else if (p[i + 1] == '2') {
        char d = p[i + 3];
        if (p[i + 2] == '1' && (d == '1' || d == '2' || d == '6' || d == '7')) bone_or_general = true;
      }
      break;
    case 'z':
      if (p[i + 1] == '6' && p[i + 2] == '6' && p[i + 3] == '5') site = true;
      break;
    case 'o':
      if (p[i + 1] == '1' && p[i + 2] == '6' && p[i + 3] == '2') site = true;
      break;
    default: break;
    }
  }
  return bone_or_general && site;
}

// '%C[0-9][0-9]%', '%D0%', '%D3[789]%' or '%D4[012345678]%' on present text.
bool cancer_diagnosis(std::string_view text) noexcept {
  const char* p = text.data();
  const size_t n = text.size();
  for (size_t i = 0; i + 2 <= n; ++i) {
    char c = fold(p[i]);
    if (c == 'd') {
      char a = p[i + 1];
      if (a == '0') return true;
      if (i + 3 <= n) {
        char b = p[i + 2];
        if (a == '3' && b >= '7' && b <= '9') return true;
        if (a == '4' && b >= '0' && b <= '8') return true;
      }
    } else if (c == 'c' && i + 3 <= n && digit(p[i + 1]) && digit(p[i + 2])) {
      return true;
    }
  }
  return false;
}

} // namespace

// SQL's three-valued logic over a conjunction reduces to: labelled only when every conjunct is true. An empty
// (NULL) procedure or diagnosis list, category or age makes its conjunct unknown, so the record is not labelled.
// The cheap tests come first; the substring scans last.
bool is_lower_back_imaging(const ImagingFields& r) noexcept {
  // `<> '02'` as SQL Server compares text: trailing blanks do not count ('02 ' is '02').
  std::string_view category = r.admin_category;
  while (!category.empty() && category.back() == ' ') category.remove_suffix(1);
  if (r.admin_category.empty() || category == "02") return false;
  if (r.procedures.empty() || r.diagnoses.empty()) return false;
  // ISNULL(Age_at_Start_of_Episode_SUS, Der_Age_at_CDS_Activity_Date) between 19 and 120
  std::string_view age_text = r.episode_age.empty() ? r.activity_age : r.episode_age;
  if (age_text.empty()) return false;
  int64_t age = 0;
  auto [end, ec] = std::from_chars(age_text.data(), age_text.data() + age_text.size(), age);
  if (ec != std::errc() || end != age_text.data() + age_text.size()) return false; // not an integer: no age
  if (age < 19 || age > 120) return false;
  return lower_back_procedure(r.procedures) && !cancer_diagnosis(r.diagnoses);
}

namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

} // namespace

uint64_t classify_csv_file(const std::string& input, const std::string& output) {
  std::ifstream in(input, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + input);
  std::unique_ptr<std::FILE, FileCloser> out(std::fopen(output.c_str(), "wb"));
  if (!out) throw std::runtime_error("cannot write " + output);

  rt::CsvReader reader(in, rt::CsvOptions{.chunk_bytes = size_t{1} << 20});
  rt::CsvRecord record;
  if (!reader.next(record)) throw std::runtime_error(input + " is empty");
  auto at = find_columns(record.fields);
  const size_t columns = record.fields.size();

  constexpr size_t kFlushBytes = size_t{1} << 20;
  std::string buffer = "id,category\n";
  buffer.reserve(kFlushBytes + 4096);
  uint64_t labelled = 0;
  while (reader.next(record)) {
    if (!record.ok() || record.fields.size() != columns) {
      throw std::runtime_error(input + ":" + std::to_string(record.line) + ": malformed record " + record.error);
    }
    const auto& f = record.fields;
    bool yes = is_lower_back_imaging(
        {f[at[kProcedures]], f[at[kDiagnoses]], f[at[kEpisodeAge]], f[at[kActivityAge]], f[at[kAdminCategory]]});
    datagen::append_csv_field(buffer, f[at[kId]]);
    buffer += ',';
    if (yes) {
      buffer += kImagingCategory;
      ++labelled;
    }
    buffer += '\n';
    if (buffer.size() >= kFlushBytes) {
      if (std::fwrite(buffer.data(), 1, buffer.size(), out.get()) != buffer.size()) {
        throw std::runtime_error("cannot write " + output);
      }
      buffer.clear();
    }
  }
  if (in.bad()) throw std::runtime_error("cannot read " + input);
  if (std::fwrite(buffer.data(), 1, buffer.size(), out.get()) != buffer.size() || std::fclose(out.release()) != 0) {
    throw std::runtime_error("cannot write " + output);
  }
  return labelled;
}

} // namespace waymark::bench
