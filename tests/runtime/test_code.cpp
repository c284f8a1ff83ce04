#include <catch2/catch.hpp>

#include "waymark/runtime/code.h"

using namespace waymark::rt;

TEST_CASE("normalize_code trims, upper-cases and drops dots", "[code]") {
    CHECK(normalize_code("C509") == "C509");
    CHECK(normalize_code("c50.9 ") == "C509");
    CHECK(normalize_code(" u05.5") == "U055");
    CHECK(normalize_code("\t z665\r\n") == "Z665");
    CHECK(normalize_code("m54.5.") == "M545");
    CHECK(normalize_code("") == "");
    CHECK(normalize_code("   ") == "");
    CHECK(normalize_code(" . ") == "");
}

TEST_CASE("normalize_code keeps inner spaces and other characters for validation to reject", "[code]") {
    CHECK(normalize_code("C5 09") == "C5 09");
    CHECK(normalize_code("c50-9") == "C50-9");
    CHECK_FALSE(is_valid_code(normalize_code("C5 09")));
}

TEST_CASE("normalize_code only folds ASCII letters", "[code]") {
    CHECK(normalize_code("\xC3\xA9" "a") == "\xC3\xA9" "A");
}

TEST_CASE("normalize_code_into overwrites and reuses its output", "[code]") {
    std::string out = "previous contents that are long";
    normalize_code_into(" e11.9 ", out);
    CHECK(out == "E119");
    normalize_code_into("", out);
    CHECK(out.empty());
}

TEST_CASE("is_valid_code accepts only non-empty A-Z 0-9", "[code]") {
    CHECK(is_valid_code("E119"));
    CHECK(is_valid_code("Z"));
    CHECK(is_valid_code("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    CHECK_FALSE(is_valid_code(""));
    CHECK_FALSE(is_valid_code("e119"));
    CHECK_FALSE(is_valid_code("E11.9"));
    CHECK_FALSE(is_valid_code("E11 9"));
    CHECK_FALSE(is_valid_code("E11-9"));
    CHECK_FALSE(is_valid_code("E11%"));
    CHECK_FALSE(is_valid_code("\xC3\x89"));
}
