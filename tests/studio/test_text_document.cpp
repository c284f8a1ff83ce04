// The editor's document without a window: loading any bytes back exactly, moving by characters and words,
// editing with undo, find and replace, and a randomized run against a plain std::string.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "waymark/studio/text_document.h"
#include "waymark/studio/utf8.h"

using namespace waymark::studio;

namespace Catch {
template <> struct StringMaker<TextPosition> {
  static std::string convert(const TextPosition& p) {
    return "{" + std::to_string(p.line) + ", " + std::to_string(p.byte) + "}";
  }
};
} // namespace Catch

namespace {

const std::string e_acute = "\xC3\xA9"; // é
const std::string euro = "\xE2\x82\xAC"; // €
const std::string smiley = "\xF0\x9F\x98\x80"; // 😀

// Whether every position the document exposes starts a character (walking the line from its start).
bool on_character_boundary(const TextDocument& document, TextPosition position) {
  if (position.line >= document.line_count()) return false;
  const std::string& line = document.lines()[position.line];
  size_t at = 0;
  while (at < position.byte) at = next_char(line, at);
  return at == position.byte;
}

} // namespace

// ---- loading and text ----

TEST_CASE("text document: loads lines and gives the text back byte for byte") {
  for (const std::string text : {"", "a", "a\nb", "a\nb\n", "\n", "\n\n", "a\r\nb\r\n", "a\r\nb", "a\r\nb\nc",
                                 "a\rb", "a\r", "\r\n", "x\r\r\n", "\r\r\n\n", "\xFF\xC3\n\x80"}) {
    TextDocument document(text);
    CHECK(document.text() == text);
  }
}

TEST_CASE("text document: line breaks and the final newline") {
  SECTION("LF") {
    TextDocument document("one\ntwo\n");
    CHECK_FALSE(document.uses_crlf());
    CHECK(document.ends_with_newline());
    CHECK(document.lines() == std::vector<std::string>{"one", "two", ""});
  }
  SECTION("CRLF is remembered and written back") {
    TextDocument document("one\r\ntwo");
    CHECK(document.uses_crlf());
    CHECK_FALSE(document.ends_with_newline());
    CHECK(document.lines() == std::vector<std::string>{"one", "two"});
    document.move_document_end();
    document.insert("\nthree");
    CHECK(document.text() == "one\r\ntwo\r\nthree");
  }
  SECTION("mixed breaks keep their '\\r' in the line") {
    TextDocument document("one\r\ntwo\nthree");
    CHECK_FALSE(document.uses_crlf());
    CHECK(document.lines() == std::vector<std::string>{"one\r", "two", "three"});
  }
  SECTION("an empty document has one empty line") {
    TextDocument document;
    CHECK(document.line_count() == 1);
    CHECK(document.text().empty());
    CHECK_FALSE(document.ends_with_newline());
  }
  SECTION("load replaces everything and resets cursor and history") {
    TextDocument document("abc");
    document.move_document_end();
    document.type_text("d");
    document.load("x\ny");
    CHECK(document.text() == "x\ny");
    CHECK(document.cursor() == TextPosition{0, 0});
    CHECK_FALSE(document.can_undo());
    CHECK_FALSE(document.modified());
  }
}

// ---- positions ----

TEST_CASE("text document: positions are clamped into the text and onto character starts") {
  TextDocument document("ab\n" + e_acute + "x");
  CHECK(document.clamp({9, 9}) == TextPosition{1, 3});
  CHECK(document.clamp({0, 9}) == TextPosition{0, 2});
  CHECK(document.clamp({1, 1}) == TextPosition{1, 0}); // inside é
  document.set_cursor({1, 1});
  CHECK(document.cursor() == TextPosition{1, 0});
  document.set_cursor({100, 100});
  CHECK(document.cursor() == TextPosition{1, 3});
}

TEST_CASE("text document: column counts characters from 1") {
  TextDocument document("a" + e_acute + euro + smiley + "z");
  CHECK(document.column() == 1);
  document.move_end();
  CHECK(document.column() == 6);
  document.move_left();
  CHECK(document.column() == 5);
  CHECK(document.cursor().byte == 10);
}

// ---- moves ----

TEST_CASE("text document: left and right step over whole characters and across lines") {
  TextDocument document("a" + e_acute + "\n" + smiley);
  document.move_right();
  CHECK(document.cursor() == TextPosition{0, 1});
  document.move_right();
  CHECK(document.cursor() == TextPosition{0, 3});
  document.move_right();
  CHECK(document.cursor() == TextPosition{1, 0});
  document.move_right();
  CHECK(document.cursor() == TextPosition{1, 4});
  document.move_right(); // stays at the end
  CHECK(document.cursor() == TextPosition{1, 4});
  document.move_left();
  document.move_left();
  CHECK(document.cursor() == TextPosition{0, 3});
  document.move_left();
  CHECK(document.cursor() == TextPosition{0, 1});
  document.move_document_start();
  document.move_left();
  CHECK(document.cursor() == TextPosition{0, 0});
}

TEST_CASE("text document: shift extends the selection; a plain left or right collapses it") {
  TextDocument document("hello world");
  document.set_cursor({0, 2});
  document.move_right(true);
  document.move_right(true);
  CHECK(document.anchor() == TextPosition{0, 2});
  CHECK(document.cursor() == TextPosition{0, 4});
  CHECK(document.selected_text() == "ll");
  SECTION("left collapses to the start") {
    document.move_left();
    CHECK(document.cursor() == TextPosition{0, 2});
    CHECK_FALSE(document.has_selection());
  }
  SECTION("right collapses to the end") {
    document.move_right();
    CHECK(document.cursor() == TextPosition{0, 4});
    CHECK_FALSE(document.has_selection());
  }
  SECTION("a selection made backwards") {
    document.set_cursor({0, 0}, true);
    CHECK(document.selection_start() == TextPosition{0, 0});
    CHECK(document.selection_end() == TextPosition{0, 2});
    CHECK(document.selected_text() == "he");
  }
}

TEST_CASE("text document: up and down keep the column in characters") {
  TextDocument document("abcdef\n" + e_acute + e_acute + "\n" + euro + euro + euro + euro + euro + "\nxy");
  document.set_cursor({0, 4}); // column 5
  document.move_down();
  CHECK(document.cursor() == TextPosition{1, 4}); // the short line's end
  document.move_down();
  CHECK(document.cursor() == TextPosition{2, 12}); // column 5 again, after four €
  document.move_up();
  document.move_up();
  CHECK(document.cursor() == TextPosition{0, 4});
  SECTION("up on the first line goes to its start, down on the last to its end") {
    document.move_up();
    CHECK(document.cursor() == TextPosition{0, 0});
    document.move_document_end();
    document.set_cursor({3, 0});
    document.move_down();
    CHECK(document.cursor() == TextPosition{3, 2});
  }
  SECTION("a horizontal move forgets the column") {
    document.move_down();
    document.move_left();
    document.move_down();
    CHECK(document.cursor() == TextPosition{2, 3});
  }
  SECTION("with shift the selection spans lines") {
    document.move_down(true);
    CHECK(document.selected_text() == "ef\n" + e_acute + e_acute);
  }
}

TEST_CASE("text document: page up and down move by N lines, stopping at the ends") {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "line " + std::to_string(i) + "\n";
  TextDocument document(text);
  document.set_cursor({0, 3});
  document.page_down(10);
  CHECK(document.cursor() == TextPosition{10, 3});
  document.page_down(100);
  CHECK(document.cursor() == TextPosition{30, 0}); // the empty line after the final newline
  document.page_up(10);
  CHECK(document.cursor() == TextPosition{20, 3}); // the column survived the short last line
  document.page_up(100, true);
  CHECK(document.cursor() == TextPosition{0, 3});
  CHECK(document.anchor() == TextPosition{20, 3});
  document.page_up(0);
  CHECK(document.cursor() == TextPosition{0, 3});
}

TEST_CASE("text document: home and end, document start and end") {
  TextDocument document("first\n    indented  \nlast");
  document.set_cursor({1, 8});
  document.move_home();
  CHECK(document.cursor() == TextPosition{1, 4}); // first non-blank
  document.move_home();
  CHECK(document.cursor() == TextPosition{1, 0});
  document.move_home();
  CHECK(document.cursor() == TextPosition{1, 4});
  document.move_end();
  CHECK(document.cursor() == TextPosition{1, 14});
  document.move_home(true);
  CHECK(document.selected_text() == "indented  ");
  document.move_document_end();
  CHECK(document.cursor() == TextPosition{2, 4});
  document.move_document_start(true);
  CHECK(document.selected_text() == document.text());
}

TEST_CASE("text document: word moves skip blanks, then a run of word or punctuation characters") {
  TextDocument document("when  x.y >= caf" + e_acute + "_2\nnext");
  document.move_word_right();
  CHECK(document.cursor() == TextPosition{0, 4});
  document.move_word_right();
  CHECK(document.cursor() == TextPosition{0, 7});
  document.move_word_right();
  CHECK(document.cursor() == TextPosition{0, 8}); // "."
  document.move_word_right();
  CHECK(document.cursor() == TextPosition{0, 9});
  document.move_word_right();
  CHECK(document.cursor() == TextPosition{0, 12}); // ">="
  document.move_word_right();
  CHECK(document.cursor() == TextPosition{0, 20}); // "café_2" is one word
  document.move_word_right();
  CHECK(document.cursor() == TextPosition{1, 0});
  document.move_word_right();
  CHECK(document.cursor() == TextPosition{1, 4});
  document.move_word_left();
  CHECK(document.cursor() == TextPosition{1, 0});
  document.move_word_left();
  CHECK(document.cursor() == TextPosition{0, 20});
  document.move_word_left();
  CHECK(document.cursor() == TextPosition{0, 13});
  document.move_word_left();
  CHECK(document.cursor() == TextPosition{0, 10});
  document.move_word_left(true);
  CHECK(document.cursor() == TextPosition{0, 8});
  CHECK(document.selected_text() == "y ");
}

// ---- edits ----

TEST_CASE("text document: insert puts text at the cursor, over a selection, across lines") {
  TextDocument document("held");
  document.set_cursor({0, 2});
  document.insert("XY");
  CHECK(document.text() == "heXYld");
  CHECK(document.cursor() == TextPosition{0, 4});
  document.insert("1\n2\r\n3");
  CHECK(document.text() == "heXY1\n2\n3ld");
  CHECK(document.cursor() == TextPosition{2, 1});
  document.select({0, 0}, {2, 1});
  document.paste("new");
  CHECK(document.text() == "newld");
  CHECK(document.cursor() == TextPosition{0, 3});
  document.insert("");
  CHECK(document.text() == "newld");
}

TEST_CASE("text document: newline splits the line") {
  TextDocument document("abcd");
  document.set_cursor({0, 2});
  document.newline();
  CHECK(document.lines() == std::vector<std::string>{"ab", "cd"});
  CHECK(document.cursor() == TextPosition{1, 0});
}

TEST_CASE("text document: backspace and delete remove one character or join lines") {
  TextDocument document("a" + e_acute + "\n" + smiley + "b");
  document.set_cursor({0, 3});
  document.backspace();
  CHECK(document.text() == "a\n" + smiley + "b");
  CHECK(document.cursor() == TextPosition{0, 1});
  document.delete_forward(); // joins the next line
  CHECK(document.text() == "a" + smiley + "b");
  document.delete_forward();
  CHECK(document.text() == "ab");
  document.move_end();
  document.delete_forward(); // nothing after the end
  document.newline();
  document.backspace(); // joins back
  CHECK(document.text() == "ab");
  document.move_document_start();
  document.backspace(); // nothing before the start
  CHECK(document.text() == "ab");
}

TEST_CASE("text document: selections are deleted, cut, copied and selected whole") {
  TextDocument document("one\ntwo\nthree");
  document.select({0, 1}, {2, 2});
  CHECK(document.selected_text() == "ne\ntwo\nth");
  SECTION("backspace deletes the selection") {
    document.backspace();
    CHECK(document.text() == "oree");
  }
  SECTION("delete deletes the selection") {
    document.delete_forward();
    CHECK(document.text() == "oree");
  }
  SECTION("cut returns it and deletes it") {
    CHECK(document.cut() == "ne\ntwo\nth");
    CHECK(document.text() == "oree");
    CHECK(document.cut().empty());
  }
  SECTION("delete_selection says whether there was one") {
    CHECK(document.delete_selection());
    CHECK_FALSE(document.delete_selection());
  }
  SECTION("select all") {
    document.select_all();
    CHECK(document.selected_text() == "one\ntwo\nthree");
    document.type_text("x");
    CHECK(document.text() == "x");
  }
}

// ---- undo and redo ----

TEST_CASE("text document: typed characters on a line undo as one step") {
  TextDocument document("x");
  document.move_end();
  for (const char* c : {"a", "b", e_acute.c_str(), "c"}) document.type_text(c);
  CHECK(document.text() == "xab" + e_acute + "c");
  CHECK(document.undo());
  CHECK(document.text() == "x");
  CHECK(document.cursor() == TextPosition{0, 1});
  CHECK_FALSE(document.can_undo());
  CHECK(document.redo());
  CHECK(document.text() == "xab" + e_acute + "c");
  CHECK(document.cursor() == TextPosition{0, 6});
}

TEST_CASE("text document: a move, a newline, a delete or a pause ends a typing run") {
  TextDocument document;
  document.type_text("a");
  document.type_text("b");
  SECTION("a move") {
    document.move_left();
    document.move_right();
  }
  SECTION("a newline") { document.newline(); }
  SECTION("a delete") {
    document.type_text("x");
    document.backspace();
  }
  SECTION("a pause") { document.break_undo_group(); }
  SECTION("a delete with nothing to delete") { document.delete_forward(); }
  const std::string before = document.text();
  document.type_text("c");
  document.type_text("d");
  document.undo();
  CHECK(document.text() == before);
}

TEST_CASE("text document: undo restores cursor and selection as they were") {
  TextDocument document("hello world");
  document.select({0, 6}, {0, 11});
  document.type_text("there");
  CHECK(document.text() == "hello there");
  document.undo();
  CHECK(document.text() == "hello world");
  CHECK(document.anchor() == TextPosition{0, 6});
  CHECK(document.cursor() == TextPosition{0, 11});
  document.redo();
  CHECK(document.cursor() == TextPosition{0, 11});
  CHECK_FALSE(document.has_selection());
}

TEST_CASE("text document: a new edit clears redo") {
  TextDocument document;
  document.insert("a");
  document.insert("b");
  document.undo();
  CHECK(document.can_redo());
  document.insert("c");
  CHECK_FALSE(document.can_redo());
  CHECK_FALSE(document.redo());
  CHECK(document.text() == "ac");
}

TEST_CASE("text document: modified follows the save point through undo and redo") {
  TextDocument document("saved");
  CHECK_FALSE(document.modified());
  document.move_end();
  document.type_text("!");
  CHECK(document.modified());
  document.undo();
  CHECK_FALSE(document.modified());
  document.redo();
  CHECK(document.modified());
  document.mark_saved();
  CHECK_FALSE(document.modified());
  document.type_text("?"); // after a save, typing starts a new step
  CHECK(document.modified());
  document.undo();
  CHECK_FALSE(document.modified());
  CHECK(document.text() == "saved!");
  document.undo();
  CHECK(document.modified());
}

TEST_CASE("text document: the revision moves on every change of the text, and only then") {
  TextDocument document("abc");
  auto revision = document.revision();
  auto changed = [&] {
    const bool moved = document.revision() != revision;
    revision = document.revision();
    return moved;
  };
  document.move_end();
  document.select_all();
  CHECK_FALSE(changed());
  document.type_text("x");
  CHECK(changed());
  document.type_text("y"); // merged into the same step, but the text changed
  CHECK(changed());
  document.backspace();
  CHECK(changed());
  document.undo();
  CHECK(changed());
  document.redo();
  CHECK(changed());
  document.move_document_start();
  document.backspace();
  CHECK_FALSE(changed());
  document.load("new");
  CHECK(changed());
}

// ---- find and replace ----

TEST_CASE("text document: find next and previous select matches and wrap around") {
  TextDocument document("Rule one\nrule two\nRULE three");
  CHECK(document.find_next("rule"));
  CHECK(document.selection_start() == TextPosition{1, 0});
  CHECK(document.selected_text() == "rule");
  CHECK(document.find_next("rule")); // only one case-sensitive match: wraps to itself
  CHECK(document.selection_start() == TextPosition{1, 0});

  document.move_document_start();
  const FindOptions any_case{false, true};
  CHECK(document.find_next("rule", any_case));
  CHECK(document.selection_start() == TextPosition{0, 0});
  CHECK(document.find_next("rule", any_case));
  CHECK(document.selection_start() == TextPosition{1, 0});
  CHECK(document.find_next("rule", any_case));
  CHECK(document.selection_start() == TextPosition{2, 0});
  CHECK(document.find_next("rule", any_case));
  CHECK(document.selection_start() == TextPosition{0, 0});
  CHECK(document.find_previous("rule", any_case));
  CHECK(document.selection_start() == TextPosition{2, 0});
  CHECK(document.find_previous("rule", any_case));
  CHECK(document.selection_start() == TextPosition{1, 0});

  const FindOptions no_wrap{false, false};
  document.move_document_end();
  CHECK_FALSE(document.find_next("rule", no_wrap));
  document.move_document_start();
  CHECK_FALSE(document.find_previous("rule", no_wrap));
  CHECK_FALSE(document.find_next("absent"));
  CHECK_FALSE(document.find_next(""));
}

TEST_CASE("text document: find spans lines and never matches inside a character") {
  TextDocument document("one\r\ntwo\r\n" + euro);
  CHECK(document.find_next("e\ntw"));
  CHECK(document.selection_start() == TextPosition{0, 2});
  CHECK(document.cursor() == TextPosition{1, 2});
  CHECK(document.find_next("\r\ntwo")); // the needle's "\r\n" is a line break too
  CHECK(document.selection_start() == TextPosition{0, 3});
  CHECK_FALSE(document.find_next("\x82")); // the middle byte of €
  CHECK(document.find_next(euro));
}

TEST_CASE("text document: replace current replaces a selected match and moves to the next") {
  TextDocument document("a cat, a cat, a dog");
  CHECK(document.replace_current("cat", "bird") == 0); // nothing selected yet: only finds
  CHECK(document.selected_text() == "cat");
  CHECK(document.replace_current("cat", "bird") == 1);
  CHECK(document.text() == "a bird, a cat, a dog");
  CHECK(document.selection_start() == TextPosition{0, 10});
  CHECK(document.replace_current("cat", "bird") == 1);
  CHECK(document.text() == "a bird, a bird, a dog");
  CHECK(document.replace_current("cat", "bird") == 0);
  document.undo();
  CHECK(document.text() == "a bird, a cat, a dog");
}

TEST_CASE("text document: replace all is one undo step and counts its replacements") {
  TextDocument document("aXa\nxa A\naa");
  CHECK(document.count_matches("a") == 5);
  CHECK(document.count_matches("a", {false, true}) == 6);
  CHECK(document.replace_all("a", "bb") == 5);
  CHECK(document.text() == "bbXbb\nxbb A\nbbbb");
  CHECK(document.modified());
  document.undo();
  CHECK(document.text() == "aXa\nxa A\naa");
  CHECK_FALSE(document.modified());
  document.redo();
  CHECK(document.text() == "bbXbb\nxbb A\nbbbb");
  document.undo();

  CHECK(document.replace_all("a", "", {false, true}) == 6);
  CHECK(document.text() == "X\nx \n");
  document.undo();
  CHECK(document.replace_all("aa", "a") == 1); // matches do not overlap
  CHECK(document.text() == "aXa\nxa A\na");
  CHECK(document.replace_all("a\nx", "-\n-\n") == 1);
  CHECK(document.text() == "aX-\n-\na A\na");
  CHECK(document.replace_all("zzz", "y") == 0);
  CHECK(document.replace_all("", "y") == 0);
}

// ---- robustness ----

TEST_CASE("text document: invalid bytes load, move and edit as one character each") {
  TextDocument document("\xC3" "a\x80\xE2\x82\n\xFF");
  document.move_end();
  CHECK(document.cursor() == TextPosition{0, 5});
  CHECK(document.column() == 6);
  document.backspace();
  document.backspace();
  CHECK(document.lines()[0] == "\xC3" "a\x80");
  SECTION("bytes that join into one character keep the cursor off its middle") {
    TextDocument joining("\xA9");
    joining.type_text("\xC3"); // now "é": the cursor after the inserted byte would sit inside it
    CHECK(joining.text() == e_acute);
    CHECK(on_character_boundary(joining, joining.cursor()));
    joining.undo();
    CHECK(joining.text() == "\xA9");
  }
}

TEST_CASE("text document: random edits match a plain string, stay on boundaries and undo completely") {
  // The model is the text with '\n' breaks; each edit is checked against the utf8 helpers on the whole string,
  // so the document's own line bookkeeping is checked against something simpler.
  const std::vector<std::string> pieces = {"a", "Z", " ", "\n", "\r\n", "\r", e_acute, euro, smiley, "\xC3",
                                           "\x80", "\xE2\x82", "\xFF", "\xF0\x9F", "word", "\t"};
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 random(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
    std::string original;
    for (size_t i = pick(12); i > 0; --i) original += pieces[pick(pieces.size())];
    TextDocument document(original);
    const bool crlf = document.uses_crlf();
    auto model_text = [&] {
      std::string joined;
      for (size_t i = 0; i < document.line_count(); ++i) (i > 0 ? joined += '\n' : joined) += document.lines()[i];
      return joined;
    };
    auto offset_of = [&](TextPosition position) {
      size_t offset = 0;
      for (size_t i = 0; i < position.line; ++i) offset += document.lines()[i].size() + 1;
      return offset + position.byte;
    };
    std::string model = model_text();
    std::vector<std::string> undo_texts; // the model before each recorded step
    std::vector<std::string> redo_texts;
    auto recorded = [&](const std::string& before) {
      undo_texts.push_back(before);
      redo_texts.clear();
    };

    for (int step = 0; step < 300; ++step) {
      INFO("seed " << seed << " step " << step);
      document.break_undo_group(); // one step per edit, so the model knows what undo gives back
      const size_t start = offset_of(document.selection_start());
      const size_t end = offset_of(document.selection_end());
      const std::string before = model;
      switch (pick(14)) {
        case 0:
        case 1: {
          std::string text;
          for (size_t i = 1 + pick(3); i > 0; --i) text += pieces[pick(pieces.size())];
          std::string plain;
          for (size_t i = 0; i < text.size(); ++i)
            if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) plain += text[i];
          if (pick(2)) document.type_text(text); else document.insert(text);
          model.replace(start, end - start, plain);
          if (start != end || !plain.empty()) recorded(before);
          break;
        }
        case 2: {
          document.backspace();
          const size_t from = start != end ? start : previous_char(model, start);
          model.erase(from, end - from);
          if (from != end) recorded(before);
          break;
        }
        case 3: {
          document.delete_forward();
          const size_t to = start != end ? end : next_char(model, end);
          model.erase(start, to - start);
          if (start != to) recorded(before);
          break;
        }
        case 4: {
          if (!document.undo()) break;
          REQUIRE_FALSE(undo_texts.empty());
          redo_texts.push_back(model);
          model = undo_texts.back();
          undo_texts.pop_back();
          break;
        }
        case 5: {
          if (!document.redo()) break;
          REQUIRE_FALSE(redo_texts.empty());
          undo_texts.push_back(model);
          model = redo_texts.back();
          redo_texts.pop_back();
          break;
        }
        case 6: document.move_left(pick(2)); break;
        case 7: document.move_right(pick(2)); break;
        case 8: pick(2) ? document.move_up(pick(2)) : document.move_down(pick(2)); break;
        case 9: pick(2) ? document.move_word_left(pick(2)) : document.move_word_right(pick(2)); break;
        case 10: pick(2) ? document.move_home(pick(2)) : document.move_end(pick(2)); break;
        case 11: document.set_cursor({pick(8), pick(12)}, pick(2)); break;
        case 12: pick(2) ? document.page_up(pick(5), pick(2)) : document.page_down(pick(5), pick(2)); break;
        case 13: {
          document.select({pick(8), pick(12)}, {pick(8), pick(12)});
          const size_t cut_from = offset_of(document.selection_start());
          const std::string cut = document.cut();
          CHECK(cut == before.substr(cut_from, cut.size()));
          model = model_text();
          if (!cut.empty()) recorded(before);
          break;
        }
      }
      REQUIRE(model_text() == model);
      REQUIRE(on_character_boundary(document, document.cursor()));
      REQUIRE(on_character_boundary(document, document.anchor()));
      REQUIRE(document.can_undo() == !undo_texts.empty());
      REQUIRE(document.can_redo() == !redo_texts.empty());
    }
    while (document.undo()) {}
    CHECK(document.text() == original);
    CHECK_FALSE(document.modified());
    CHECK(document.uses_crlf() == crlf);
  }
}

TEST_CASE("text document: random typing runs, replaces and moves undo to the original and redo to the end") {
  // No breaks here, so typing merges; whatever the grouping, undoing everything and redoing everything must
  // give back the original and the final text exactly.
  const std::vector<std::string> pieces = {"a", "b", " ", "\n", e_acute, euro, "\xC3", "\x80", "\xFF", "ab"};
  for (unsigned seed = 1; seed <= 30; ++seed) {
    INFO("seed " << seed);
    std::mt19937 random(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
    const std::string original = seed % 2 ? "ab\r\nc" + euro + "\r\n" : "x\xC3\n\x80y";
    TextDocument document(original);
    for (int step = 0; step < 200; ++step) {
      switch (pick(8)) {
        case 0:
        case 1:
        case 2: document.type_text(pieces[pick(pieces.size())]); break;
        case 3: pick(2) ? document.backspace() : document.delete_forward(); break;
        case 4: pick(2) ? document.move_left(pick(2)) : document.move_right(pick(2)); break;
        case 5: document.replace_all(pieces[pick(pieces.size())], pieces[pick(pieces.size())], {pick(2) == 0, true});
                break;
        case 6: document.replace_current(pieces[pick(pieces.size())], pieces[pick(pieces.size())]); break;
        case 7: pick(2) ? document.move_up(pick(2)) : document.break_undo_group(); break;
      }
      REQUIRE(on_character_boundary(document, document.cursor()));
      REQUIRE(on_character_boundary(document, document.anchor()));
    }
    const std::string final_text = document.text();
    while (document.undo()) REQUIRE(on_character_boundary(document, document.cursor()));
    CHECK(document.text() == original);
    CHECK_FALSE(document.modified());
    while (document.redo()) REQUIRE(on_character_boundary(document, document.cursor()));
    CHECK(document.text() == final_text);
  }
}
