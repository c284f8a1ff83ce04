#include "apc_spells.h"

#include <array>
#include <cctype>
#include <charconv>

#include "csv_writer.h"

namespace waymark::datagen {
namespace {

using Code = std::string_view;

// ---- OPCS-4 dominant procedures ----------------------------------------------------------------------------

// Matched by '%H0[12]%': H01 emergency excision of appendix, H02 other excision of appendix.
constexpr std::array<Code, 5> kEmergencyAppendixExcision{"H011", "H012", "H013", "H018", "H019"};
constexpr std::array<Code, 6> kOtherAppendixExcision{"H021", "H022", "H023", "H024", "H028", "H029"};
// Neighbours the appendix pattern must not match: H03 other operations on appendix, and H1x codes.
constexpr std::array<Code, 7> kNearAppendix{"H031", "H032", "H038", "H039", "H101", "H109", "H111"};
// Starting with W82 (left(x,3) = 'W82'): therapeutic endoscopic operations on semilunar cartilage.
constexpr std::array<Code, 6> kMeniscalArthroscopy{"W821", "W822", "W823", "W824", "W828", "W829"};
// Neighbouring W categories that the prefix test must not match.
constexpr std::array<Code, 10> kNearMeniscal{"W811", "W812", "W818", "W819", "W831",
                                             "W832", "W838", "W839", "W801", "W851"};
// Other dominant procedures of admitted spells, and fillers for multi-code text.
constexpr std::array<Code, 24> kOtherProcedures{"T202", "T203", "T431", "J183", "H221", "H251", "W371", "W381",
                                                "W401", "K401", "K634", "G451", "M451", "Q074", "R179", "R182",
                                                "A651", "C751", "X403", "U051", "Y751", "Y767", "Z942", "Z845"};

// ---- ICD-10 primary diagnoses --------------------------------------------------------------------------------

// Appendicitis and abdominal pain, the usual diagnoses of an appendicectomy spell (not read by either rule).
constexpr std::array<Code, 7> kAppendixDiagnoses{"K358", "K359", "K353", "K37X", "K36X", "R104", "R103"};
// Matched by '%M23[23]%' or '%S832%': M232 old tear, M233 other meniscus derangements, S832 current tear.
constexpr std::array<Code, 3> kMeniscalTear{"M232", "M233", "S832"};
// Knee codes next to them that the patterns must not match: M231 discoid meniscus, M234 loose body in knee,
// S831 dislocation of knee, S833 tear of articular cartilage of knee, and other M23 / S83 codes.
constexpr std::array<Code, 10> kNearMeniscalTear{"M231", "M234", "S831", "S833", "M230",
                                                 "M235", "M239", "M238", "S830", "S834"};
// Knee osteoarthritis and patellar disorders, and common primary diagnoses of other spells.
constexpr std::array<Code, 26> kOtherDiagnoses{"M170", "M171", "M179", "M222", "M224", "R074", "I214", "J189", "J440",
                                               "N390", "K800", "K802", "O800", "Z380", "I639", "R55X", "E119", "S7200",
                                               "K590", "C509", "M545", "R296", "R51X", "L031", "N200", "I480"};

// ---- Admission method (NHS Data Dictionary) -----------------------------------------------------------------

// 11 waiting list, 12 booked, 13 planned; 21 via A&E and the other emergency methods; 31-32 maternity, 81-83 other.
constexpr std::array<Code, 3> kElective{"11", "12", "13"};
constexpr std::array<Code, 10> kEmergency{"21", "22", "23", "24", "25", "28", "2A", "2B", "2C", "2D"};
constexpr std::array<Code, 5> kMaternityOrOther{"31", "32", "81", "82", "83"};

void append_id(std::string& out, uint64_t number) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
  size_t length = static_cast<size_t>(end - digits);
  out.assign("APC");
  out.append(length < 10 ? 10 - length : 0, '0');
  out.append(digits, length);
}

} // namespace

void ApcSpellGenerator::next(ApcSpellRow& row) {
  ++made_;
  append_id(row.id, made_);
  row.dominant_procedure.clear();
  row.primary_diagnosis.clear();
  // Each kind of spell draws its codes and admission method together, as they come together in life: most
  // appendicectomies are emergencies, most knee arthroscopies elective. Per mille: elective, emergency.
  uint32_t elective = 400, emergency = 450;
  Code procedure, diagnosis;
  uint64_t kind = random_.below(1000);
  if (kind < 90) { // excision of the appendix
    procedure = random_.per_mille(700) ? random_.pick(kEmergencyAppendixExcision) : random_.pick(kOtherAppendixExcision);
    diagnosis = random_.pick(kAppendixDiagnoses);
    elective = 200, emergency = 700;
  } else if (kind < 120) { // another operation on the appendix or bowel
    procedure = random_.pick(kNearAppendix);
    diagnosis = random_.pick(kAppendixDiagnoses);
    elective = 300, emergency = 600;
  } else if (kind < 240) { // arthroscopic meniscal surgery
    procedure = random_.pick(kMeniscalArthroscopy);
    uint64_t which = random_.below(1000);
    diagnosis = which < 650   ? random_.pick(kMeniscalTear)
                : which < 850 ? random_.pick(kNearMeniscalTear)
                              : random_.pick(kOtherDiagnoses);
    elective = 700, emergency = 150;
  } else if (kind < 290) { // another knee operation, often for the same diagnoses
    procedure = random_.pick(kNearMeniscal);
    diagnosis = random_.per_mille(700) ? random_.pick(kMeniscalTear) : random_.pick(kNearMeniscalTear);
    elective = 650, emergency = 200;
  } else { // any other spell; medical spells often have no procedure
    if (!random_.per_mille(350)) procedure = random_.pick(kOtherProcedures);
    diagnosis = random_.per_mille(30) ? random_.pick(kMeniscalTear) : random_.pick(kOtherDiagnoses);
  }
  if (!procedure.empty() && !random_.per_mille(20)) format_code(row.dominant_procedure, procedure, true);
  if (!random_.per_mille(30)) format_code(row.primary_diagnosis, diagnosis, false);
  make_admission_method(row.admission_method, elective, emergency);
  make_admin_category(row.admin_category);
}

void ApcSpellGenerator::format_code(std::string& out, Code code, bool procedure) {
  uint64_t layout = random_.below(1000);
  if (layout < 30) { // blanks around the code: a leading blank moves W82 off the start
    out.append(random_.below(3), ' ');
    out.append(code);
    out.append(random_.below(3), ' ');
    if (out.size() == code.size()) out += ' ';
  } else if (layout < 45 && code.size() == 4) { // "W82.2", as some systems print codes
    out.append(code.substr(0, 3)).append(".").append(code.substr(3));
  } else if (layout < 55) { // the 3-character category alone
    out.append(code.substr(0, 3));
  } else if (layout < 85) { // among other codes, at the start, in the middle or at the end
    size_t count = 2 + random_.below(3);
    size_t at = random_.below(count);
    bool episodes = random_.per_mille(600); // "||A ||B ,C": SUS episode layout; else "A,B"
    if (episodes) out += "||";
    for (size_t i = 0; i < count; ++i) {
      if (i > 0) out += episodes ? (random_.per_mille(500) ? " ||" : " ,") : ",";
      if (i == at) {
        out.append(code);
      } else {
        out.append(procedure ? random_.pick(kOtherProcedures) : random_.pick(kOtherDiagnoses));
      }
    }
  } else {
    out.append(code);
  }
  if (random_.per_mille(40)) {
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
}

void ApcSpellGenerator::make_admission_method(std::string& out, uint32_t elective_per_mille,
                                              uint32_t emergency_per_mille) {
  out.clear();
  uint64_t quirk = random_.below(1000);
  if (quirk < 30) return; // not recorded: NULL
  if (quirk < 40) out += ' '; // a leading blank: no longer starts with 1 or 2
  uint64_t roll = random_.below(1000);
  if (roll < elective_per_mille) {
    out.append(random_.pick(kElective));
  } else if (roll < elective_per_mille + emergency_per_mille) {
    out.append(random_.per_mille(600) ? Code{"21"} : random_.pick(kEmergency)); // 21: via A&E
  } else {
    out.append(random_.pick(kMaternityOrOther));
  }
  if (quirk >= 40 && quirk < 45) out += ' '; // a trailing blank: still starts with 1 or 2
}

void ApcSpellGenerator::make_admin_category(std::string& out) {
  uint64_t roll = random_.below(1000);
  if (roll < 870) {
    out = "01";
  } else if (roll < 940) {
    out = "02"; // private patients: neither rule excludes them
  } else if (roll < 955) {
    out = "03";
  } else if (roll < 970) {
    out = "04";
  } else {
    out.clear();
  }
}

void append_csv_row(std::string& out, const ApcSpellRow& row) {
  append_csv_field(out, row.id);
  out += ',';
  append_csv_field(out, row.dominant_procedure);
  out += ',';
  append_csv_field(out, row.primary_diagnosis);
  out += ',';
  append_csv_field(out, row.admission_method);
  out += ',';
  append_csv_field(out, row.admin_category);
  out += '\n';
}

bool write_apc_csv(std::FILE* out, uint64_t rows, uint64_t seed) {
  ApcSpellGenerator generator(seed);
  ApcSpellRow row;
  return write_generated_csv(out, kApcHeader, rows, generator, row);
}

} // namespace waymark::datagen
