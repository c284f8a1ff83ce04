#include "waymark/runtime/code_pattern.h"

#include <cstdio>

namespace waymark::rt {
namespace {

constexpr uint64_t kAllCodeChars = (uint64_t{1} << 36) - 1;

constexpr char upper(char c) noexcept {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// Bit index of a code character: '0'-'9' -> 0-9, 'A'-'Z' -> 10-35, else -1.
constexpr int code_bit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

// Quoted character for messages; unprintable bytes are shown in hex.
std::string quote(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
    char buf[16];
    std::snprintf(buf, sizeof buf, "byte 0x%02X", u);
    return buf;
}

PatternError invalid_char(std::string_view text, size_t at) {
    char c = text[at];
    std::string msg = "invalid character " + quote(c) + " in code pattern";
    if (c == '%' || c == '_') msg += " (use like for SQL wildcards)";
    if (c == '.') msg += " (write codes without dots)";
    if (c == '-') msg += " (ranges go inside a class, e.g. [0-9])";
    return {msg, at};
}

// Parses the class whose '[' is at text[open] and ends at text[close] (']').
std::variant<uint64_t, PatternError> parse_class(std::string_view text, size_t open, size_t close) {
    size_t i = open + 1;
    bool negate = i < close && text[i] == '^';
    if (negate) ++i;
    if (i == close) {
        std::string cls(text.substr(open, close - open + 1));
        return PatternError{"empty character class '" + cls + "' in code pattern", open};
    }

    uint64_t bits = 0;
    while (i < close) {
        char lo = upper(text[i]);
        if (code_bit(lo) < 0) return invalid_char(text, i);
        if (i + 2 < close && text[i + 1] == '-') {
            char hi = upper(text[i + 2]);
            if (code_bit(hi) < 0) return invalid_char(text, i + 2);
            std::string range = std::string{lo} + '-' + hi;
            if ((code_bit(lo) < 10) != (code_bit(hi) < 10))
                return PatternError{"range '" + range + "' mixes digits and letters in code pattern", i};
            if (lo > hi) return PatternError{"reversed range '" + range + "' in code pattern", i};
            for (int b = code_bit(lo); b <= code_bit(hi); ++b) bits |= uint64_t{1} << b;
            i += 3;
        } else {
            bits |= uint64_t{1} << code_bit(lo);
            ++i;
        }
    }
    if (negate) bits = ~bits & kAllCodeChars;
    if (bits == 0) return PatternError{"character class matches no character in code pattern", open};
    return bits;
}

}  // namespace

std::variant<CodePattern, PatternError> CodePattern::parse(std::string_view text) {
    if (text.empty()) return PatternError{"empty code pattern", 0};
    CodePattern p;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = upper(text[i]);
        if (c == '*') {
            if (i + 1 != text.size()) return PatternError{"'*' may only end a code pattern", i};
            // A bare "*" would put every code in the set; almost surely a mistake.
            if (i == 0) return PatternError{"'*' needs at least one character before it in a code pattern", i};
            p.prefix_ = true;
        } else if (c == '[') {
            size_t close = text.find(']', i + 1);
            if (close == std::string_view::npos)
                return PatternError{"unclosed character class '[' in code pattern", i};
            auto cls = parse_class(text, i, close);
            if (auto* err = std::get_if<PatternError>(&cls)) return std::move(*err);
            p.positions_.push_back(std::get<uint64_t>(cls));
            p.has_class_ = true;
            i = close;
        } else if (c == ']') {
            return PatternError{"']' without a matching '[' in code pattern", i};
        } else if (code_bit(c) >= 0) {
            p.positions_.push_back(uint64_t{1} << code_bit(c));
        } else {
            return invalid_char(text, i);
        }
    }
    p.text_.reserve(text.size());
    for (char c : text) p.text_.push_back(upper(c));
    return p;
}

bool CodePattern::matches(std::string_view code) const noexcept {
    if (prefix_ ? code.size() < positions_.size() : code.size() != positions_.size()) return false;
    for (size_t i = 0; i < positions_.size(); ++i) {
        int b = code_bit(code[i]);
        if (b < 0 || !(positions_[i] >> b & 1)) return false;
    }
    return true;
}

std::variant<CodeRange, PatternError> CodeRange::parse(std::string_view low, std::string_view high) {
    const size_t high_at = low.size() + 2;  // offset of the high bound in "LOW..HIGH"
    if (low.empty()) return PatternError{"range low bound is empty", 0};
    if (high.empty()) return PatternError{"range high bound is empty", high_at};

    CodeRange r;
    for (size_t i = 0; i < low.size(); ++i) {
        char c = upper(low[i]);
        if (code_bit(c) < 0)
            return PatternError{"invalid character " + quote(low[i]) + " in range low bound", i};
        r.low_.push_back(c);
    }
    for (size_t i = 0; i < high.size(); ++i) {
        char c = upper(high[i]);
        if (code_bit(c) < 0)
            return PatternError{"invalid character " + quote(high[i]) + " in range high bound", high_at + i};
        r.high_.push_back(c);
    }
    if (r.low_.size() != r.high_.size())
        return PatternError{"range bounds must have the same length ('" + r.low_ + "' has " +
                                std::to_string(r.low_.size()) + " characters, '" + r.high_ + "' has " +
                                std::to_string(r.high_.size()) + ")",
                            high_at};
    if (r.low_ > r.high_)
        return PatternError{"range low bound '" + r.low_ + "' is above high bound '" + r.high_ + "'", 0};
    return r;
}

bool CodeRange::matches(std::string_view code) const noexcept {
    if (code.size() < low_.size()) return false;
    std::string_view head = code.substr(0, low_.size());
    return head >= low_ && head <= high_;
}

}  // namespace waymark::rt
