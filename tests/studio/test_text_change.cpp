// A whole new text applied to a document as one small edit: only the differing range replaced, on character and
// line-break boundaries, undone in one step.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "waymark/studio/text_change.h"
#include "waymark/studio/text_document.h"

using namespace waymark::studio;

namespace Catch {
template <>
struct StringMaker<TextPosition> {
  static std::string convert(const TextPosition &p) {
    return "{" + std::to_string(p.line) + ", " + std::to_string(p.byte) + "}";
  }
};
} // namespace Catch

namespace {

const std::string e_acute = "\xC3\xA9";        // é
const std::string e_grave = "\xC3\xA8";        // è
const std::string euro = "\xE2\x82\xAC";       // €
const std::string pound = "\xC2\xA3";          // £
const std::string smiley = "\xF0\x9F\x98\x80"; // 😀
const std::string grin = "\xF0\x9F\x98\x81";   // 😁

// The one step undo takes back, as the text it removed and the text it put in: undo, read, redo, read.
struct UndoneStep {
  std::string before, after;
};
UndoneStep step_of(TextDocument &doc) {
  UndoneStep step;
  step.after = doc.text();
  REQUIRE(doc.undo());
  step.before = doc.text();
  REQUIRE(doc.redo());
  CHECK(doc.text() == step.after);
  return step;
}

} // namespace

TEST_CASE("text change: an append inserts only the new tail and leaves the cursor after it") {
  TextDocument doc("rule a\nend\n");
  REQUIRE(apply_text(doc, "rule a\nend\nrule b\nend\n"));
  CHECK(doc.text() == "rule a\nend\nrule b\nend\n");
  CHECK(doc.cursor() == TextPosition{4, 0});
  CHECK_FALSE(doc.has_selection());
  REQUIRE(doc.undo());
  CHECK(doc.text() == "rule a\nend\n");
  CHECK_FALSE(doc.can_undo()); // one step, all of it
  CHECK_FALSE(doc.modified());
}

TEST_CASE("text change: a middle replacement replaces only the differing bytes, and one undo restores the text") {
  const std::string old_text = "define low = total <= 3\nrule low_risk\n  when low\nend\n";
  const std::string new_text = "define low = total <= 2\nrule low_risk\n  when low\nend\n";
  TextDocument doc(old_text);
  doc.set_cursor({2, 3});
  REQUIRE(apply_text(doc, new_text));
  CHECK(doc.text() == new_text);
  CHECK(doc.cursor() == TextPosition{0, 23}); // just after the "2"
  CHECK(doc.modified());

  // Only the "3" went; only the "2" came: everything else kept (undo in the editor re-highlights that much).
  REQUIRE(doc.undo());
  CHECK(doc.text() == old_text);
  CHECK(doc.selected_text() == "3"); // undo selects the text it put back
  CHECK_FALSE(doc.can_undo());
  REQUIRE(doc.redo());
  CHECK(doc.text() == new_text);

  // A replacement spanning lines, and a deletion.
  REQUIRE(apply_text(doc, "define low = total <= 2\nend\n"));
  CHECK(doc.text() == "define low = total <= 2\nend\n");
  CHECK(doc.cursor() == TextPosition{1, 0}); // nothing inserted: the cursor where the lines were
  REQUIRE(doc.undo());
  CHECK(doc.text() == new_text);
  REQUIRE(doc.undo());
  CHECK(doc.text() == old_text);
}

TEST_CASE("text change: nothing differs, nothing done") {
  TextDocument doc("same\ntext");
  doc.set_cursor({1, 2});
  CHECK_FALSE(apply_text(doc, "same\ntext"));
  CHECK_FALSE(doc.can_undo());
  CHECK(doc.cursor() == TextPosition{1, 2});

  TextDocument empty;
  CHECK_FALSE(apply_text(empty, ""));
  REQUIRE(apply_text(empty, "now\nsomething"));
  CHECK(empty.text() == "now\nsomething");
  CHECK(empty.cursor() == TextPosition{1, 9});
  REQUIRE(apply_text(empty, ""));
  CHECK(empty.text().empty());
}

TEST_CASE("text change: a CRLF document stays CRLF, and line breaks are never split") {
  const std::string old_text = "a\r\nb\r\nc\r\n";
  TextDocument doc(old_text);
  REQUIRE(doc.uses_crlf());

  REQUIRE(apply_text(doc, "a\r\nB\r\nc\r\n"));
  CHECK(doc.text() == "a\r\nB\r\nc\r\n");
  CHECK(doc.cursor() == TextPosition{1, 1});
  REQUIRE(doc.undo());
  CHECK(doc.text() == old_text);

  // A line inserted: the new "\r\n" becomes one line break, not a '\r' left in a line.
  REQUIRE(apply_text(doc, "a\r\nb\r\nx\r\nc\r\n"));
  CHECK(doc.text() == "a\r\nb\r\nx\r\nc\r\n");
  CHECK(doc.line_count() == 5);
  CHECK(doc.lines()[2] == "x");
  REQUIRE(doc.undo());
  CHECK(doc.text() == old_text);

  // A line break removed; then one added where a line ends in a lone '\r' (its prefix stops before that '\r').
  REQUIRE(apply_text(doc, "a\r\nbc\r\n"));
  CHECK(doc.text() == "a\r\nbc\r\n");
  CHECK(doc.cursor() == TextPosition{1, 1});
  REQUIRE(doc.undo());
  CHECK(doc.text() == old_text);
  CHECK(doc.lines() == std::vector<std::string>{"a", "b", "c", ""});

  TextDocument lone_cr("x\ry\r\nz");
  REQUIRE(lone_cr.uses_crlf());
  REQUIRE(apply_text(lone_cr, "x\r\ny\r\nz"));
  CHECK(lone_cr.text() == "x\r\ny\r\nz");
  CHECK(lone_cr.lines() == std::vector<std::string>{"x", "y", "z"});
  REQUIRE(lone_cr.undo());
  CHECK(lone_cr.text() == "x\ry\r\nz");
}

TEST_CASE("text change: multibyte characters are replaced whole, never split between their bytes") {
  // é (C3 A9) and è (C3 A8) share their first byte: the change is the whole character, not its last byte.
  TextDocument doc("caf" + e_acute + " ok");
  REQUIRE(apply_text(doc, "caf" + e_grave + " ok"));
  CHECK(doc.text() == "caf" + e_grave + " ok");
  CHECK(doc.cursor() == TextPosition{0, 5});
  const UndoneStep accent = step_of(doc);
  CHECK(accent.before == "caf" + e_acute + " ok");
  REQUIRE(doc.undo());
  CHECK(doc.text() == "caf" + e_acute + " ok");

  // 😀 and 😁 differ in their last byte only; € and £ in every byte but share nothing with the ASCII around them.
  TextDocument emoji("x" + smiley + "y");
  REQUIRE(apply_text(emoji, "x" + grin + "y"));
  CHECK(emoji.text() == "x" + grin + "y");
  CHECK(emoji.cursor() == TextPosition{0, 5});
  REQUIRE(emoji.undo());
  CHECK(emoji.text() == "x" + smiley + "y");
  CHECK(emoji.selected_text() == smiley);

  TextDocument money("5" + euro + "\n");
  REQUIRE(apply_text(money, "5" + pound + "\n"));
  CHECK(money.text() == "5" + pound + "\n");
  CHECK(money.cursor() == TextPosition{0, 3});
  REQUIRE(apply_text(money, "5" + pound + pound + "\n")); // an insertion after a shared character
  CHECK(money.text() == "5" + pound + pound + "\n");
  CHECK(money.cursor() == TextPosition{0, 5});
  REQUIRE(money.undo());
  REQUIRE(money.undo());
  CHECK(money.text() == "5" + euro + "\n");
}

TEST_CASE("text change: random edits of random texts give the new text and undo to the old, one step each") {
  const std::vector<std::string> pieces = {"a", "b", " ", "\n", e_acute, e_grave, euro, smiley, grin, "\xC3", "\x80"};
  std::mt19937 random(20240611);
  auto random_text = [&] {
    std::string text;
    const size_t n = random() % 12;
    for (size_t i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
    return text;
  };
  for (int round = 0; round < 2000; ++round) {
    const std::string old_text = random_text(), new_text = random_text();
    INFO("old: " << old_text << "\nnew: " << new_text);
    TextDocument doc(old_text);
    const bool changed = apply_text(doc, new_text);
    CHECK(changed == (old_text != new_text));
    CHECK(doc.text() == new_text);
    if (!changed) continue;
    REQUIRE(doc.undo());
    CHECK(doc.text() == old_text);
    CHECK_FALSE(doc.can_undo());
  }
}
