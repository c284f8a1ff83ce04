#pragma once
// Undo and redo for the Studio's text document: every edit is kept as a reversible replacement of text at a
// position, with the cursor before and after, so undo restores the text byte for byte and puts the cursor back.
#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace waymark::studio {

// A place in a document held as lines: `byte` is an offset into line `line` (no line break counted).
struct TextPosition {
  size_t line = 0;
  size_t byte = 0;
  friend auto operator<=>(const TextPosition&, const TextPosition&) = default;
};

// The cursor and the other end of the selection (equal when nothing is selected).
struct CursorState {
  TextPosition cursor;
  TextPosition anchor;
  friend bool operator==(const CursorState&, const CursorState&) = default;
};

// One replacement: at `start`, the text `removed` became `inserted` (both with '\n' between lines).
struct TextEdit {
  TextPosition start;
  std::string removed;
  std::string inserted;
};

// What one undo reverses: edits applied in order (each in the coordinates left by the one before).
struct EditStep {
  std::vector<TextEdit> edits;
  CursorState before;
  CursorState after;
};

// Typing merges consecutive characters into one step; everything else is a step of its own.
enum class EditKind { typing, other };

class EditHistory {
 public:
  // Records an applied step and forgets what could be redone. A typing step that continues the previous typing
  // step on the same line (no break in between) is merged into it.
  void record(EditStep step, EditKind kind = EditKind::other);
  // The step to reverse (moved to the redo side), or nullptr. The pointer lives until the next call.
  const EditStep* undo();
  // The step to apply again (moved back to the undo side), or nullptr.
  const EditStep* redo();
  bool can_undo() const noexcept { return !done_.empty(); }
  bool can_redo() const noexcept { return !undone_.empty(); }
  size_t undo_depth() const noexcept { return done_.size(); }
  size_t redo_depth() const noexcept { return undone_.size(); }

  // Ends the current typing run: the next typed character starts a new step (a move, a pause, a save).
  void break_group() noexcept { typing_open_ = false; }
  // The present state is the saved one; undoing or redoing back to it counts as unmodified.
  void mark_saved() noexcept;
  bool at_saved_point() const noexcept { return saved_depth_ == done_.size(); }
  // Forgets all steps; the present state counts as saved (a freshly loaded file).
  void clear() noexcept;

 private:
  bool merges_with_last(const EditStep& step) const;

  std::vector<EditStep> done_;
  std::vector<EditStep> undone_; // the most recently undone last
  // Steps applied at the save point; empty once that state can no longer be reached (its redo was dropped).
  std::optional<size_t> saved_depth_ = 0;
  bool typing_open_ = false;
};

} // namespace waymark::studio
