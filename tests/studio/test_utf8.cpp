// Character boundaries for the Studio's cursor: never inside a multi-byte character, and invalid bytes one each.
#include <catch2/catch.hpp>

#include <string>

#include "waymark/studio/utf8.h"

using namespace waymark::studio;

TEST_CASE("utf8: steps over whole characters forwards and backwards") {
  const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"; // a é € 😀 z
  CHECK(next_char(text, 0) == 1);
  CHECK(next_char(text, 1) == 3);
  CHECK(next_char(text, 3) == 6);
  CHECK(next_char(text, 6) == 10);
  CHECK(next_char(text, 10) == 11);
  CHECK(next_char(text, 11) == 11);
  CHECK(previous_char(text, 11) == 10);
  CHECK(previous_char(text, 10) == 6);
  CHECK(previous_char(text, 6) == 3);
  CHECK(previous_char(text, 3) == 1);
  CHECK(previous_char(text, 1) == 0);
  CHECK(previous_char(text, 0) == 0);
  CHECK(char_count(text, text.size()) == 5);
  CHECK(byte_of_char(text, 3) == 6);
  CHECK(byte_of_char(text, 99) == text.size());
}

TEST_CASE("utf8: invalid and truncated bytes are one character each") {
  const std::string text = "\xC3" "a\x80\xE2\x82"; // a lead without its continuation, a stray continuation, a cut €
  CHECK(char_length(text, 0) == 1);
  CHECK(next_char(text, 0) == 1);
  CHECK(next_char(text, 1) == 2);
  CHECK(next_char(text, 2) == 3);
  CHECK(next_char(text, 3) == 4);
  CHECK(next_char(text, 4) == 5);
  CHECK(previous_char(text, 5) == 4);
  CHECK(previous_char(text, 4) == 3);
  CHECK(previous_char(text, 3) == 2);
  CHECK(char_count(text, text.size()) == 5);
}
