#pragma once
// UTF-8 positions for the editor: a cursor only ever rests on the first byte of a character, so moving, deleting
// and selecting never split one. Invalid bytes count as one character each, so any file can be edited safely.
#include <cstddef>
#include <string_view>

namespace waymark::studio {

// Bytes in the character that starts at text[at] (1 for an invalid or truncated sequence); 0 at the end.
size_t char_length(std::string_view text, size_t at) noexcept;
// The start of the character after the one at `at` (text.size() at most).
size_t next_char(std::string_view text, size_t at) noexcept;
// The start of the character before `at` (0 at least).
size_t previous_char(std::string_view text, size_t at) noexcept;
// Characters in text[0, bytes): the column a status bar shows, less one.
size_t char_count(std::string_view text, size_t bytes) noexcept;
// The byte offset of character number `chars` (clamped to the end).
size_t byte_of_char(std::string_view text, size_t chars) noexcept;

} // namespace waymark::studio
