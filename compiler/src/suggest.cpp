#include "suggest.h"

#include <algorithm>
#include <cctype>

namespace waymark::detail {
namespace {

constexpr size_t kLongestGuessed = 64;

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps
// ("cse" -> "ces") each cost one; case is ignored.
size_t edit_distance(std::string_view a, std::string_view b) {
  auto same = [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); };
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

} // namespace

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  // Names of one or two characters are too short for a guess to mean anything; very long ones are not typos.
  if (name.size() < 3 || name.size() > kLongestGuessed) return "";
  const size_t limit = std::max<size_t>(1, name.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    // A length difference alone costs that many edits: skip without building the table.
    if (c.size() > name.size() + limit || name.size() > c.size() + limit) continue;
    size_t d = edit_distance(name, c);
    if (d < best_distance && c != name) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best = closest_name(name, candidates);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

} // namespace waymark::detail
