#pragma once
// Code-set entries: patterns such as "U05[45]", "C[0-9][0-9]", "D[^0-4]1",
// "C50*" and ranges such as "C00".."C99". Both match *normalised* codes
// (see code.h); the compiler parses them once and matching never allocates.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace waymark::rt {

struct PatternError {
    std::string message;  // lowercase, no trailing period
    size_t offset;        // byte offset of the offending character
};

class CodePattern {
public:
    // Characters A-Z and 0-9 (lower case is upper-cased), classes [45], [0-9],
    // [^0-4], and a '*' only as the last character ("followed by anything").
    // Without '*' the pattern must match the whole code.
    static std::variant<CodePattern, PatternError> parse(std::string_view text);

    bool matches(std::string_view normalized_code) const noexcept;

    bool is_exact() const noexcept { return !has_class_ && !prefix_; }  // plain code, e.g. "Z665"
    bool is_prefix() const noexcept { return prefix_; }                 // ends with '*'
    std::string text() const { return text_; }                          // canonical, upper-case
    size_t min_length() const noexcept { return positions_.size(); }
    // One 36-bit set per position (bits 0-9 are '0'-'9', 10-35 'A'-'Z'), for building automata.
    const std::vector<uint64_t>& positions() const noexcept { return positions_; }

private:
    CodePattern() = default;

    // One bit per allowed character: bits 0-9 are '0'-'9', bits 10-35 'A'-'Z'.
    std::vector<uint64_t> positions_;
    bool prefix_ = false;
    bool has_class_ = false;
    std::string text_;
};

class CodeRange {
public:
    // Bounds are plain codes (upper-cased, A-Z 0-9) of equal length, low <= high.
    // Error offsets index into the text() form "LOW..HIGH", so an offset of
    // low.size() + 2 or more points into the high bound.
    static std::variant<CodeRange, PatternError> parse(std::string_view low, std::string_view high);

    // True when the code is at least as long as the bounds and its first N
    // characters lie within [low, high] ("C509" is in "C00".."C99").
    bool matches(std::string_view normalized_code) const noexcept;

    const std::string& low() const noexcept { return low_; }
    const std::string& high() const noexcept { return high_; }
    std::string text() const { return low_ + ".." + high_; }

private:
    CodeRange() = default;

    std::string low_;
    std::string high_;
};

}  // namespace waymark::rt
