#include "waymark/runtime/value_type.h"

namespace waymark::rt {

std::string to_string(BaseType base) {
    switch (base) {
        case BaseType::Bool: return "bool";
        case BaseType::Int: return "int";
        case BaseType::Decimal: return "decimal";
        case BaseType::Text: return "text";
        case BaseType::Date: return "date";
        case BaseType::Code: return "code";
    }
    return "?";  // unreachable for valid enumerators
}

std::string to_string(ValueType type) {
    std::string s = to_string(type.base);
    if (type.list) s += " list";
    return s;
}

bool is_numeric(BaseType base) { return base == BaseType::Int || base == BaseType::Decimal; }

}  // namespace waymark::rt
