// The VM against the reference evaluator on generated programs and records (generated_pathways.h): each
// pathway is checked by the real checker (sources with errors are skipped and counted), compiled with
// lower_pathway, and run on random records by both engines, which must agree on outputs, rules fired (and their
// order), rule states and rejected rows. WAYMARK_GENERATED_PROGRAMS=N runs N programs, for a longer search.
//
// Every construct is generated. Two disagreements this test found are fixed and stay covered: bools compared
// with `=` (now CMPB), and text read as a code matched against a code set (only a valid code is ever a member).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "generated_pathways.h"
#include "reference_evaluator.h"
#include "vm_outcome.h"
#include "waymark/compiler/lowering.h"

#if defined(__SANITIZE_ADDRESS__)
#define WAYMARK_GENERATED_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WAYMARK_GENERATED_SANITIZED 1
#endif
#endif

namespace {

#ifdef WAYMARK_GENERATED_SANITIZED
constexpr int kPrograms = 300;
constexpr int kRecordsPerProgram = 100;
#else
constexpr int kPrograms = 1000;
constexpr int kRecordsPerProgram = 200;
#endif

// Every construct but the exclusions listed at the top of this file.
constexpr waymark::testing::GeneratedConstructs kConstructs{.bool_equality = true, .text_as_code_in_code_set = true};

std::string describe(const waymark::reference::Record& record) {
  std::string s;
  for (const auto& [column, value] : record.columns)
    s += "  " + column + " = " + (value ? "\"" + *value + "\"" : std::string("missing")) + "\n";
  return s;
}

std::string describe(const waymark::reference::Outcome& o) {
  std::string s;
  for (const auto& [name, value] : o.outputs) s += "  " + name + " = " + waymark::reference::to_string(value) + "\n";
  for (const auto& [rule, state] : o.rule_state) s += "  rule " + rule + ": " + state + "\n";
  for (const auto& e : o.errors) s += "  error: " + e + "\n";
  return s;
}

// A message without the names in quotes, so that alike errors count together.
std::string without_quoted_names(const std::string& message) {
  std::string s;
  bool quoted = false;
  for (char c : message) {
    if (c == '\'') quoted = !quoted;
    if (c == '\'' || !quoted) s += c;
  }
  return s;
}

} // namespace

TEST_CASE("VM against reference on generated programs and records", "[vm][generated]") {
  int programs = kPrograms;
  if (const char* env = std::getenv("WAYMARK_GENERATED_PROGRAMS")) programs = std::max(1, std::atoi(env));
  const auto start = std::chrono::steady_clock::now();
  size_t generated = 0, clean = 0, compiled = 0, compared = 0, rejected_rows = 0, disagreements = 0;
  std::map<std::string, size_t> states; // rule states the reference reported, to show the rules do decide
  size_t outputs_set = 0;
  std::map<std::string, size_t> skip_reasons; // first error message of each skipped program
  for (int p = 0; p < programs; ++p) {
    const uint64_t seed = 0x5eed'0000ull + static_cast<uint64_t>(p);
    const std::string source = waymark::testing::generated_pathway(seed, kConstructs);
    ++generated;
    waymark::Diagnostics diagnostics;
    waymark::Workspace workspace(diagnostics);
    const auto index = workspace.load_text("generated.wm", source);
    REQUIRE(index);
    if (diagnostics.error_count() > 0) {
      auto error = std::find_if(diagnostics.all().begin(), diagnostics.all().end(),
                                [](const auto& d) { return d.severity == waymark::Severity::Error; });
      ++skip_reasons[without_quoted_names(error->message)];
      continue;
    }
    ++clean;
    auto program = waymark::lower_pathway(workspace, *index);
    if (!program) {
      std::ostringstream rendered;
      diagnostics.render(rendered, false);
      INFO("program seed " << seed << "\n" << source << "\n" << rendered.str());
      CHECK(program);
      continue;
    }
    ++compiled;
    for (int r = 0; r < kRecordsPerProgram; ++r) {
      const uint64_t record_seed = seed * 1000 + static_cast<uint64_t>(r);
      const auto record = waymark::testing::generated_record(record_seed);
      std::string diff, reference_text, vm_text;
      try {
        const auto expected = waymark::reference::evaluate(workspace, *index, record);
        // Every other record runs with a trace attached: the traced dispatch loop must agree too.
        const auto actual = waymark::reference::evaluate_on_vm(*program, record, r % 2 == 1);
        rejected_rows += !expected.errors.empty() && expected.fired.empty() && expected.rule_state.empty();
        for (const auto& [rule, state] : expected.rule_state) ++states[state];
        for (const auto& [name, value] : expected.outputs) outputs_set += !value.missing();
        diff = waymark::reference::differences(expected, actual);
        if (!diff.empty()) reference_text = describe(expected), vm_text = describe(actual);
      } catch (const std::exception& e) {
        diff = std::string("exception: ") + e.what();
      }
      ++compared;
      if (diff.empty()) continue;
      ++disagreements;
      if (disagreements > 20) continue; // counted, not all printed
      INFO("program seed " << seed << ", record seed " << record_seed << "\n--- source ---\n"
                           << source << "--- record ---\n"
                           << describe(record) << "--- reference ---\n"
                           << reference_text << "--- vm ---\n"
                           << vm_text);
      CHECK(diff == "");
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "vm generated: " << generated << " programs generated, " << clean << " checked clean, " << compiled
            << " compiled, " << compared << " records compared (" << rejected_rows << " rejected rows), "
            << disagreements << " disagreements, " << seconds << " s\n";
  std::cout << "  rule states:";
  for (const auto& [state, n] : states) std::cout << " " << state << " " << n << ";";
  std::cout << " outputs set " << outputs_set << "\n";
  for (const auto& [message, n] : skip_reasons) std::cout << "  skipped " << n << ": " << message << "\n";
  CHECK(disagreements == 0);
  REQUIRE(clean * 100 >= generated * 80); // the generator must keep writing programs the checker accepts
  // The records must exercise the rules: some fire, some are unknown for want of data, some rows are rejected.
  CHECK(states["fired"] * 10 >= compared);
  CHECK(states["unknown"] * 10 >= compared);
  CHECK(states["skipped"] > 0);
  CHECK(rejected_rows * 100 >= compared * 3);
}
