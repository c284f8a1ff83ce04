// DataTable: one pass over a CSV file to find where each record starts, then records parsed again on demand.
#include "waymark/studio/data_table.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <istream>
#include <iterator>
#include <numeric>
#include <streambuf>

#include "waymark/runtime/csv_reader.h"

namespace waymark::studio {
namespace {

// Lets the runtime's CsvReader (which reads an istream) read bytes already in memory without copying them.
class MemoryBuffer : public std::streambuf {
public:
  MemoryBuffer(const char* begin, const char* end) {
    char* b = const_cast<char*>(begin); // only ever read: the get area is never written through
    setg(b, b, b + (end - begin));
  }
};

class MemoryStream : private MemoryBuffer, public std::istream {
public:
  explicit MemoryStream(std::string_view bytes)
      : MemoryBuffer(bytes.data(), bytes.data() + bytes.size()), std::istream(static_cast<MemoryBuffer*>(this)) {}
};

std::string fields(size_t n) { return std::to_string(n) + (n == 1 ? " field" : " fields"); }

// The reason a header row cannot be used, as `waymark run` words it, or "".
std::string header_problem(const std::vector<std::string>& header) {
  std::vector<size_t> order(header.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return header[a] < header[b]; });
  for (size_t i = 1; i < order.size(); ++i) {
    const std::string& name = header[order[i]];
    if (!name.empty() && name == header[order[i - 1]])
      return "the header names column '" + name + "' twice (columns " + std::to_string(order[i - 1] + 1) + " and " +
             std::to_string(order[i] + 1) + ")";
  }
  return "";
}

} // namespace

void DataTable::clear() {
  path_.clear();
  bytes_.clear();
  bytes_.shrink_to_fit();
  header_.clear();
  rows_.clear();
  rows_.shrink_to_fit();
  problems_.clear();
}

bool DataTable::open(const std::string& path, std::string& error) {
  clear();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open '" + path + "'";
    return false;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = "reading '" + path + "' failed";
    return false;
  }
  if (!open_bytes(std::move(bytes), error)) return false;
  path_ = path;
  return true;
}

bool DataTable::open_bytes(std::string bytes, std::string& error) {
  clear();
  bytes_ = std::move(bytes);
  if (index_records(error)) return true;
  clear();
  return false;
}

// Records start at the start of a physical line (a record ends with its line's LF), so a record's offset is found
// from its line by walking the LFs once, in step with the reader.
bool DataTable::index_records(std::string& error) {
  MemoryStream in(bytes_);
  rt::CsvReader reader(in);
  rt::CsvRecord record;
  if (!reader.next(record)) {
    error = "the file is empty: it has no header row";
    return false;
  }
  if (!record.ok()) {
    error = "the header row (line " + std::to_string(record.line) + ") is malformed: " + record.error;
    return false;
  }
  header_.assign(record.fields.begin(), record.fields.end());
  error = header_problem(header_);
  if (!error.empty()) return false;

  const char* const data = bytes_.data();
  uint64_t offset = 0, line = 1; // the start of physical line `line`
  while (reader.next(record)) {
    while (line < record.line) {
      const void* lf = std::memchr(data + offset, '\n', bytes_.size() - offset);
      offset = static_cast<const char*>(lf) - data + 1; // the reader saw this line end, so it is there
      ++line;
    }
    const size_t row = rows_.size();
    rows_.push_back({offset, record.line});
    if (!record.ok())
      problems_.push_back({row, record.line, record.error});
    else if (record.fields.size() != header_.size())
      problems_.push_back({row, record.line,
                           "expected " + fields(header_.size()) + ", found " + std::to_string(record.fields.size())});
  }
  rows_.shrink_to_fit();
  return true;
}

std::vector<std::string> DataTable::row(size_t index) const {
  std::vector<std::string> cells;
  read_row(index, cells);
  return cells;
}

void DataTable::read_row(size_t index, std::vector<std::string>& cells) const {
  const uint64_t begin = rows_[index].offset;
  const uint64_t end = index + 1 < rows_.size() ? rows_[index + 1].offset : bytes_.size();
  MemoryStream in(std::string_view(bytes_).substr(begin, end - begin));
  rt::CsvOptions options;
  options.chunk_bytes = std::max<size_t>(end - begin, 1); // one read holds the whole record
  rt::CsvReader reader(in, options);
  rt::CsvRecord record;
  if (!reader.next(record)) { // a blank line alone: the reader drops it as trailing, but it is one empty field
    cells.resize(1);
    cells[0].clear();
    return;
  }
  cells.resize(record.fields.size());
  for (size_t i = 0; i < cells.size(); ++i) cells[i].assign(record.fields[i]);
}

const RowProblem* DataTable::problem(size_t row) const {
  auto it = std::lower_bound(problems_.begin(), problems_.end(), row,
                             [](const RowProblem& p, size_t r) { return p.row < r; });
  return it != problems_.end() && it->row == row ? &*it : nullptr;
}

void DataTable::visit_rows(void* context, RowVisitor visitor) const {
  MemoryStream in(bytes_);
  rt::CsvReader reader(in);
  rt::CsvRecord record;
  if (!reader.next(record)) return; // the header
  size_t row = 0;
  auto problem = problems_.begin(); // sorted by row: walked in step
  while (reader.next(record) && row < rows_.size()) {
    std::string_view reason;
    if (problem != problems_.end() && problem->row == row) reason = (problem++)->reason;
    visitor(context, row++, record.fields, reason);
  }
}

} // namespace waymark::studio
