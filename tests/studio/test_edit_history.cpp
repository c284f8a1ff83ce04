// The undo stack on its own: steps go back and forth whole, typing merges only when it continues directly,
// and the save point is tracked through undo, redo and dropped redo branches.
#include <catch2/catch.hpp>

#include <string>

#include "waymark/studio/edit_history.h"

using namespace waymark::studio;

namespace {

// Typing `text` at (line, byte) with the cursor moving along.
EditStep typed(size_t line, size_t byte, const std::string& text) {
  EditStep step;
  step.edits.push_back({{line, byte}, "", text});
  step.before = {{line, byte}, {line, byte}};
  step.after = {{line, byte + text.size()}, {line, byte + text.size()}};
  return step;
}

} // namespace

TEST_CASE("edit history: undo and redo hand back whole steps in order") {
  EditHistory history;
  CHECK_FALSE(history.can_undo());
  CHECK(history.undo() == nullptr);
  CHECK(history.redo() == nullptr);
  history.record(typed(0, 0, "a"));
  history.record(typed(0, 1, "b"));
  CHECK(history.undo_depth() == 2);

  const EditStep* step = history.undo();
  REQUIRE(step != nullptr);
  CHECK(step->edits.front().inserted == "b");
  step = history.undo();
  REQUIRE(step != nullptr);
  CHECK(step->edits.front().inserted == "a");
  CHECK_FALSE(history.can_undo());
  CHECK(history.redo_depth() == 2);

  step = history.redo();
  REQUIRE(step != nullptr);
  CHECK(step->edits.front().inserted == "a");
  CHECK(history.can_undo());
  CHECK(history.can_redo());
}

TEST_CASE("edit history: a new step drops what could be redone") {
  EditHistory history;
  history.record(typed(0, 0, "a"));
  history.record(typed(0, 1, "b"));
  history.undo();
  CHECK(history.can_redo());
  history.record(typed(0, 1, "c"));
  CHECK_FALSE(history.can_redo());
  CHECK(history.undo_depth() == 2);
}

TEST_CASE("edit history: consecutive typing merges into one step") {
  EditHistory history;
  history.record(typed(0, 0, "a"), EditKind::typing);
  history.record(typed(0, 1, "b"), EditKind::typing);
  history.record(typed(0, 2, "c"), EditKind::typing);
  REQUIRE(history.undo_depth() == 1);
  const EditStep* step = history.undo();
  REQUIRE(step != nullptr);
  CHECK(step->edits.front().inserted == "abc");
  CHECK(step->before.cursor == TextPosition{0, 0});
  CHECK(step->after.cursor == TextPosition{0, 3});
}

TEST_CASE("edit history: typing elsewhere, after a break or after another kind starts a new step") {
  SECTION("not where the last character ended") {
    EditHistory history;
    history.record(typed(0, 0, "a"), EditKind::typing);
    history.record(typed(0, 5, "b"), EditKind::typing);
    CHECK(history.undo_depth() == 2);
  }
  SECTION("another line") {
    EditHistory history;
    history.record(typed(0, 0, "a"), EditKind::typing);
    history.record(typed(1, 0, "b"), EditKind::typing);
    CHECK(history.undo_depth() == 2);
  }
  SECTION("a break (a move, a pause)") {
    EditHistory history;
    history.record(typed(0, 0, "a"), EditKind::typing);
    history.break_group();
    history.record(typed(0, 1, "b"), EditKind::typing);
    CHECK(history.undo_depth() == 2);
  }
  SECTION("a step that is not typing in between") {
    EditHistory history;
    history.record(typed(0, 0, "a"), EditKind::typing);
    history.record(typed(0, 1, "pasted"), EditKind::other);
    history.record(typed(0, 7, "b"), EditKind::typing);
    CHECK(history.undo_depth() == 3);
  }
  SECTION("typing that replaced a selection can be continued, but does not continue a run") {
    EditHistory history;
    history.record(typed(0, 0, "a"), EditKind::typing);
    EditStep over_selection = typed(0, 1, "b");
    over_selection.edits.front().removed = "xyz";
    history.record(over_selection, EditKind::typing);
    history.record(typed(0, 2, "c"), EditKind::typing);
    CHECK(history.undo_depth() == 2);
  }
  SECTION("a line break") {
    EditHistory history;
    history.record(typed(0, 0, "a"), EditKind::typing);
    history.record(typed(0, 1, "\n"), EditKind::typing);
    history.record(typed(1, 0, "b"), EditKind::typing);
    CHECK(history.undo_depth() == 3);
  }
  SECTION("after undo") {
    EditHistory history;
    history.record(typed(0, 0, "a"), EditKind::typing);
    history.record(typed(0, 1, "b"), EditKind::typing);
    history.undo();
    history.record(typed(0, 0, "c"), EditKind::typing);
    CHECK(history.undo_depth() == 1);
    CHECK(history.undo()->edits.front().inserted == "c");
  }
}

TEST_CASE("edit history: the save point survives undo and redo") {
  EditHistory history;
  CHECK(history.at_saved_point());
  history.record(typed(0, 0, "a"));
  CHECK_FALSE(history.at_saved_point());
  history.undo();
  CHECK(history.at_saved_point());
  history.redo();
  CHECK_FALSE(history.at_saved_point());
  history.mark_saved();
  CHECK(history.at_saved_point());
  history.undo();
  CHECK_FALSE(history.at_saved_point());
  history.redo();
  CHECK(history.at_saved_point());
}

TEST_CASE("edit history: typing after a save does not merge into the saved step") {
  EditHistory history;
  history.record(typed(0, 0, "a"), EditKind::typing);
  history.mark_saved();
  history.record(typed(0, 1, "b"), EditKind::typing);
  CHECK(history.undo_depth() == 2);
  CHECK_FALSE(history.at_saved_point());
  history.undo();
  CHECK(history.at_saved_point());
}

TEST_CASE("edit history: a save point only reachable by redo is lost when redo is dropped") {
  EditHistory history;
  history.record(typed(0, 0, "a"));
  history.mark_saved();
  history.undo();
  CHECK_FALSE(history.at_saved_point());
  history.record(typed(0, 0, "b")); // the saved "a" can no longer come back
  CHECK_FALSE(history.at_saved_point());
  history.undo();
  CHECK_FALSE(history.at_saved_point());
}

TEST_CASE("edit history: clear forgets everything and counts as saved") {
  EditHistory history;
  history.record(typed(0, 0, "a"));
  history.record(typed(0, 1, "b"));
  history.undo();
  history.clear();
  CHECK_FALSE(history.can_undo());
  CHECK_FALSE(history.can_redo());
  CHECK(history.at_saved_point());
}

TEST_CASE("edit history: steps with several edits keep them in order") {
  EditHistory history;
  EditStep step;
  step.edits.push_back({{2, 0}, "x", "y"});
  step.edits.push_back({{0, 0}, "x", "y"});
  history.record(step);
  const EditStep* undone = history.undo();
  REQUIRE(undone != nullptr);
  REQUIRE(undone->edits.size() == 2);
  CHECK(undone->edits[0].start == TextPosition{2, 0});
  CHECK(undone->edits[1].start == TextPosition{0, 0});
}
