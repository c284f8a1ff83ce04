#include "waymark/runtime/source_text.h"

#include <algorithm>

namespace waymark::rt {

SourceText::SourceText(const Program& p) : p_(p), line_starts_(p.sources.size()) {
  for (size_t s = 0; s < p.sources.size(); ++s) {
    if (!p.sources[s].has_text) continue;
    const std::string& text = p.sources[s].text;
    auto& starts = line_starts_[s];
    starts.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts.push_back(i + 1);
  }
}

std::pair<uint64_t, uint64_t> SourceText::interval(const SourceLocation& at) const {
  uint64_t start = uint64_t{at.line} << 32 | at.column;
  if (const char* p = position(at)) start = characters_before(at.source, p);
  return {start, start + std::max<uint32_t>(at.length, 1)};
}

std::string SourceText::quote(const SourceLocation& at) const {
  const char* p = position(at);
  if (!p || at.length == 0) return "line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
  const std::string& text = p_.sources[at.source].text;
  const char* end = text.data() + text.size();
  std::string out;
  for (uint32_t n = 0; p < end && n < at.length; ++n) {
    const char* next = p + 1;
    while (next < end && (static_cast<unsigned char>(*next) & 0xC0) == 0x80) ++next; // whole UTF-8 characters
    const bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
    if (!space) out.append(p, next);
    else if (!out.empty() && out.back() != ' ') out += ' ';
    p = next;
  }
  return out;
}

std::string SourceText::where(const SourceLocation& at) const {
  const std::string path = at.source < p_.sources.size() ? p_.str(p_.sources[at.source].path) : "?";
  return path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

const char* SourceText::position(const SourceLocation& at) const {
  if (at.source >= p_.sources.size() || line_starts_[at.source].empty()) return nullptr;
  const auto& starts = line_starts_[at.source];
  if (at.line == 0 || at.line > starts.size()) return nullptr;
  const std::string& text = p_.sources[at.source].text;
  const char* p = text.data() + starts[at.line - 1];
  const char* end = text.data() + text.size();
  for (uint32_t c = 1; c < at.column && p < end; ++c) {
    ++p;
    while (p < end && (static_cast<unsigned char>(*p) & 0xC0) == 0x80) ++p;
  }
  return p;
}

uint64_t SourceText::characters_before(uint32_t source, const char* p) const {
  const std::string& text = p_.sources[source].text;
  uint64_t n = 0;
  for (const char* q = text.data(); q < p; ++q) n += (static_cast<unsigned char>(*q) & 0xC0) != 0x80;
  return n;
}

} // namespace waymark::rt
