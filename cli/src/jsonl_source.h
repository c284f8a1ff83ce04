#pragma once
// JSON Lines input for batch runs: one JSON object per line, its keys the column names.
//
// A value may be a string, a number, true/false or null, and reads as the text a CSV field would hold: a string
// as it is, a number as written ("27.5", "45"), a boolean as "true" or "false"; null, "" and an absent key are
// missing. A line is rejected, with the reason, when it is not valid JSON, not an object, holds a nested object
// or array as the value of a column the program reads, or names such a column twice. Lines holding only
// whitespace are skipped. Lines are read in large chunks; a line longer than max_line_bytes is rejected
// without being stored.
#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/batch.h"

namespace waymark::cli {

class JsonlSource final : public rt::RecordSource {
public:
  explicit JsonlSource(std::istream& in, size_t max_line_bytes = size_t{16} << 20);
  ~JsonlSource() override;
  bool open(std::string& error) override;
  const std::vector<std::string>* header() const override { return nullptr; }
  void select(const std::vector<std::string>& columns) override;
  bool next(rt::SourceRecord& record) override;
  int64_t position() override { return rt::stream_position(in_); }
  std::string failure() const override;

  class Parser; // the SAX handler, defined in the .cpp

private:
  enum class Line { Ok, TooLong, End };
  Line next_line(std::string_view& line);
  bool refill();

  std::istream& in_;
  size_t max_line_bytes_;
  std::vector<char> buffer_;
  size_t begin_ = 0, end_ = 0; // bytes of buffer_ read but not yet consumed
  bool eof_ = false;
  uint64_t line_ = 0;
  std::unique_ptr<Parser> parser_;
};

} // namespace waymark::cli
