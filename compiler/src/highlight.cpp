// The lexer behind the Studio's colours. Bytes that are not UTF-8 (which ANTLR's decoder refuses) are lexed as a
// stand-in of the same length and marked Invalid, so offsets stay those of the text the author sees.
#include "waymark/compiler/highlight.h"

#include <string>

#include "WaymarkLexer.h"
#include "utf8_validation.h"

namespace waymark {
namespace {

using L = waymark_generated::WaymarkLexer;

TokenClass class_of(size_t type) {
  switch (type) {
  case L::BOOL: case L::INT: case L::DECIMAL: case L::TEXT: case L::DATE: case L::CODE: case L::LIST:
    return TokenClass::Type;
  case L::TRUE: case L::FALSE: return TokenClass::Constant;
  case L::IDENT: case L::QUOTED_IDENT: return TokenClass::Identifier;
  case L::STRING: return TokenClass::String;
  case L::INT_LIT: case L::DECIMAL_LIT: return TokenClass::Number;
  case L::DATE_LIT: return TokenClass::Date;
  case L::COMMENT: return TokenClass::Comment;
  case L::LPAREN: case L::RPAREN: case L::LBRACK: case L::RBRACK: case L::COMMA: case L::COLON: case L::DOT:
    return TokenClass::Punctuation;
  case L::EQ: case L::NE: case L::NE2: case L::LT: case L::LE: case L::GT: case L::GE: case L::PLUS: case L::MINUS:
  case L::STAR: case L::SLASH: case L::PERCENT: case L::DOTDOT:
    return TokenClass::Operator;
  case L::UNTERMINATED_STRING: case L::UNTERMINATED_IDENT: case L::UNKNOWN_CHAR: return TokenClass::Invalid;
  default: return type >= L::PATHWAY && type <= L::DAYS ? TokenClass::Keyword : TokenClass::Invalid;
  }
}

} // namespace

std::vector<HighlightToken> highlight_tokens(std::string_view text) {
  // The stand-in for a byte that is not UTF-8: a control character the lexer reads as UNKNOWN_CHAR.
  std::string lexable(text);
  for (auto bad = detail::first_invalid_utf8(lexable); bad; bad = detail::first_invalid_utf8(lexable, *bad + 1))
    lexable[*bad] = '\x01';
  // ANTLR counts code points; the editor counts bytes.
  std::vector<uint32_t> byte_of; // code point index -> byte offset, with one past the end
  for (uint32_t i = 0; i < lexable.size(); ++i)
    if ((static_cast<unsigned char>(lexable[i]) & 0xC0) != 0x80) byte_of.push_back(i);
  byte_of.push_back(static_cast<uint32_t>(lexable.size()));

  antlr4::ANTLRInputStream input(lexable);
  L lexer(&input);
  lexer.removeErrorListeners();
  std::vector<HighlightToken> out;
  for (auto token = lexer.nextToken(); token->getType() != antlr4::Token::EOF; token = lexer.nextToken()) {
    const size_t first = token->getStartIndex(), last = token->getStopIndex();
    if (last < first || last + 1 >= byte_of.size()) continue;
    out.push_back({byte_of[first], byte_of[last + 1], class_of(token->getType())});
  }
  return out;
}

const char* to_string(TokenClass kind) {
  switch (kind) {
  case TokenClass::Keyword: return "keyword";
  case TokenClass::Type: return "type";
  case TokenClass::Constant: return "constant";
  case TokenClass::Identifier: return "identifier";
  case TokenClass::String: return "string";
  case TokenClass::Number: return "number";
  case TokenClass::Date: return "date";
  case TokenClass::Comment: return "comment";
  case TokenClass::Operator: return "operator";
  case TokenClass::Punctuation: return "punctuation";
  case TokenClass::Invalid: return "invalid";
  }
  return "?";
}

} // namespace waymark
