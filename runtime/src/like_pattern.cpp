#include "waymark/runtime/like_pattern.h"

namespace waymark::rt {
namespace {

constexpr unsigned char fold_other(unsigned char c) noexcept {
    if (c >= 'a' && c <= 'z') return static_cast<unsigned char>(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z') return static_cast<unsigned char>(c - 'A' + 'a');
    return c;
}

// Adds a byte in both ASCII cases, which makes matching case-insensitive.
void add(std::bitset<256>& set, unsigned char c) {
    set.set(c);
    set.set(fold_other(c));
}

}  // namespace

std::variant<LikePattern, PatternError> LikePattern::compile(std::string_view pattern) {
    LikePattern p;
    p.text_ = std::string(pattern);
    for (size_t i = 0; i < pattern.size(); ++i) {
        auto c = static_cast<unsigned char>(pattern[i]);
        Token t;
        if (c == '%') {
            if (!p.tokens_.empty() && p.tokens_.back().star) continue;  // "%%" is "%"
            t.star = true;
        } else if (c == '_') {
            t.bytes.set();
        } else if (c == '[') {
            // Like T-SQL, the first ']' closes the set, so "[]" is empty rather than "]".
            size_t close = pattern.find(']', i + 1);
            if (close == std::string_view::npos)
                return PatternError{"unclosed '[' in like pattern", i};
            size_t j = i + 1;
            bool negate = j < close && pattern[j] == '^';
            if (negate) ++j;
            if (j == close)
                return PatternError{"empty set '" + std::string(pattern.substr(i, close - i + 1)) + "' in like pattern", i};
            while (j < close) {
                auto lo = static_cast<unsigned char>(pattern[j]);
                // '-' is a range only between two members; first or last it is literal.
                if (j + 2 < close && pattern[j + 1] == '-') {
                    auto hi = static_cast<unsigned char>(pattern[j + 2]);
                    // A reversed range such as [c-a] adds nothing, as in SQL.
                    for (unsigned b = lo; b <= hi; ++b) add(t.bytes, static_cast<unsigned char>(b));
                    j += 3;
                } else {
                    add(t.bytes, lo);
                    ++j;
                }
            }
            if (negate) t.bytes.flip();
            i = close;
        } else {
            add(t.bytes, c);
        }
        p.tokens_.push_back(t);
    }
    return p;
}

bool LikePattern::matches(std::string_view text) const noexcept {
    const size_t n = text.size(), m = tokens_.size(), none = static_cast<size_t>(-1);
    size_t t = 0, k = 0;
    size_t star = none, star_t = 0;  // last '%' seen and the text position it resumes from
    while (t < n) {
        if (k < m && tokens_[k].star) {
            star = k++;
            star_t = t;
        } else if (k < m && tokens_[k].bytes.test(static_cast<unsigned char>(text[t]))) {
            ++k;
            ++t;
        } else if (star != none) {
            // Let the last '%' swallow one more character and retry after it.
            // Earlier '%'s never need revisiting: every other token is one byte wide.
            k = star + 1;
            t = ++star_t;
        } else {
            return false;
        }
    }
    while (k < m && tokens_[k].star) ++k;
    return k == m;
}

}  // namespace waymark::rt
