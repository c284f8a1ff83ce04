#pragma once
// One document open in a Studio tab, apart from how it is drawn: its text with undo, its file on disk, the live
// check of its latest text, the highlighting of each line, and the last run of its test cases. The window calls
// `tick` once a frame; everything that depends on the text follows its revision.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "waymark/compiler/highlight.h"
#include "waymark/studio/document_file.h"
#include "waymark/studio/live_check.h"
#include "waymark/studio/test_results.h"
#include "waymark/studio/text_document.h"

namespace waymark::studio {

// A token clipped to one line: byte offsets into that line.
struct LineToken {
  uint32_t begin = 0, end = 0;
  TokenClass kind = TokenClass::Invalid;
};

// A `rule NAME` in the text: where breakpoints go.
struct RuleLine {
  std::string name;
  size_t line = 0; // 0-based
};

class OpenDocument {
public:
  using Clock = std::chrono::steady_clock;

  // Reads `path`; nothing, with the reason, when it cannot be read.
  static std::unique_ptr<OpenDocument> open(const std::filesystem::path& path, std::string& error);
  // `path` with `text` recovered after a crash in place of what the file holds: modified until saved.
  static std::unique_ptr<OpenDocument> recovered(const std::filesystem::path& path, std::string_view text,
                                                 std::string& error);

  TextDocument& text() { return text_; }
  const TextDocument& text() const { return text_; }
  DocumentFile& file() { return file_; }
  const std::filesystem::path& path() const { return file_.path(); }
  std::string name() const { return file_.path().filename().string(); }
  bool modified() const { return text_.modified(); }

  // Once a frame: notices edits, and runs the live check when the debounce says it is due. True when it ran.
  bool tick(Clock::time_point now);
  const CheckResult& check() const { return check_; }
  // The check shown is of the text as it is now (not of an older revision).
  bool check_current() const { return checked_revision_ == text_.revision(); }
  uint64_t revision() const { return text_.revision(); }
  // The text changed since `revision`: a run of typing or an undo (recovery and debounce follow it).
  Clock::time_point last_edit() const { return last_edit_; }

  // The tokens of each line, recomputed when the text changed.
  const std::vector<std::vector<LineToken>>& line_tokens();
  const std::vector<RuleLine>& rule_lines();
  // The rule whose text the line is in: the nearest `rule` at or above it.
  std::optional<std::string> rule_at(size_t line);

  // Runs every test case of the text as it is now.
  const TestRun& run_tests();
  const std::optional<TestRun>& tests() const { return tests_; }
  bool tests_stale() const { return tests_ && tests_revision_ != text_.revision(); }

  // Saves the text; Saved marks it clean and keeps it as the "last saved version".
  SaveOutcome save(bool overwrite = false);
  // Takes the disk's version (after someone else changed it), as one undoable edit.
  bool reload(std::string& error);
  // What the file held when last read or saved: what a diff compares the edits against.
  const std::string& saved_text() const { return saved_text_; }

private:
  OpenDocument() = default;
  void refresh_tokens();

  TextDocument text_;
  DocumentFile file_;
  std::string saved_text_;
  CheckDebounce debounce_;
  CheckResult check_;
  uint64_t checked_revision_ = UINT64_MAX;
  uint64_t seen_revision_ = UINT64_MAX;
  Clock::time_point last_edit_{};
  uint64_t tokens_revision_ = UINT64_MAX;
  std::vector<std::vector<LineToken>> tokens_;
  std::vector<RuleLine> rules_;
  std::optional<TestRun> tests_;
  uint64_t tests_revision_ = 0;
};

} // namespace waymark::studio
