#include "waymark/studio/text_document.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "waymark/studio/utf8.h"

namespace waymark::studio {
namespace {

bool continuation_byte(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Text as the document stores it: "\r\n" becomes '\n'; a lone '\r' is kept as a character.
std::string with_plain_line_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

enum class CharClass { blank, word, punctuation };

// Non-ASCII bytes count as word characters, so identifiers in any script move as one word.
CharClass class_of(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  if (byte == ' ' || byte == '\t' || byte == '\r' || byte == '\v' || byte == '\f') return CharClass::blank;
  if (byte >= 0x80 || byte == '_' || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
      (byte >= 'A' && byte <= 'Z'))
    return CharClass::word;
  return CharClass::punctuation;
}

// ASCII only: locale-free, and byte offsets stay the same.
std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

} // namespace

TextDocument::TextDocument() = default;

TextDocument::TextDocument(std::string_view text) { load(text); }

// ---- content ----

void TextDocument::load(std::string_view text) {
  // CRLF only when every break is "\r\n": then stripping each '\r' before a '\n' loses nothing.
  size_t breaks = 0;
  size_t crlf_breaks = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    ++breaks;
    if (i > 0 && text[i - 1] == '\r') ++crlf_breaks;
  }
  crlf_ = breaks > 0 && breaks == crlf_breaks;

  lines_.clear();
  for (size_t start = 0;;) {
    const size_t newline_at = text.find('\n', start);
    if (newline_at == std::string_view::npos) {
      lines_.emplace_back(text.substr(start));
      break;
    }
    const size_t line_end = crlf_ ? newline_at - 1 : newline_at;
    lines_.emplace_back(text.substr(start, line_end - start));
    start = newline_at + 1;
  }
  cursor_ = anchor_ = {};
  preferred_column_.reset();
  history_.clear();
  ++revision_;
}

std::string TextDocument::text() const {
  const std::string_view line_break = crlf_ ? "\r\n" : "\n";
  std::string out;
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (i > 0) out += line_break;
    out += lines_[i];
  }
  return out;
}

// ---- positions ----

TextPosition TextDocument::clamp_line_and_byte(TextPosition position) const {
  position.line = std::min(position.line, lines_.size() - 1);
  position.byte = std::min(position.byte, lines_[position.line].size());
  return position;
}

TextPosition TextDocument::snap_to_character(TextPosition position, bool forward) const {
  const std::string& line = lines_[position.line];
  // A byte that is not a continuation byte always starts a character, so walk from the nearest one before.
  size_t at = position.byte;
  while (at > 0 && at < line.size() && continuation_byte(line[at])) --at;
  while (at < position.byte) {
    const size_t next = next_char(line, at);
    if (next > position.byte) return {position.line, forward ? next : at};
    at = next;
  }
  return position;
}

bool TextDocument::on_boundary(TextPosition position) const {
  return snap_to_character(position, false) == position;
}

TextPosition TextDocument::clamp(TextPosition position) const {
  return snap_to_character(clamp_line_and_byte(position), false);
}

size_t TextDocument::column() const { return char_count(lines_[cursor_.line], cursor_.byte) + 1; }

std::string TextDocument::text_between(TextPosition a, TextPosition b) const {
  TextPosition from = clamp_line_and_byte(std::min(a, b));
  TextPosition to = clamp_line_and_byte(std::max(a, b));
  if (from.line == to.line) return lines_[from.line].substr(from.byte, to.byte - from.byte);
  std::string out = lines_[from.line].substr(from.byte);
  for (size_t line = from.line + 1; line < to.line; ++line) (out += '\n') += lines_[line];
  (out += '\n') += lines_[to.line].substr(0, to.byte);
  return out;
}

// ---- cursor and selection ----

void TextDocument::move_to(TextPosition position, bool extend) {
  cursor_ = position;
  if (!extend) anchor_ = position;
  preferred_column_.reset();
  history_.break_group();
}

void TextDocument::set_cursor(TextPosition position, bool extend) { move_to(clamp(position), extend); }

void TextDocument::select(TextPosition anchor, TextPosition cursor) {
  move_to(clamp(cursor), false);
  anchor_ = clamp(anchor);
}

void TextDocument::select_all() { select({0, 0}, document_end()); }

std::string TextDocument::selected_text() const { return text_between(anchor_, cursor_); }

// ---- moves ----

TextPosition TextDocument::position_left_of(TextPosition position) const {
  if (position.byte > 0)
    return snap_to_character({position.line, previous_char(lines_[position.line], position.byte)}, false);
  if (position.line > 0) return line_end(position.line - 1);
  return position;
}

TextPosition TextDocument::position_right_of(TextPosition position) const {
  const std::string& line = lines_[position.line];
  if (position.byte < line.size()) return {position.line, next_char(line, position.byte)};
  if (position.line + 1 < lines_.size()) return {position.line + 1, 0};
  return position;
}

TextPosition TextDocument::word_right_of(TextPosition position) const {
  const std::string& line = lines_[position.line];
  if (position.byte >= line.size()) return position_right_of(position);
  size_t at = position.byte;
  while (at < line.size() && class_of(line[at]) == CharClass::blank) at = next_char(line, at);
  if (at < line.size()) {
    const CharClass run = class_of(line[at]);
    while (at < line.size() && class_of(line[at]) == run) at = next_char(line, at);
  }
  return {position.line, at};
}

TextPosition TextDocument::word_left_of(TextPosition position) const {
  const std::string& line = lines_[position.line];
  if (position.byte == 0) return position_left_of(position);
  size_t at = position.byte;
  while (at > 0 && class_of(line[previous_char(line, at)]) == CharClass::blank) at = previous_char(line, at);
  if (at > 0) {
    const CharClass run = class_of(line[previous_char(line, at)]);
    while (at > 0 && class_of(line[previous_char(line, at)]) == run) at = previous_char(line, at);
  }
  return snap_to_character({position.line, at}, false);
}

void TextDocument::move_left(bool extend) {
  if (!extend && has_selection()) return move_to(selection_start(), false);
  move_to(position_left_of(cursor_), extend);
}

void TextDocument::move_right(bool extend) {
  if (!extend && has_selection()) return move_to(selection_end(), false);
  move_to(position_right_of(cursor_), extend);
}

void TextDocument::move_vertically(size_t lines, bool down, bool extend) {
  if (lines == 0) return;
  const size_t last_line = lines_.size() - 1;
  // With no line to move to, go to the end of the document in that direction (as most editors do).
  if (down ? cursor_.line == last_line : cursor_.line == 0)
    return move_to(down ? document_end() : TextPosition{0, 0}, extend);
  const size_t column = preferred_column_.value_or(char_count(lines_[cursor_.line], cursor_.byte));
  const size_t line = down ? std::min(cursor_.line + std::min(lines, last_line), last_line)
                           : cursor_.line - std::min(lines, cursor_.line);
  move_to({line, byte_of_char(lines_[line], column)}, extend);
  preferred_column_ = column;
}

void TextDocument::move_up(bool extend) { move_vertically(1, false, extend); }
void TextDocument::move_down(bool extend) { move_vertically(1, true, extend); }
void TextDocument::page_up(size_t lines, bool extend) { move_vertically(lines, false, extend); }
void TextDocument::page_down(size_t lines, bool extend) { move_vertically(lines, true, extend); }

void TextDocument::move_home(bool extend) {
  const std::string& line = lines_[cursor_.line];
  size_t first_non_blank = 0;
  while (first_non_blank < line.size() && (line[first_non_blank] == ' ' || line[first_non_blank] == '\t'))
    ++first_non_blank;
  move_to({cursor_.line, cursor_.byte == first_non_blank ? 0 : first_non_blank}, extend);
}

void TextDocument::move_end(bool extend) { move_to(line_end(cursor_.line), extend); }
void TextDocument::move_document_start(bool extend) { move_to({0, 0}, extend); }
void TextDocument::move_document_end(bool extend) { move_to(document_end(), extend); }
void TextDocument::move_word_left(bool extend) { move_to(word_left_of(cursor_), extend); }
void TextDocument::move_word_right(bool extend) { move_to(word_right_of(cursor_), extend); }

// ---- raw changes ----

TextPosition TextDocument::end_of_text_at(TextPosition start, std::string_view text) const {
  const size_t last_break = text.rfind('\n');
  if (last_break == std::string_view::npos) return {start.line, start.byte + text.size()};
  return {start.line + static_cast<size_t>(std::count(text.begin(), text.end(), '\n')),
          text.size() - last_break - 1};
}

TextPosition TextDocument::insert_at(TextPosition at, std::string_view text) {
  const TextPosition end = end_of_text_at(at, text);
  const size_t first_break = text.find('\n');
  if (first_break == std::string_view::npos) {
    lines_[at.line].insert(at.byte, text);
    return end;
  }
  std::string& first_line = lines_[at.line];
  std::string tail = first_line.substr(at.byte);
  first_line.resize(at.byte);
  first_line.append(text.substr(0, first_break));
  std::vector<std::string> new_lines;
  for (size_t start = first_break + 1;;) {
    const size_t next_break = text.find('\n', start);
    if (next_break == std::string_view::npos) {
      new_lines.emplace_back(text.substr(start));
      break;
    }
    new_lines.emplace_back(text.substr(start, next_break - start));
    start = next_break + 1;
  }
  new_lines.back() += tail;
  lines_.insert(lines_.begin() + static_cast<std::ptrdiff_t>(at.line + 1), std::make_move_iterator(new_lines.begin()),
                std::make_move_iterator(new_lines.end()));
  return end;
}

void TextDocument::erase_between(TextPosition from, TextPosition to) {
  if (from.line == to.line) {
    lines_[from.line].erase(from.byte, to.byte - from.byte);
    return;
  }
  lines_[from.line].resize(from.byte);
  lines_[from.line] += std::string_view(lines_[to.line]).substr(to.byte);
  lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(from.line + 1),
               lines_.begin() + static_cast<std::ptrdiff_t>(to.line + 1));
}

void TextDocument::apply(const TextEdit& edit) {
  erase_between(edit.start, end_of_text_at(edit.start, edit.removed));
  insert_at(edit.start, edit.inserted);
}

void TextDocument::revert(const TextEdit& edit) {
  erase_between(edit.start, end_of_text_at(edit.start, edit.inserted));
  insert_at(edit.start, edit.removed);
}

// ---- edits ----

void TextDocument::replace_range(TextPosition from, TextPosition to, std::string_view inserted, EditKind kind) {
  if (to < from) std::swap(from, to);
  if (from == to && inserted.empty()) {
    history_.break_group(); // a delete with nothing to delete still ends a run of typing
    return;
  }
  EditStep step;
  step.before = {cursor_, anchor_};
  TextEdit edit{from, text_between(from, to), std::string(inserted)};
  apply(edit);
  // Bytes joined across the edit can form one character (an invalid lead byte before a continuation byte):
  // keep the cursor out of its middle.
  cursor_ = anchor_ = snap_to_character(end_of_text_at(from, inserted), true);
  preferred_column_.reset();
  step.after = {cursor_, anchor_};
  step.edits.push_back(std::move(edit));
  history_.record(std::move(step), kind);
  ++revision_;
}

void TextDocument::type_text(std::string_view text) {
  replace_range(selection_start(), selection_end(), with_plain_line_breaks(text), EditKind::typing);
}

void TextDocument::insert(std::string_view text) {
  replace_range(selection_start(), selection_end(), with_plain_line_breaks(text), EditKind::other);
}

void TextDocument::newline() { insert("\n"); }

void TextDocument::backspace() {
  if (delete_selection()) return;
  replace_range(position_left_of(cursor_), cursor_, {}, EditKind::other);
}

void TextDocument::delete_forward() {
  if (delete_selection()) return;
  replace_range(cursor_, position_right_of(cursor_), {}, EditKind::other);
}

bool TextDocument::delete_selection() {
  if (!has_selection()) return false;
  replace_range(selection_start(), selection_end(), {}, EditKind::other);
  return true;
}

std::string TextDocument::cut() {
  std::string text = selected_text();
  delete_selection();
  return text;
}

// ---- history ----

bool TextDocument::undo() {
  const EditStep* step = history_.undo();
  if (step == nullptr) return false;
  for (auto edit = step->edits.rbegin(); edit != step->edits.rend(); ++edit) revert(*edit);
  cursor_ = clamp(step->before.cursor);
  anchor_ = clamp(step->before.anchor);
  preferred_column_.reset();
  ++revision_;
  return true;
}

bool TextDocument::redo() {
  const EditStep* step = history_.redo();
  if (step == nullptr) return false;
  for (const TextEdit& edit : step->edits) apply(edit);
  cursor_ = clamp(step->after.cursor);
  anchor_ = clamp(step->after.anchor);
  preferred_column_.reset();
  ++revision_;
  return true;
}

// ---- find and replace ----

std::vector<TextDocument::TextMatch> TextDocument::find_all(std::string_view needle_text,
                                                            const FindOptions& options) const {
  std::string needle = with_plain_line_breaks(needle_text);
  if (needle.empty()) return {};
  std::string haystack;
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (i > 0) haystack += '\n';
    haystack += lines_[i];
  }
  if (!options.case_sensitive) {
    haystack = ascii_lowercase(haystack);
    needle = ascii_lowercase(needle);
  }
  // Offsets only grow, so one walker per end turns them into positions in a single pass over the lines.
  struct Walker {
    const std::vector<std::string>& lines;
    size_t line = 0;
    size_t line_start = 0;
    TextPosition at(size_t offset) {
      while (offset > line_start + lines[line].size()) line_start += lines[line++].size() + 1;
      return {line, offset - line_start};
    }
  };
  Walker starts{lines_};
  Walker ends{lines_};
  std::vector<TextMatch> matches;
  for (size_t found = haystack.find(needle); found != std::string::npos; found = haystack.find(needle, found + 1)) {
    const TextMatch match{starts.at(found), ends.at(found + needle.size())};
    if (on_boundary(match.start) && on_boundary(match.end)) matches.push_back(match);
  }
  return matches;
}

bool TextDocument::matches_selection(std::string_view needle, const FindOptions& options) const {
  if (!has_selection()) return false;
  const std::string wanted = with_plain_line_breaks(needle);
  const std::string selected = selected_text();
  return options.case_sensitive ? selected == wanted : ascii_lowercase(selected) == ascii_lowercase(wanted);
}

bool TextDocument::find_next(std::string_view needle, FindOptions options) {
  const std::vector<TextMatch> matches = find_all(needle, options);
  const TextPosition from = selection_end();
  auto next = std::find_if(matches.begin(), matches.end(), [&](const TextMatch& m) { return m.start >= from; });
  if (next == matches.end()) {
    if (!options.wrap_around || matches.empty()) return false;
    next = matches.begin();
  }
  select(next->start, next->end);
  return true;
}

bool TextDocument::find_previous(std::string_view needle, FindOptions options) {
  const std::vector<TextMatch> matches = find_all(needle, options);
  const TextPosition before = selection_start();
  auto previous = std::find_if(matches.rbegin(), matches.rend(), [&](const TextMatch& m) { return m.start < before; });
  if (previous == matches.rend()) {
    if (!options.wrap_around || matches.empty()) return false;
    previous = matches.rbegin();
  }
  select(previous->start, previous->end);
  return true;
}

size_t TextDocument::replace_current(std::string_view needle, std::string_view replacement, FindOptions options) {
  size_t replaced = 0;
  if (matches_selection(needle, options)) {
    replace_range(selection_start(), selection_end(), with_plain_line_breaks(replacement), EditKind::other);
    replaced = 1;
  }
  find_next(needle, options);
  return replaced;
}

size_t TextDocument::replace_all(std::string_view needle, std::string_view replacement, FindOptions options) {
  std::vector<TextMatch> matches;
  for (const TextMatch& match : find_all(needle, options))
    if (matches.empty() || match.start >= matches.back().end) matches.push_back(match); // no overlaps
  if (matches.empty()) return 0;
  EditStep step;
  step.before = {cursor_, anchor_};
  // Last match first: every earlier match keeps its position, and undo reverts in the opposite order.
  const std::string inserted = with_plain_line_breaks(replacement);
  for (auto match = matches.rbegin(); match != matches.rend(); ++match) {
    step.edits.push_back({match->start, text_between(match->start, match->end), inserted});
    apply(step.edits.back());
  }
  cursor_ = anchor_ = clamp(cursor_);
  preferred_column_.reset();
  step.after = {cursor_, anchor_};
  history_.record(std::move(step), EditKind::other);
  ++revision_;
  return matches.size();
}

size_t TextDocument::count_matches(std::string_view needle, FindOptions options) const {
  size_t count = 0;
  TextPosition last_end;
  for (const TextMatch& match : find_all(needle, options))
    if (count == 0 || match.start >= last_end) {
      ++count;
      last_end = match.end;
    }
  return count;
}

} // namespace waymark::studio
