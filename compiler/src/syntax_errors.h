#pragma once
// ANTLR error reporting turned into Waymark diagnostics with plain-language messages.
#include "antlr4-runtime.h"
#include "waymark/compiler/diagnostics.h"

namespace waymark::detail {

// Phrases ANTLR's recovery events as "unexpected X, expected Y" in the words of the language.
class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
protected:
  void reportNoViableAlternative(antlr4::Parser* parser, const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser, const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser, const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
};

// Sends whatever reaches it to the diagnostics, at the offending token.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(const SourceFile& source, Diagnostics& diagnostics) : source_(source), diagnostics_(diagnostics) {}
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t column,
                   const std::string& message, std::exception_ptr e) override;
  size_t count() const { return count_; }

private:
  const SourceFile& source_;
  Diagnostics& diagnostics_;
  size_t count_ = 0;
};

std::string describe_token(const antlr4::Token* token);
Span token_span(const antlr4::Token* token);

} // namespace waymark::detail
