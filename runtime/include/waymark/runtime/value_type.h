#pragma once
// Static types of Waymark values: a base type, optionally as a list
// (only `code list` inputs and `text list` outputs exist in the language).

#include <cstdint>
#include <string>

namespace waymark::rt {

enum class BaseType : uint8_t { Bool, Int, Decimal, Text, Date, Code };

struct ValueType {
    BaseType base;
    bool list = false;

    friend bool operator==(const ValueType&, const ValueType&) = default;
};

// Language spelling: "bool", "int", "decimal", "text", "date", "code".
std::string to_string(BaseType base);
// "int", "code list", "text list", ...
std::string to_string(ValueType type);

bool is_numeric(BaseType base);

}  // namespace waymark::rt
