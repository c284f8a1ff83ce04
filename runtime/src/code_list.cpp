#include "waymark/runtime/code_list.h"

#include "waymark/runtime/code.h"

namespace waymark::rt {
namespace {

// Length of the longest delimiter starting at raw[pos], or 0 if none does.
size_t delimiter_at(std::string_view raw, size_t pos, const CodeListFormat& format) {
    size_t best = 0;
    for (const std::string& d : format.delimiters)
        if (d.size() > best && raw.substr(pos).starts_with(d)) best = d.size();
    return best;
}

}  // namespace

void split_code_list(std::string_view raw, const CodeListFormat& format,
                     std::vector<std::string>& out) {
    size_t count = 0;  // strings of `out` in use; later ones are reused buffers
    auto emit = [&](std::string_view piece) {
        if (count == out.size()) out.emplace_back();
        normalize_code_into(piece, out[count]);
        if (!out[count].empty()) ++count;  // blank pieces (",,", leading "||") are skipped
    };

    size_t start = 0, pos = 0;
    while (pos < raw.size()) {
        size_t len = delimiter_at(raw, pos, format);
        if (len == 0) {
            ++pos;
            continue;
        }
        emit(raw.substr(start, pos - start));
        pos += len;
        start = pos;
    }
    emit(raw.substr(start));
    out.resize(count);
}

std::optional<std::string> validate_code_list_format(const CodeListFormat& format) {
    if (format.delimiters.empty()) return "a code list needs at least one delimiter";
    for (const std::string& d : format.delimiters)
        if (d.empty()) return "a code list delimiter must not be empty";
    return std::nullopt;
}

}  // namespace waymark::rt
