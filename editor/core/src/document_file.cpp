// Every read and write records what the disk then held, so that the next save can tell whether it would overwrite
// something the user has never seen.
#include "waymark/studio/document_file.h"

#include "waymark/studio/atomic_file.h"

namespace waymark::studio {

bool DocumentFile::open(const std::filesystem::path &path, std::string &text) {
  std::string bytes;
  if (!read_file(path, bytes, error_)) return false;
  path_ = path;
  disk_ = DiskState::seen(path, bytes);
  text = std::move(bytes);
  return true;
}

bool DocumentFile::reload(std::string &text) {
  if (!has_path()) {
    error_ = "cannot reload: the document has never been saved";
    return false;
  }
  return open(path_, text);
}

SaveOutcome DocumentFile::save(std::string_view text, bool overwrite) {
  if (!has_path()) return SaveOutcome::NoPath;
  if (!overwrite && disk_.changed_on_disk(path_)) return SaveOutcome::ChangedOnDisk;
  if (!write_file_atomically(path_, text, error_)) return SaveOutcome::Failed;
  disk_ = DiskState::seen(path_, text);
  return SaveOutcome::Saved;
}

SaveOutcome DocumentFile::save_as(const std::filesystem::path &path, std::string_view text) {
  if (path.empty()) return SaveOutcome::NoPath;
  if (!write_file_atomically(path, text, error_)) return SaveOutcome::Failed;
  path_ = path;
  disk_ = DiskState::seen(path, text);
  return SaveOutcome::Saved;
}

bool DocumentFile::changed_on_disk() { return has_path() && disk_.changed_on_disk(path_); }

} // namespace waymark::studio
