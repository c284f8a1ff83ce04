#include "waymark/runtime/csv_writer.h"

#include <array>

#include "csv_special_bytes.h"

namespace waymark::rt {

bool csv_needs_quotes(std::string_view field) noexcept {
  for (char c : field)
    if (kCsvSpecialBytes[static_cast<unsigned char>(c)]) return true;
  return false;
}

void append_csv_field(std::string& out, std::string_view field) {
  if (!csv_needs_quotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  size_t from = 0;
  for (size_t q = field.find('"'); q != std::string_view::npos; q = field.find('"', q + 1)) {
    out.append(field.substr(from, q + 1 - from)); // up to and including the quote
    out.push_back('"');                           // which is then doubled
    from = q + 1;
  }
  out.append(field.substr(from));
  out.push_back('"');
}

void append_csv_row(std::string& out, std::span<const std::string_view> fields) {
  if (fields.size() == 1 && fields[0].empty()) {
    out.append("\"\"\n");
    return;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_csv_field(out, fields[i]);
  }
  out.push_back('\n');
}

CsvWriter::CsvWriter(std::ostream& out, size_t flush_bytes) : out_(out), flush_bytes_(flush_bytes) {
  buffer_.reserve(flush_bytes_ + 256);
}

CsvWriter::~CsvWriter() { write_buffer(); }

void CsvWriter::field(std::string_view value) {
  if (fields_in_row_++ > 0) buffer_.push_back(',');
  row_empty_ = row_empty_ && value.empty();
  append_csv_field(buffer_, value);
}

void CsvWriter::end_row() {
  if (fields_in_row_ == 1 && row_empty_) buffer_.append("\"\"");
  buffer_.push_back('\n');
  fields_in_row_ = 0;
  row_empty_ = true;
  ++rows_;
  if (buffer_.size() >= flush_bytes_) write_buffer();
}

void CsvWriter::row(std::span<const std::string_view> fields) {
  for (auto f : fields) field(f);
  end_row();
}

void CsvWriter::write_buffer() {
  if (buffer_.empty()) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

bool CsvWriter::flush() {
  write_buffer();
  out_.flush();
  return static_cast<bool>(out_);
}

} // namespace waymark::rt
