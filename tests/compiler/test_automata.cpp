// The automata the compiler builds for code sets and `like` patterns accept exactly what the runtime's
// direct matchers (rt::CodePattern, rt::CodeRange, rt::LikePattern) accept: checked exhaustively on small
// code spaces and on many generated texts.
#include <catch2/catch.hpp>

#include <random>

#include "automata.h"
#include "waymark/runtime/code_pattern.h"
#include "waymark/runtime/like_pattern.h"

using waymark::build_code_automaton;
using waymark::build_like_automaton;
using waymark::CodeSetEntry;

namespace {

bool direct_match(const std::vector<CodeSetEntry>& entries, const std::string& code) {
  for (const auto& e : entries) {
    if (e.is_range) {
      if (std::get<waymark::rt::CodeRange>(waymark::rt::CodeRange::parse(e.low, e.high)).matches(code)) return true;
    } else if (std::get<waymark::rt::CodePattern>(waymark::rt::CodePattern::parse(e.low)).matches(code)) {
      return true;
    }
  }
  return false;
}

// Every code of 1 to 4 characters over a small alphabet that straddles the entries' edges.
std::vector<std::string> small_codes(const std::string& alphabet) {
  std::vector<std::string> out{""};
  std::vector<std::string> frontier{""};
  for (int length = 1; length <= 4; ++length) {
    std::vector<std::string> next;
    for (const auto& prefix : frontier)
      for (char c : alphabet) next.push_back(prefix + c);
    out.insert(out.end(), next.begin(), next.end());
    frontier = std::move(next);
  }
  return out;
}

} // namespace

TEST_CASE("automata: a code set's automaton matches exactly its patterns and ranges", "[automata]") {
  const std::vector<std::vector<CodeSetEntry>> sets = {
      {{"C00", "C14", true}},
      {{"C50*", "", false}, {"D0[0-9]", "", false}, {"M545", "", false}},
      {{"A9", "B1", true}, {"B", "", false}, {"A[^0-4]*", "", false}},
      {{"C09", "D01", true}, {"C1*", "", false}, {"C10", "C10", true}},
      {{"Z[0-9A]", "", false}, {"Z0", "Z0", true}, {"0*", "", false}},
  };
  const auto codes = small_codes("019ABCDZ5");
  for (const auto& entries : sets) {
    auto built = build_code_automaton(entries);
    REQUIRE(std::holds_alternative<waymark::rt::CodeAutomaton>(built));
    const auto& automaton = std::get<waymark::rt::CodeAutomaton>(built);
    size_t matched = 0;
    for (const auto& code : codes) {
      INFO("code '" << code << "' against " << entries.front().low);
      CHECK(automaton.matches(code) == direct_match(entries, code));
      matched += automaton.matches(code);
    }
    CHECK(matched > 0);
  }
}

TEST_CASE("automata: a code automaton refuses codes with characters outside A-Z and 0-9", "[automata]") {
  auto automaton = std::get<waymark::rt::CodeAutomaton>(build_code_automaton({{"C00", "C99", true}}));
  CHECK(automaton.matches("C50"));
  CHECK_FALSE(automaton.matches("C5~"));
  CHECK_FALSE(automaton.matches("c50"));
}

TEST_CASE("automata: a like automaton matches exactly as the direct matcher", "[automata]") {
  const char* const patterns[] = {"%U05[45]%", "%C[0-9][0-9]%", "%D0%", "M54_", "%", "", "a%b%c", "%a_b%",
                                  "[^a-c]%", "%[%]%", "_%_", "%%x%%", "ab%", "%ab", "[a-]%"};
  std::mt19937_64 random(7);
  const std::string alphabet = "aAbBcCuU0145D%_-x,|";
  for (const char* pattern : patterns) {
    auto built = build_like_automaton(pattern);
    REQUIRE(std::holds_alternative<waymark::rt::LikeAutomaton>(built));
    const auto& automaton = std::get<waymark::rt::LikeAutomaton>(built);
    const auto direct = std::get<waymark::rt::LikePattern>(waymark::rt::LikePattern::compile(pattern));
    for (int i = 0; i < 4000; ++i) {
      std::string text;
      const size_t length = random() % 12;
      for (size_t k = 0; k < length; ++k) text += alphabet[random() % alphabet.size()];
      if (i % 3 == 0) text = "x,U055||" + text; // where the imaging patterns look
      INFO("'" << text << "' like '" << pattern << "'");
      REQUIRE(automaton.matches(text) == direct.matches(text));
    }
  }
}

TEST_CASE("automata: a pattern whose automaton would explode is refused with a reason", "[automata]") {
  // Each '_' after a '%' doubles the states a deterministic automaton must track.
  auto built = build_like_automaton("%a____________%");
  REQUIRE(std::holds_alternative<waymark::AutomatonError>(built));
  CHECK_THAT(std::get<waymark::AutomatonError>(built).message, Catch::Contains("too complex"));
}

TEST_CASE("automata: patterns matched together agree with each pattern matched alone", "[automata]") {
  const std::vector<std::vector<std::string>> groups = {
      {"%U05[45]%", "%U13[2356]%", "%U21[1267]%", "%Z665%", "%O162%"},
      {"%C[0-9][0-9]%", "%D0%", "%D3[789]%", "%D4[012345678]%"},
      {"M54_", "%", "", "a%b%c", "%a_b%", "[^a-c]%", "%[%]%", "_%_", "ab%", "%ab"},
  };
  std::mt19937_64 random(11);
  const std::string alphabet = "aAbBcCuUoOzZdD0123456789%_-x,| ";
  for (const auto& patterns : groups) {
    auto built = waymark::build_multi_like_automaton(patterns);
    REQUIRE(std::holds_alternative<waymark::rt::MultiLikeAutomaton>(built));
    const auto& automaton = std::get<waymark::rt::MultiLikeAutomaton>(built);
    std::vector<waymark::rt::LikePattern> direct;
    for (const auto& p : patterns) direct.push_back(std::get<waymark::rt::LikePattern>(waymark::rt::LikePattern::compile(p)));
    for (int i = 0; i < 20000; ++i) {
      std::string text;
      const size_t length = random() % 16;
      for (size_t k = 0; k < length; ++k) text += alphabet[random() % alphabet.size()];
      if (i % 4 == 0) text += "||u055,z665 ";
      const uint64_t bits = automaton.matches(text);
      for (size_t k = 0; k < patterns.size(); ++k) {
        INFO("'" << text << "' like '" << patterns[k] << "'");
        REQUIRE(((bits >> k) & 1) == direct[k].matches(text));
      }
    }
  }
}
