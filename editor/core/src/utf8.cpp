#include "waymark/studio/utf8.h"

namespace waymark::studio {
namespace {

bool continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

} // namespace

size_t char_length(std::string_view text, size_t at) noexcept {
  if (at >= text.size()) return 0;
  const auto lead = static_cast<unsigned char>(text[at]);
  size_t n = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
  if (n == 1) return 1;
  if (at + n > text.size()) return 1; // truncated: the lead byte alone
  for (size_t i = 1; i < n; ++i)
    if (!continuation(static_cast<unsigned char>(text[at + i]))) return 1;
  return n;
}

size_t next_char(std::string_view text, size_t at) noexcept {
  if (at >= text.size()) return text.size();
  return at + char_length(text, at);
}

size_t previous_char(std::string_view text, size_t at) noexcept {
  if (at == 0) return 0;
  if (at > text.size()) at = text.size();
  // Step back over at most three continuation bytes, then accept the lead only if its sequence ends at `at`.
  size_t start = at - 1;
  while (start > 0 && at - start < 4 && continuation(static_cast<unsigned char>(text[start]))) --start;
  return start + char_length(text, start) == at ? start : at - 1;
}

size_t char_count(std::string_view text, size_t bytes) noexcept {
  size_t chars = 0;
  for (size_t at = 0; at < bytes && at < text.size(); at = next_char(text, at)) ++chars;
  return chars;
}

size_t byte_of_char(std::string_view text, size_t chars) noexcept {
  size_t at = 0;
  for (; chars > 0 && at < text.size(); --chars) at = next_char(text, at);
  return at;
}

} // namespace waymark::studio
