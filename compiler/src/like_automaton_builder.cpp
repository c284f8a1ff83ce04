// A `like` pattern becomes a deterministic automaton over bytes, so matching walks the text once
// (the pattern's tokens are positions of a nondeterministic automaton; '%' loops on itself).
#include <algorithm>
#include <map>

#include "automata.h"
#include "waymark/runtime/like_pattern.h"

namespace waymark {
namespace {
constexpr uint32_t kMaxStates = 4096;
} // namespace

std::variant<rt::LikeAutomaton, AutomatonError> build_like_automaton(const std::string& text) {
  auto compiled = rt::LikePattern::compile(text);
  if (auto* error = std::get_if<rt::PatternError>(&compiled)) return AutomatonError{error->message};
  const auto& tokens = std::get<rt::LikePattern>(compiled).tokens();
  const uint32_t m = static_cast<uint32_t>(tokens.size());

  // Positions reachable without reading a byte: a '%' may match nothing.
  auto close = [&](std::vector<uint32_t> set) {
    std::vector<bool> in(m + 1);
    std::vector<uint32_t> out;
    for (size_t i = 0; i < set.size(); ++i) {
      for (uint32_t k = set[i]; !in[k]; ++k) {
        in[k] = true;
        out.push_back(k);
        if (k == m || !tokens[k].star) break;
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  };

  rt::LikeAutomaton automaton;
  std::map<std::vector<uint32_t>, uint32_t> ids;
  std::vector<std::vector<uint32_t>> sets(2); // kDead and kAccept
  automaton.accept_end = {0, 1};
  auto add_state = [&](std::vector<uint32_t> set) -> uint32_t {
    if (set.empty()) return rt::LikeAutomaton::kDead;
    bool end = false;
    for (uint32_t k : set) {
      if (k == m) end = true;
      // A trailing '%' reached: whatever follows, the pattern matches.
      if (k + 1 == m && tokens[k].star) return rt::LikeAutomaton::kAccept;
    }
    auto [it, inserted] = ids.emplace(set, static_cast<uint32_t>(sets.size()));
    if (inserted) {
      sets.push_back(std::move(set));
      automaton.accept_end.push_back(end);
    }
    return it->second;
  };
  automaton.start = add_state(close({0}));
  for (uint32_t s = 0; s < sets.size(); ++s) {
    if (sets.size() > kMaxStates)
      return AutomatonError{"the like pattern is too complex to compile (over " + std::to_string(kMaxStates) +
                            " automaton states)"};
    for (uint32_t byte = 0; byte < 256; ++byte) {
      uint32_t target = s;
      if (s > rt::LikeAutomaton::kAccept) {
        std::vector<uint32_t> next;
        for (uint32_t k : sets[s]) {
          if (k == m) continue;
          if (tokens[k].star) next.push_back(k);
          else if (tokens[k].bytes.test(byte)) next.push_back(k + 1);
        }
        target = add_state(close(std::move(next)));
      }
      automaton.next.push_back(target);
    }
  }
  return automaton;
}

} // namespace waymark
