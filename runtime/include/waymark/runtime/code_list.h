#pragma once
// A `code list` input is one CSV column holding many codes, e.g. the SUS
// field "||E119 ,E780 ,J849 ||I801" (episodes separated by "||").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::rt {

struct CodeListFormat {
    std::vector<std::string> delimiters{",", "||"};
};

// Splits `raw` on any delimiter (the longest one matching at a position wins),
// normalises each piece with normalize_code and skips pieces that end up empty.
// `out` is overwritten; its existing strings are reused to avoid allocation.
// Empty delimiters are ignored (validate the format first).
void split_code_list(std::string_view raw, const CodeListFormat& format,
                     std::vector<std::string>& out);

// Error message if the format is unusable (no delimiters, or an empty one).
std::optional<std::string> validate_code_list_format(const CodeListFormat& format);

}  // namespace waymark::rt
