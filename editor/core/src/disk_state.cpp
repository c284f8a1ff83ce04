// Metadata first, content when in doubt: stat is cheap enough for every poll, hashing only when something moved.
#include "waymark/studio/disk_state.h"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <string>
#include <sys/stat.h>
#include <xxhash.h>

#include "waymark/studio/atomic_file.h"

namespace waymark::studio {

namespace {

constexpr std::int64_t nanoseconds_per_second = 1'000'000'000;
// File times tick coarsely (a kernel tick; two seconds on FAT), so a change within this long of our look can leave
// every stat field as it was: then only the content can tell (git's "racy" case).
constexpr std::int64_t timestamp_granularity_ns = 2 * nanoseconds_per_second;

std::int64_t nanoseconds(const timespec &time) { return time.tv_sec * nanoseconds_per_second + time.tv_nsec; }

std::int64_t now_ns() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return nanoseconds(now);
}

} // namespace

std::uint64_t content_hash(std::string_view bytes) noexcept { return XXH3_64bits(bytes.data(), bytes.size()); }

DiskState DiskState::seen(const std::filesystem::path &path, std::string_view bytes) {
  DiskState state;
  state.seen_at_ns_ = now_ns();
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return state;
  state.exists_ = true;
  state.size_ = static_cast<std::uint64_t>(info.st_size);
  state.mtime_ns_ = nanoseconds(info.st_mtim);
  state.ctime_ns_ = nanoseconds(info.st_ctim);
  state.device_ = static_cast<std::uint64_t>(info.st_dev);
  state.inode_ = static_cast<std::uint64_t>(info.st_ino);
  state.hash_ = content_hash(bytes);
  return state;
}

bool DiskState::changed_on_disk(const std::filesystem::path &path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return exists_ || (errno != ENOENT && errno != ENOTDIR);
  if (!exists_) return true;
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size != size_) return true;
  const bool same_metadata = nanoseconds(info.st_mtim) == mtime_ns_ && nanoseconds(info.st_ctim) == ctime_ns_ &&
                             static_cast<std::uint64_t>(info.st_ino) == inode_ &&
                             static_cast<std::uint64_t>(info.st_dev) == device_;
  const bool settled_when_seen = seen_at_ns_ - std::max(mtime_ns_, ctime_ns_) > timestamp_granularity_ns;
  if (same_metadata && settled_when_seen) return false;

  std::string bytes, error;
  if (!read_file(path, bytes, error)) return true;
  if (content_hash(bytes) != hash_) return true;
  // Same bytes: a touch, or a rewrite with the same content. Nothing to protect; remember the new metadata.
  *this = seen(path, bytes);
  return false;
}

} // namespace waymark::studio
