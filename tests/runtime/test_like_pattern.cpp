#include <catch2/catch.hpp>

#include <random>

#include "waymark/runtime/like_pattern.h"

using namespace waymark::rt;

namespace {

LikePattern compile(std::string_view pattern) {
    auto r = LikePattern::compile(pattern);
    auto* e = std::get_if<PatternError>(&r);
    INFO("pattern '" << pattern << "' failed: " << (e ? e->message : ""));
    REQUIRE(std::holds_alternative<LikePattern>(r));
    return std::get<LikePattern>(r);
}

bool like(std::string_view text, std::string_view pattern) { return compile(pattern).matches(text); }

}  // namespace

TEST_CASE("EBI spinal imaging procedure patterns", "[like]") {
    CHECK(like("||U055 ,Z665", "%U05[45]%"));
    CHECK(like("||u054", "%U05[45]%"));
    CHECK(like("||A01 ,U054 ,B02", "%u05[45]%"));
    CHECK_FALSE(like("||U056 ,Z664", "%U05[45]%"));
    CHECK_FALSE(like("||U05", "%U05[45]%"));
    CHECK_FALSE(like("", "%U05[45]%"));

    CHECK(like("||U132", "%U13[2356]%"));
    CHECK(like("U136", "%U13[2356]%"));
    CHECK_FALSE(like("||U134 ,U131", "%U13[2356]%"));

    CHECK(like("||U212 ,Y981", "%U21[1267]%"));
    CHECK(like("||y981 ,u217", "%U21[1267]%"));
    CHECK_FALSE(like("||U213", "%U21[1267]%"));

    CHECK(like("||U055 ,Z665", "%Z665%"));
    CHECK(like("z665", "%Z665%"));
    CHECK_FALSE(like("||Z66 5", "%Z665%"));
    CHECK_FALSE(like("||Z664", "%Z665%"));

    CHECK(like("||O162 ,Z665", "%O162%"));
    CHECK_FALSE(like("||O16.2", "%O162%"));  // raw text: dots are not removed
    CHECK_FALSE(like("||0162", "%O162%"));   // zero is not the letter O
}

TEST_CASE("EBI cancer diagnosis patterns", "[like]") {
    const std::string_view no_cancer = "||E119 ,E780 ,J849 ||I801";
    CHECK_FALSE(like(no_cancer, "%C[0-9][0-9]%"));
    CHECK_FALSE(like(no_cancer, "%D0%"));
    CHECK_FALSE(like(no_cancer, "%D3[789]%"));
    CHECK_FALSE(like(no_cancer, "%D4[012345678]%"));

    CHECK(like("||E119 ,C509", "%C[0-9][0-9]%"));
    CHECK(like("||e119 ,c50", "%C[0-9][0-9]%"));
    CHECK_FALSE(like("||CA1 ,C5", "%C[0-9][0-9]%"));

    CHECK(like("||D05 ,E119", "%D0%"));
    CHECK(like("||E119 ,d0", "%D0%"));
    CHECK_FALSE(like("||D10", "%D0%"));
    CHECK(like("||AD01", "%D0%"));  // substring semantics, exactly as the SQL behaves

    CHECK(like("||D371", "%D3[789]%"));
    CHECK(like("||I801 ,d39 ", "%D3[789]%"));
    CHECK_FALSE(like("||D36 ,D30", "%D3[789]%"));

    CHECK(like("||D489", "%D4[012345678]%"));
    CHECK(like("||D40", "%D4[012345678]%"));
    CHECK_FALSE(like("||D49 ,D4", "%D4[012345678]%"));
}

TEST_CASE("like matches the whole text", "[like]") {
    CHECK(like("abc", "abc"));
    CHECK(like("ABC", "abc"));
    CHECK(like("abc", "ABC"));
    CHECK_FALSE(like("abcd", "abc"));
    CHECK_FALSE(like("ab", "abc"));
    CHECK_FALSE(like("xabc", "abc"));
    CHECK(like("", ""));
    CHECK_FALSE(like("a", ""));
    // No T-SQL trailing-space padding: spaces must be matched like any byte.
    CHECK_FALSE(like("abc ", "abc"));
    CHECK_FALSE(like("abc", "abc "));
}

TEST_CASE("percent matches any run, underscore exactly one character", "[like]") {
    CHECK(like("", "%"));
    CHECK(like("anything", "%"));
    CHECK(like("", "%%"));
    CHECK(like("a", "a%"));
    CHECK(like("ba", "%a"));
    CHECK_FALSE(like("ab", "%a"));
    CHECK(like("abc", "a_c"));
    CHECK_FALSE(like("ac", "a_c"));
    CHECK_FALSE(like("abbc", "a_c"));
    CHECK_FALSE(like("", "_"));
    CHECK_FALSE(like("", "%_"));
    CHECK(like("x", "%_"));
    CHECK_FALSE(like("a", "_%_"));
    CHECK(like("ab", "_%_"));
}

TEST_CASE("matching backtracks to the last percent", "[like]") {
    CHECK(like("aaab", "%aab"));
    CHECK(like("bbb", "%b_"));
    CHECK(like("abcbc", "a%bc"));
    CHECK(like("xabyabdabc", "%ab%abc"));
    CHECK_FALSE(like("xabyabdabd", "%ab%abc"));
    CHECK(like("mississippi", "m%iss%ppi"));
    CHECK_FALSE(like("mississippi", "m%iss%ppx"));
}

TEST_CASE("character sets, ranges and negation", "[like]") {
    CHECK(like("b", "[a-c]"));
    CHECK(like("B", "[a-c]"));
    CHECK_FALSE(like("d", "[a-c]"));
    CHECK(like("d", "[^a-c]"));
    CHECK_FALSE(like("B", "[^a-c]"));
    CHECK_FALSE(like("", "[^a-c]"));
    CHECK(like("5", "[0-9]"));
    CHECK(like("x", "[xyz]"));
    CHECK(like("Y", "[xyz]"));
    CHECK_FALSE(like("w", "[xyz]"));
    CHECK_FALSE(like("b", "[c-a]"));  // reversed range is empty, as in SQL
}

TEST_CASE("sets make wildcard characters literal", "[like]") {
    CHECK(like("%", "[%]"));
    CHECK_FALSE(like("a", "[%]"));
    CHECK(like("100%", "100[%]"));
    CHECK_FALSE(like("1000", "100[%]"));
    CHECK(like("_", "[_]"));
    CHECK_FALSE(like("x", "[_]"));
    CHECK(like("a_b", "a[_]b"));
    CHECK_FALSE(like("axb", "a[_]b"));
    CHECK(like("[", "[[]"));
    CHECK_FALSE(like("a", "[[]"));
}

TEST_CASE("dash first or last in a set is literal, and a closing bracket outside a set is literal", "[like]") {
    CHECK(like("-", "[-a]"));
    CHECK(like("a", "[-a]"));
    CHECK_FALSE(like("b", "[-a]"));
    CHECK(like("-", "[a-]"));
    CHECK(like("A", "[a-]"));
    CHECK_FALSE(like("b", "[a-]"));
    CHECK(like("a]b", "a]b"));
    CHECK(like("]", "]"));
    CHECK_FALSE(like("x", "]"));
}

TEST_CASE("non-ASCII bytes are ordinary characters", "[like]") {
    const std::string cafe = "caf\xC3\xA9";  // "café" in UTF-8
    CHECK(like(cafe, "caf%"));
    CHECK(like(cafe, "CAF__"));  // '_' is one byte: é needs two
    CHECK_FALSE(like(cafe, "caf_"));
    CHECK(like(cafe, "caf\xC3\xA9"));
    CHECK_FALSE(like(cafe, "caf\xC3\x89"));  // É/é are not folded
}

TEST_CASE("malformed like patterns", "[like]") {
    struct ErrorCase {
        std::string_view pattern, message;
        size_t offset;
    };
    const ErrorCase cases[] = {
        {"abc[", "unclosed '[' in like pattern", 3},
        {"%[a-c", "unclosed '[' in like pattern", 1},
        {"[", "unclosed '[' in like pattern", 0},
        {"[]", "empty set '[]' in like pattern", 0},
        {"a[^]", "empty set '[^]' in like pattern", 1},
        {"%D[]%", "empty set '[]' in like pattern", 2},
    };
    for (const auto& c : cases) {
        INFO("pattern: '" << c.pattern << "'");
        auto r = LikePattern::compile(c.pattern);
        REQUIRE(std::holds_alternative<PatternError>(r));
        const auto& e = std::get<PatternError>(r);
        CHECK(e.message == c.message);
        CHECK(e.offset == c.offset);
    }
}

TEST_CASE("like patterns keep their source text", "[like]") {
    CHECK(compile("%u05[45]%").text() == "%u05[45]%");
    CHECK(compile("").text() == "");
}

TEST_CASE("pathological patterns do not backtrack exponentially", "[like]") {
    const std::string as(10000, 'a');
    CHECK_FALSE(like(as, "%a%a%a%a%a%a%b"));
    CHECK(like(as + "b", "%a%a%a%a%a%a%b"));
    CHECK_FALSE(like(as, "%_%_%_%_%_%_%_%_%_%_%c"));
    CHECK_FALSE(like(as, "%[a]%[a]%[a]%[a]%[^a]"));
    CHECK(like(as, std::string(5000, '%') + "a"));
}

namespace {

// Exponential but obviously correct reference matcher over pattern pieces,
// each either "%" or one single-character test.
using Piece = std::string;

bool piece_matches(const Piece& p, char c) {
    auto lower = [](char x) { return (x >= 'A' && x <= 'Z') ? static_cast<char>(x - 'A' + 'a') : x; };
    if (p == "_") return true;
    if (p == "[ab]") return lower(c) == 'a' || lower(c) == 'b';
    if (p == "[^a]") return lower(c) != 'a';
    if (p == "[b-c]") return lower(c) == 'b' || lower(c) == 'c';
    return lower(c) == lower(p[0]);
}

bool reference(const std::vector<Piece>& ps, size_t k, std::string_view s) {
    if (k == ps.size()) return s.empty();
    if (ps[k] == "%") {
        for (size_t skip = 0; skip <= s.size(); ++skip)
            if (reference(ps, k + 1, s.substr(skip))) return true;
        return false;
    }
    return !s.empty() && piece_matches(ps[k], s[0]) && reference(ps, k + 1, s.substr(1));
}

}  // namespace

TEST_CASE("like agrees with a brute-force matcher on random inputs", "[like]") {
    const std::vector<Piece> alphabet{"a", "b", "A", "%", "%", "_", "[ab]", "[^a]", "[b-c]"};
    const std::string text_chars = "abcAB";
    std::mt19937 rng(12345);
    int matched = 0;
    for (int round = 0; round < 3000; ++round) {
        std::vector<Piece> pieces(rng() % 7);
        std::string pattern;
        for (auto& p : pieces) {
            p = alphabet[rng() % alphabet.size()];
            pattern += p;
        }
        std::string text(rng() % 9, ' ');
        for (char& c : text) c = text_chars[rng() % text_chars.size()];

        bool expected = reference(pieces, 0, text);
        matched += expected;
        INFO("pattern '" << pattern << "' text '" << text << "'");
        REQUIRE(compile(pattern).matches(text) == expected);
    }
    CHECK(matched > 100);  // the sample must exercise matches as well as misses
}
