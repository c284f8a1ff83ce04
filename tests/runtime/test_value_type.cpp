#include <catch2/catch.hpp>

#include "waymark/runtime/value_type.h"

using namespace waymark::rt;

TEST_CASE("base types print in the language's spelling", "[value_type]") {
    CHECK(to_string(BaseType::Bool) == "bool");
    CHECK(to_string(BaseType::Int) == "int");
    CHECK(to_string(BaseType::Decimal) == "decimal");
    CHECK(to_string(BaseType::Text) == "text");
    CHECK(to_string(BaseType::Date) == "date");
    CHECK(to_string(BaseType::Code) == "code");
}

TEST_CASE("list types print with a list suffix", "[value_type]") {
    CHECK(to_string(ValueType{BaseType::Int}) == "int");
    CHECK(to_string(ValueType{BaseType::Code, true}) == "code list");
    CHECK(to_string(ValueType{BaseType::Text, true}) == "text list");
}

TEST_CASE("value types compare base and list-ness", "[value_type]") {
    CHECK(ValueType{BaseType::Code} == ValueType{BaseType::Code, false});
    CHECK_FALSE(ValueType{BaseType::Code} == ValueType{BaseType::Code, true});
    CHECK_FALSE(ValueType{BaseType::Code} == ValueType{BaseType::Text});
    CHECK(ValueType{BaseType::Code} != ValueType{BaseType::Text});
}

TEST_CASE("only int and decimal are numeric", "[value_type]") {
    CHECK(is_numeric(BaseType::Int));
    CHECK(is_numeric(BaseType::Decimal));
    CHECK_FALSE(is_numeric(BaseType::Bool));
    CHECK_FALSE(is_numeric(BaseType::Text));
    CHECK_FALSE(is_numeric(BaseType::Date));
    CHECK_FALSE(is_numeric(BaseType::Code));
}
