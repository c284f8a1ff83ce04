#include "vm_engine.h"

#include <sstream>
#include <stdexcept>

#include "waymark/compiler/program_loader.h"
#include "waymark/runtime/machine.h"

namespace waymark::bench {
namespace {

rt::Program compile(const std::string& pathway) {
  Diagnostics diagnostics;
  auto program = load_program(pathway, diagnostics);
  if (!program) {
    std::ostringstream text;
    diagnostics.render(text, false);
    throw std::runtime_error(pathway + " does not compile:\n" + text.str());
  }
  return std::move(*program);
}

} // namespace

VmEngine::VmEngine(const std::string& pathway) : program_(compile(pathway)) {
  for (const auto& field : program_.fields) {
    const std::string& column = program_.str(field.column);
    uint32_t c = 0;
    while (c < kColumnCount && kColumnNames[c] != column) ++c;
    if (c == kColumnCount) throw std::runtime_error(pathway + " reads a column the records lack: " + column);
    field_columns_.push_back(static_cast<Column>(c));
  }
  uint32_t o = 0;
  while (o < program_.outputs.size() && program_.str(program_.outputs[o].name) != "category") ++o;
  if (o == program_.outputs.size()) throw std::runtime_error(pathway + " has no output named category");
  category_ = o;
}

uint64_t VmEngine::classify(const RecordTable& table, std::vector<uint8_t>& labelled) const {
  rt::Machine machine(program_);
  std::vector<std::string_view> raw(field_columns_.size());
  std::string error;
  uint64_t count = 0;
  labelled.resize(table.size());
  for (size_t r = 0; r < table.size(); ++r) {
    for (size_t f = 0; f < raw.size(); ++f) raw[f] = table.field(r, field_columns_[f]);
    if (!machine.read(raw, error)) {
      throw std::runtime_error("the VM did not read record " + std::string(table.field(r, kId)) + ": " + error);
    }
    machine.evaluate();
    bool yes = machine.output(category_).present;
    labelled[r] = yes;
    count += yes;
  }
  return count;
}

} // namespace waymark::bench
