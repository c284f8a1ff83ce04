// Code sets become one deterministic automaton over the 36 code characters. Every entry is first turned
// into "items": a sequence of allowed-character sets, optionally followed by anything (a trailing '*').
// A range "C00".."C99" is split into such items (C0[0-9]*, ..., the usual decomposition of a lexicographic
// range), since a range matches a code whose first N characters lie between its bounds.
#include <map>

#include "automata.h"
#include "waymark/runtime/code_pattern.h"

namespace waymark {
namespace {

constexpr uint32_t kMaxStates = 1u << 16;
constexpr uint64_t kAnyChar = (uint64_t{1} << 36) - 1;

struct Item {
  std::vector<uint64_t> positions;
  bool star = false;
};

uint64_t bit_of(char c) { return uint64_t{1} << (c <= '9' ? c - '0' : c - 'A' + 10); }
// Characters strictly after / before c, in code order ('0' < '9' < 'A' < 'Z', as in ASCII).
uint64_t above(char c) { return kAnyChar & ~((bit_of(c) << 1) - 1); }
uint64_t below(char c) { return bit_of(c) - 1; }

// Items for suffixes s (of the same length as bound, from position i) with s >= bound[i..] (at_least)
// or s <= bound[i..].
void one_side(const std::string& bound, size_t i, std::vector<uint64_t> prefix, bool at_least, std::vector<Item>& out) {
  for (; i < bound.size(); ++i) {
    const uint64_t beyond = at_least ? above(bound[i]) : below(bound[i]);
    if (beyond) {
      Item item{prefix, true};
      item.positions.push_back(beyond);
      item.positions.resize(bound.size(), kAnyChar);
      out.push_back(std::move(item));
    }
    prefix.push_back(bit_of(bound[i]));
  }
  out.push_back(Item{std::move(prefix), true});
}

void range_items(const std::string& low, const std::string& high, std::vector<Item>& out) {
  std::vector<uint64_t> prefix;
  size_t i = 0;
  while (i < low.size() && low[i] == high[i]) prefix.push_back(bit_of(low[i++]));
  if (i == low.size()) {
    out.push_back(Item{std::move(prefix), true});
    return;
  }
  // low[i] < high[i]: low[i] then anything >= the rest of low; the characters in between then anything;
  // high[i] then anything <= the rest of high.
  auto with = [&](uint64_t set) {
    auto p = prefix;
    p.push_back(set);
    return p;
  };
  one_side(low, i + 1, with(bit_of(low[i])), true, out);
  const uint64_t between = above(low[i]) & below(high[i]);
  if (between) {
    Item item{with(between), true};
    item.positions.resize(low.size(), kAnyChar);
    out.push_back(std::move(item));
  }
  one_side(high, i + 1, with(bit_of(high[i])), false, out);
}

} // namespace

std::variant<rt::CodeAutomaton, AutomatonError> build_code_automaton(const std::vector<CodeSetEntry>& entries) {
  std::vector<Item> items;
  for (const CodeSetEntry& e : entries) {
    if (e.is_range) {
      auto range = rt::CodeRange::parse(e.low, e.high);
      if (auto* error = std::get_if<rt::PatternError>(&range)) return AutomatonError{error->message};
      const auto& r = std::get<rt::CodeRange>(range);
      range_items(r.low(), r.high(), items);
    } else {
      auto pattern = rt::CodePattern::parse(e.low);
      if (auto* error = std::get_if<rt::PatternError>(&pattern)) return AutomatonError{error->message};
      const auto& p = std::get<rt::CodePattern>(pattern);
      items.push_back(Item{p.positions(), p.is_prefix()});
    }
    if (items.back().positions.size() >= 0xffff) return AutomatonError{"a code pattern is too long to compile"};
  }

  // A state is the set of (item, position) pairs still alive, encoded item << 16 | position.
  using StateSet = std::vector<uint64_t>;
  rt::CodeAutomaton automaton;
  std::map<StateSet, uint32_t> ids;
  std::vector<StateSet> sets;
  auto add_state = [&](StateSet set) -> uint32_t {
    if (set.empty()) return rt::CodeAutomaton::kDead;
    bool end = false;
    for (uint64_t pair : set) {
      const Item& item = items[pair >> 16];
      if ((pair & 0xffff) == item.positions.size()) {
        if (item.star) return rt::CodeAutomaton::kAccept;
        end = true;
      }
    }
    auto [it, inserted] = ids.emplace(set, static_cast<uint32_t>(sets.size()));
    if (inserted) {
      sets.push_back(std::move(set));
      automaton.accept_end.push_back(end);
    }
    return it->second;
  };
  sets.resize(2); // kDead and kAccept
  automaton.accept_end = {0, 1};
  StateSet start;
  for (uint64_t i = 0; i < items.size(); ++i) start.push_back(i << 16);
  automaton.start = add_state(start);
  for (uint32_t s = 0; s < sets.size(); ++s) {
    if (sets.size() > kMaxStates) return AutomatonError{"the code set is too large to compile (over 65536 states)"};
    for (uint32_t symbol = 0; symbol < rt::CodeAutomaton::kSymbols; ++symbol) {
      uint32_t target = s; // kDead and kAccept keep themselves
      if (s > rt::CodeAutomaton::kAccept) {
        StateSet next;
        for (uint64_t pair : sets[s]) {
          const Item& item = items[pair >> 16];
          const uint64_t pos = pair & 0xffff;
          if (pos < item.positions.size() && (item.positions[pos] >> symbol & 1)) next.push_back(pair + 1);
        }
        target = add_state(std::move(next));
      }
      automaton.next.push_back(target);
    }
  }
  return automaton;
}

} // namespace waymark
