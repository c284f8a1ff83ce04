// CsvSource: records from RFC 4180 CSV with a header row, for batch runs.
#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "waymark/runtime/batch.h"

namespace waymark::rt {
namespace {

std::string fields(size_t n) { return std::to_string(n) + (n == 1 ? " field" : " fields"); }

} // namespace

int64_t stream_position(std::istream& in) {
  std::streambuf* buf = in.rdbuf();
  if (buf == nullptr) return -1;
  // On the buffer, not the stream: tellg() gives -1 once the stream has seen end of input.
  std::streampos at = buf->pubseekoff(0, std::ios_base::cur, std::ios_base::in);
  return at == std::streampos(-1) ? -1 : static_cast<int64_t>(at);
}

CsvSource::CsvSource(std::istream& in, CsvOptions options) : in_(in), reader_(in, options) {}

bool CsvSource::open(std::string& error) {
  if (!reader_.next(record_)) {
    error = in_.bad() ? "reading the input failed" : "the input is empty: it has no header row";
    return false;
  }
  if (!record_.ok()) {
    error = "the header row (line " + std::to_string(record_.line) + ") is malformed: " + record_.error;
    return false;
  }
  header_.assign(record_.fields.begin(), record_.fields.end());
  // Duplicate names make "the column named X" ambiguous. Empty names (trailing commas) are never read by a field.
  std::vector<size_t> order(header_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return header_[a] < header_[b]; });
  for (size_t i = 1; i < order.size(); ++i) {
    const std::string& name = header_[order[i]];
    if (!name.empty() && name == header_[order[i - 1]]) {
      error = "the header names column '" + name + "' twice (columns " + std::to_string(order[i - 1] + 1) + " and " +
              std::to_string(order[i] + 1) + ")";
      return false;
    }
  }
  return true;
}

void CsvSource::select(const std::vector<std::string>& columns) {
  std::unordered_map<std::string_view, int64_t> index;
  for (size_t i = 0; i < header_.size(); ++i) index.emplace(header_[i], static_cast<int64_t>(i));
  selected_.clear();
  for (const auto& column : columns) {
    auto it = index.find(column);
    selected_.push_back(it == index.end() ? -1 : it->second);
  }
}

bool CsvSource::next(SourceRecord& record) {
  if (!reader_.next(record_)) return false;
  record.line = record_.line;
  record.error = record_.error;
  const size_t n = record_.fields.size();
  if (record.error.empty() && n != header_.size())
    record.error = "expected " + fields(header_.size()) + ", found " + std::to_string(n);
  record.cells.resize(selected_.size());
  for (size_t i = 0; i < selected_.size(); ++i) {
    int64_t at = selected_[i];
    record.cells[i] = at >= 0 && static_cast<size_t>(at) < n ? record_.fields[static_cast<size_t>(at)] : std::string_view();
  }
  return true;
}

std::string CsvSource::failure() const { return in_.bad() ? "reading the input failed" : ""; }

} // namespace waymark::rt
