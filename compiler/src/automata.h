#pragma once
// Builds the runtime's matching automata from code-set entries and `like` patterns (subset construction).
#include <string>
#include <variant>
#include <vector>

#include "waymark/runtime/program.h"

namespace waymark {

// Why an automaton was not built: an entry did not parse, or the automaton grew past its state limit.
struct AutomatonError {
  std::string message;
};

// Entries as a code set writes them: a pattern ("U05[45]", "C50*", "M545") or a range (low, high).
struct CodeSetEntry {
  std::string low, high;
  bool is_range = false;
};

std::variant<rt::CodeAutomaton, AutomatonError> build_code_automaton(const std::vector<CodeSetEntry>& entries);
std::variant<rt::LikeAutomaton, AutomatonError> build_like_automaton(const std::string& pattern);
// Up to 64 patterns matched together: bit i of the result is pattern i.
std::variant<rt::MultiLikeAutomaton, AutomatonError> build_multi_like_automaton(const std::vector<std::string>& patterns);

} // namespace waymark
