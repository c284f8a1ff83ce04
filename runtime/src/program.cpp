#include "waymark/runtime/program.h"

namespace waymark::rt {

RegType reg_type_of(ValueType type) {
  if (type.list) return RegType::List;
  switch (type.base) {
  case BaseType::Bool: return RegType::Bool;
  case BaseType::Int: case BaseType::Date: return RegType::Int;
  case BaseType::Decimal: return RegType::Dec;
  case BaseType::Text: case BaseType::Code: return RegType::Text;
  }
  return RegType::Int;
}

const char* to_string(RegType type) {
  switch (type) {
  case RegType::Bool: return "bool";
  case RegType::Int: return "int";
  case RegType::Dec: return "dec";
  case RegType::Text: return "text";
  case RegType::List: return "list";
  }
  return "?";
}

namespace {
// The symbol of a normalised code character: '0'-'9' -> 0-9, 'A'-'Z' -> 10-35; anything else has none.
constexpr int code_symbol(unsigned char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}
} // namespace

bool CodeAutomaton::matches(std::string_view code) const noexcept {
  uint32_t state = start;
  for (unsigned char c : code) {
    // Only a code is in a code set: past an entry's trailing '*' the rest must still be code characters.
    const int symbol = code_symbol(c);
    if (symbol < 0) return false;
    if (state > kAccept) state = next[size_t{state} * kSymbols + static_cast<uint32_t>(symbol)];
    else if (state == kDead) return false;
  }
  return state == kAccept || accept_end[state];
}

bool LikeAutomaton::matches(std::string_view text) const noexcept {
  uint32_t state = start;
  const uint32_t* table = next.data();
  for (unsigned char c : text) {
    if (state <= kAccept) break;
    state = table[size_t{state} * 256 + c];
  }
  return state == kAccept || accept_end[state];
}

uint64_t MultiLikeAutomaton::matches(std::string_view text) const noexcept {
  uint32_t state = start;
  const uint32_t* table = next.data();
  const uint8_t* cls = byte_class.data();
  for (unsigned char c : text) {
    if (final[state]) break;
    state = table[size_t{state} * classes + cls[c]];
  }
  return accept[state];
}

} // namespace waymark::rt
