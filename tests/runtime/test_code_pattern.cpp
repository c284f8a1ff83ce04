#include <catch2/catch.hpp>

#include "waymark/runtime/code_pattern.h"

using namespace waymark::rt;

namespace {

template <class V>
std::string error_of(const V& r) {
    auto* e = std::get_if<PatternError>(&r);
    return e ? e->message : "";
}

CodePattern pat(std::string_view text) {
    auto r = CodePattern::parse(text);
    INFO("pattern '" << text << "' failed: " << error_of(r));
    REQUIRE(std::holds_alternative<CodePattern>(r));
    return std::get<CodePattern>(r);
}

CodeRange range(std::string_view low, std::string_view high) {
    auto r = CodeRange::parse(low, high);
    INFO("range '" << low << "'..'" << high << "' failed: " << error_of(r));
    REQUIRE(std::holds_alternative<CodeRange>(r));
    return std::get<CodeRange>(r);
}

struct ErrorCase {
    std::string_view pattern;
    std::string_view message;
    size_t offset;
};

}  // namespace

TEST_CASE("class patterns match exactly one character per position", "[code_pattern]") {
    auto p = pat("U05[45]");
    CHECK(p.matches("U054"));
    CHECK(p.matches("U055"));
    CHECK_FALSE(p.matches("U053"));
    CHECK_FALSE(p.matches("U056"));
    CHECK_FALSE(p.matches("U05"));
    CHECK_FALSE(p.matches("U0545"));  // no '*': whole code must match
    CHECK_FALSE(p.matches("V055"));
    CHECK_FALSE(p.matches(""));

    auto q = pat("U13[2356]");
    CHECK(q.matches("U132"));
    CHECK(q.matches("U136"));
    CHECK_FALSE(q.matches("U134"));
}

TEST_CASE("ranges inside classes", "[code_pattern]") {
    auto p = pat("C[0-9][0-9]");
    CHECK(p.matches("C00"));
    CHECK(p.matches("C50"));
    CHECK(p.matches("C99"));
    CHECK_FALSE(p.matches("C509"));
    CHECK_FALSE(p.matches("CA0"));
    CHECK_FALSE(p.matches("D00"));

    auto d = pat("D4[0-8]");
    CHECK(d.matches("D40"));
    CHECK(d.matches("D48"));
    CHECK_FALSE(d.matches("D49"));

    auto mixed = pat("X[0-2A-CZ]");
    CHECK(mixed.matches("X1"));
    CHECK(mixed.matches("XB"));
    CHECK(mixed.matches("XZ"));
    CHECK_FALSE(mixed.matches("X3"));
    CHECK_FALSE(mixed.matches("XD"));
}

TEST_CASE("negated classes allow every other code character", "[code_pattern]") {
    auto p = pat("D[^0-4]1");
    CHECK(p.matches("D51"));
    CHECK(p.matches("D91"));
    CHECK(p.matches("DA1"));
    CHECK(p.matches("DZ1"));
    CHECK_FALSE(p.matches("D01"));
    CHECK_FALSE(p.matches("D41"));
    CHECK_FALSE(p.matches("D5"));
    CHECK_FALSE(p.matches("D511"));
    CHECK_FALSE(p.matches("D.1"));  // not a code character at all
}

TEST_CASE("a trailing star matches any continuation, including none", "[code_pattern]") {
    auto p = pat("C50*");
    CHECK(p.matches("C50"));
    CHECK(p.matches("C509"));
    CHECK(p.matches("C501"));
    CHECK(p.matches("C50ABC"));
    CHECK_FALSE(p.matches("C5"));
    CHECK_FALSE(p.matches("C51"));
    CHECK_FALSE(p.matches("C4"));

    auto q = pat("D[0-9][0-9]*");
    CHECK(q.matches("D00"));
    CHECK(q.matches("D489"));
    CHECK_FALSE(q.matches("DX0"));
    CHECK_FALSE(q.matches("D4"));
}

TEST_CASE("plain codes match only themselves", "[code_pattern]") {
    auto p = pat("Z665");
    CHECK(p.matches("Z665"));
    CHECK_FALSE(p.matches("Z6650"));
    CHECK_FALSE(p.matches("Z66"));
    CHECK_FALSE(p.matches("Z666"));
    CHECK_FALSE(p.matches("z665"));  // callers pass normalised codes
}

TEST_CASE("lower-case patterns are upper-cased", "[code_pattern]") {
    auto p = pat("u05[45]");
    CHECK(p.text() == "U05[45]");
    CHECK(p.matches("U055"));
    auto q = pat("d[^a-c]1*");
    CHECK(q.text() == "D[^A-C]1*");
    CHECK(q.matches("DD1"));
    CHECK_FALSE(q.matches("DB1"));
}

TEST_CASE("pattern shape queries", "[code_pattern]") {
    CHECK(pat("Z665").is_exact());
    CHECK_FALSE(pat("Z665").is_prefix());
    CHECK_FALSE(pat("U05[45]").is_exact());
    CHECK_FALSE(pat("U05[5]").is_exact());
    CHECK_FALSE(pat("C50*").is_exact());
    CHECK(pat("C50*").is_prefix());
    CHECK(pat("D[0-9]*").is_prefix());

    CHECK(pat("Z665").min_length() == 4);
    CHECK(pat("U05[45]").min_length() == 4);
    CHECK(pat("C50*").min_length() == 3);
    CHECK(pat("D[^0-4]1").min_length() == 3);

    CHECK(pat("C[0-9][0-9]").text() == "C[0-9][0-9]");
    CHECK(pat("c50*").text() == "C50*");
}

TEST_CASE("malformed code patterns report the offending offset", "[code_pattern]") {
    const ErrorCase cases[] = {
        {"", "empty code pattern", 0},
        {"U05[45", "unclosed character class '[' in code pattern", 3},
        {"[", "unclosed character class '[' in code pattern", 0},
        {"C[]1", "empty character class '[]' in code pattern", 1},
        {"C[^]", "empty character class '[^]' in code pattern", 1},
        {"C[9-0]", "reversed range '9-0' in code pattern", 2},
        {"C[z-a]", "reversed range 'Z-A' in code pattern", 2},
        {"C[0-Z]", "range '0-Z' mixes digits and letters in code pattern", 2},
        {"C[A-%]", "invalid character '%' in code pattern (use like for SQL wildcards)", 4},
        {"%U05", "invalid character '%' in code pattern (use like for SQL wildcards)", 0},
        {"U05_", "invalid character '_' in code pattern (use like for SQL wildcards)", 3},
        {"C50.9", "invalid character '.' in code pattern (write codes without dots)", 3},
        {"Z 665", "invalid character ' ' in code pattern", 1},
        {"Z665 ", "invalid character ' ' in code pattern", 4},
        {"C50-9", "invalid character '-' in code pattern (ranges go inside a class, e.g. [0-9])", 3},
        {"C[-9]", "invalid character '-' in code pattern (ranges go inside a class, e.g. [0-9])", 2},
        {"C[0-]", "invalid character '-' in code pattern (ranges go inside a class, e.g. [0-9])", 3},
        {"C[4[5]", "invalid character '[' in code pattern", 3},
        {"C[*]", "invalid character '*' in code pattern", 2},
        {"^C50", "invalid character '^' in code pattern", 0},
        {"C5\x01", "invalid character byte 0x01 in code pattern", 2},
        {"C*0", "'*' may only end a code pattern", 1},
        {"C**", "'*' may only end a code pattern", 1},
        {"*", "'*' needs at least one character before it in a code pattern", 0},
        {"C50]", "']' without a matching '[' in code pattern", 3},
        {"]", "']' without a matching '[' in code pattern", 0},
        {"X[^0-9A-Z]", "character class matches no character in code pattern", 1},
    };
    for (const auto& c : cases) {
        INFO("pattern: '" << c.pattern << "'");
        auto r = CodePattern::parse(c.pattern);
        REQUIRE(std::holds_alternative<PatternError>(r));
        const auto& e = std::get<PatternError>(r);
        CHECK(e.message == c.message);
        CHECK(e.offset == c.offset);
    }
}

TEST_CASE("code range C00..C99 compares the first three characters", "[code_range]") {
    auto r = range("C00", "C99");
    CHECK(r.text() == "C00..C99");
    CHECK(r.matches("C00"));
    CHECK(r.matches("C99"));
    CHECK(r.matches("C999"));
    CHECK(r.matches("C509"));
    CHECK(r.matches("C50"));
    CHECK_FALSE(r.matches("B99"));
    CHECK_FALSE(r.matches("D00"));
    CHECK_FALSE(r.matches("C9"));  // shorter than the bounds
    CHECK_FALSE(r.matches(""));
}

TEST_CASE("code range D37..D48 at its edges", "[code_range]") {
    auto r = range("D37", "D48");
    CHECK(r.matches("D37"));
    CHECK(r.matches("D370"));
    CHECK(r.matches("D40"));
    CHECK(r.matches("D48"));
    CHECK(r.matches("D489"));
    CHECK_FALSE(r.matches("D36"));
    CHECK_FALSE(r.matches("D369"));
    CHECK_FALSE(r.matches("D49"));
    CHECK_FALSE(r.matches("D490"));
}

TEST_CASE("code range bounds are upper-cased and may be equal", "[code_range]") {
    auto r = range("c50", "c50");
    CHECK(r.low() == "C50");
    CHECK(r.high() == "C50");
    CHECK(r.text() == "C50..C50");
    CHECK(r.matches("C50"));
    CHECK(r.matches("C509"));
    CHECK_FALSE(r.matches("C51"));

    auto letters = range("A", "C");
    CHECK(letters.matches("B12"));
    CHECK_FALSE(letters.matches("D12"));
}

TEST_CASE("malformed code ranges report offsets into LOW..HIGH", "[code_range]") {
    struct RangeCase {
        std::string_view low, high, message;
        size_t offset;
    };
    const RangeCase cases[] = {
        {"C00", "C999", "range bounds must have the same length ('C00' has 3 characters, 'C999' has 4)", 5},
        {"C99", "C00", "range low bound 'C99' is above high bound 'C00'", 0},
        {"d48", "d37", "range low bound 'D48' is above high bound 'D37'", 0},
        {"", "C99", "range low bound is empty", 0},
        {"C00", "", "range high bound is empty", 5},
        {"C0.0", "C99", "invalid character '.' in range low bound", 2},
        {"C00", "C9 9", "invalid character ' ' in range high bound", 7},
        {"C0*", "C99", "invalid character '*' in range low bound", 2},
        {"C[0]", "C99", "invalid character '[' in range low bound", 1},
    };
    for (const auto& c : cases) {
        INFO("range: '" << c.low << "'..'" << c.high << "'");
        auto r = CodeRange::parse(c.low, c.high);
        REQUIRE(std::holds_alternative<PatternError>(r));
        const auto& e = std::get<PatternError>(r);
        CHECK(e.message == c.message);
        CHECK(e.offset == c.offset);
    }
}
