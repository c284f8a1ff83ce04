#include <catch2/catch.hpp>

#include "waymark/runtime/code_list.h"

using namespace waymark::rt;
using Codes = std::vector<std::string>;

namespace {
Codes split(std::string_view raw, const CodeListFormat& format = {}) {
    Codes out;
    split_code_list(raw, format, out);
    return out;
}
}  // namespace

TEST_CASE("SUS diagnosis strings split into normalised codes", "[code_list]") {
    CHECK(split("||E119 ,E780 ,J849 ||I801") == Codes{"E119", "E780", "J849", "I801"});
    CHECK(split(" u05.5 , z665") == Codes{"U055", "Z665"});
    CHECK(split("||U055 ,Z665") == Codes{"U055", "Z665"});
    CHECK(split("M545") == Codes{"M545"});
}

TEST_CASE("empty and blank pieces are skipped", "[code_list]") {
    CHECK(split("").empty());
    CHECK(split("   ").empty());
    CHECK(split("||").empty());
    CHECK(split(",, ,||,").empty());
    CHECK(split("A01,,B02, ,||||C03,") == Codes{"A01", "B02", "C03"});
}

TEST_CASE("the default format uses ',' and '||'", "[code_list]") {
    CodeListFormat f;
    CHECK(f.delimiters == Codes{",", "||"});
    // A single '|' is not a delimiter, so it stays inside the code.
    CHECK(split("A01|B02") == Codes{"A01|B02"});
}

TEST_CASE("custom delimiters replace the defaults", "[code_list]") {
    CodeListFormat semi{{";"}};
    CHECK(split("A01;b02 ; c0.3", semi) == Codes{"A01", "B02", "C03"});
    CHECK(split("A01,B02", semi) == Codes{"A01,B02"});
}

TEST_CASE("the longest delimiter at a position wins", "[code_list]") {
    // With "|" listed first, "||A" must still win; taking "|" twice would leave "A01".
    CodeListFormat f{{"|", "||A"}};
    CHECK(split("X1||A01|Y2", f) == Codes{"X1", "01", "Y2"});
    CodeListFormat g{{"||A", "|"}};
    CHECK(split("X1||A01|Y2", g) == Codes{"X1", "01", "Y2"});
}

TEST_CASE("split_code_list overwrites previous output", "[code_list]") {
    Codes out{"OLD1", "OLD2", "OLD3", "OLD4", "OLD5"};
    split_code_list("a01, b02", CodeListFormat{}, out);
    CHECK(out == Codes{"A01", "B02"});
    split_code_list("c03,d04,e05,f06,g07,h08", CodeListFormat{}, out);
    CHECK(out == Codes{"C03", "D04", "E05", "F06", "G07", "H08"});
    split_code_list("", CodeListFormat{}, out);
    CHECK(out.empty());
}

TEST_CASE("empty delimiters are ignored rather than looping forever", "[code_list]") {
    CodeListFormat f{{"", ","}};
    CHECK(split("A01,B02", f) == Codes{"A01", "B02"});
    CHECK(split("A01,B02", CodeListFormat{{}}) == Codes{"A01,B02"});
}

TEST_CASE("validate_code_list_format rejects unusable formats", "[code_list]") {
    CHECK_FALSE(validate_code_list_format(CodeListFormat{}).has_value());
    CHECK_FALSE(validate_code_list_format(CodeListFormat{{";"}}).has_value());

    auto none = validate_code_list_format(CodeListFormat{{}});
    REQUIRE(none.has_value());
    CHECK(*none == "a code list needs at least one delimiter");

    auto empty = validate_code_list_format(CodeListFormat{{",", ""}});
    REQUIRE(empty.has_value());
    CHECK(*empty == "a code list delimiter must not be empty");
}
