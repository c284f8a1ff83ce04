#include "waymark/compiler/diagnostics.h"

#include <algorithm>
#include <ostream>

namespace waymark {

const char* to_string(Severity severity) {
  switch (severity) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  }
  return "error";
}

void Diagnostics::add(Severity severity, const SourceFile& file, Span span, std::string message) {
  items_.push_back(Diagnostic{severity, &file, file.path(), span, std::move(message), std::string(file.line(span.line))});
  if (severity == Severity::Error) ++errors_;
  if (severity == Severity::Warning) ++warnings_;
}

void Diagnostics::error(const SourceFile& file, Span span, std::string message) {
  add(Severity::Error, file, span, std::move(message));
}
void Diagnostics::warning(const SourceFile& file, Span span, std::string message) {
  add(Severity::Warning, file, span, std::move(message));
}
void Diagnostics::error_at_path(std::string path, std::string message) {
  items_.push_back(Diagnostic{Severity::Error, nullptr, std::move(path), Span{}, std::move(message), {}});
  ++errors_;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& x, const Diagnostic& y) {
    if (x.path != y.path) return x.path < y.path;
    if (x.span.line != y.span.line) return x.span.line < y.span.line;
    return x.span.column < y.span.column;
  });
}

std::string render(const Diagnostic& d, bool color) {
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  const char* tint = !color ? "" : d.severity == Severity::Error ? "\033[1;31m" : "\033[1;35m";
  std::string out = bold + d.path;
  if (d.span.line > 0) out += ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
  out += std::string(": ") + reset + tint + to_string(d.severity) + ":" + reset + " " + d.message + "\n";
  if (d.span.line > 0 && (d.file || !d.line_text.empty())) {
    std::string_view line = d.line_text;
    out.append(line);
    out += "\n";
    // Columns count characters, not bytes; keep tabs so the caret lines up under the source.
    std::string caret;
    uint32_t characters = 0, consumed = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue; // UTF-8 continuation byte
      ++characters;
      if (consumed + 1 < d.span.column) {
        caret += line[i] == '\t' ? '\t' : ' ';
        ++consumed;
      }
    }
    uint32_t available = d.span.column <= characters ? characters - d.span.column + 1 : 1;
    uint32_t width = std::max<uint32_t>(1, std::min(d.span.length, available));
    out += std::string(color ? "\033[1;32m" : "") + caret + "^" + std::string(width - 1, '~') + reset + "\n";
  }
  return out;
}

void Diagnostics::detach_sources() {
  for (auto& d : items_) d.file = nullptr;
}

void Diagnostics::render(std::ostream& out, bool color) const {
  for (const auto& d : items_) out << waymark::render(d, color);
}

} // namespace waymark
