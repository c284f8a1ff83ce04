#pragma once
// A source file held in memory, with line starts for turning offsets into line:column.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

class SourceFile {
public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  // The text of a 1-based line, without its line ending; empty if out of range.
  std::string_view line(uint32_t line) const;

private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

// Rule sources are small; anything bigger than this is refused rather than read.
inline constexpr uintmax_t kMaxSourceBytes = 16u << 20;

// Owns every file a run reads; pointers to them stay valid for its lifetime.
class SourceManager {
public:
  const SourceFile& add(std::string path, std::string text);
  // Reads a file from disk; on failure returns nullptr and sets `error`.
  const SourceFile* load(const std::string& path, std::string& error);

private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

} // namespace waymark
