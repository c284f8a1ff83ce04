// Syntax highlighting from the ANTLR lexer: byte ranges and classes, whatever the bytes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "test_support.h"
#include "waymark/compiler/highlight.h"

using waymark::highlight_tokens;
using waymark::TokenClass;

namespace {

// "class:text" for each token, space separated.
std::string render(const std::string& text) {
  std::string out;
  for (const auto& t : highlight_tokens(text))
    out += (out.empty() ? "" : " ") + std::string(waymark::to_string(t.kind)) + ":" + text.substr(t.begin, t.end - t.begin);
  return out;
}

} // namespace

TEST_CASE("highlight: each token has the class the language gives it", "[highlight]") {
  CHECK(render("rule r when age >= 18 and x is true # adult\n  then set band = \"adult\" end") ==
        "keyword:rule identifier:r keyword:when identifier:age operator:>= number:18 keyword:and identifier:x "
        "keyword:is constant:true comment:# adult keyword:then keyword:set identifier:band operator:= "
        "string:\"adult\" keyword:end");
  CHECK(render("  age: int optional from `Age at start` one of [1, 2.5] @2024-01-31 \"C00\"..\"C99\"") ==
        "identifier:age punctuation:: type:int keyword:optional keyword:from identifier:`Age at start` keyword:one "
        "keyword:of punctuation:[ number:1 punctuation:, number:2.5 punctuation:] date:@2024-01-31 string:\"C00\" "
        "operator:.. string:\"C99\"");
}

TEST_CASE("highlight: what the parser would refuse is marked, and lexing goes on after it", "[highlight]") {
  CHECK(render("label \"open string\nrule") == "keyword:label invalid:\"open string keyword:rule");
  CHECK(render("x ^ y") == "identifier:x invalid:^ identifier:y");
  CHECK(render("`open name\nend") == "invalid:`open name keyword:end");
}

TEST_CASE("highlight: offsets are bytes, across multi-byte characters and bytes that are not UTF-8", "[highlight]") {
  const std::string text = "title \"Caf\xC3\xA9 \xE2\x82\xAC\" \xFF rule";
  const auto tokens = highlight_tokens(text);
  REQUIRE(tokens.size() == 4);
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "\"Caf\xC3\xA9 \xE2\x82\xAC\"");
  CHECK(tokens[2].kind == TokenClass::Invalid);
  CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "\xFF");
  CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "rule");
}

TEST_CASE("highlight: every bundled pathway is covered by tokens in order, white space apart", "[highlight]") {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(WAYMARK_SOURCE_DIR) / "pathways")) {
    if (entry.path().extension() != ".wm") continue;
    ++files;
    const std::string text = waymark::testing::read_file(entry.path().string());
    INFO(entry.path());
    uint32_t at = 0;
    for (const auto& t : highlight_tokens(text)) {
      REQUIRE(t.begin >= at);
      REQUIRE(t.end > t.begin);
      REQUIRE(t.end <= text.size());
      for (uint32_t i = at; i < t.begin; ++i) REQUIRE(std::string(" \t\r\n\f").find(text[i]) != std::string::npos);
      CHECK(t.kind != TokenClass::Invalid);
      at = t.end;
    }
    for (uint32_t i = at; i < text.size(); ++i) REQUIRE(std::string(" \t\r\n\f").find(text[i]) != std::string::npos);
  }
  CHECK(files >= 7);
}
