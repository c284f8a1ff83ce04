#pragma once
// A document's life on disk, apart from the text widget that edits it: which file it is, what that file held when
// we last read or wrote it, and saving without trampling a change someone else made meanwhile.
#include <filesystem>
#include <string>
#include <string_view>

#include "waymark/studio/disk_state.h"

namespace waymark::studio {

enum class SaveOutcome {
  Saved,
  ChangedOnDisk, // the file was modified, replaced or deleted since we saw it: ask, then save(text, true) or reload()
  NoPath,        // an untitled document: ask for a name and save_as
  Failed,        // see last_error(); the file on disk is as it was
};

class DocumentFile {
public:
  // An untitled document, with no file yet.
  DocumentFile() = default;

  // Reads the file into `text` and makes it this document's file. On failure returns false, sets last_error() and
  // leaves this object as it was.
  bool open(const std::filesystem::path &path, std::string &text);
  // Reads this document's file again (after the user chose the disk's version). As open on failure.
  bool reload(std::string &text);
  // Writes `text` atomically to this document's file, unless the disk changed since we saw it and `overwrite` is
  // false. The bytes are written exactly as given (line endings included).
  SaveOutcome save(std::string_view text, bool overwrite = false);
  // Writes `text` to `path` (the caller has confirmed replacing an existing file) and makes it this document's file.
  SaveOutcome save_as(const std::filesystem::path &path, std::string_view text);

  // Whether someone else modified, replaced or deleted the file since we last read or wrote it.
  bool changed_on_disk();

  bool has_path() const { return !path_.empty(); }
  const std::filesystem::path &path() const { return path_; }
  const DiskState &disk_state() const { return disk_; }
  const std::string &last_error() const { return error_; }

private:
  std::filesystem::path path_;
  DiskState disk_;
  std::string error_;
};

} // namespace waymark::studio
