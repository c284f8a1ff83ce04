#pragma once
// Writes generated rows as CSV in 1 MiB blocks, whatever the kind of row.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace waymark::datagen {

// Writes `header`, then `rows` rows: `generator.next(row)` makes each and `append_csv_row(buffer, row)` appends it
// as one line. Returns false on a write error.
template <typename Generator, typename Row>
bool write_generated_csv(std::FILE* out, std::string_view header, uint64_t rows, Generator& generator, Row& row) {
  constexpr size_t kFlushBytes = size_t{1} << 20;
  std::string buffer;
  buffer.reserve(kFlushBytes + 4096);
  buffer.append(header).append("\n");
  for (uint64_t i = 0; i < rows; ++i) {
    generator.next(row);
    append_csv_row(buffer, row);
    if (buffer.size() >= kFlushBytes) {
      if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) return false;
      buffer.clear();
    }
  }
  if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) return false;
  return std::fflush(out) == 0;
}

} // namespace waymark::datagen
