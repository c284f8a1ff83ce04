// A document's file: open, save, save as and reload, never overwriting a change made on disk without being told to.
#include <catch2/catch.hpp>

#include "temp_folder.h"
#include "waymark/studio/document_file.h"

using namespace waymark::studio;
using namespace waymark::studio::testing;
namespace fs = std::filesystem;

TEST_CASE("document file: open reads the bytes exactly and save writes them exactly") {
  TempFolder folder;
  const fs::path file = folder / "rules.wm";
  write_bytes(file, "rule a\r\nrule b\r\n");
  DocumentFile document;
  std::string text;
  REQUIRE(document.open(file, text));
  CHECK(text == "rule a\r\nrule b\r\n");
  CHECK(document.path() == file);
  CHECK(document.disk_state().exists());
  CHECK_FALSE(document.changed_on_disk());
  CHECK(document.save(text + "rule c\r\n") == SaveOutcome::Saved);
  CHECK(read_bytes(file) == "rule a\r\nrule b\r\nrule c\r\n");
  CHECK_FALSE(document.changed_on_disk());
  CHECK(document.save("again") == SaveOutcome::Saved); // our own save is not someone else's change
  CHECK(read_bytes(file) == "again");
}

TEST_CASE("document file: a failed open keeps the document as it was") {
  TempFolder folder;
  write_bytes(folder / "rules.wm", "rules");
  DocumentFile document;
  std::string text;
  REQUIRE(document.open(folder / "rules.wm", text));
  std::string other = "unchanged";
  CHECK_FALSE(document.open(folder / "missing.wm", other));
  CHECK(other == "unchanged");
  CHECK(document.last_error() == "cannot read " + (folder / "missing.wm").string() + ": No such file or directory");
  CHECK(document.path() == folder / "rules.wm");
}

TEST_CASE("document file: save refuses when the file changed on disk, unless told to overwrite") {
  TempFolder folder;
  const fs::path file = folder / "rules.wm";
  write_bytes(file, "mine");
  DocumentFile document;
  std::string text;
  REQUIRE(document.open(file, text));
  write_bytes(file, "THEIRS");
  CHECK(document.changed_on_disk());
  CHECK(document.save("mine, edited") == SaveOutcome::ChangedOnDisk);
  CHECK(read_bytes(file) == "THEIRS");
  CHECK(document.save("mine, edited", true) == SaveOutcome::Saved);
  CHECK(read_bytes(file) == "mine, edited");
  CHECK_FALSE(document.changed_on_disk());
}

TEST_CASE("document file: save refuses when the file was deleted or replaced") {
  TempFolder folder;
  const fs::path file = folder / "rules.wm";
  write_bytes(file, "mine");
  DocumentFile document;
  std::string text;
  REQUIRE(document.open(file, text));
  fs::remove(file);
  CHECK(document.save("edited") == SaveOutcome::ChangedOnDisk);
  CHECK_FALSE(fs::exists(file));
  CHECK(document.save("edited", true) == SaveOutcome::Saved);

  write_bytes(folder / "incoming", "replaced");
  fs::rename(folder / "incoming", file);
  CHECK(document.save("edited again") == SaveOutcome::ChangedOnDisk);
  CHECK(read_bytes(file) == "replaced");
}

TEST_CASE("document file: a touch does not block the save") {
  TempFolder folder;
  const fs::path file = folder / "rules.wm";
  write_bytes(file, "mine");
  DocumentFile document;
  std::string text;
  REQUIRE(document.open(file, text));
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
  CHECK(document.save("edited") == SaveOutcome::Saved);
}

TEST_CASE("document file: reload takes the disk's version and accepts it as seen") {
  TempFolder folder;
  const fs::path file = folder / "rules.wm";
  write_bytes(file, "mine");
  DocumentFile document;
  std::string text;
  REQUIRE(document.open(file, text));
  write_bytes(file, "theirs\n");
  REQUIRE(document.changed_on_disk());
  REQUIRE(document.reload(text));
  CHECK(text == "theirs\n");
  CHECK_FALSE(document.changed_on_disk());
  CHECK(document.save("merged") == SaveOutcome::Saved);
}

TEST_CASE("document file: an untitled document needs save as") {
  TempFolder folder;
  DocumentFile document;
  CHECK_FALSE(document.has_path());
  CHECK(document.save("new rules") == SaveOutcome::NoPath);
  std::string text;
  CHECK_FALSE(document.reload(text));
  CHECK_FALSE(document.changed_on_disk());
  REQUIRE(document.save_as(folder / "new.wm", "new rules") == SaveOutcome::Saved);
  CHECK(document.path() == folder / "new.wm");
  CHECK(read_bytes(folder / "new.wm") == "new rules");
  CHECK(document.save("more rules") == SaveOutcome::Saved);
  CHECK(read_bytes(folder / "new.wm") == "more rules");
}

TEST_CASE("document file: save as moves the document to the new file; a failed one changes nothing") {
  TempFolder folder;
  write_bytes(folder / "a.wm", "a");
  write_bytes(folder / "blocker", "a file, not a folder");
  DocumentFile document;
  std::string text;
  REQUIRE(document.open(folder / "a.wm", text));
  CHECK(document.save_as(folder / "blocker" / "b.wm", "b") == SaveOutcome::Failed);
  CHECK(document.last_error().find("Not a directory") != std::string::npos);
  CHECK(document.path() == folder / "a.wm");
  REQUIRE(document.save_as(folder / "b.wm", "b") == SaveOutcome::Saved);
  CHECK(document.path() == folder / "b.wm");
  CHECK(read_bytes(folder / "a.wm") == "a");
  write_bytes(folder / "a.wm", "changed, but no longer ours");
  CHECK_FALSE(document.changed_on_disk());
}

TEST_CASE("document file: a failed save reports why and leaves the file alone") {
  TempFolder folder;
  const fs::path file = folder / "rules.wm";
  write_bytes(file, "mine");
  DocumentFile document;
  std::string text;
  REQUIRE(document.open(file, text));
  fs::remove(file);
  fs::create_directory(file); // now a folder where the file was
  CHECK(document.save("edited", true) == SaveOutcome::Failed);
  CHECK(document.last_error() == "cannot write " + file.string() + ": not a regular file");
  CHECK(fs::is_directory(file));
}
