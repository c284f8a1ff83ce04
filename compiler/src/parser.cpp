// Drives the ANTLR-generated lexer and parser over a source file, then hands the tree to the AST builder.
#include "waymark/compiler/parser.h"

#include <algorithm>
#include <cstdio>

#include "WaymarkLexer.h"
#include "utf8_validation.h"
#include "WaymarkParser.h"
#include "antlr4-runtime.h"
#include "ast_builder.h"
#include "syntax_errors.h"

namespace waymark {
namespace {

using P = waymark_generated::WaymarkParser;

struct ScanResult {
  bool ok = true;
  bool too_deep = false;
};

// Reports lexical errors (kept on the hidden channel) and refuses nesting deep enough to threaten the stack.
ScanResult scan_tokens(antlr4::CommonTokenStream& tokens, const SourceFile& source, Diagnostics& diagnostics) {
  bool ok = true;
  int depth = 0, prefix_run = 0, ifs_in_statement = 0;
  bool deep_reported = false;
  for (antlr4::Token* t : tokens.getTokens()) {
    switch (t->getType()) {
    case P::UNKNOWN_CHAR:
      diagnostics.error(source, detail::token_span(t), "unexpected character " + detail::describe_token(t));
      ok = false;
      break;
    case P::UNTERMINATED_STRING:
      diagnostics.error(source, detail::token_span(t), "string is not closed before the end of the line");
      ok = false;
      break;
    case P::UNTERMINATED_IDENT:
      diagnostics.error(source, detail::token_span(t), "quoted name is not closed with ` before the end of the line");
      ok = false;
      break;
    default: break;
    }
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    const size_t type = t->getType();
    if (type == P::LPAREN || type == P::LBRACK) ++depth;
    if (type == P::RPAREN || type == P::RBRACK) depth = std::max(0, depth - 1);
    prefix_run = (type == P::NOT || type == P::MINUS || type == P::IF) ? prefix_run + 1 : 0;
    // `if ... else if ...` recurses once per `if`; count them per statement.
    switch (type) {
    case P::DEFINE: case P::RULE: case P::WHEN: case P::SET: case P::CLASSIFY: case P::RECOMMEND: case P::REFER:
    case P::END: case P::CODESET: case P::GROUP: case P::TEST: case P::INPUT: case P::OUTPUT: case P::IMPORT:
      ifs_in_statement = 0;
      break;
    case P::IF: ++ifs_in_statement; break;
    default: break;
    }
    if ((depth > kMaxNesting || prefix_run > kMaxNesting || ifs_in_statement > kMaxNesting) && !deep_reported) {
      diagnostics.error(source, detail::token_span(t),
                        ifs_in_statement > kMaxNesting
                            ? "more than " + std::to_string(kMaxNesting) + " `if`s in one statement; split it into definitions"
                            : "expression is nested more than " + std::to_string(kMaxNesting) + " levels deep");
      deep_reported = true;
      ok = false;
    }
  }
  return ScanResult{ok, deep_reported};
}

} // namespace

std::optional<ast::File> parse_file(const SourceFile& source, Diagnostics& diagnostics) {
  // ANTLR's UTF-8 decoder throws on malformed bytes, so they are found and reported first.
  if (auto bad = detail::first_invalid_utf8(source.text())) {
    uint32_t line = 1, column = 1;
    for (size_t i = 0; i < *bad; ++i) {
      if (source.text()[i] == '\n') { ++line; column = 1; }
      else if ((static_cast<unsigned char>(source.text()[i]) & 0xC0) != 0x80) ++column;
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(source.text()[*bad]));
    diagnostics.error(source, Span{line, column, 1}, std::string("file is not valid UTF-8: byte ") + hex + " cannot start or continue a character");
    return std::nullopt;
  }
  antlr4::ANTLRInputStream input(source.text());
  waymark_generated::WaymarkLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  ScanResult scan = scan_tokens(tokens, source, diagnostics);
  // Nesting past the limit is refused before the recursive-descent parser can recurse into it.
  if (scan.too_deep) return std::nullopt;

  P parser(&tokens);
  detail::SyntaxErrorListener listener(source, diagnostics);
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
  parser.setErrorHandler(std::make_shared<detail::SyntaxErrorStrategy>());
  P::FileContext* tree = parser.file();
  if (!scan.ok || listener.count() > 0 || parser.getNumberOfSyntaxErrors() > 0) return std::nullopt;

  ast::File file;
  if (!detail::build_ast(tree, source, diagnostics, file)) return std::nullopt;
  return file;
}

} // namespace waymark
