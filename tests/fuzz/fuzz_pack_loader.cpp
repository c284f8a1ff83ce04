// Fuzz target: any bytes through the rule-pack loader. It must never crash, leak or hang; what it refuses
// it refuses with a reason; and what it accepts must be safe to run: the program evaluates one record of
// missing fields, and writes back to exactly the bytes it came from (a pack has one encoding).
// The first byte is not pack: when its low bit is set the checksum is recomputed before loading, so that
// mutations get past it to the parser and the verifier (a 64-bit checksum stops nearly every mutant
// otherwise). So each seed in pack_seeds/ starts with the control byte 0x01 before its pack.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pack_layout.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/pack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace waymark::rt;
  if (size == 0) return 0;
  const uint8_t control = data[0];
  std::vector<uint8_t> bytes(data + 1, data + size);
  if (control & 1) pack::reseal(bytes);

  auto result = load_pack(bytes);
  if (const auto *error = std::get_if<PackError>(&result)) {
    if (error->message.empty() || error->offset > bytes.size()) __builtin_trap();
    return 0;
  }
  const Program &program = std::get<Program>(result);
  if (write_pack(program) != bytes) __builtin_trap();

  Machine machine(program);
  const std::vector<std::string_view> missing(program.fields.size());
  std::string error;
  // A record with a required or key field missing is refused, and must then not be evaluated.
  if (machine.read(missing, error)) machine.evaluate();
  return 0;
}
