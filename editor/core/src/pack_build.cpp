// A buffer into a pack: compile_buffer, then the runtime's pack writer, so the Studio builds what `waymark build`
// builds from the same text.
#include "waymark/studio/pack_build.h"

#include <cstdio>
#include <string_view>
#include <xxhash.h>

#include "waymark/runtime/pack.h"
#include "waymark/studio/atomic_file.h"
#include "waymark/studio/test_results.h"

namespace waymark::studio {

std::optional<BuiltPack> build_pack(const std::string &path, const std::string &text, std::vector<Marker> *errors) {
  const std::optional<rt::Program> program = compile_buffer(path, text, errors);
  if (!program) return std::nullopt;
  BuiltPack pack;
  pack.bytes = rt::write_pack(*program);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH64(pack.bytes.data(), pack.bytes.size(), 0)));
  pack.hash = hex;
  pack.rules = program->rules.size();
  pack.instructions = program->code.size();
  pack.outputs = program->outputs.size();
  pack.inputs = program->fields.size();
  return pack;
}

bool export_pack(const BuiltPack &pack, const std::filesystem::path &target, std::string &error) {
  const std::string_view bytes(reinterpret_cast<const char *>(pack.bytes.data()), pack.bytes.size());
  return write_file_atomically(target, bytes, error);
}

} // namespace waymark::studio
