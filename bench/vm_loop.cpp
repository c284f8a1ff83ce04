// waymark-vm-loop PACK CSV [REPEAT]: the VM alone over records already in memory (one contiguous buffer),
// best of REPEAT passes, in nanoseconds per record. Built twice, with and without the trace hook
// (WAYMARK_NO_TRACE_HOOK), so that bench/trace_hook_cost.sh can show what tracing costs when it is off.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "waymark/runtime/csv_reader.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/pack.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: waymark-vm-loop PACK CSV [REPEAT]\n";
    return 2;
  }
  std::ifstream pack_file(argv[1], std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(pack_file)), std::istreambuf_iterator<char>());
  auto loaded = waymark::rt::load_pack(bytes);
  if (auto* error = std::get_if<waymark::rt::PackError>(&loaded)) {
    std::cerr << argv[1] << ": " << error->message << "\n";
    return 3;
  }
  const auto& program = std::get<waymark::rt::Program>(loaded);

  // Columns by header name, cells into one buffer.
  std::ifstream csv(argv[2], std::ios::binary);
  waymark::rt::CsvReader reader(csv, {});
  waymark::rt::CsvRecord record;
  if (!reader.next(record)) return 3;
  std::vector<size_t> column_of_field;
  for (const auto& field : program.fields) {
    auto it = std::find(record.fields.begin(), record.fields.end(), program.str(field.column));
    if (it == record.fields.end()) return 3;
    column_of_field.push_back(static_cast<size_t>(it - record.fields.begin()));
  }
  std::string cells;
  std::vector<std::pair<size_t, size_t>> spans; // per record, per field
  while (reader.next(record)) {
    if (!record.error.empty()) continue;
    for (size_t column : column_of_field) {
      spans.emplace_back(cells.size(), record.fields[column].size());
      cells.append(record.fields[column]);
    }
  }
  const size_t fields = column_of_field.size(), records = fields ? spans.size() / fields : 0;

  waymark::rt::Machine machine(program);
  std::vector<std::string_view> raw(fields);
  std::string error;
  const int repeat = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  double best = 1e300;
  size_t labelled = 0;
  for (int pass = 0; pass < repeat; ++pass) {
    labelled = 0;
    const auto start = std::chrono::steady_clock::now();
    for (size_t r = 0; r < records; ++r) {
      for (size_t f = 0; f < fields; ++f) raw[f] = std::string_view(cells.data() + spans[r * fields + f].first, spans[r * fields + f].second);
      if (!machine.read(raw, error)) continue;
      machine.evaluate();
      labelled += !machine.fired().empty();
    }
    const std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count() / static_cast<double>(records));
  }
  std::cout << best << " ns/record over " << records << " records (" << labelled << " with a rule fired)\n";
  return 0;
}
