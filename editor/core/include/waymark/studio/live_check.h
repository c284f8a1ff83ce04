#pragma once
// Live checking as the author types: the buffer checked as its file (imports resolved from the file's folder, as
// on disk), every diagnostic turned into a marker for the editor's gutter and hover, and a debounce so a check
// runs once typing pauses, not on every key.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace waymark::studio {

struct Marker {
  enum class Severity : uint8_t { Error, Warning } severity = Severity::Error;
  std::string path;       // the file it belongs to: the buffer's own, or an imported file's
  uint32_t line = 0;      // 1-based
  uint32_t column = 0;    // 1-based, in characters
  uint32_t length = 1;    // characters to underline
  std::string message;
  // "path:line:col: error: message", as `waymark check` prints it.
  std::string text() const;
};

struct CheckResult {
  std::vector<Marker> markers; // sorted by file, line and column
  size_t errors = 0, warnings = 0;
  bool parsed = false; // the buffer parsed (so the outline and test list are current)
};

// Checks `text` as the file `path`; never throws on any bytes.
CheckResult check_buffer(const std::string& path, const std::string& text);

// When a check is due: `delay` after the last edit, once per revision.
class CheckDebounce {
public:
  using Clock = std::chrono::steady_clock;
  explicit CheckDebounce(Clock::duration delay = std::chrono::milliseconds(300)) : delay_(delay) {}
  void edited(uint64_t revision, Clock::time_point now);
  bool due(Clock::time_point now) const;
  void checked(uint64_t revision); // the check of `revision` ran
  uint64_t checked_revision() const { return checked_; }

private:
  Clock::duration delay_;
  Clock::time_point last_edit_{};
  uint64_t revision_ = 0, checked_ = 0;
  bool never_checked_ = true;
};

} // namespace waymark::studio
