// Several `like` patterns on one text, as one deterministic automaton (the product of the patterns'
// automata). A state records, per pattern, the positions still alive; a pattern whose trailing '%' has been
// reached has matched for good and leaves the state, remembered in its `sticky` set. Bytes that no pattern
// tells apart share a class, which keeps the table small.
#include <algorithm>
#include <map>

#include "automata.h"
#include "waymark/runtime/like_pattern.h"

namespace waymark {
namespace {

constexpr uint32_t kMaxStates = 8192;

struct State {
  std::vector<uint32_t> alive; // pattern << 16 | position
  uint64_t sticky = 0;
  friend bool operator<(const State& a, const State& b) {
    return a.sticky != b.sticky ? a.sticky < b.sticky : a.alive < b.alive;
  }
};

} // namespace

std::variant<rt::MultiLikeAutomaton, AutomatonError> build_multi_like_automaton(const std::vector<std::string>& texts) {
  if (texts.empty() || texts.size() > rt::MultiLikeAutomaton::kMaxPatterns)
    return AutomatonError{"between 1 and 64 like patterns can be matched together"};
  std::vector<std::vector<rt::LikePattern::Token>> patterns;
  for (const auto& text : texts) {
    auto compiled = rt::LikePattern::compile(text);
    if (auto* error = std::get_if<rt::PatternError>(&compiled)) return AutomatonError{error->message};
    patterns.push_back(std::get<rt::LikePattern>(compiled).tokens());
    if (patterns.back().size() >= 0xffff) return AutomatonError{"a like pattern is too long to compile"};
  }

  rt::MultiLikeAutomaton automaton;
  // Byte classes: two bytes are alike when every token of every pattern treats them alike.
  std::map<std::vector<bool>, uint8_t> class_of_signature;
  automaton.byte_class.resize(256);
  std::vector<unsigned> representative;
  for (unsigned byte = 0; byte < 256; ++byte) {
    std::vector<bool> signature;
    for (const auto& tokens : patterns)
      for (const auto& t : tokens) signature.push_back(!t.star && t.bytes.test(byte));
    auto [it, inserted] = class_of_signature.emplace(signature, static_cast<uint8_t>(representative.size()));
    if (inserted) representative.push_back(byte);
    automaton.byte_class[byte] = it->second;
  }
  automaton.classes = static_cast<uint32_t>(representative.size());

  // Adds the positions reachable from `position` without reading (a '%' may match nothing) to `state`.
  auto enter = [&](State& state, uint32_t k, uint32_t position) {
    const auto& tokens = patterns[k];
    const uint32_t m = static_cast<uint32_t>(tokens.size());
    for (uint32_t p = position;; ++p) {
      if (p + 1 == m && tokens[p].star) { // a trailing '%': matched, whatever follows
        state.sticky |= uint64_t{1} << k;
        return;
      }
      state.alive.push_back(k << 16 | p);
      if (p == m || !tokens[p].star) return;
    }
  };
  auto normalise = [](State& state) {
    std::sort(state.alive.begin(), state.alive.end());
    state.alive.erase(std::unique(state.alive.begin(), state.alive.end()), state.alive.end());
    // A pattern that has matched for good needs no positions.
    std::erase_if(state.alive, [&](uint32_t pair) { return state.sticky >> (pair >> 16) & 1; });
  };

  std::map<State, uint32_t> ids;
  std::vector<State> states;
  auto add = [&](State state) -> uint32_t {
    normalise(state);
    auto [it, inserted] = ids.emplace(state, static_cast<uint32_t>(states.size()));
    if (inserted) {
      uint64_t accept = state.sticky;
      for (uint32_t pair : state.alive)
        if ((pair & 0xffff) == patterns[pair >> 16].size()) accept |= uint64_t{1} << (pair >> 16);
      automaton.accept.push_back(accept);
      automaton.final.push_back(state.alive.empty());
      states.push_back(std::move(state));
    }
    return it->second;
  };
  State start;
  for (uint32_t k = 0; k < patterns.size(); ++k) enter(start, k, 0);
  automaton.start = add(std::move(start));
  for (uint32_t s = 0; s < states.size(); ++s) {
    if (states.size() > kMaxStates)
      return AutomatonError{"the like patterns are too complex to match together (over " + std::to_string(kMaxStates) +
                            " automaton states)"};
    for (uint32_t c = 0; c < automaton.classes; ++c) {
      const unsigned byte = representative[c];
      State next;
      next.sticky = states[s].sticky;
      for (uint32_t pair : states[s].alive) {
        const uint32_t k = pair >> 16, p = pair & 0xffff;
        const auto& tokens = patterns[k];
        if (p == tokens.size()) continue;
        if (tokens[p].star) enter(next, k, p);
        else if (tokens[p].bytes.test(byte)) enter(next, k, p + 1);
      }
      automaton.next.push_back(add(std::move(next)));
    }
  }
  return automaton;
}

} // namespace waymark
