// The recovery file format is a small header and then the text, byte for byte:
//   waymark-studio recovery 1\n
//   path <bytes>\n<the document's absolute path>\n
//   saved-unix-ms <milliseconds>\n
//   text <bytes>\n<the text>
// Lengths rather than delimiters, so any path and any text (CRLF, NUL, invalid UTF-8) round-trip exactly.
#include "waymark/studio/recovery.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <system_error>

#include "waymark/studio/atomic_file.h"
#include "waymark/studio/disk_state.h"

namespace waymark::studio {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view magic = "waymark-studio recovery 1\n";
constexpr std::string_view extension = ".recovery";

// One key per document however it was named: absolute, with symbolic links resolved where the path exists.
std::string document_key(const fs::path &document) {
  std::error_code ec;
  fs::path key = fs::weakly_canonical(document, ec);
  if (ec) key = fs::absolute(document, ec).lexically_normal();
  if (ec) key = document.lexically_normal();
  return key.string();
}

std::string encode(std::string_view original_path, std::chrono::system_clock::time_point saved_at,
                   std::string_view text) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(saved_at.time_since_epoch()).count();
  std::string out(magic);
  out += "path " + std::to_string(original_path.size()) + "\n";
  out += original_path;
  out += "\nsaved-unix-ms " + std::to_string(ms) + "\n";
  out += "text " + std::to_string(text.size()) + "\n";
  out += text;
  return out;
}

struct Decoded {
  PendingRecovery recovery;
  std::string text;
};

// Reads what encode wrote; nullopt for anything else (a stranger's file, a damaged one).
class Decoder {
public:
  explicit Decoder(std::string_view bytes) : rest_(bytes) {}

  std::optional<Decoded> decode() {
    Decoded out;
    std::string_view path;
    std::uint64_t ms = 0;
    if (!take(magic) || !take("path ") || !number(path) || !take("\n") || !take("saved-unix-ms ") || !digits(ms) ||
        !take("\n") || !take("text ") || !number(out.text) || !rest_.empty())
      return std::nullopt;
    out.recovery.original_path = fs::path(std::string(path));
    out.recovery.saved_at = std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
    out.recovery.size = out.text.size();
    return out;
  }

private:
  bool take(std::string_view expected) {
    if (rest_.substr(0, expected.size()) != expected) return false;
    rest_.remove_prefix(expected.size());
    return true;
  }
  bool digits(std::uint64_t &value) {
    size_t used = 0;
    value = 0;
    while (used < rest_.size() && used < 19 && rest_[used] >= '0' && rest_[used] <= '9')
      value = value * 10 + static_cast<std::uint64_t>(rest_[used++] - '0');
    rest_.remove_prefix(used);
    return used > 0;
  }
  // "<length>\n<that many bytes>"
  template <typename Out>
  bool number(Out &out) {
    std::uint64_t length = 0;
    if (!digits(length) || !take("\n") || length > rest_.size()) return false;
    out = Out(rest_.substr(0, length));
    rest_.remove_prefix(length);
    return true;
  }
  std::string_view rest_;
};

std::optional<Decoded> read_recovery(const fs::path &file, std::string &error) {
  std::string bytes;
  if (!read_file(file, bytes, error)) return std::nullopt;
  auto decoded = Decoder(bytes).decode();
  if (!decoded) {
    error = "cannot read " + file.string() + ": not a Waymark Studio recovery file, or damaged";
    return std::nullopt;
  }
  decoded->recovery.recovery_file = file;
  return decoded;
}

bool remove_file(const fs::path &file, std::string &error) {
  std::error_code ec;
  fs::remove(file, ec); // a missing file is already gone: not an error
  if (ec) {
    error = "cannot remove " + file.string() + ": " + ec.message();
    return false;
  }
  return true;
}

} // namespace

fs::path default_recovery_folder() {
  const fs::path tail = fs::path("waymark-studio") / "recovery";
  if (const char *state = std::getenv("XDG_STATE_HOME"); state && *state && fs::path(state).is_absolute())
    return fs::path(state) / tail;
  if (const char *home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local" / "state" / tail;
  std::error_code ec;
  return fs::temp_directory_path(ec) / tail;
}

std::vector<PendingRecovery> pending_recoveries(const fs::path &folder) {
  std::vector<PendingRecovery> found;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path &file = it->path();
    const std::string name = file.filename().string();
    // Hidden names are temporary files of an atomic write in progress (or abandoned by a crash).
    if (name.empty() || name.front() == '.' || file.extension() != extension) continue;
    std::string error;
    if (auto decoded = read_recovery(file, error)) found.push_back(std::move(decoded->recovery));
  }
  std::sort(found.begin(), found.end(), [](const PendingRecovery &a, const PendingRecovery &b) {
    return a.saved_at != b.saved_at ? a.saved_at < b.saved_at : a.original_path < b.original_path;
  });
  return found;
}

Recovery::Recovery(fs::path folder, Clock::duration debounce, Clock::duration longest_wait)
    : folder_(std::move(folder)), debounce_(debounce), longest_wait_(longest_wait) {}

fs::path Recovery::recovery_file_for(const fs::path &document) const {
  char name[32];
  std::snprintf(name, sizeof name, "%016" PRIx64, content_hash(document_key(document)));
  return folder_ / (std::string(name) + std::string(extension));
}

void Recovery::edited(const fs::path &document, Clock::time_point now) {
  auto [edits, first] = unsaved_.try_emplace(document_key(document), Edits{now, now});
  if (!first) edits->second.last = now;
}

bool Recovery::autosave_due(const fs::path &document, Clock::time_point now) const {
  const auto edits = unsaved_.find(document_key(document));
  if (edits == unsaved_.end()) return false;
  return now - edits->second.last >= debounce_ || now - edits->second.first_unsaved >= longest_wait_;
}

bool Recovery::autosave(const fs::path &document, std::string_view text, std::string &error) {
  std::error_code ec;
  const bool created = fs::create_directories(folder_, ec);
  if (ec) {
    error = "cannot create " + folder_.string() + ": " + ec.message();
    return false;
  }
  // Recovery files hold the user's unsaved work: a folder we make is the user's alone (one we were given is kept).
  if (created) fs::permissions(folder_, fs::perms::owner_all, fs::perm_options::replace, ec);
  const std::string key = document_key(document);
  if (!write_file_atomically(recovery_file_for(document), encode(key, std::chrono::system_clock::now(), text), error))
    return false;
  unsaved_.erase(key);
  return true;
}

bool Recovery::forget(const fs::path &document, std::string &error) {
  unsaved_.erase(document_key(document));
  return remove_file(recovery_file_for(document), error);
}

bool Recovery::restore(const PendingRecovery &recovery, std::string &text, std::string &error) const {
  auto decoded = read_recovery(recovery.recovery_file, error);
  if (!decoded) return false;
  text = std::move(decoded->text);
  return true;
}

bool Recovery::discard(const PendingRecovery &recovery, std::string &error) {
  unsaved_.erase(document_key(recovery.original_path));
  return remove_file(recovery.recovery_file, error);
}

} // namespace waymark::studio
