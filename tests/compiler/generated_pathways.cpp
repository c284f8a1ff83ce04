// Random Waymark pathways and records for differential tests (see generated_pathways.h).
#include "generated_pathways.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <random>
#include <sstream>
#include <utility>
#include <vector>

namespace waymark::testing {
namespace {

// ---- randomness: std::mt19937_64 and our own uniform helpers, so every platform draws the same values ----

class Rng {
public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t below(uint64_t n) { // uniform in [0, n), by rejection
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return x % n;
  }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1))); }
  bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

private:
  std::mt19937_64 engine_;
};

// ---- the fixed schema ------------------------------------------------------------------------------------

enum class Ty { Bool, Int, Dec, Text, Date, Code, List };
const char* const kTypeNames[] = {"bool", "int", "decimal", "text", "date", "code", "code list"};

struct Input {
  std::string name, column;
  Ty type;
  bool required;
  std::vector<std::string> one_of; // as literals in the source
};

const std::vector<Input>& inputs() {
  static const std::vector<Input> all = {
      {"b1", "b1", Ty::Bool, false, {}},
      {"b2", "b2", Ty::Bool, false, {}},
      {"n1", "n1", Ty::Int, false, {}},
      {"n2", "n2", Ty::Int, false, {}},
      {"score", "score", Ty::Int, false, {"0", "1", "2", "3"}},
      {"x1", "x1", Ty::Dec, false, {}},
      {"x2", "x2", Ty::Dec, false, {}},
      {"t1", "t1", Ty::Text, false, {}},
      {"`t 2`", "t 2", Ty::Text, false, {}},
      {"grade", "grade", Ty::Text, false, {"\"low\"", "\"Mid\"", "\"HIGH\""}},
      {"d1", "d1", Ty::Date, false, {}},
      {"seen", "Seen On", Ty::Date, true, {}},
      {"c1", "c1", Ty::Code, false, {}},
      {"c2", "c2", Ty::Code, false, {}},
      {"cat", "cat", Ty::Code, false, {"\"01\"", "\"02\"", "\"3\""}},
      {"l1", "l1", Ty::List, false, {}},
      {"l2", "Der_List", Ty::List, false, {}},
  };
  return all;
}

std::string schema() {
  std::string s = "input\n";
  for (const auto& in : inputs()) {
    s += "  " + in.name + ": " + kTypeNames[static_cast<int>(in.type)] + (in.required ? " required" : " optional");
    if (in.column != in.name && "`" + in.column + "`" != in.name) s += " from \"" + in.column + "\"";
    for (size_t i = 0; i < in.one_of.size(); ++i) s += (i ? ", " : " one of [") + in.one_of[i];
    s += in.one_of.empty() ? "\n" : "]\n";
  }
  return s + R"(end

output
  o_int: int
  o_dec: decimal
  o_text: text
  o_bool: bool
  o_date: date
  o_code: code
  category: text for classification
  actions: text list for recommendations
  urgency: text one of ["emergency", "urgent", "routine"] for urgency
  referral: text for referral label "Where to refer"
end
)";
}

using Pool = std::vector<std::string>;
const Pool kInts = {
    "0", "1", "2", "3", "7", "19", "120", "1000000", "3037000500", "4611686018427387904", "9223372036854775807"};
const Pool kDecs = {"0.1", "2.5", "0.0", "0.3", "3.75", "1000000.5"};
const Pool kTexts = {"\"abc\"", "\"ABC\"", "\"low\"", "\"Mid\"", "\"U055\"", "\"50%\"", "\"a_b\"", "\"zzz\"", "\"\""};
const Pool kDates = {"@2024-02-29", "@2023-02-28", "@2024-03-01", "@2000-02-29", "@1970-01-01", "@2100-12-31"};
const Pool kCodes = {"\"M545\"", "\"m54.5\"", "\"C509\"", "\"z665\"", "\"01\"",
                     "\"02\"",   "\"3\"",     "\"U055\"", "\"D48\"",  "\"C14\""};
const Pool kCodeEntries = {"\"Z665\"",         "\"z665\"", "\"M545\"",         "\"U05[45]\"",      "\"M5[0-4]*\"",
                           "\"M5[^0-3]\"",     "\"C50*\"", "\"C*\"",           "\"D[0-9][0-9]*\"", "\"C00\"..\"C14\"",
                           "\"D37\"..\"D48\"", "\"01\"",   "\"c00\"..\"c14\"", "\"u05[45]\""};
const Pool kLikes = {"%U05[45]%", "u05_",  "%C[^0-4]_", "50[%]", "%[a-c]%", "L%",  "%w", "_i_",   "%",
                     "_",         "%o%w%", "ABC",       "[%]%",  "%[_]%",   "M5%", "%5", "[l-n]%"};
// Pieces of random like patterns, and the characters of random texts, which share an alphabet to meet often.
const Pool kLikePieces = {"a", "L",     "o",    "w",   "U",   "0",     "5",     " ",     ".",      "%",   "%",
                          "_", "[a-c]", "[^l]", "[%]", "[_]", "[0-9]", "[B-y]", "[Z-a]", "[^A-Z]", "[lw]"};
const Pool kTextAlphabet = {"a", "A", "b", "L", "l", "o", "w", "W",  "U", "0",
                            "5", "%", "_", "[", "]", ".", " ", "\t", "é", "É"};
const std::string kCodeLetters = "CDMUZcm";
const Pool kTextInputs = {"t1", "`t 2`"}; // text beside a code: no literal, which would have to be a valid code
const Pool kComparisons = {"=", "<>", "!=", "<", "<=", ">", ">="};

// Joins parts generated in order: the elements of a braced list are evaluated left to right, where the operands
// of `+` are not, so a seed gives the same program whatever the compiler.
std::string cat(std::initializer_list<std::string> parts) {
  std::string s;
  for (const auto& p : parts) s += p;
  return s;
}

bool is_plain_literal(const std::string& s) { return !s.empty() && (s[0] == '"' || (s[0] >= '0' && s[0] <= '9')); }

const Input* input_named(const std::string& name) {
  for (const auto& in : inputs())
    if (in.name == name) return &in;
  return nullptr;
}

std::string random_text(Rng& rng) { // also a like pattern's subject: characters the patterns name
  std::string s;
  for (int i = rng.between(1, 6); i > 0; --i) s += rng.pick(kTextAlphabet);
  return s;
}

std::string random_code(Rng& rng) { // C, D, M, U or Z (maybe lower case) and digits, maybe with a dot
  std::string s(1, kCodeLetters[rng.below(kCodeLetters.size())]);
  for (int i = rng.between(1, 3); i > 0; --i) s += static_cast<char>('0' + rng.below(10));
  if (s.size() == 4 && rng.chance(30)) s.insert(3, ".");
  return s;
}

// ---- pathway sources -------------------------------------------------------------------------------------

class SourceGen {
public:
  SourceGen(uint64_t seed, const GeneratedConstructs& constructs)
      : constructs_(constructs), rng_(seed), literal_percent_(rng_.pick(std::vector<int>{10, 25, 60})),
        large_(rng_.chance(5) ? 3 : 1) {}

  std::string program() {
    std::ostringstream out;
    out << "pathway generated.p\n  version \"1\"\n\n" << schema() << "\n";
    const int sets = rng_.between(1, 3);
    for (int s = 0; s < sets; ++s) {
      const std::string name = "cs" + std::to_string(s);
      out << "codeset " << name << " \"generated set " << s << "\"\n  ";
      const int entries = rng_.between(1, 8);
      for (int e = 0; e < entries; ++e) out << (e ? ", " : "") << code_entry();
      out << "\nend\n\n";
      codesets_.push_back(name);
    }
    // Each definition may use the ones made before it; they are written in shuffled order (forward references).
    std::vector<std::string> defines;
    const int count = rng_.between(2, 5 * large_);
    for (int d = 0; d < count; ++d) {
      const Ty t = static_cast<Ty>(rng_.below(7));
      const std::string name = "def" + std::to_string(d);
      text_as_code_ = false;
      defines.push_back("define " + name + " = " + expr(t, rng_.between(1, 3)) + "\n\n");
      defines_.push_back({name, t, text_as_code_});
    }
    for (size_t i = defines.size(); i > 1; --i) std::swap(defines[i - 1], defines[rng_.below(i)]);
    for (const auto& d : defines) out << d;
    if (rng_.chance(50)) out << rules(rng_.between(1, 3), "");
    const int groups = rng_.between(1, 3 * large_);
    const char* const policies[] = {"first", "all", "unique"};
    for (int g = 0; g < groups; ++g) {
      out << "group g" << g << " \"generated group\" policy " << policies[rng_.below(3)] << "\n";
      out << rules(rng_.between(1, 4 * large_), "  ") << "end\n\n";
    }
    return out.str();
  }

private:
  std::string code_entry() { // a listed entry, or a random exact code, class, prefix or range
    if (rng_.chance(50)) return rng_.pick(kCodeEntries);
    auto digit = [&] { return std::string(1, static_cast<char>('0' + rng_.below(10))); };
    const std::string stem = std::string(1, kCodeLetters[rng_.below(5)]) + digit();
    int lo = static_cast<int>(rng_.below(10)), hi = static_cast<int>(rng_.below(10));
    if (lo > hi) std::swap(lo, hi);
    const std::string low = stem + std::to_string(lo), high = stem + std::to_string(hi);
    switch (rng_.below(4)) {
    case 0: return "\"" + low + "\"";
    case 1:
      return cat({"\"", stem, rng_.chance(30) ? "[^" : "[", std::to_string(lo), "-", std::to_string(hi), "]",
                  rng_.chance(50) ? "*\"" : "\""});
    case 2: return "\"" + stem + "*\"";
    default: return "\"" + low + "\"..\"" + high + "\"";
    }
  }

  std::string like_pattern() {
    if (rng_.chance(40)) return "\"" + rng_.pick(kLikes) + "\"";
    std::string s;
    for (int i = rng_.between(1, 5); i > 0; --i) s += rng_.pick(kLikePieces);
    return "\"" + s + "\"";
  }

  std::string rules(int n, const std::string& indent) {
    std::string out;
    for (int i = 0; i < n; ++i) {
      std::vector<std::string> clauses;
      clauses.push_back("when " + boolean(rng_.between(1, 2 + large_)));
      std::string then = "then";
      const int actions = rng_.between(1, 3);
      for (int a = 0; a < actions; ++a) then += "\n" + indent + "    " + action();
      clauses.push_back(then);
      if (rng_.chance(50)) clauses.push_back("cite \"generated\"");
      if (rng_.chance(40)) clauses.push_back("priority " + rng_.pick(Pool{"-1", "0", "5", "10"}));
      if (rng_.chance(20)) std::swap(clauses[0], clauses[rng_.below(clauses.size())]);
      out += indent + "rule r" + std::to_string(rule_count_++) + "\n";
      for (const auto& c : clauses) out += indent + "  " + c + "\n";
      out += indent + "end\n";
    }
    return out;
  }

  std::string action() {
    switch (rng_.below(9)) {
    case 0: return "set o_int = " + integer(2);
    case 1: return "set o_dec = " + number(2);
    case 2: return "set o_text = " + (rng_.chance(25) ? code(1) : text(2));
    case 3: return "set o_bool = " + boolean(2);
    case 4: return "set o_date = " + date(2);
    case 5:
      return "set o_code = " + (rng_.chance(20)   ? rng_.pick(kCodes)
                                : rng_.chance(20) ? rng_.pick(kTextInputs)
                                                  : code(2));
    case 6: return "classify " + (rng_.chance(20) ? code(1) : text(2));
    case 7: return "recommend " + (rng_.chance(20) ? code(1) : text(2));
    default: {
      const std::string urgency = rng_.chance(25) ? "(if " + boolean(1) + " then \"urgent\" else \"routine\")"
                                                  : rng_.pick(Pool{"\"emergency\"", "\"urgent\"", "\"routine\""});
      return "refer " + urgency + (rng_.chance(60) ? " to " + text(1) : "");
    }
    }
  }

  std::string expr(Ty t, int depth) {
    switch (t) {
    case Ty::Bool: return boolean(depth);
    case Ty::Int: return integer(depth);
    case Ty::Dec: return decimal(depth);
    case Ty::Text: return text(depth);
    case Ty::Date: return date(depth);
    case Ty::Code: return code(depth);
    case Ty::List: return list(depth);
    }
    return "";
  }

  // A literal of the type, never negative (list items must be plain literals). Beside a `one of` input
  // (in an equality or a list) it is one of that input's values, as the checker requires.
  std::string literal(Ty t, const std::string& beside = "") {
    if (const Input* in = input_named(beside); in && !in->one_of.empty()) return rng_.pick(in->one_of);
    switch (t) {
    case Ty::Bool: return rng_.chance(50) ? "true" : "false";
    case Ty::Int: return rng_.pick(kInts);
    case Ty::Dec: return rng_.pick(kDecs);
    case Ty::Text: return rng_.chance(30) ? "\"" + random_text(rng_) + "\"" : rng_.pick(kTexts);
    case Ty::Date: return rng_.pick(kDates);
    default: return rng_.pick(kCodes);
    }
  }

  // An input, a definition or (for types whose literals have that type) a literal, possibly negated.
  std::string leaf(Ty t) {
    std::vector<std::string> names;
    for (const auto& in : inputs())
      if (in.type == t) names.push_back(in.name);
    for (const auto& d : defines_)
      if (d.type == t && !(valid_codes_only_ && d.text_as_code)) names.push_back(d.name);
    const bool literal_ok = t != Ty::Code && t != Ty::List;
    if (literal_ok && (names.empty() || rng_.chance(literal_percent_))) {
      if ((t == Ty::Int || t == Ty::Dec) && rng_.chance(25)) return "(-" + literal(t) + ")";
      return literal(t);
    }
    const std::string& name = rng_.pick(names);
    for (const auto& d : defines_) text_as_code_ |= d.name == name && d.text_as_code;
    return name;
  }

  // Equality next to a `one of` input must name one of its values.
  void fit(std::string& a, std::string& b) {
    if (const Input* in = input_named(a); in && !in->one_of.empty() && is_plain_literal(b)) b = rng_.pick(in->one_of);
    if (const Input* in = input_named(b); in && !in->one_of.empty() && is_plain_literal(a)) a = rng_.pick(in->one_of);
  }

  std::string comparison(std::string a, std::string b, bool ordered) {
    const std::string op = ordered ? rng_.pick(kComparisons) : rng_.pick(Pool{"=", "<>", "!="});
    if (op == "=" || op == "<>" || op == "!=") fit(a, b);
    return "(" + a + " " + op + " " + b + ")";
  }

  std::string in_list(Ty t, const std::string& x) {
    std::string items;
    const int n = rng_.chance(70) ? rng_.between(1, 3) : rng_.between(4, 8);
    for (int i = 0; i < n; ++i)
      items += (i ? ", " : "") + (t == Ty::Dec && rng_.chance(30) ? literal(Ty::Int) : literal(t, x));
    return "[" + items + "]";
  }

  std::string target() { // a code set or a list of code literals
    return rng_.chance(70) ? rng_.pick(codesets_) : in_list(Ty::Code, "");
  }

  // n arguments: one of type `first`, then of type t; shuffled, so that sum(int, int, decimal) comes up too.
  std::string args(Ty t, int n, int depth, Ty first) {
    std::vector<std::string> items{expr(first, depth)};
    for (int i = 1; i < n; ++i) items.push_back(expr(t, depth));
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng_.below(i)]);
    std::string s;
    for (const auto& item : items) s += (s.empty() ? "" : ", ") + item;
    return s;
  }

  std::string boolean(int depth) {
    if (depth <= 0) return leaf(Ty::Bool);
    const int d = depth - 1;
    const std::string neg = rng_.chance(35) ? " not" : "";
    switch (rng_.below(19)) {
    case 0: return leaf(Ty::Bool);
    case 1:
    case 2: {
      std::string s = "(" + boolean(d);
      const int n = rng_.between(2, 3);
      for (int i = 1; i < n; ++i) s += " and " + boolean(d);
      return s + ")";
    }
    case 3: return cat({"(", boolean(d), " or ", boolean(d), ")"});
    case 4: return "(not " + boolean(d) + ")";
    case 5: {
      auto a = number(d);
      return comparison(a, rng_.chance(50) ? leaf(rng_.chance(70) ? Ty::Int : Ty::Dec) : number(d), true);
    }
    case 6: {
      auto a = text(d);
      return comparison(a, rng_.chance(50) ? literal(Ty::Text, a) : text(d), true);
    }
    case 7: {
      auto a = date(d);
      return comparison(a, rng_.chance(40) ? literal(Ty::Date) : date(d), true);
    }
    case 8: {
      auto a = code(d);
      auto b = rng_.chance(50) ? literal(Ty::Code, a) : rng_.chance(30) ? rng_.pick(kTextInputs) : code(d);
      return comparison(a, b, true);
    }
    case 9: {
      if (!constructs_.bool_equality) return cat({"(", leaf(Ty::Bool), " or ", boolean(d), ")"});
      auto a = boolean(d);
      return comparison(a, boolean(d), false);
    }
    case 10: {
      const int kind = static_cast<int>(rng_.below(10)); // numbers, dates, or (the checker allows it) text and codes
      auto operand = [&] { return kind < 5 ? number(d) : kind < 8 ? date(d) : kind < 9 ? text(d) : code(d); };
      const std::string x = operand(), lo = operand(), hi = operand();
      return "(" + x + neg + " between " + lo + " and " + hi + ")";
    }
    case 11: {
      const std::vector<Ty> types{Ty::Int, Ty::Dec, Ty::Text, Ty::Code, Ty::Date, Ty::Bool}; // bools last
      const Ty t = types[rng_.below(constructs_.bool_equality ? 6 : 5)];
      const std::string x = expr(t, d);
      return "(" + x + neg + " in " + in_list(t, x) + ")";
    }
    case 12: {
      const bool saved = valid_codes_only_;
      valid_codes_only_ = !constructs_.text_as_code_in_code_set;
      const std::string x = code(d);
      valid_codes_only_ = saved;
      return cat({"(", x, neg, " in ", rng_.pick(codesets_), ")"});
    }
    case 13: return cat({"(", rng_.pick(Pool{"any ", "all ", "none "}), list(d), neg, " in ", target(), ")"});
    case 14: {
      const std::string x = rng_.chance(75) ? text(d) : code(d);
      if (rng_.chance(50)) return "(" + x + neg + " like " + like_pattern() + ")";
      const std::string op = rng_.chance(50) ? " or " : " and ";
      std::string chain = "(" + x + neg + " like " + like_pattern(); // several patterns on one value
      for (int i = rng_.between(1, 3); i > 0; --i)
        chain += cat({op, x, rng_.chance(30) ? " not" : "", " like ", like_pattern()});
      return chain + ")";
    }
    case 15: {
      const Ty t = static_cast<Ty>(rng_.below(7));
      const Pool words = t == Ty::Bool ? Pool{"missing", "present", "true", "false"} : Pool{"missing", "present"};
      return cat({"(", expr(t, d), " is", rng_.chance(40) ? " not " : " ", rng_.pick(words), ")"});
    }
    case 16: return cat({"(", date(d), " within ", integer(d), " days of ", date(d), ")"});
    case 17: return cat({"(if ", boolean(d), " then ", boolean(d), " else ", boolean(d), ")"});
    default: return cat({"(", leaf(Ty::Bool), " and ", boolean(d), ")"});
    }
  }

  std::string number(int depth) { return rng_.chance(60) ? integer(depth) : decimal(depth); }

  std::string integer(int depth) {
    if (depth <= 0) return leaf(Ty::Int);
    const int d = depth - 1;
    switch (rng_.below(12)) {
    case 0: return leaf(Ty::Int);
    case 1:
    case 2: return cat({"(", integer(d), " ", rng_.pick(Pool{"+", "-", "*"}), " ", integer(d), ")"});
    case 3: return "(-" + integer(d) + ")";
    case 4: return "count(" + args(Ty::Bool, rng_.between(1, 3), d, Ty::Bool) + ")";
    case 5: {
      const std::string codes = list(d);
      if (rng_.chance(30)) return "count(" + codes + ")";
      return cat({"count(", codes, rng_.chance(30) ? " not" : "", " in ", target(), ")"});
    }
    case 6: return "sum(" + args(Ty::Int, rng_.between(1, 3), d, Ty::Int) + ")";
    case 7: return cat({rng_.pick(Pool{"min(", "max("}), args(Ty::Int, rng_.between(1, 3), d, Ty::Int), ")"});
    case 8: return "coalesce(" + args(Ty::Int, rng_.between(2, 3), d, Ty::Int) + ")";
    case 9: return cat({rng_.pick(Pool{"days_between(", "years_between("}), date(d), ", ", date(d), ")"});
    case 10: return cat({"(if ", boolean(d), " then ", integer(d), " else ", integer(d), ")"});
    default: return cat({"(", leaf(Ty::Int), " ", rng_.pick(Pool{"+", "-", "*"}), " ", leaf(Ty::Int), ")"});
    }
  }

  std::string decimal(int depth) { // always of type decimal
    if (depth <= 0) return leaf(Ty::Dec);
    const int d = depth - 1;
    switch (rng_.below(8)) {
    case 0: return leaf(Ty::Dec);
    case 1:
    case 2: return cat({"(", number(d), " / ", number(d), ")"});
    case 3: {
      std::string a = decimal(d), b = number(d);
      if (rng_.chance(50)) std::swap(a, b);
      return "(" + a + " " + rng_.pick(Pool{"+", "-", "*"}) + " " + b + ")";
    }
    case 4: return "(-" + decimal(d) + ")";
    case 5:
      return cat(
          {rng_.pick(Pool{"sum(", "min(", "max("}), args(rng_.chance(50) ? Ty::Int : Ty::Dec, 3, d, Ty::Dec), ")"});
    case 6: return cat({"coalesce(", decimal(d), ", ", number(d), ")"});
    default: return cat({"(if ", boolean(d), " then ", decimal(d), " else ", number(d), ")"});
    }
  }

  std::string text(int depth) {
    if (depth <= 0 || rng_.chance(40)) return leaf(Ty::Text);
    const int d = depth - 1;
    if (rng_.chance(50)) return "coalesce(" + args(Ty::Text, rng_.between(2, 3), d, Ty::Text) + ")";
    return cat({"(if ", boolean(d), " then ", text(d), " else ", text(d), ")"});
  }

  std::string date(int depth) {
    if (depth <= 0 || rng_.chance(40)) return leaf(Ty::Date);
    const int d = depth - 1;
    switch (rng_.below(3)) {
    case 0: return cat({rng_.pick(Pool{"min(", "max("}), args(Ty::Date, rng_.between(1, 3), d, Ty::Date), ")"});
    case 1: return "coalesce(" + args(Ty::Date, rng_.between(2, 3), d, Ty::Date) + ")";
    default: return cat({"(if ", boolean(d), " then ", date(d), " else ", date(d), ")"});
    }
  }

  std::string list(int depth) { // a code list: an input, a definition, or chosen between two
    if (depth <= 0 || rng_.chance(60)) return leaf(Ty::List);
    if (rng_.chance(50)) return cat({"coalesce(", list(depth - 1), ", ", list(depth - 1), ")"});
    return cat({"(if ", boolean(depth - 1), " then ", list(depth - 1), " else ", list(depth - 1), ")"});
  }

  std::string code(int depth) { // always of type code
    if (depth <= 0 || rng_.chance(40)) return leaf(Ty::Code);
    const int d = depth - 1;
    // A text literal or a text input beside a code is read as a code (normalised, and maybe not a valid one).
    auto other = [&] {
      if (rng_.chance(25)) return rng_.pick(kCodes);
      if (valid_codes_only_ || !rng_.chance(25)) return code(d);
      text_as_code_ = true;
      return rng_.pick(kTextInputs);
    };
    if (rng_.chance(50)) return cat({"coalesce(", code(d), ", ", other(), ")"});
    return cat({"(if ", boolean(d), " then ", code(d), " else ", other(), ")"});
  }

  GeneratedConstructs constructs_;
  Rng rng_;
  int literal_percent_; // how often a leaf is a literal: some programs fold to constants, some read inputs
  int large_;           // 3 for one program in twenty: more definitions, groups and rules, deeper conditions
  struct Define {
    std::string name;
    Ty type;
    bool text_as_code; // its value may be text read as a code, so maybe not a valid code
  };
  std::vector<Define> defines_;
  bool text_as_code_ = false;     // the expression being generated has read text as a code
  bool valid_codes_only_ = false; // generating the code before `in CODESET` without text_as_code_in_code_set
  std::vector<std::string> codesets_;
  int rule_count_ = 0;
};

// ---- records ---------------------------------------------------------------------------------------------

// Values a record holds, by Ty; texts and codes are also made at random.
const std::vector<Pool> kRecordValues = {
    {"true", "FALSE", "Yes", "no", "1", "0", "agree", "Disagree"},
    {"0", "-1", "1", "2", "3", "7", "19", "120", "-120", "100000", "3037000500", "-3037000500", "4611686018427387904",
     "9223372036854775807", "-9223372036854775808", "9223372036854775806"},
    {"0.1", "-2.5", "2.5", "0", "0.0", "-0.0", "3", "0.3", "100.25", "1000000.5", "123456789.125", "-7"},
    {"abc",  "ABC",     "Abc",          "low", "Low",  "Mid",   "HIGH", "high", "U055",
     "u054", "xu05.5y", "||x622 ,u055", "C59", "C39",  "50%",   "500",  "a_b",  "Lw",
     "Liw",  "lo w",    " low",         "zzz", "M545", "m54.5", "a",    "_",    "%",
     "low ", "ABC  ",   "   ",          "a_b ", "Mid\t"}, // trailing blanks are dropped on reading, a tab is not
    {"2024-02-29", "2024-02-28", "2024-03-01", "2023-02-28", "2023-03-01", "2000-02-29", "1900-02-28", "1970-01-01",
     "2100-12-31", "2024-01-15", "2024-01-01", "2023-12-31"},
    {"M545", "m54.5", " c50.9 ", "\tz665\n", "C50", "C5",  "U055", "u05.4", "Z665", "z66.5", "D489", "D49",   "C14",
     "C149", "C15",   "M50",     "M53",      "M54", "M5X", "01",   "02",    "3",    "03",    "A00",  "U0541", "c00"},
};
// Values that do not read, by Ty (text reads anything): the row is rejected.
const std::vector<Pool> kInvalidValues = {
    {"maybe", "2", "y"},
    {"abc", "4.5", "12a", "+5", " 5", "9223372036854775808"},
    {"abc", "1,5", "nan", "inf", "1e3", "2.5.1"},
    {},
    {"2024-02-30", "2023-02-29", "24-01-01", "2024/01/01", "2024-13-01"},
    {"M5-4", "C50?", "M 54", "  "},
    {"M545,M5-4", "||U055 ,C50?", "A00||M 54", "M545|C50"},
};

std::string valid_value(Rng& rng, Ty t) {
  auto code = [&] { return rng.chance(40) ? random_code(rng) : rng.pick(kRecordValues[static_cast<int>(Ty::Code)]); };
  if (t == Ty::Text && rng.chance(40)) return random_text(rng);
  if (t == Ty::Code) return code();
  if (t != Ty::List) return rng.pick(kRecordValues[static_cast<int>(t)]);
  if (rng.chance(10)) return rng.pick(Pool{",", "||", "|| ,", " "}); // an empty list
  std::string s = rng.chance(20) ? "||" : "";
  for (int i = rng.between(1, 4); i > 0; --i)
    s += code() + (i > 1 ? rng.pick(Pool{",", "||", ", ", " ,", ",,", "|| ||"}) : "");
  return s;
}

} // namespace

std::string generated_pathway(uint64_t seed, const GeneratedConstructs& constructs) {
  return SourceGen(seed, constructs).program();
}

namespace {
// A source literal as a CSV holds it: "\"low\"" -> "low".
std::string unquoted(const std::string& literal) {
  return literal.size() >= 2 && literal.front() == '"' ? literal.substr(1, literal.size() - 2) : literal;
}
} // namespace

reference::Record generated_record(uint64_t seed) {
  Rng rng(seed);
  reference::Record record;
  for (const auto& in : inputs()) {
    if (rng.chance(in.required ? 3 : 20)) {
      record.columns[in.column] = rng.chance(50) ? std::optional<std::string>() : "";
    } else if (!in.one_of.empty() && !rng.chance(10)) { // mostly an allowed value; now and then one outside the list
      // A trailing blank now and then: a code is trimmed and a text drops it, so the value is still allowed.
      const bool padded = (in.type == Ty::Code || in.type == Ty::Text) && rng.chance(30);
      record.columns[in.column] = unquoted(rng.pick(in.one_of)) + (padded ? " " : "");
    } else {
      record.columns[in.column] = valid_value(rng, in.type);
    }
  }
  if (rng.chance(5)) { // one value the row cannot be read with: both engines reject it
    const Input* in = &rng.pick(inputs());
    while (in->type == Ty::Text) in = &rng.pick(inputs());
    record.columns[in->column] = rng.pick(kInvalidValues[static_cast<int>(in->type)]);
  }
  return record;
}

} // namespace waymark::testing
