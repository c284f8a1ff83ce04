#include "syntax_errors.h"

#include <algorithm>
#include <cctype>

#include "WaymarkLexer.h"
#include "WaymarkParser.h"

namespace waymark::detail {
namespace {

using P = waymark_generated::WaymarkParser;

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string token_name(size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  switch (type) {
  case antlr4::Token::EOF: return "end of file";
  case P::IDENT: case P::QUOTED_IDENT: return "a name";
  case P::STRING: return "a string";
  case P::INT_LIT: return "a number";
  case P::DECIMAL_LIT: return "a decimal number";
  case P::DATE_LIT: return "a date";
  default: return vocabulary.getDisplayName(type); // literal tokens print as 'when'
  }
}

bool has(const antlr4::misc::IntervalSet& set, size_t token) { return set.contains(token); }

// Tokens that can start an expression: if any is expected, say "an expression" rather than list them.
bool expects_expression(const antlr4::misc::IntervalSet& expected) {
  return has(expected, P::INT_LIT) && has(expected, P::LPAREN) && has(expected, P::NOT);
}

std::string describe_expected(antlr4::Parser* parser, const antlr4::misc::IntervalSet& expected) {
  if (expected.isEmpty()) return "";
  if (expects_expression(expected)) return "an expression";
  // Every token that can start a name (identifiers and the soft keywords), read from the grammar itself.
  const antlr4::atn::ATN& atn = parser->getATN();
  const antlr4::misc::IntervalSet& name_tokens = atn.nextTokens(atn.ruleToStartState[P::RuleName]);
  const bool names_expected = has(expected, P::IDENT);
  // A name, give or take a closing keyword or two, reads best as just "a name".
  if (names_expected && expected.size() <= name_tokens.size() + 2) return "a name";
  std::vector<std::string> names;
  for (size_t t : expected.toList()) {
    if (names_expected && t != P::IDENT && name_tokens.contains(t)) continue; // "a name" covers soft keywords
    std::string n = token_name(t, parser->getVocabulary());
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  if (names.size() > 6) return "";
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

bool in_expression(antlr4::Parser* parser) {
  auto* ctx = parser->getRuleContext();
  if (!ctx) return false;
  switch (ctx->getRuleIndex()) {
  case P::RuleExpr: case P::RuleOrExpr: case P::RuleAndExpr: case P::RuleNotExpr: case P::RulePredicate:
  case P::RulePredicateTail: case P::RuleArith: case P::RuleTerm: case P::RuleUnary: case P::RulePrimary:
    return true;
  default: return false;
  }
}

// "unexpected X[, expected Y][; X is a reserved word ...]"
std::string unexpected(antlr4::Parser* parser, antlr4::Token* at, const antlr4::misc::IntervalSet& expected_set) {
  std::string expected = describe_expected(parser, expected_set);
  if (expected.empty() && in_expression(parser)) expected = "an expression";
  std::string message = "unexpected " + describe_token(at) + (expected.empty() ? "" : ", expected " + expected);
  if (at && expected == "a name") {
    std::string text = at->getText();
    bool word = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (word && at->getType() != P::IDENT)
      message += "; '" + text + "' is a reserved word: write `" + text + "` in backticks to use it as a name";
  }
  return message;
}

void report(antlr4::Parser* parser, antlr4::Token* at, std::string message) {
  parser->notifyErrorListeners(at, message, nullptr);
}

} // namespace

std::string describe_token(const antlr4::Token* token) {
  if (!token || token->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return "'" + text + "'";
}

Span token_span(const antlr4::Token* token) {
  if (!token) return Span{};
  uint32_t length = token->getType() == antlr4::Token::EOF ? 1 : static_cast<uint32_t>(code_points(token->getText()));
  return Span{static_cast<uint32_t>(token->getLine()), static_cast<uint32_t>(token->getCharPositionInLine()) + 1,
              std::max<uint32_t>(1, length)};
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser, const antlr4::NoViableAltException& e) {
  antlr4::Token* at = e.getOffendingToken();
  report(parser, at, unexpected(parser, at, e.getExpectedTokens()));
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* parser, const antlr4::InputMismatchException& e) {
  antlr4::Token* at = e.getOffendingToken();
  report(parser, at, unexpected(parser, at, e.getExpectedTokens()));
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* parser, const antlr4::FailedPredicateException& e) {
  report(parser, e.getOffendingToken(), "unexpected " + describe_token(e.getOffendingToken()));
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  antlr4::Token* at = parser->getCurrentToken();
  report(parser, at, unexpected(parser, at, getExpectedTokens(parser)));
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  antlr4::Token* at = parser->getCurrentToken();
  std::string expected = describe_expected(parser, getExpectedTokens(parser));
  report(parser, at, "missing " + (expected.empty() ? std::string("something") : expected) + " before " + describe_token(at));
}

void SyntaxErrorListener::syntaxError(antlr4::Recognizer*, antlr4::Token* offending, size_t line, size_t column,
                                      const std::string& message, std::exception_ptr) {
  ++count_;
  Span span = offending ? token_span(offending)
                        : Span{static_cast<uint32_t>(line), static_cast<uint32_t>(column) + 1, 1};
  diagnostics_.error(source_, span, message);
}

} // namespace waymark::detail
