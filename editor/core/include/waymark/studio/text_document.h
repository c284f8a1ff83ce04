#pragma once
// The text a Studio editor tab shows: lines, a cursor and selection that only rest on character boundaries,
// moves, edits with undo and redo, and find and replace. No window involved, so all of it is tested directly;
// the ImGui widget only turns keys and mouse clicks into these calls and draws the lines.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/studio/edit_history.h"

namespace waymark::studio {

struct FindOptions {
  bool case_sensitive = true; // otherwise ASCII letters match either case (no locale involved)
  bool wrap_around = true;    // continue from the other end of the document
};

class TextDocument {
 public:
  TextDocument();
  explicit TextDocument(std::string_view text);

  // ---- content ----
  // Any bytes load. Line breaks are "\n", or "\r\n" when every break in the file is "\r\n" (then written back
  // as "\r\n"); any other '\r' stays in its line, so text() gives back exactly the bytes loaded. Resets the
  // cursor and the history, and counts as saved.
  void load(std::string_view text);
  // The document as a file: lines joined by the file's line break (a final newline is an empty last line).
  std::string text() const;
  const std::vector<std::string>& lines() const noexcept { return lines_; }
  size_t line_count() const noexcept { return lines_.size(); }
  bool uses_crlf() const noexcept { return crlf_; }
  bool ends_with_newline() const noexcept { return lines_.size() > 1 && lines_.back().empty(); }

  // ---- cursor and selection ----
  TextPosition cursor() const noexcept { return cursor_; }
  TextPosition anchor() const noexcept { return anchor_; }
  bool has_selection() const noexcept { return cursor_ != anchor_; }
  TextPosition selection_start() const noexcept { return cursor_ < anchor_ ? cursor_ : anchor_; }
  TextPosition selection_end() const noexcept { return cursor_ < anchor_ ? anchor_ : cursor_; }
  // The cursor's column in characters, 1-based (for a status bar).
  size_t column() const;
  // The nearest valid position: line and byte within the text, moved back to the start of its character.
  TextPosition clamp(TextPosition position) const;
  // Moves the cursor (clamped); with `extend` the anchor stays, selecting the text in between.
  void set_cursor(TextPosition position, bool extend = false);
  void select(TextPosition anchor, TextPosition cursor);
  void select_all();
  std::string selected_text() const;
  // The text between two positions (either order), lines joined by '\n'.
  std::string text_between(TextPosition a, TextPosition b) const;

  // ---- moves (`extend` keeps the anchor, as Shift does) ----
  // Without `extend`, left and right first collapse a selection to its start or end.
  void move_left(bool extend = false);
  void move_right(bool extend = false);
  // Up and down keep the column (in characters) they started from across short lines.
  void move_up(bool extend = false);
  void move_down(bool extend = false);
  void page_up(size_t lines, bool extend = false);
  void page_down(size_t lines, bool extend = false);
  // Home goes to the first non-blank character, or to the line start when already there.
  void move_home(bool extend = false);
  void move_end(bool extend = false);
  void move_document_start(bool extend = false);
  void move_document_end(bool extend = false);
  // Words are runs of letters, digits, '_' and non-ASCII bytes, or runs of other punctuation; blanks are skipped.
  void move_word_left(bool extend = false);
  void move_word_right(bool extend = false);

  // ---- edits (each replaces the selection, if any; "\r\n" in given text becomes a line break) ----
  // Typed characters: consecutive ones on a line merge into one undo step.
  void type_text(std::string_view text);
  // Inserted text (a paste, a completion): an undo step of its own.
  void insert(std::string_view text);
  void paste(std::string_view text) { insert(text); }
  void newline();
  void backspace();
  void delete_forward();
  // Returns whether there was a selection to delete.
  bool delete_selection();
  // The selected text, deleted (empty when nothing is selected).
  std::string cut();

  // ---- history ----
  bool undo();
  bool redo();
  bool can_undo() const noexcept { return history_.can_undo(); }
  bool can_redo() const noexcept { return history_.can_redo(); }
  // Ends a run of typing, e.g. after a pause, so the next character starts a new undo step.
  void break_undo_group() noexcept { history_.break_group(); }
  // Whether the text differs from the last save point, by history (typing and undoing it again is unmodified).
  bool modified() const noexcept { return !history_.at_saved_point(); }
  void mark_saved() noexcept { history_.mark_saved(); }
  // Changes on every change of the text (edits, undo, redo, load): a live check reruns when it moves.
  uint64_t revision() const noexcept { return revision_; }

  // ---- find and replace (plain text; matches start and end on character boundaries) ----
  // Selects the next match after the selection (or cursor); false when there is none.
  bool find_next(std::string_view needle, FindOptions options = {});
  // Selects the previous match before the selection (or cursor).
  bool find_previous(std::string_view needle, FindOptions options = {});
  // Replaces the selection if it is a match, then finds the next one; returns how many were replaced (0 or 1).
  size_t replace_current(std::string_view needle, std::string_view replacement, FindOptions options = {});
  // Replaces every match as one undo step; returns how many.
  size_t replace_all(std::string_view needle, std::string_view replacement, FindOptions options = {});
  size_t count_matches(std::string_view needle, FindOptions options = {}) const;

 private:
  // Raw changes of the lines, positions not checked for boundaries (undo needs exactly the recorded bytes).
  TextPosition insert_at(TextPosition at, std::string_view text);
  void erase_between(TextPosition from, TextPosition to);
  TextPosition end_of_text_at(TextPosition start, std::string_view text) const;
  void apply(const TextEdit& edit);
  void revert(const TextEdit& edit);
  // Replaces [from, to) by `inserted`, leaves the cursor after it and records the step.
  void replace_range(TextPosition from, TextPosition to, std::string_view inserted, EditKind kind);

  TextPosition clamp_line_and_byte(TextPosition position) const;
  // The start of the character containing `position` (forward: the start of the next one if inside).
  TextPosition snap_to_character(TextPosition position, bool forward) const;
  bool on_boundary(TextPosition position) const;
  TextPosition line_end(size_t line) const { return {line, lines_[line].size()}; }
  TextPosition document_end() const { return line_end(lines_.size() - 1); }
  TextPosition position_left_of(TextPosition position) const;
  TextPosition position_right_of(TextPosition position) const;
  TextPosition word_left_of(TextPosition position) const;
  TextPosition word_right_of(TextPosition position) const;

  void move_to(TextPosition position, bool extend);
  void move_vertically(size_t lines, bool down, bool extend);

  struct TextMatch {
    TextPosition start;
    TextPosition end;
  };
  // Every match in document order, overlapping ones included; the needle may span lines ('\n' or "\r\n").
  std::vector<TextMatch> find_all(std::string_view needle, const FindOptions& options) const;
  bool matches_selection(std::string_view needle, const FindOptions& options) const;

  std::vector<std::string> lines_{std::string()};
  bool crlf_ = false;
  TextPosition cursor_;
  TextPosition anchor_;
  std::optional<size_t> preferred_column_; // in characters, kept across up/down
  EditHistory history_;
  uint64_t revision_ = 0;
};

} // namespace waymark::studio
