#pragma once
// Character positions in a program's embedded sources: to quote a construct as written, to say where it is, and
// to tell which construct holds which (explanations and coverage both find a condition's tests this way).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "waymark/runtime/program.h"

namespace waymark::rt {

class SourceText {
public:
  explicit SourceText(const Program& p);

  // [first, last) as an absolute character position within the source (lines apart when it has no text).
  std::pair<uint64_t, uint64_t> interval(const SourceLocation& at) const;
  // The construct's text with its line breaks and indentation folded to single spaces, or "line L, column C"
  // when the program does not embed the source.
  std::string quote(const SourceLocation& at) const;
  // path:line:col, the path as the program stores it.
  std::string where(const SourceLocation& at) const;

private:
  const char* position(const SourceLocation& at) const;
  uint64_t characters_before(uint32_t source, const char* p) const;

  const Program& p_;
  std::vector<std::vector<size_t>> line_starts_;
};

} // namespace waymark::rt
