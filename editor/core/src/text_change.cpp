// The smallest replacement that turns the document's text into another, through TextDocument's public edits.
#include "waymark/studio/text_change.h"

#include <algorithm>
#include <string>

#include "waymark/studio/utf8.h"

namespace waymark::studio {
namespace {

bool continuation_byte(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Whether a character starts at `at`, judged as TextDocument judges it (walking from the nearest byte that is not a
// continuation byte, invalid bytes one character each), so the positions we select are never moved by its clamp.
bool on_character_boundary(std::string_view text, size_t at) noexcept {
  if (at == 0 || at >= text.size()) return true;
  size_t start = at;
  while (start > 0 && continuation_byte(text[start])) --start;
  while (start < at) start = next_char(text, start);
  return start == at;
}

// Between the '\r' and '\n' of a CRLF line break: no TextPosition is there.
bool inside_crlf(std::string_view text, size_t at, bool crlf) noexcept {
  return crlf && at > 0 && at < text.size() && text[at - 1] == '\r' && text[at] == '\n';
}

bool splits_nothing(std::string_view text, size_t at, bool crlf) noexcept {
  return on_character_boundary(text, at) && !inside_crlf(text, at, crlf);
}

// The line and byte of a byte offset into `doc.text()`; `offset` is not inside a line break.
TextPosition position_of(const TextDocument &doc, size_t offset) {
  const size_t line_break = doc.uses_crlf() ? 2 : 1;
  const std::vector<std::string> &lines = doc.lines();
  size_t line = 0;
  while (line + 1 < lines.size() && offset > lines[line].size()) {
    offset -= lines[line].size() + line_break;
    ++line;
  }
  return {line, offset};
}

} // namespace

bool apply_text(TextDocument &doc, std::string_view new_text) {
  const std::string old_text = doc.text();
  if (old_text == new_text) return false;
  const bool crlf = doc.uses_crlf();
  const std::string_view old_view = old_text;

  // Common prefix, moved back until it ends between characters in both texts.
  size_t prefix = static_cast<size_t>(
      std::mismatch(old_view.begin(), old_view.end(), new_text.begin(), new_text.end()).first - old_view.begin());
  while (prefix > 0 && !(splits_nothing(old_view, prefix, crlf) && splits_nothing(new_text, prefix, crlf))) --prefix;

  // Common suffix of what follows the prefix, shortened until it starts between characters in both texts.
  const size_t most = std::min(old_view.size(), new_text.size()) - prefix;
  size_t suffix = 0;
  while (suffix < most && old_view[old_view.size() - 1 - suffix] == new_text[new_text.size() - 1 - suffix]) ++suffix;
  while (suffix > 0 && !(splits_nothing(old_view, old_view.size() - suffix, crlf) &&
                         splits_nothing(new_text, new_text.size() - suffix, crlf)))
    --suffix;

  const TextPosition from = position_of(doc, prefix), to = position_of(doc, old_view.size() - suffix);
  doc.select(from, to);
  doc.insert(new_text.substr(prefix, new_text.size() - suffix - prefix));
  return true;
}

} // namespace waymark::studio
