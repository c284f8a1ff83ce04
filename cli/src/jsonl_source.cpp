// JsonlSource: records from JSON Lines, parsed with nlohmann::json's SAX interface (no document is built).
#include "jsonl_source.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace waymark::cli {
namespace {

constexpr size_t kChunk = size_t{1} << 20;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// "[json.exception.parse_error.101] parse error at line 1, column 6: syntax error ..." → "column 6: syntax error ..."
std::string parse_message(const std::string& what) {
  std::string_view m = what;
  if (auto at = m.find("] "); m.starts_with("[json.exception.") && at != std::string_view::npos) m.remove_prefix(at + 2);
  for (std::string_view prefix : {"parse error at line 1, ", "parse error: "})
    if (m.starts_with(prefix)) m.remove_prefix(prefix.size());
  return "not valid JSON: " + std::string(m);
}

} // namespace

// Collects one line's top-level values into cells of the selected columns.
class JsonlSource::Parser final : public nlohmann::json_sax<nlohmann::json> {
public:
  void select(const std::vector<std::string>& columns) {
    index_.clear();
    for (size_t i = 0; i < columns.size(); ++i) index_.emplace(columns[i], static_cast<int64_t>(i));
    spans_.assign(columns.size(), {0, 0});
    set_.assign(columns.size(), false);
  }

  // Parses one line into record.cells (views into this parser, valid until the next parse) and record.error.
  void parse(std::string_view line, rt::SourceRecord& record) {
    text_.clear();
    std::fill(set_.begin(), set_.end(), false);
    depth_ = 0;
    column_ = -1;
    error_ = &record.error;
    error_->clear();
    nlohmann::json::sax_parse(line.data(), line.data() + line.size(), this);
    record.cells.resize(spans_.size());
    for (size_t i = 0; i < spans_.size(); ++i)
      record.cells[i] = set_[i] ? std::string_view(text_).substr(spans_[i].first, spans_[i].second) : std::string_view();
  }

  size_t width() const { return spans_.size(); }

  bool null() override { return scalar("null", {}); }
  bool boolean(bool value) override { return scalar("a boolean", value ? "true" : "false"); }
  bool number_integer(number_integer_t value) override { return number(value); }
  bool number_unsigned(number_unsigned_t value) override { return number(value); }
  bool number_float(number_float_t value, const string_t& raw) override {
    if (raw.find_first_of("eE") == std::string::npos) return scalar("a number", raw); // as written: "27.50"
    // An exponent, which no Waymark type reads: the value in plain notation instead ("1e2" is "100").
    char digits[400]; // enough for any double in fixed notation
    auto end = std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed).ptr;
    return scalar("a number", std::string_view(digits, static_cast<size_t>(end - digits)));
  }
  bool string(string_t& value) override { return scalar("a string", value); }
  bool binary(binary_t&) override { return scalar("binary data", {}); }
  bool start_object(std::size_t) override { return open("an object"); }
  bool start_array(std::size_t) override { return open("an array"); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    if (depth_ != 1) return true;
    key_.assign(name);
    auto it = index_.find(std::string_view(name));
    column_ = it == index_.end() ? -1 : it->second;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    fail(parse_message(e.what()));
    return false;
  }

private:
  void fail(std::string message) {
    if (error_->empty()) *error_ = std::move(message);
  }

  template <class Int>
  bool number(Int value) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return scalar("a number", std::string_view(digits, static_cast<size_t>(end - digits)));
  }

  // A value at the top level of the object; null reads as "", which is missing.
  bool scalar(const char* what, std::string_view text) {
    if (depth_ == 0) {
      fail(std::string("expected a JSON object, found ") + what);
      return false;
    }
    if (depth_ > 1 || column_ < 0) return true;
    auto c = static_cast<size_t>(column_);
    if (set_[c]) {
      fail("the key '" + key_ + "' appears twice"); // ambiguous: the first value is kept, the line rejected
      return true;
    }
    spans_[c] = {text_.size(), text.size()};
    text_.append(text);
    set_[c] = true;
    return true;
  }

  bool open(const char* what) {
    if (depth_ == 1 && column_ >= 0)
      fail("the value of '" + key_ + "' is " + what + "; expected a string, number, true, false or null");
    if (depth_ == 0 && std::strcmp(what, "an object") != 0) {
      fail(std::string("expected a JSON object, found ") + what);
      return false;
    }
    ++depth_;
    return true;
  }

  bool close() {
    --depth_;
    return true;
  }

  std::unordered_map<std::string, int64_t, StringHash, std::equal_to<>> index_;
  std::vector<std::pair<size_t, size_t>> spans_; // per column: offset and length in text_
  std::vector<bool> set_;
  std::string text_, key_;
  int depth_ = 0;
  int64_t column_ = -1; // the selected column the current top-level key names, or -1
  std::string* error_ = nullptr;
};

JsonlSource::JsonlSource(std::istream& in, size_t max_line_bytes)
    : in_(in), max_line_bytes_(max_line_bytes), buffer_(2 * kChunk), parser_(std::make_unique<Parser>()) {}

JsonlSource::~JsonlSource() = default;

bool JsonlSource::open(std::string&) { return true; }

void JsonlSource::select(const std::vector<std::string>& columns) { parser_->select(columns); }

std::string JsonlSource::failure() const { return in_.bad() ? "reading the input failed" : ""; }

// One more chunk after end_, first sliding what is unconsumed to the front, growing the buffer for a long line.
bool JsonlSource::refill() {
  if (eof_) return false;
  if (buffer_.size() - end_ < kChunk) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    if (buffer_.size() - end_ < kChunk) buffer_.resize(std::max(end_ + kChunk, 2 * buffer_.size()));
  }
  in_.read(buffer_.data() + end_, static_cast<std::streamsize>(kChunk));
  auto got = static_cast<size_t>(in_.gcount());
  end_ += got;
  if (got < kChunk) eof_ = true;
  return got > 0;
}

// The next physical line, without its LF (or CRLF). A line over the limit is skipped to its end, not stored.
JsonlSource::Line JsonlSource::next_line(std::string_view& line) {
  auto take = [&](size_t stop) {
    line = std::string_view(buffer_.data() + begin_, stop - begin_);
    if (line.ends_with('\r')) line.remove_suffix(1);
  };
  size_t scanned = 0; // bytes after begin_ known to hold no newline
  bool too_long = false;
  for (;;) {
    const char* from = buffer_.data() + begin_ + scanned;
    if (auto nl = static_cast<const char*>(std::memchr(from, '\n', end_ - begin_ - scanned))) {
      auto stop = static_cast<size_t>(nl - buffer_.data());
      ++line_;
      too_long = too_long || stop - begin_ > max_line_bytes_;
      if (!too_long) take(stop);
      begin_ = stop + 1;
      return too_long ? Line::TooLong : Line::Ok;
    }
    if (end_ - begin_ > max_line_bytes_) { // drop what is read of an over-long line
      too_long = true;
      begin_ = end_;
    }
    scanned = end_ - begin_;
    if (refill()) continue;
    if (begin_ == end_ && !too_long) return Line::End;
    ++line_; // a last line without a line ending
    if (!too_long) take(end_);
    begin_ = end_;
    return too_long ? Line::TooLong : Line::Ok;
  }
}

bool JsonlSource::next(rt::SourceRecord& record) {
  std::string_view line;
  for (;;) {
    Line got = next_line(line);
    if (got == Line::End) return false;
    record.line = line_;
    if (got == Line::TooLong) {
      record.cells.assign(parser_->width(), std::string_view());
      record.error = "record is larger than " + std::to_string(max_line_bytes_ >> 20) + " MiB";
      return true;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue; // a blank line is no record
    parser_->parse(line, record);
    return true;
  }
}

} // namespace waymark::cli
