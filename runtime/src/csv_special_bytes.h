#pragma once
// The bytes that give a CSV field its structure (RFC 4180): the reader stops an unquoted run at them, and the
// writer quotes a field that holds any of them.
#include <array>

namespace waymark::rt {

inline constexpr std::array<bool, 256> kCsvSpecialBytes = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('"')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  return t;
}();

} // namespace waymark::rt
