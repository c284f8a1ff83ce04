// Reading a record into the machine's field slots: the one place raw input text becomes typed values.
// The rules match the reference evaluator's (tests/reference/reference_evaluator.h) exactly.
#include <charconv>
#include <cmath>

#include "waymark/runtime/code.h"
#include "waymark/runtime/date.h"
#include "waymark/runtime/machine.h"

namespace waymark::rt {
namespace {

constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// SQL Server compares text, and matches LIKE, ignoring trailing blanks in the value ('02 ' = '02'); a text input
// drops them when it is read, so every comparison, `in`, `one of` and `like` agrees with the SQL it ports.
// Only spaces: they are what SQL pads with, and a trailing tab is data. A value of blanks alone stays present and
// empty, as in SQL ('   ' is not NULL).
std::string_view without_trailing_blanks(std::string_view text) noexcept {
  size_t n = text.size();
  while (n > 0 && text[n - 1] == ' ') --n;
  return text.substr(0, n);
}

bool equals_folded(std::string_view raw, std::string_view lower_word) {
  if (raw.size() != lower_word.size()) return false;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_word[i]) return false;
  }
  return true;
}

// Length of the longest delimiter starting at raw[pos], or 0.
size_t delimiter_at(std::string_view raw, size_t pos, const std::vector<StringId>& delimiters, const Program& p) {
  size_t best = 0;
  for (StringId d : delimiters) {
    const std::string& s = p.str(d);
    if (s.size() > best && raw.substr(pos).starts_with(s)) best = s.size();
  }
  return best;
}

} // namespace

Text Machine::to_code(std::string_view raw) {
  size_t b = 0, e = raw.size();
  while (b < e && is_space(raw[b])) ++b;
  while (e > b && is_space(raw[e - 1])) --e;
  char* out = arena_.space(e - b);
  uint32_t n = 0;
  for (size_t i = b; i < e; ++i) {
    char c = raw[i];
    if (c == '.') continue; // "C50.9" is written with or without the dot
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out[n++] = c;
  }
  arena_.commit(n);
  return Text{out, n, Text::kNotLooked};
}

bool Machine::read(std::span<const std::string_view> raw, std::string& error) {
  error.clear();
  if (raw.size() != fields_.size()) {
    error = "expected " + std::to_string(fields_.size()) + " field values, got " + std::to_string(raw.size());
    return false;
  }
  if (++epoch_ == 0) { // after 2^32 records: start the epochs again
    std::fill(define_epoch_.begin(), define_epoch_.end(), 0);
    std::fill(group_epoch_.begin(), group_epoch_.end(), 0);
    epoch_ = 1;
  }
  items_.clear();
  arena_.reset();
  bool ok = true;
  for (uint32_t f = 0; f < fields_.size(); ++f) {
    // The common cases inline: an optional field that is empty, holds plain text, or a whole number that
    // reads. Everything else (and every failure, with its message) goes the long way.
    const std::string_view text = raw[f];
    Reg& slot = fields_[f];
    if (text.empty() && fast_read_[f] != FastRead::None) { // an optional field left empty: missing
      slot.present = false;
      continue;
    }
    switch (fast_read_[f]) {
    case FastRead::Text:
      slot.s = Text{text.data(), static_cast<uint32_t>(without_trailing_blanks(text).size()), Text::kNotLooked};
      slot.present = true;
      continue;
    case FastRead::Int: {
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), slot.i);
      if (ec != std::errc() || end != text.data() + text.size()) break;
      slot.present = true;
      continue;
    }
    case FastRead::None: break;
    }
    ok = read_field(f, text, error) && ok;
  }
  return ok;
}

bool Machine::read_field(uint32_t index, std::string_view raw, std::string& error) {
  const FieldInfo& field = program_.fields[index];
  Reg& slot = fields_[index];
  slot.present = false;
  auto fail = [&](const std::string& why) {
    if (!error.empty()) error += "; ";
    error += "column '" + program_.str(field.column) + "' (" + rt::to_string(field.type) + " input '" +
             program_.str(field.name) + "'): " + why;
    return false;
  };
  if (raw.empty()) {
    if (!field.required && !field.key) return true;
    if (!error.empty()) error += "; ";
    error += "column '" + program_.str(field.column) + "' (input '" + program_.str(field.name) + "') is required but missing";
    return false;
  }
  auto quote = [&] { return "\"" + std::string(raw) + "\""; };
  if (field.type.list) {
    const uint32_t first = static_cast<uint32_t>(items_.size());
    size_t start = 0, pos = 0;
    auto emit = [&](std::string_view piece) {
      Text code = to_code(piece);
      if (code.size == 0) return true; // blank pieces (",,", a leading "||") are skipped
      if (!is_valid_code(code.view())) return fail("'" + std::string(code.view()) + "' in " + quote() + " is not a valid code");
      items_.push_back(code);
      return true;
    };
    while (pos < raw.size()) {
      const size_t len = delimiter_at(raw, pos, field.delimiters, program_);
      if (len == 0) {
        ++pos;
        continue;
      }
      if (!emit(raw.substr(start, pos - start))) return false;
      pos += len;
      start = pos;
    }
    if (!emit(raw.substr(start))) return false;
    slot.list = CodeList{first, static_cast<uint32_t>(items_.size()) - first};
    slot.present = true;
    return true;
  }
  switch (field.type.base) {
  case BaseType::Bool:
    if (equals_folded(raw, "true") || equals_folded(raw, "yes") || raw == "1" || equals_folded(raw, "agree")) {
      slot.i = 1;
    } else if (equals_folded(raw, "false") || equals_folded(raw, "no") || raw == "0" || equals_folded(raw, "disagree")) {
      slot.i = 0;
    } else {
      return fail(quote() + " is not true or false");
    }
    break;
  case BaseType::Int: {
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), slot.i);
    if (ec != std::errc() || end != raw.data() + raw.size()) return fail(quote() + " is not a whole number");
    break;
  }
  case BaseType::Decimal: {
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), slot.d, std::chars_format::fixed);
    if (ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(slot.d)) return fail(quote() + " is not a number");
    break;
  }
  case BaseType::Text: {
    const auto size = static_cast<uint32_t>(without_trailing_blanks(raw).size());
    slot.s = field.intern ? intern(raw.data(), size) : Text{raw.data(), size, Text::kNotLooked};
    break;
  }
  case BaseType::Date: {
    auto days = parse_iso_date(raw);
    if (!days) return fail(quote() + " is not a date (YYYY-MM-DD)");
    slot.i = *days;
    break;
  }
  case BaseType::Code: {
    Text code = to_code(raw);
    if (!is_valid_code(code.view())) return fail(quote() + " is not a valid code");
    slot.s = field.intern ? intern(code.data, code.size) : code;
    break;
  }
  }
  slot.present = true;
  if (!field.one_of.empty() && !is_allowed(field, slot)) {
    slot.present = false;
    return fail(quote() + " is not one of the values the input allows");
  }
  return true;
}

bool Machine::is_allowed(const FieldInfo& field, const Reg& value) const {
  for (uint32_t k : field.one_of) {
    const Reg& allowed = constants_[k];
    switch (program_.constants[k].type) {
    case RegType::Bool: case RegType::Int:
      if (allowed.i == value.i) return true;
      break;
    case RegType::Dec:
      if (allowed.d == value.d) return true;
      break;
    case RegType::Text:
      if (allowed.s.view() == value.s.view()) return true;
      break;
    case RegType::List: break;
    }
  }
  return false;
}

} // namespace waymark::rt
