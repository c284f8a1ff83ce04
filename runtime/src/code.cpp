#include "waymark/runtime/code.h"

namespace waymark::rt {
namespace {

constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

void normalize_code_into(std::string_view raw, std::string& out) {
    out.clear();
    size_t b = 0, e = raw.size();
    while (b < e && is_space(raw[b])) ++b;
    while (e > b && is_space(raw[e - 1])) --e;
    for (size_t i = b; i < e; ++i) {
        char c = raw[i];
        if (c == '.') continue;  // "C50.9" is written with or without the dot
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        out.push_back(c);
    }
}

std::string normalize_code(std::string_view raw) {
    std::string out;
    normalize_code_into(raw, out);
    return out;
}

bool is_valid_code(std::string_view normalized) noexcept {
    if (normalized.empty()) return false;
    for (char c : normalized)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

}  // namespace waymark::rt
