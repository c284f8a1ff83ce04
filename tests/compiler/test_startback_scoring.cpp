// pathways/startback/startback.wm against the published STarT Back scoring, on every possible questionnaire:
// each of items 1-8 agree, disagree or unanswered, item 9 one of its five answers or unanswered (3^8 x 6 =
// 39,366 records, 1,280 of them complete). The scorer here is written from Keele University's published scoring
// and matched treatments, not from the pathway.
#include <catch2/catch.hpp>

#include <array>
#include <optional>
#include <string>

#include "vm_outcome.h"
#include "waymark/compiler/lowering.h"

namespace {

using waymark::reference::Outcome;
using waymark::reference::Record;
using waymark::reference::Value;

constexpr std::array<const char*, 8> kItems = {"leg_pain",       "shoulder_neck_pain",  "walked_short_distances",
                                               "dressed_slowly", "unsafe_to_be_active", "worrying_thoughts",
                                               "pain_terrible",  "not_enjoyed"};
constexpr std::array<const char*, 5> kBothersomeness = {"not at all", "slightly", "moderately", "very much",
                                                        "extremely"};

// One questionnaire: items 1-8 (nullopt: unanswered) and item 9 (an index into kBothersomeness, or nullopt).
struct Answers {
  std::array<std::optional<bool>, 8> items;
  std::optional<size_t> bothersomeness;
};

// The published scoring: agree = 1 for items 1-8; item 9 scores 1 for "very much" or "extremely".
// Total = items 1-9, distress = items 5-9. Low: total <= 3; high: total >= 4 and distress >= 4; else medium.
struct Expected {
  int total = 0, distress = 0;
  std::string risk, treatment, snomed;
};

std::optional<Expected> published_score(const Answers& a) {
  if (!a.bothersomeness) return std::nullopt;
  for (const auto& item : a.items)
    if (!item) return std::nullopt;
  Expected e;
  for (size_t i = 0; i < 8; ++i) {
    e.total += *a.items[i];
    if (i >= 4) e.distress += *a.items[i];
  }
  const int item9 = *a.bothersomeness >= 3;
  e.total += item9;
  e.distress += item9;
  if (e.total <= 3) {
    e.risk = "low", e.treatment = "Advice, reassurance and self-management information", e.snomed = "945621000000107";
  } else if (e.distress >= 4) {
    e.risk = "high", e.treatment = "Psychologically informed physiotherapy", e.snomed = "45601000000103";
  } else {
    e.risk = "medium", e.treatment = "Physiotherapy", e.snomed = "45641000000100";
  }
  return e;
}

Record record_of(const Answers& a) {
  Record r;
  for (size_t i = 0; i < 8; ++i)
    r.columns[kItems[i]] = a.items[i] ? std::optional<std::string>(*a.items[i] ? "true" : "false") : std::nullopt;
  r.columns["bothersomeness"] =
      a.bothersomeness ? std::optional<std::string>(kBothersomeness[*a.bothersomeness]) : std::nullopt;
  return r;
}

std::string describe(const Answers& a) {
  std::string out;
  for (size_t i = 0; i < 8; ++i)
    out += std::string(kItems[i]) + "=" + (a.items[i] ? (*a.items[i] ? "agree" : "disagree") : "blank") + " ";
  return out + "bothersomeness=" + (a.bothersomeness ? kBothersomeness[*a.bothersomeness] : "blank");
}

waymark::rt::Program compile_startback() {
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  auto index = workspace.load(std::string(WAYMARK_SOURCE_DIR) + "/pathways/startback/startback.wm");
  REQUIRE(index);
  REQUIRE(diagnostics.error_count() == 0);
  auto program = waymark::lower_pathway(workspace, *index);
  REQUIRE(program);
  return std::move(*program);
}

// Calls `visit` with every questionnaire: each item agree, disagree or blank; item 9 each answer or blank.
template <typename Visit>
void every_questionnaire(Visit visit) {
  Answers a;
  for (int code = 0; code < 6561; ++code) { // 3^8
    int rest = code;
    for (auto& item : a.items) {
      const int v = rest % 3;
      rest /= 3;
      item = v == 2 ? std::nullopt : std::optional<bool>(v == 1);
    }
    for (size_t b = 0; b <= kBothersomeness.size(); ++b) {
      a.bothersomeness = b < kBothersomeness.size() ? std::optional<size_t>(b) : std::nullopt;
      visit(a);
    }
  }
}

} // namespace

TEST_CASE("startback: every complete questionnaire is scored, stratified and coded as the published tool does",
          "[startback]") {
  const auto program = compile_startback();
  size_t complete = 0;
  every_questionnaire([&](const Answers& a) {
    const auto expected = published_score(a);
    if (!expected) return;
    ++complete;
    const Outcome out = waymark::reference::evaluate_on_vm(program, record_of(a));
    INFO(describe(a));
    REQUIRE(out.errors.empty());
    CHECK(out.outputs.at("total_score") == Value::of_int(expected->total));
    CHECK(out.outputs.at("distress_score") == Value::of_int(expected->distress));
    CHECK(out.outputs.at("risk") == Value::of_text(expected->risk));
    CHECK(out.outputs.at("treatment") == Value::of_text(expected->treatment));
    CHECK(out.outputs.at("snomed") == Value::of_text(expected->snomed));
    REQUIRE(out.fired.size() == 1);
    CHECK(out.fired[0] == expected->risk + "_risk");
  });
  CHECK(complete == 1280); // 2^8 x 5
}

TEST_CASE("startback: a questionnaire with any item unanswered is not scored: every output is empty", "[startback]") {
  const auto program = compile_startback();
  size_t incomplete = 0, all_blank = 0;
  std::array<size_t, 9> only_this_blank{}; // questionnaires with exactly one item unanswered, by item
  every_questionnaire([&](const Answers& a) {
    if (published_score(a)) return;
    ++incomplete;
    size_t blanks = !a.bothersomeness, last_blank = 8;
    for (size_t i = 0; i < 8; ++i)
      if (!a.items[i]) ++blanks, last_blank = i;
    if (blanks == 1) ++only_this_blank[a.bothersomeness ? last_blank : 8];
    all_blank += blanks == 9;
    const Outcome out = waymark::reference::evaluate_on_vm(program, record_of(a));
    INFO(describe(a));
    REQUIRE(out.errors.empty());
    for (const auto& [name, value] : out.outputs) {
      INFO("output " << name << " = " << waymark::reference::to_string(value));
      CHECK(value.missing());
    }
    CHECK(out.fired.empty());
  });
  CHECK(incomplete == 6561 * 6 - 1280);
  CHECK(all_blank == 1);
  for (size_t i = 0; i < 8; ++i) CHECK(only_this_blank[i] == 128 * 5); // the other 7 items x item 9
  CHECK(only_this_blank[8] == 256);                                    // item 9 blank, items 1-8 answered
}
