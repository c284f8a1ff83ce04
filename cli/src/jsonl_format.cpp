// JsonlFormat: evaluated records as JSON objects, one per line.
#include "jsonl_format.h"

#include <charconv>

namespace waymark::cli {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one (overlong, surrogate, > U+10FFFF).
size_t utf8_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  size_t n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0;
  if (b >= 0xF5 || n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  const unsigned char c = byte(i + 1);
  if (b == 0xE0 && c < 0xA0) return 0; // overlong
  if (b == 0xED && c >= 0xA0) return 0; // UTF-16 surrogate
  if (b == 0xF0 && c < 0x90) return 0; // overlong
  if (b == 0xF4 && c >= 0x90) return 0; // beyond U+10FFFF
  return n;
}

// A decimal as format_output writes it is a JSON number unless it is something like "inf" or "nan".
bool is_json_number(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

} // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  size_t plain = 0; // start of the run of bytes copied as they are
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (size_t n = utf8_length(text, i)) {
        i += n;
        continue;
      }
    }
    out.append(text.substr(plain, i - plain));
    switch (c) {
    case '"': out.append("\\\""); break;
    case '\\': out.append("\\\\"); break;
    case '\n': out.append("\\n"); break;
    case '\r': out.append("\\r"); break;
    case '\t': out.append("\\t"); break;
    default:
      if (c < 0x20) {
        out.append("\\u00");
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
      } else {
        out.append("\\ufffd"); // a byte that is not valid UTF-8
      }
    }
    plain = ++i;
  }
  out.append(text.substr(plain));
  out.push_back('"');
}

JsonlFormat::JsonlFormat(const rt::Program& program, const std::string& key_column) {
  key_prefix_ = "{";
  append_json_string(key_prefix_, key_column);
  key_prefix_.push_back(':');
  for (const auto& output : program.outputs) {
    std::string prefix = ",";
    append_json_string(prefix, program.str(output.name));
    prefix.push_back(':');
    prefixes_.push_back(std::move(prefix));
    types_.push_back(output.type);
  }
}

void JsonlFormat::record(std::string_view key, const rt::Machine& machine, std::string& scratch,
                         std::string& out) const {
  out.append(key_prefix_);
  append_json_string(out, key);
  for (uint32_t o = 0; o < prefixes_.size(); ++o) {
    out.append(prefixes_[o]);
    const rt::Reg& value = machine.output(o);
    const rt::ValueType type = types_[o];
    if (!value.present) {
      out.append("null");
    } else if (type.list) {
      out.push_back('[');
      bool first = true;
      for (const rt::Text& item : machine.items(value)) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, item.view());
      }
      out.push_back(']');
    } else if (type.base == rt::BaseType::Bool) {
      out.append(value.i != 0 ? "true" : "false");
    } else if (type.base == rt::BaseType::Int) {
      char digits[24];
      out.append(digits, std::to_chars(digits, digits + sizeof digits, value.i).ptr);
    } else {
      scratch.clear();
      machine.format_output(o, scratch);
      if (type.base == rt::BaseType::Decimal && is_json_number(scratch)) out.append(scratch);
      else append_json_string(out, scratch);
    }
  }
  out.append("}\n");
}

} // namespace waymark::cli
