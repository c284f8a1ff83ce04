#pragma once
// Autosave for crashes: shortly after the user stops typing, a modified document's text goes to a recovery file of
// its own (never to the document's file, which changes only when the user saves). A clean save or close removes it,
// so whatever is left in the folder at the next start is work a crashed session would otherwise have lost.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::studio {

// What a previous session left: the document it belongs to, when it was written, and how much text it holds.
struct PendingRecovery {
  std::filesystem::path original_path;
  std::filesystem::path recovery_file;
  std::chrono::system_clock::time_point saved_at;
  std::uint64_t size = 0; // bytes of text
};

// $XDG_STATE_HOME/waymark-studio/recovery, else ~/.local/state/waymark-studio/recovery, else one under the temp folder.
std::filesystem::path default_recovery_folder();

// The recovery files in `folder`, oldest first. Files that are not recovery files, or are damaged, are left out
// (and left alone). A missing folder has none.
std::vector<PendingRecovery> pending_recoveries(const std::filesystem::path &folder);

class Recovery {
public:
  using Clock = std::chrono::steady_clock;

  // `debounce`: quiet time after the last edit before an autosave; `longest_wait`: an autosave is due this long
  // after the first unsaved edit even while the user keeps typing.
  explicit Recovery(std::filesystem::path folder, Clock::duration debounce = std::chrono::seconds(2),
                    Clock::duration longest_wait = std::chrono::seconds(30));

  const std::filesystem::path &folder() const { return folder_; }
  // The recovery file for a document: named by a hash of its absolute path, so each document has one.
  std::filesystem::path recovery_file_for(const std::filesystem::path &document) const;

  // The text of `document` changed at `now`.
  void edited(const std::filesystem::path &document, Clock::time_point now);
  // Whether `document` has edits not yet autosaved and the debounce (or the longest wait) has passed.
  bool autosave_due(const std::filesystem::path &document, Clock::time_point now) const;
  // Writes `text` atomically to the document's recovery file (creating the folder, private to the user).
  bool autosave(const std::filesystem::path &document, std::string_view text, std::string &error);
  // The document was saved cleanly or closed (saving or discarding): its recovery file is no longer needed.
  bool forget(const std::filesystem::path &document, std::string &error);

  // What a crashed session left in this folder (see pending_recoveries).
  std::vector<PendingRecovery> pending() const { return pending_recoveries(folder_); }
  // The recovered text. The file stays until the restored document is saved or closed (forget), so a second crash
  // loses nothing either.
  bool restore(const PendingRecovery &recovery, std::string &text, std::string &error) const;
  // Deletes a recovery the user declined.
  bool discard(const PendingRecovery &recovery, std::string &error);

private:
  struct Edits {
    Clock::time_point first_unsaved;
    Clock::time_point last;
  };
  std::filesystem::path folder_;
  Clock::duration debounce_;
  Clock::duration longest_wait_;
  std::map<std::string, Edits> unsaved_; // by absolute path: edits not yet in a recovery file
};

} // namespace waymark::studio
