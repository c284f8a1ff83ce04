// Changed on disk means different content (or a file come or gone), whatever the timestamps say.
#include <catch2/catch.hpp>

#include <chrono>

#include "temp_folder.h"
#include "waymark/studio/disk_state.h"

using namespace waymark::studio;
using namespace waymark::studio::testing;
namespace fs = std::filesystem;

namespace {

DiskState seen_after_writing(const fs::path &file, const std::string &bytes) {
  write_bytes(file, bytes);
  return DiskState::seen(file, bytes);
}

} // namespace

TEST_CASE("disk state: records what was seen") {
  TempFolder folder;
  const DiskState state = seen_after_writing(folder / "a.wm", "hello\r\n");
  CHECK(state.exists());
  CHECK(state.size() == 7);
  CHECK(state.mtime_ns() > 0);
  CHECK(state.hash() == content_hash("hello\r\n"));
  CHECK(content_hash("hello\r\n") != content_hash("hello\n"));
  const DiskState missing = DiskState::seen(folder / "missing.wm", "");
  CHECK_FALSE(missing.exists());
  CHECK_FALSE(DiskState().exists());
}

TEST_CASE("disk state: an untouched file has not changed") {
  TempFolder folder;
  DiskState state = seen_after_writing(folder / "a.wm", "rules");
  CHECK_FALSE(state.changed_on_disk(folder / "a.wm"));
  CHECK_FALSE(state.changed_on_disk(folder / "a.wm"));
}

TEST_CASE("disk state: modified content is a change, even with the same size") {
  TempFolder folder;
  const fs::path file = folder / "a.wm";
  DiskState state = seen_after_writing(file, "aaaa");
  write_bytes(file, "bbbb"); // same size, same inode, possibly the same timestamp tick
  CHECK(state.changed_on_disk(file));
  DiskState other = seen_after_writing(file, "short");
  write_bytes(file, "longer text");
  CHECK(other.changed_on_disk(file));
}

TEST_CASE("disk state: a touch without a content change is not a change") {
  TempFolder folder;
  const fs::path file = folder / "a.wm";
  DiskState state = seen_after_writing(file, "rules");
  const auto before = state.mtime_ns();
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(10));
  CHECK_FALSE(state.changed_on_disk(file));
  CHECK(state.mtime_ns() == before + 10'000'000'000); // adopted, so the next check can rely on it
  CHECK_FALSE(state.changed_on_disk(file));
  write_bytes(file, "rules"); // rewritten with the same bytes
  CHECK_FALSE(state.changed_on_disk(file));
}

TEST_CASE("disk state: a file replaced by a rename is a change unless its content is the same") {
  TempFolder folder;
  const fs::path file = folder / "a.wm";
  DiskState state = seen_after_writing(file, "version 1");
  write_bytes(folder / "incoming", "version 2");
  fs::rename(folder / "incoming", file);
  CHECK(state.changed_on_disk(file));

  DiskState again = seen_after_writing(file, "same");
  write_bytes(folder / "incoming", "same");
  fs::rename(folder / "incoming", file);
  CHECK_FALSE(again.changed_on_disk(file));
}

TEST_CASE("disk state: a deleted file is a change; a file that appears where there was none is too") {
  TempFolder folder;
  const fs::path file = folder / "a.wm";
  DiskState state = seen_after_writing(file, "rules");
  fs::remove(file);
  CHECK(state.changed_on_disk(file));

  DiskState nothing = DiskState::seen(folder / "b.wm", "");
  CHECK_FALSE(nothing.changed_on_disk(folder / "b.wm"));
  write_bytes(folder / "b.wm", "someone else's");
  CHECK(nothing.changed_on_disk(folder / "b.wm"));
}
