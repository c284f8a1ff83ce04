#pragma once
// Clinical codes (ICD-10, OPCS-4, ...) are compared in a normal form:
// surrounding ASCII whitespace trimmed, letters upper-cased, dots removed,
// so "c50.9 " and "C509" are the same code.

#include <string>
#include <string_view>

namespace waymark::rt {

std::string normalize_code(std::string_view raw);

// Same as normalize_code but writes into `out` (cleared first), reusing its
// capacity so hot loops need not allocate.
void normalize_code_into(std::string_view raw, std::string& out);

// A normalised code is valid when it is non-empty and only A-Z and 0-9.
bool is_valid_code(std::string_view normalized) noexcept;

}  // namespace waymark::rt
