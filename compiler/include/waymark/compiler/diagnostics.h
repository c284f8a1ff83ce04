#pragma once
// Diagnostics in the form `path:line:col: error: message`, followed by the source line and a caret.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "waymark/compiler/source.h"

namespace waymark {

enum class Severity : uint8_t { Error, Warning };

// A place in a file: 1-based line and column, and how many characters to underline.
struct Span {
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t length = 1; // characters to underline, on this line
  uint32_t extent = 0; // characters from the start to the end of the construct, across lines (0: unknown)
};

struct Diagnostic {
  Severity severity;
  const SourceFile* file; // null for problems that belong to no file (a command-line path, say)
  std::string path;       // used when file is null
  Span span;
  std::string message;
  std::string line_text; // the source line, copied so the diagnostic outlives its file
};

class Diagnostics {
public:
  void error(const SourceFile& file, Span span, std::string message);
  void warning(const SourceFile& file, Span span, std::string message);
  void error_at_path(std::string path, std::string message);
  // Forgets which SourceFile each diagnostic came from (before the files are freed); rendering is unchanged.
  void detach_sources();

  const std::vector<Diagnostic>& all() const { return items_; }
  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }

  // Sorted by file, then line and column, so output is stable whatever order passes ran in.
  void sort();
  void render(std::ostream& out, bool color) const;

private:
  void add(Severity severity, const SourceFile& file, Span span, std::string message);
  std::vector<Diagnostic> items_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
};

const char* to_string(Severity severity);
// One diagnostic, with its source line and caret, as `waymark check` prints it.
std::string render(const Diagnostic& diagnostic, bool color);

} // namespace waymark
