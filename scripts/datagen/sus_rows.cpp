#include "sus_rows.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "csv_writer.h"

namespace waymark::datagen {
namespace {

using Codes = std::string_view;

// ---- OPCS-4 procedures -------------------------------------------------------------------------------------

// Matched by '%U05[45]%': CT and MRI of the spine.
constexpr std::array<Codes, 2> kSpineImaging{"U054", "U055"};
// Matched by '%U13[2356]%' or '%U21[1267]%': bone imaging and imaging NEC, which need a site code too.
constexpr std::array<Codes, 8> kBoneOrGeneralImaging{"U132", "U133", "U135", "U136", "U211", "U212", "U216", "U217"};
// Matched by '%Z665%' or '%O162%': lumbar vertebra, spine NEC.
constexpr std::array<Codes, 2> kLumbarSite{"Z665", "O162"};
// Neighbours of the codes above that the patterns must not match, and other common outpatient procedures.
constexpr std::array<Codes, 44> kOtherProcedures{"U051", "U052", "U053", "U056", "U058", "U059", "U131", "U134", "U137",
                                                 "U138", "U139", "U213", "U214", "U215", "U218", "U219", "Z661", "Z662",
                                                 "Z663", "Z664", "Z666", "Z667", "O161", "O163", "O164", "X621", "X622",
                                                 "Y981", "Y973", "Y532", "A521", "A577", "W903", "V384", "T791", "X403",
                                                 "U201", "U202", "U122", "U081", "U091", "Z941", "Z942", "Y702"};

// ---- ICD-10 diagnoses --------------------------------------------------------------------------------------

// Matched by '%C[0-9][0-9]%'.
constexpr std::array<Codes, 22> kMalignant{"C000", "C01X", "C159", "C189", "C209", "C349", "C439", "C509",
                                           "C541", "C56X", "C61X", "C64X", "C679", "C710", "C795", "C798",
                                           "C809", "C833", "C900", "C911", "C97X", "C99"};
// Matched by '%D0%'.
constexpr std::array<Codes, 9> kInSitu{"D000", "D019", "D039", "D045", "D059", "D069", "D075", "D090", "D099"};
// Matched by '%D3[789]%' or '%D4[012345678]%'.
constexpr std::array<Codes, 18> kUncertain{"D370", "D374", "D381", "D390", "D410", "D419", "D430", "D432", "D440",
                                           "D45X", "D460", "D469", "D471", "D472", "D474", "D480", "D485", "D489"};
// D codes just outside the excluded ranges: D36, D49, D30-D35, D1x, D5x-D7x.
constexpr std::array<Codes, 14> kNearMissD{"D360", "D369", "D490", "D499", "D352", "D300", "D329",
                                           "D333", "D180", "D170", "D229", "D509", "D649", "D689"};
constexpr std::array<Codes, 29> kCommon{"M544", "M543", "M549", "M511", "M512", "M479", "M480", "M431", "M819", "M796",
                                        "G551", "G834", "R522", "R529", "I10X", "E119", "E780", "J449", "J459", "K219",
                                        "F329", "F419", "Z867", "Z880", "Z921", "N390", "R296", "M624", "S320"};

// Ages either side of the script's band (19-120) come up far more often than in life.
constexpr std::array<int, 4> kEdgeAges{18, 19, 120, 121};

void append_int(std::string& out, uint64_t value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

void append_blanks(std::string& out, Random& random) { out.append(random.below(3), ' '); }

} // namespace

void SusRowGenerator::next(SusRow& row) {
  ++made_;
  row.id.assign("SUS");
  std::string number;
  append_int(number, made_);
  row.id.append(number.size() < 10 ? 10 - number.size() : 0, '0');
  row.id += number;
  make_procedures(row.procedures);
  make_diagnoses(row.diagnoses);
  make_ages(row);
  make_admin_category(row.admin_category);
}

void SusRowGenerator::make_procedures(std::string& out) {
  out.clear();
  if (random_.per_mille(70)) return; // no procedure coded
  codes_.clear();
  uint64_t imaging = random_.below(1000);
  if (imaging < 55) {
    codes_.push_back(random_.pick(kSpineImaging));
  } else if (imaging < 105) {
    codes_.push_back(random_.pick(kBoneOrGeneralImaging));
    codes_.push_back(random_.pick(kLumbarSite));
  } else if (imaging < 140) {
    codes_.push_back(random_.pick(kBoneOrGeneralImaging)); // imaging without a site: not matched
  } else if (imaging < 160) {
    codes_.push_back(random_.pick(kLumbarSite)); // a site without imaging: not matched
  }
  uint64_t others = random_.per_mille(80) ? 3 + random_.below(6) : random_.below(3);
  if (codes_.empty() && others == 0) others = 1;
  for (uint64_t i = 0; i < others; ++i) codes_.push_back(random_.pick(kOtherProcedures));
  // Codes at the start, in the middle and at the end of the list.
  for (size_t i = codes_.size(); i > 1; --i) std::swap(codes_[i - 1], codes_[random_.below(i)]);
  // "U05.5" is how some systems print OPCS codes; the script's patterns do not match it.
  format_list(out, random_.per_mille(20));
}

void SusRowGenerator::make_diagnoses(std::string& out) {
  out.clear();
  if (random_.per_mille(300)) return; // outpatient diagnoses are often not coded
  uint64_t odd = random_.below(1000);
  if (odd < 3) {
    out = "||"; // present text without a code: not NULL, so the exclusions are true
    return;
  }
  if (odd < 5) {
    out = " ";
    return;
  }
  codes_.clear();
  if (random_.per_mille(450)) codes_.push_back("M545");
  uint64_t neoplasm = random_.below(1000);
  if (neoplasm < 40) {
    codes_.push_back(random_.pick(kMalignant));
  } else if (neoplasm < 55) {
    codes_.push_back(random_.pick(kInSitu));
  } else if (neoplasm < 75) {
    codes_.push_back(random_.pick(kUncertain));
  } else if (neoplasm < 115) {
    codes_.push_back(random_.pick(kNearMissD));
  }
  uint64_t others = random_.below(4);
  if (codes_.empty() && others == 0) others = 1;
  for (uint64_t i = 0; i < others; ++i) codes_.push_back(random_.pick(kCommon));
  for (size_t i = codes_.size(); i > 1; --i) std::swap(codes_[i - 1], codes_[random_.below(i)]);
  format_list(out, random_.per_mille(80)); // "M54.5": the patterns still see the first three characters
}

void SusRowGenerator::format_list(std::string& out, bool dotted) {
  uint64_t layout = random_.below(100);
  bool lower_all = random_.per_mille(60);
  size_t lower_one = random_.per_mille(40) ? random_.below(codes_.size()) : codes_.size();
  bool episodes = layout >= 45 && layout < 75; // "||A ,B ||C": SUS episode layout
  bool padded = layout >= 75 && layout < 85;   // blanks around codes
  const char* separator = layout >= 85 && layout < 95 ? ", " : ",";
  bool trailing_bars = layout >= 95; // "A,B||" as some extracts end
  if (episodes || (padded && random_.per_mille(300))) out += "||";
  for (size_t i = 0; i < codes_.size(); ++i) {
    if (i > 0) {
      if (episodes) {
        out += random_.per_mille(350) ? " ||" : " ,";
      } else if (trailing_bars && random_.per_mille(300)) {
        out += "||";
      } else {
        out += separator;
      }
    }
    if (padded) append_blanks(out, random_);
    size_t start = out.size();
    std::string_view code = codes_[i];
    if (dotted && code.size() == 4) {
      out.append(code.substr(0, 3)).append(".").append(code.substr(3));
    } else {
      out.append(code);
    }
    if (lower_all || i == lower_one) {
      for (size_t c = start; c < out.size(); ++c) {
        out[c] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[c])));
      }
    }
    if (padded) append_blanks(out, random_);
  }
  if (trailing_bars) out += "||";
}

int SusRowGenerator::draw_age() {
  uint64_t kind = random_.below(1000);
  if (kind < 100) return random_.pick(kEdgeAges);
  if (kind < 130) return 100 + static_cast<int>(random_.below(26)); // 100-125
  return static_cast<int>(random_.below(100));                      // 0-99
}

void SusRowGenerator::make_ages(SusRow& row) {
  row.episode_age.clear();
  row.activity_age.clear();
  if (random_.per_mille(120)) {
    // No episode age: the script falls back on the activity-date age, which may be empty too.
    if (!random_.per_mille(250)) append_int(row.activity_age, static_cast<uint64_t>(draw_age()));
    return;
  }
  int age = draw_age();
  append_int(row.episode_age, static_cast<uint64_t>(age));
  uint64_t activity = random_.below(1000);
  if (activity < 700) {
    append_int(row.activity_age, static_cast<uint64_t>(age));
  } else if (activity < 800) {
    append_int(row.activity_age, static_cast<uint64_t>(age + 1)); // a birthday during the episode
  }
}

void SusRowGenerator::make_admin_category(std::string& out) {
  uint64_t roll = random_.below(1000);
  // A few are padded with a trailing blank, as fixed-width extracts write them: SQL Server compares '02 ' equal to
  // '02', so a padded private patient is still excluded.
  if (roll < 815) {
    out = "01";
  } else if (roll < 820) {
    out = "01 ";
  } else if (roll < 875) {
    out = "02";
  } else if (roll < 880) {
    out = "02 ";
  } else if (roll < 895) {
    out = "03";
  } else if (roll < 910) {
    out = "04";
  } else if (roll < 915) {
    out = "2"; // a leading zero lost by a spreadsheet: not '02', so not excluded
  } else {
    out.clear();
  }
}

void append_csv_field(std::string& line, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(field);
    return;
  }
  line += '"';
  for (char c : field) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

void append_csv_row(std::string& out, const SusRow& row) {
  append_csv_field(out, row.id);
  out += ',';
  append_csv_field(out, row.procedures);
  out += ',';
  append_csv_field(out, row.diagnoses);
  out += ',';
  append_csv_field(out, row.episode_age);
  out += ',';
  append_csv_field(out, row.activity_age);
  out += ',';
  append_csv_field(out, row.admin_category);
  out += '\n';
}

bool write_sus_csv(std::FILE* out, uint64_t rows, uint64_t seed) {
  SusRowGenerator generator(seed);
  SusRow row;
  return write_generated_csv(out, kSusHeader, rows, generator, row);
}

} // namespace waymark::datagen
