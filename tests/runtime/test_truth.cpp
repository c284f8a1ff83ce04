#include <catch2/catch.hpp>

#include "waymark/runtime/truth.h"

using namespace waymark::rt;

namespace {
constexpr Truth F = Truth::False, T = Truth::True, U = Truth::Unknown;
}

TEST_CASE("truth_and follows the Kleene table", "[truth]") {
    CHECK(truth_and(F, F) == F);
    CHECK(truth_and(F, T) == F);
    CHECK(truth_and(F, U) == F);
    CHECK(truth_and(T, F) == F);
    CHECK(truth_and(T, T) == T);
    CHECK(truth_and(T, U) == U);
    CHECK(truth_and(U, F) == F);
    CHECK(truth_and(U, T) == U);
    CHECK(truth_and(U, U) == U);
}

TEST_CASE("truth_or follows the Kleene table", "[truth]") {
    CHECK(truth_or(F, F) == F);
    CHECK(truth_or(F, T) == T);
    CHECK(truth_or(F, U) == U);
    CHECK(truth_or(T, F) == T);
    CHECK(truth_or(T, T) == T);
    CHECK(truth_or(T, U) == T);
    CHECK(truth_or(U, F) == U);
    CHECK(truth_or(U, T) == T);
    CHECK(truth_or(U, U) == U);
}

TEST_CASE("truth_not leaves unknown unknown", "[truth]") {
    CHECK(truth_not(F) == T);
    CHECK(truth_not(T) == F);
    CHECK(truth_not(U) == U);
}

TEST_CASE("truth operations are usable at compile time", "[truth]") {
    static_assert(truth_and(T, U) == U);
    static_assert(truth_or(F, U) == U);
    static_assert(truth_not(truth_not(T)) == T);
    static_assert(to_truth(true) == T && to_truth(false) == F);
    STATIC_REQUIRE(to_string(U) == "unknown");
}

TEST_CASE("truth values have fixed encodings and names", "[truth]") {
    CHECK(static_cast<int>(F) == 0);
    CHECK(static_cast<int>(T) == 1);
    CHECK(static_cast<int>(U) == 2);
    CHECK(to_string(F) == "false");
    CHECK(to_string(T) == "true");
    CHECK(to_string(U) == "unknown");
}
