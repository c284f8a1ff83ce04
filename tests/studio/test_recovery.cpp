// Recovery files: written after a quiet spell, gone after a clean save or close, and found by the next session.
#include <catch2/catch.hpp>

#include <chrono>

#include "temp_folder.h"
#include "waymark/studio/recovery.h"

using namespace waymark::studio;
using namespace waymark::studio::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

Recovery::Clock::time_point at(std::chrono::milliseconds ms) { return Recovery::Clock::time_point(ms); }

} // namespace

TEST_CASE("recovery: an autosave is due only after the debounce, or after the longest wait while typing") {
  TempFolder folder;
  Recovery recovery(folder / "recovery", 2s, 30s);
  const fs::path document = folder / "rules.wm";
  CHECK_FALSE(recovery.autosave_due(document, at(100s)));
  recovery.edited(document, at(0ms));
  CHECK_FALSE(recovery.autosave_due(document, at(1999ms)));
  CHECK(recovery.autosave_due(document, at(2000ms)));
  recovery.edited(document, at(1500ms)); // typing resets the quiet spell...
  CHECK_FALSE(recovery.autosave_due(document, at(3000ms)));
  CHECK(recovery.autosave_due(document, at(3500ms)));
  for (auto t = 0ms; t <= 30s; t += 500ms) recovery.edited(document, at(t));
  CHECK(recovery.autosave_due(document, at(30s))); // ...but not forever
  std::string error;
  REQUIRE(recovery.autosave(document, "text", error));
  CHECK_FALSE(recovery.autosave_due(document, at(100s))); // nothing new since
  CHECK_FALSE(recovery.autosave_due(folder / "other.wm", at(100s)));
}

TEST_CASE("recovery: one file per document, whatever the path's spelling") {
  TempFolder folder;
  Recovery recovery(folder / "recovery");
  const fs::path a = folder / "a.wm";
  CHECK(recovery.recovery_file_for(a) == recovery.recovery_file_for(folder / "sub" / ".." / "a.wm"));
  CHECK(recovery.recovery_file_for(a) != recovery.recovery_file_for(folder / "b.wm"));
  CHECK(recovery.recovery_file_for(a).parent_path() == folder / "recovery");
  CHECK(recovery.recovery_file_for(a).extension() == ".recovery");
}

TEST_CASE("recovery: a crashed session's autosaves are listed and restored by the next one") {
  TempFolder folder;
  const fs::path recovery_folder = folder / "recovery";
  const fs::path a = folder / "a.wm", b = folder / "b with spaces\nand a newline.wm";
  const std::string text_a = "rule a\r\n\xFF\0tail", text_b = "";
  const std::string exact_a(text_a.c_str(), 10);
  {
    Recovery session(recovery_folder);
    std::string error;
    REQUIRE(session.autosave(a, "an older autosave", error));
    REQUIRE(session.autosave(a, std::string("rule a\r\n\xFF\0tail", 14), error));
    REQUIRE(session.autosave(b, text_b, error));
    CHECK(entries_in(recovery_folder) == 2);
  } // the session ends without a clean save or close: a crash

  Recovery next(recovery_folder);
  const std::vector<PendingRecovery> pending = next.pending();
  REQUIRE(pending.size() == 2);
  const PendingRecovery &first = pending[0].original_path == a ? pending[0] : pending[1];
  const PendingRecovery &second = pending[0].original_path == a ? pending[1] : pending[0];
  CHECK(first.original_path == a);
  CHECK(first.size == 14);
  CHECK(second.original_path == b);
  CHECK(second.size == 0);
  const auto age = std::chrono::system_clock::now() - first.saved_at;
  CHECK(age >= 0s);
  CHECK(age < 60s);
  CHECK(pending[0].saved_at <= pending[1].saved_at);

  std::string text, error;
  REQUIRE(next.restore(first, text, error));
  CHECK(text == std::string("rule a\r\n\xFF\0tail", 14));
  REQUIRE(next.restore(second, text, error));
  CHECK(text.empty());
  CHECK(next.pending().size() == 2); // restored text stays protected until saved or closed

  REQUIRE(next.forget(a, error));       // the restored document was saved cleanly
  REQUIRE(next.discard(second, error)); // the user declined the other
  CHECK(next.pending().empty());
  CHECK(entries_in(recovery_folder) == 0);
}

TEST_CASE("recovery: a clean save or close removes the recovery file; forgetting twice is fine") {
  TempFolder folder;
  Recovery recovery(folder / "recovery");
  const fs::path document = folder / "rules.wm";
  std::string error;
  REQUIRE(recovery.autosave(document, "unsaved work", error));
  CHECK(fs::exists(recovery.recovery_file_for(document)));
  recovery.edited(document, at(0ms));
  REQUIRE(recovery.forget(document, error));
  CHECK_FALSE(fs::exists(recovery.recovery_file_for(document)));
  CHECK_FALSE(recovery.autosave_due(document, at(1h))); // nothing unsaved any more
  CHECK(recovery.forget(document, error));
  CHECK(recovery.pending().empty());
}

TEST_CASE("recovery: a missing folder has nothing pending; strangers and damaged files are ignored") {
  TempFolder folder;
  CHECK(pending_recoveries(folder / "never created").empty());
  Recovery recovery(folder.path());
  std::string error;
  REQUIRE(recovery.autosave(folder / "good.wm", "good", error));
  write_bytes(folder / "notes.txt", "not ours");
  write_bytes(folder / "0123456789abcdef.recovery", "waymark-studio recovery 1\npath 5\n/a.wm\n"); // cut short
  write_bytes(folder / ".temp.recovery.waymark-1-1-0.tmp", "an interrupted write");
  const auto pending = recovery.pending();
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].original_path == fs::weakly_canonical(folder / "good.wm"));
  PendingRecovery damaged{folder / "a.wm", folder / "0123456789abcdef.recovery", {}, 0};
  std::string text;
  CHECK_FALSE(recovery.restore(damaged, text, error));
  CHECK(error.find("not a Waymark Studio recovery file") != std::string::npos);
}

TEST_CASE("recovery: a folder the autosave cannot create is reported") {
  TempFolder folder;
  write_bytes(folder / "file", "in the way");
  Recovery recovery(folder / "file" / "recovery");
  std::string error;
  CHECK_FALSE(recovery.autosave(folder / "rules.wm", "text", error));
  CHECK(error.rfind("cannot create " + (folder / "file" / "recovery").string(), 0) == 0);
}

TEST_CASE("recovery: a created folder is private to the user") {
  TempFolder folder;
  Recovery recovery(folder / "state" / "recovery");
  std::string error;
  REQUIRE(recovery.autosave(folder / "rules.wm", "text", error));
  CHECK(fs::status(folder / "state" / "recovery").permissions() == fs::perms::owner_all);
}

TEST_CASE("recovery: the default folder follows XDG_STATE_HOME") {
  const char *saved = std::getenv("XDG_STATE_HOME");
  const std::string saved_value = saved ? saved : "";
  ::setenv("XDG_STATE_HOME", "/somewhere/state", 1);
  CHECK(default_recovery_folder() == fs::path("/somewhere/state/waymark-studio/recovery"));
  ::setenv("XDG_STATE_HOME", "relative/ignored", 1);
  CHECK(default_recovery_folder().filename() == "recovery");
  CHECK(default_recovery_folder().is_absolute());
  if (saved)
    ::setenv("XDG_STATE_HOME", saved_value.c_str(), 1);
  else
    ::unsetenv("XDG_STATE_HOME");
}
