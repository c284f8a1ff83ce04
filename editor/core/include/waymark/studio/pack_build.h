#pragma once
// The Build command: the open buffer compiled as its file, as `waymark build` would, into a pack's bytes with a
// hash to show and compare; then, when asked, those bytes written to a chosen file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "waymark/studio/live_check.h"

namespace waymark::studio {

struct BuiltPack {
  std::vector<uint8_t> bytes;
  std::string hash; // XXH64 of `bytes`, as 16 lowercase hex digits
  size_t rules = 0, instructions = 0, outputs = 0, inputs = 0;
};

// Compiles `text` as the file `path` (imports read from its folder, as compile_buffer does) and writes the program
// as a pack. Nothing when it has errors; they go to `errors` (sorted by file, line and column) when given.
std::optional<BuiltPack> build_pack(const std::string &path, const std::string &text,
                                    std::vector<Marker> *errors = nullptr);

// Writes the pack's bytes to `target` atomically (write_file_atomically). False, with `error` set
// ("cannot write PATH: reason"), when it cannot; the target is then as it was.
bool export_pack(const BuiltPack &pack, const std::filesystem::path &target, std::string &error);

} // namespace waymark::studio
