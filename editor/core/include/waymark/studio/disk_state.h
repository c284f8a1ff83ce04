#pragma once
// What we last saw on disk for a document's file, so that a save never silently overwrites someone else's change
// (another editor, git checkout, a formatter). Content decides: a touch that leaves the bytes alone is no change.
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace waymark::studio {

// A fast 64-bit hash of file contents (XXH3); equal hashes stand for equal contents.
std::uint64_t content_hash(std::string_view bytes) noexcept;

class DiskState {
public:
  // Nothing seen: no file (a document not yet saved, or a file that did not exist).
  DiskState() = default;
  // The file at `path` right after we read or wrote exactly `bytes` there.
  static DiskState seen(const std::filesystem::path &path, std::string_view bytes);

  bool exists() const { return exists_; }
  std::uint64_t size() const { return size_; }
  std::int64_t mtime_ns() const { return mtime_ns_; }
  std::uint64_t hash() const { return hash_; }

  // True when the file was modified, replaced, deleted or created by someone else since it was seen. Reads the
  // file only when its metadata moved (or moved too recently to trust); after a touch-only change it adopts the new
  // metadata so the next check is cheap again. A file that cannot be inspected counts as changed: better to ask.
  bool changed_on_disk(const std::filesystem::path &path);

private:
  bool exists_ = false;
  std::uint64_t size_ = 0;
  std::int64_t mtime_ns_ = 0;
  std::int64_t ctime_ns_ = 0; // no one can set it back, unlike mtime
  std::uint64_t device_ = 0;
  std::uint64_t inode_ = 0; // a rename over the file changes it
  std::uint64_t hash_ = 0;
  std::int64_t seen_at_ns_ = 0;
};

} // namespace waymark::studio
