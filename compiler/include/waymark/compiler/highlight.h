#pragma once
// Syntax highlighting, driven by the language's own ANTLR lexer (so a keyword is coloured exactly when the parser
// reads it as one): the source's tokens as byte ranges with a class. No ANTLR type leaves the compiler.
#include <cstdint>
#include <string_view>
#include <vector>

namespace waymark {

enum class TokenClass : uint8_t {
  Keyword,     // pathway, rule, when, and, ...
  Type,        // bool, int, decimal, text, date, code, list
  Constant,    // true, false
  Identifier,  // names, `backtick names`
  String,      // "..." and '...'
  Number,      // 12, 3.5
  Date,        // @2024-01-31
  Comment,     // # to the end of the line
  Operator,    // = <> < + - .. and the like
  Punctuation, // ( ) [ ] , : .
  Invalid,     // an unterminated string or name, a character the language has no use for, bytes that are not UTF-8
};

struct HighlightToken {
  uint32_t begin = 0, end = 0; // byte offsets into the text, end exclusive
  TokenClass kind = TokenClass::Invalid;
};

// Every token of `text`, in order, without overlaps; white space is not a token. Any bytes at all are accepted.
std::vector<HighlightToken> highlight_tokens(std::string_view text);

const char* to_string(TokenClass kind);

} // namespace waymark
