// One tab's document without a window: the live check follows the text's revision, each line's tokens come from
// the lexer (clipped to the line, CRLF or not), rules are found for breakpoints, tests run on the text as it is,
// and saving, reloading and a recovered text keep "the last saved version" right.
#include <catch2/catch.hpp>

#include <chrono>

#include "pathway_sources.h"
#include "temp_folder.h"
#include "waymark/studio/open_document.h"

using namespace waymark;
using namespace waymark::studio;
using namespace waymark::studio::testing;

namespace {

std::unique_ptr<OpenDocument> open_copy(const TempFolder& folder, const std::string& source, const std::string& name) {
  write_bytes(folder / name, source);
  std::string error;
  auto document = OpenDocument::open(folder / name, error);
  REQUIRE(document);
  REQUIRE(error.empty());
  return document;
}

} // namespace

TEST_CASE("a document is checked at once, then again only after an edit and a pause") {
  TempFolder folder;
  auto doc = open_copy(folder, read_source(kStartBack), "startback.wm");
  const auto t0 = OpenDocument::Clock::now();
  CHECK(doc->tick(t0));
  CHECK(doc->check_current());
  CHECK(doc->check().errors == 0);
  CHECK_FALSE(doc->tick(t0 + std::chrono::seconds(5))); // nothing changed: no check

  REQUIRE(doc->text().find_next("complete and total <= 3"));
  doc->text().type_text("complete and totl <= 3");
  const auto t1 = t0 + std::chrono::seconds(10);
  CHECK_FALSE(doc->tick(t1)); // typing: not yet
  CHECK_FALSE(doc->check_current());
  CHECK(doc->last_edit() == t1);
  CHECK(doc->tick(t1 + std::chrono::milliseconds(400)));
  CHECK(doc->check_current());
  REQUIRE(doc->check().errors == 1);
  CHECK(doc->check().markers.front().message == "unknown name 'totl'; did you mean 'total'?");
}

TEST_CASE("each line's tokens are the lexer's, clipped to the line, with LF or CRLF breaks") {
  TempFolder folder;
  for (const std::string br : {"\n", "\r\n"}) {
    auto doc = open_copy(folder, "# note" + br + "define x \"X\" =" + br + "  1 + 2" + br, "t.wm");
    const auto& lines = doc->line_tokens();
    REQUIRE(lines.size() == 4);
    REQUIRE(lines[0].size() == 1);
    CHECK(lines[0][0].kind == TokenClass::Comment);
    CHECK(lines[0][0].begin == 0);
    CHECK(lines[0][0].end == 6);
    REQUIRE(lines[1].size() == 4);
    CHECK(lines[1][0].kind == TokenClass::Keyword);
    CHECK(lines[1][1].kind == TokenClass::Identifier);
    CHECK(lines[1][2].kind == TokenClass::String);
    CHECK(lines[1][2].begin == 9);
    CHECK(lines[1][2].end == 12);
    REQUIRE(lines[2].size() == 3);
    CHECK(lines[2][0].kind == TokenClass::Number);
    CHECK(lines[2][0].begin == 2);
    CHECK(lines[2][2].end == 7);
    CHECK(lines[3].empty());
  }
}

TEST_CASE("rules are found by the lexer, and a line belongs to the rule above it") {
  TempFolder folder;
  auto doc = open_copy(folder, read_source(kStartBack), "startback.wm");
  const auto& rules = doc->rule_lines();
  REQUIRE(rules.size() == 3);
  CHECK(rules[0].name == "low_risk");
  CHECK(rules[0].line == 100); // line 101, 0-based
  CHECK(rules[1].name == "medium_risk");
  CHECK(rules[2].name == "high_risk");
  CHECK_FALSE(doc->rule_at(90).has_value());
  CHECK(doc->rule_at(100) == "low_risk");
  CHECK(doc->rule_at(105) == "low_risk");
  CHECK(doc->rule_at(rules[1].line + 2) == "medium_risk");
  // `rule` inside a string or a comment is no rule.
  doc->text().move_document_start();
  doc->text().insert("# rule not_a_rule\ndefine d \"rule nor this\" = true\n");
  CHECK(doc->rule_lines().size() == 3);
  CHECK(doc->rule_lines()[0].line == 102);
}

TEST_CASE("tests run on the text as it is, and are stale once it changes") {
  TempFolder folder;
  auto doc = open_copy(folder, read_source(kStartBack), "startback.wm");
  CHECK_FALSE(doc->tests().has_value());
  CHECK(doc->run_tests().passed == 14);
  CHECK_FALSE(doc->tests_stale());
  REQUIRE(doc->text().find_next("complete and total <= 3"));
  doc->text().type_text("complete and total <= 2");
  CHECK(doc->tests_stale());
  CHECK(doc->tests()->passed == 14); // the last run stays shown until the next
  const TestRun& run = doc->run_tests();
  CHECK(run.passed == 12);
  CHECK(run.failed == 2);
}

TEST_CASE("saving keeps the saved text; a reload takes the disk's as one undoable edit; a recovered text is unsaved") {
  TempFolder folder;
  const std::string original = read_source(kStartBack);
  auto doc = open_copy(folder, original, "startback.wm");
  CHECK(doc->saved_text() == original);
  doc->text().move_document_start();
  doc->text().type_text("# mine\n");
  CHECK(doc->modified());
  CHECK(doc->save() == SaveOutcome::Saved);
  CHECK_FALSE(doc->modified());
  CHECK(doc->saved_text() == "# mine\n" + original);

  write_bytes(folder / "startback.wm", "# theirs\n" + original);
  std::string error;
  REQUIRE(doc->reload(error));
  CHECK(doc->text().text() == "# theirs\n" + original);
  CHECK(doc->saved_text() == "# theirs\n" + original);
  CHECK_FALSE(doc->modified());
  REQUIRE(doc->text().undo()); // the author's text is one undo away
  CHECK(doc->text().text() == "# mine\n" + original);

  auto recovered = OpenDocument::recovered(folder / "startback.wm", "# recovered\n" + original, error);
  REQUIRE(recovered);
  CHECK(recovered->text().text() == "# recovered\n" + original);
  CHECK(recovered->modified());
  CHECK(recovered->saved_text() == "# theirs\n" + original);

  CHECK_FALSE(OpenDocument::open(folder / "missing.wm", error));
  CHECK_FALSE(error.empty());
}
