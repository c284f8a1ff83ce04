#pragma once
// Three-valued (Kleene) logic: a missing operand makes a condition Unknown,
// and Unknown only collapses when the other side decides the result.

#include <cstdint>
#include <string_view>

namespace waymark::rt {

enum class Truth : uint8_t { False = 0, True = 1, Unknown = 2 };

constexpr Truth truth_and(Truth a, Truth b) noexcept {
    if (a == Truth::False || b == Truth::False) return Truth::False;
    if (a == Truth::True && b == Truth::True) return Truth::True;
    return Truth::Unknown;
}

constexpr Truth truth_or(Truth a, Truth b) noexcept {
    if (a == Truth::True || b == Truth::True) return Truth::True;
    if (a == Truth::False && b == Truth::False) return Truth::False;
    return Truth::Unknown;
}

constexpr Truth truth_not(Truth a) noexcept {
    switch (a) {
        case Truth::False: return Truth::True;
        case Truth::True: return Truth::False;
        default: return Truth::Unknown;
    }
}

constexpr Truth to_truth(bool b) noexcept { return b ? Truth::True : Truth::False; }

// "false", "true" or "unknown".
constexpr std::string_view to_string(Truth t) noexcept {
    switch (t) {
        case Truth::False: return "false";
        case Truth::True: return "true";
        default: return "unknown";
    }
}

}  // namespace waymark::rt
