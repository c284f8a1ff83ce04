#pragma once
// ANTLR's UTF-8 decoder throws on malformed bytes, so the front end finds them first.
#include <cstddef>
#include <optional>
#include <string_view>

namespace waymark::detail {

// The offset of the first byte at or after `from` that breaks UTF-8 (overlongs, surrogates and > U+10FFFF
// included), or nothing.
std::optional<size_t> first_invalid_utf8(std::string_view text, size_t from = 0);

} // namespace waymark::detail
