// Fuzz target: any bytes through the CSV reader. It must never crash, leak or
// hang, and what it reads must not depend on how the input arrives: every input
// is read twice, in one chunk and in chunks of 1..16 bytes, and must agree.
// The first byte is not CSV: it picks the small chunk size and, when its top
// bit is set, tiny record limits so the over-limit skipping runs too. So each
// seed in csv_seeds/ starts with one such control byte before its CSV.
#include <cstddef>
#include <cstdint>
#include <istream>
#include <streambuf>
#include <string>
#include <vector>

#include "waymark/runtime/csv_reader.h"

namespace {

// Reads the fuzzer's bytes in place.
struct MemoryBuf : std::streambuf {
  MemoryBuf(const uint8_t *data, size_t size) {
    char *p = const_cast<char *>(reinterpret_cast<const char *>(data));
    setg(p, p, p + size);
  }
};

// Every record flattened: its line, error and fields, length-prefixed.
std::string read_all(const uint8_t *data, size_t size, waymark::rt::CsvOptions options) {
  MemoryBuf buf(data, size);
  std::istream in(&buf);
  waymark::rt::CsvReader reader(in, options);
  waymark::rt::CsvRecord record;
  std::string out;
  uint64_t last_line = 0;
  while (reader.next(record)) {
    if (record.line <= last_line) __builtin_trap(); // records move forward through the input
    last_line = record.line;
    out += std::to_string(record.line) + ":" + record.error + ":" + std::to_string(record.fields.size());
    for (auto f : record.fields) {
      out += "|" + std::to_string(f.size()) + ":";
      out.append(f.data(), f.size()); // touches every byte of every field
    }
    out += "\n";
  }
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  ++data;
  --size;
  waymark::rt::CsvOptions options;
  options.chunk_bytes = 1 + (control & 15);
  if (control & 0x80) {
    options.max_record_bytes = (control >> 4) & 7;
    options.max_fields = 1 + ((control >> 4) & 3);
  }
  const std::string small = read_all(data, size, options);
  options.chunk_bytes = size + 1;
  if (read_all(data, size, options) != small) __builtin_trap();
  return 0;
}
