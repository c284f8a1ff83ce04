#include "waymark/studio/live_check.h"

#include <algorithm>
#include <tuple>

#include "waymark/compiler/workspace.h"

namespace waymark::studio {

std::string Marker::text() const {
  return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
         (severity == Severity::Error ? "error" : "warning") + ": " + message;
}

CheckResult check_buffer(const std::string& path, const std::string& text) {
  Diagnostics diagnostics;
  Workspace workspace(diagnostics);
  CheckResult result;
  const auto index = workspace.load_text(path, text);
  workspace.finish();
  diagnostics.sort();
  result.parsed = index && workspace.file(*index).ast.has_value();
  for (const Diagnostic& d : diagnostics.all()) {
    Marker m;
    m.severity = d.severity == waymark::Severity::Error ? Marker::Severity::Error : Marker::Severity::Warning;
    m.path = d.file ? d.file->path() : d.path;
    m.line = d.span.line;
    m.column = d.span.column;
    m.length = std::max<uint32_t>(d.span.length, 1);
    m.message = d.message;
    (m.severity == Marker::Severity::Error ? result.errors : result.warnings) += 1;
    result.markers.push_back(std::move(m));
  }
  std::stable_sort(result.markers.begin(), result.markers.end(), [](const Marker& a, const Marker& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  return result;
}

void CheckDebounce::edited(uint64_t revision, Clock::time_point now) {
  revision_ = revision;
  last_edit_ = now;
}

bool CheckDebounce::due(Clock::time_point now) const {
  if (never_checked_) return true; // a file just opened is checked at once
  return revision_ != checked_ && now - last_edit_ >= delay_;
}

void CheckDebounce::checked(uint64_t revision) {
  checked_ = revision;
  never_checked_ = false;
}

} // namespace waymark::studio
