#pragma once
// Saving without losing anything: the new bytes go to a temporary file beside the target, reach the disk, and only
// then replace the target in one rename. A crash or a failed write leaves either the old file or the new one, never
// half of each.
#include <filesystem>
#include <string>
#include <string_view>

namespace waymark::studio {

// Writes `bytes` to `path` atomically, keeping the permission bits (and, where allowed, the owner) of the file it
// replaces; a symbolic link is kept and the file it points to is replaced. On failure returns false, sets `error`
// ("cannot write PATH: reason"), leaves the target as it was and removes the temporary file.
bool write_file_atomically(const std::filesystem::path &path, std::string_view bytes, std::string &error);

// Reads the whole file, byte for byte (no newline translation). On failure returns false and sets `error`
// ("cannot read PATH: reason").
bool read_file(const std::filesystem::path &path, std::string &bytes, std::string &error);

} // namespace waymark::studio
