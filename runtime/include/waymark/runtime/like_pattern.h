#pragma once
// T-SQL LIKE patterns, so rules can reproduce the SQL they were written from
// (e.g. Der_Procedure_All LIKE '%U05[45]%').
//
//   %        any run of characters, including none
//   _        exactly one character
//   [abc]    one character in the set; [a-c] ranges; [^a-c] negated
//   [%] [_] [[]  literal %, _ and [; '-' first or last in a set is literal
//   ]        outside a set is literal
//
// Differences from SQL Server, by design:
//   - no ESCAPE clause;
//   - whole-string match with no trailing-space padding rules: every byte of
//     the text, trailing spaces included, must be matched by the pattern;
//   - case-insensitive by ASCII folding only, and ranges use byte order rather
//     than collation order;
//   - bytes >= 0x80 are ordinary characters, so UTF-8 text passes through but
//     '_' matches one byte, not one non-ASCII character.

#include <bitset>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "waymark/runtime/code_pattern.h"  // PatternError

namespace waymark::rt {

class LikePattern {
public:
    // Errors: unclosed '[' and empty sets '[]' / '[^]'.
    static std::variant<LikePattern, PatternError> compile(std::string_view pattern);

    // Worst case O(text * tokens): greedy matching that backtracks only to the
    // most recent '%', so patterns like "%a%a%a%b" cannot explode.
    bool matches(std::string_view text) const noexcept;

    std::string text() const { return text_; }  // the pattern as written

    // Each token is either '%' or one byte drawn from a 256-bit set (literals
    // hold both letter cases, '_' holds every byte).
    struct Token {
        bool star = false;
        std::bitset<256> bytes;
    };
    const std::vector<Token>& tokens() const noexcept { return tokens_; }  // for building automata

private:
    LikePattern() = default;

    std::vector<Token> tokens_;
    std::string text_;
};

}  // namespace waymark::rt
