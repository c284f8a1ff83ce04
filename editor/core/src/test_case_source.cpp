// Test case blocks as text: rendered in the bundled pathways' layout, found with the language's lexer, and put back
// into a source with its own line breaks.
#include "waymark/studio/test_case_source.h"

#include <charconv>
#include <cmath>

#include "waymark/compiler/highlight.h"
#include "waymark/runtime/test_runner.h"

namespace waymark::studio {
namespace {

std::string_view token_text(std::string_view source, const HighlightToken &token) {
  return source.substr(token.begin, token.end - token.begin);
}

bool is_keyword(std::string_view source, const HighlightToken &token, std::string_view word) {
  return token.kind == TokenClass::Keyword && token_text(source, token) == word;
}

// A column the lexer reads as one plain name; anything else (a space, a reserved word such as `missing`) needs
// backticks to be read as a name.
bool is_plain_identifier(const std::string &column) {
  const auto tokens = highlight_tokens(column);
  return tokens.size() == 1 && tokens[0].kind == TokenClass::Identifier && tokens[0].begin == 0 &&
         tokens[0].end == column.size() && column.front() != '`';
}

std::string column_name(const std::string &column) { return is_plain_identifier(column) ? column : "`" + column + "`"; }

std::string with_crlf(const std::string &text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// A decimal as a literal: never in exponent form, which the language does not read.
std::string decimal_literal(const std::string &raw) {
  double value = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(value)) return raw;
  char buffer[400];
  auto [out, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return error == std::errc() ? std::string(buffer, out) : raw;
}

} // namespace

std::optional<std::string> string_literal_value(std::string_view token) {
  if (token.size() < 2 || (token.front() != '"' && token.front() != '\'') || token.back() != token.front())
    return std::nullopt;
  std::string out;
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    if (token[i] != '\\') {
      out += token[i];
      continue;
    }
    if (i + 2 >= token.size()) return std::nullopt; // the backslash escapes the closing quote
    switch (const char c = token[++i]) {
    case 'n': out += '\n'; break;
    case 't': out += '\t'; break;
    case '\\':
    case '"':
    case '\'': out += c; break;
    default: return std::nullopt;
    }
  }
  return out;
}

bool uses_crlf(std::string_view source) {
  bool any = false;
  for (size_t i = 0; i < source.size(); ++i)
    if (source[i] == '\n') {
      if (i == 0 || source[i - 1] != '\r') return false;
      any = true;
    }
  return any;
}

std::string render_test_block(const CaseDraft &draft) {
  std::string out = "test " + rt::quote_text(draft.name) + "\n";
  if (!draft.given.empty()) {
    out += "  given\n";
    for (const GivenValue &given : draft.given)
      out += "    " + column_name(given.column) + " = " + (given.literal ? *given.literal : "missing") + "\n";
  }
  if (!draft.expect.empty()) {
    out += "  expect\n";
    for (const std::string &line : draft.expect) out += "    " + line + "\n";
  }
  return out + "end\n";
}

std::optional<Range> find_test_block(std::string_view source, const std::string &name) {
  const auto tokens = highlight_tokens(source);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!is_keyword(source, tokens[i], "test") || tokens[i + 1].kind != TokenClass::String) continue;
    if (string_literal_value(token_text(source, tokens[i + 1])) != name) continue;
    // Test blocks hold no nested `end`; a `test` first means this block was never closed.
    size_t close = i + 2;
    while (close < tokens.size() && !is_keyword(source, tokens[close], "end")) {
      if (is_keyword(source, tokens[close], "test")) return std::nullopt;
      ++close;
    }
    if (close == tokens.size()) return std::nullopt;
    Range range{tokens[i].begin, tokens[close].end};
    size_t start = range.begin;
    while (start > 0 && (source[start - 1] == ' ' || source[start - 1] == '\t')) --start;
    if (start == 0 || source[start - 1] == '\n') range.begin = start;
    size_t after = range.end;
    while (after < source.size() && (source[after] == ' ' || source[after] == '\t')) ++after;
    if (source.substr(after, 2) == "\r\n")
      range.end = after + 2;
    else if (source.substr(after, 1) == "\n")
      range.end = after + 1;
    return range;
  }
  return std::nullopt;
}

std::string replace_test_block(std::string_view source, const std::string &name, const CaseDraft &draft) {
  const auto range = find_test_block(source, name);
  if (!range) return std::string(source);
  std::string block = render_test_block(draft);
  // A block that ended without a newline (at the end of the file, or before a comment) keeps doing so.
  const bool ended_line = range->end > range->begin && source[range->end - 1] == '\n';
  if (!ended_line) block.pop_back();
  if (uses_crlf(source)) block = with_crlf(block);
  std::string out(source.substr(0, range->begin));
  out += block;
  out += source.substr(range->end);
  return out;
}

std::string append_test_block(std::string_view source, const CaseDraft &draft) {
  const bool crlf = uses_crlf(source);
  size_t end = source.size();
  while (end > 0 &&
         (source[end - 1] == '\n' || source[end - 1] == '\r' || source[end - 1] == ' ' || source[end - 1] == '\t'))
    --end;
  std::string added = (end == 0 ? "" : "\n\n") + render_test_block(draft);
  std::string out(source.substr(0, end));
  out += crlf ? with_crlf(added) : added;
  return out;
}

std::string test_value_literal(const rt::Program &program, const std::string &column, const std::string &raw) {
  for (const rt::FieldInfo &field : program.fields) {
    if (program.str(field.column) != column) continue;
    if (field.type.list) return rt::quote_text(raw); // a code list is given as its delimited text
    switch (field.type.base) {
    case rt::BaseType::Bool:
    case rt::BaseType::Int: return raw;
    case rt::BaseType::Decimal: return decimal_literal(raw);
    case rt::BaseType::Date: return "@" + raw;
    case rt::BaseType::Text:
    case rt::BaseType::Code: return rt::quote_text(raw);
    }
  }
  return rt::quote_text(raw); // a column no input reads: kept as text, for the checker to report
}

std::optional<CaseDraft> draft_of_test(const rt::Program &program, const std::string &name) {
  for (const rt::TestCaseInfo &test : program.tests) {
    if (program.str(test.name) != name) continue;
    CaseDraft draft;
    draft.name = name;
    for (const rt::TestGiven &given : test.given) {
      const std::string &column = program.str(given.column);
      GivenValue value{column, std::nullopt};
      if (!given.missing) value.literal = test_value_literal(program, column, program.str(given.value));
      draft.given.push_back(std::move(value));
    }
    for (const rt::TestExpectation &expectation : test.expect)
      draft.expect.push_back(rt::format_expectation(program, expectation));
    return draft;
  }
  return std::nullopt;
}

} // namespace waymark::studio
