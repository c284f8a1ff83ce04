// Temp file, fsync, rename, fsync the folder: the order that makes a save survive a crash at any point.
#include "waymark/studio/atomic_file.h"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace waymark::studio {

namespace fs = std::filesystem;

namespace {

std::string reason(int error_number) { return std::generic_category().message(error_number); }

// Closes a descriptor on every early return.
class FileDescriptor {
public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  FileDescriptor(const FileDescriptor &) = delete;
  FileDescriptor &operator=(const FileDescriptor &) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now, so that a deferred write error (NFS, quotas) is seen; returns errno or 0.
  int close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? 0 : errno;
  }

private:
  int fd_;
};

bool write_all(int fd, std::string_view bytes, int &error_number) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      error_number = errno;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

// A name no other save (in this process or another) is using: hidden, beside the target, marked as ours.
std::string temporary_name(const fs::path &target, unsigned attempt) {
  static std::atomic<unsigned> counter{0};
  std::string stem = target.filename().string();
  if (stem.size() > 180) stem.resize(180); // leave room for the suffix within NAME_MAX
  return "." + stem + ".waymark-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
         std::to_string(attempt) + ".tmp";
}

// Where the bytes really go: through a symbolic link to the file it names, so the link survives the save.
fs::path resolve_target(const fs::path &path) {
  std::error_code ec;
  if (!fs::is_symlink(path, ec)) return path;
  fs::path resolved = fs::weakly_canonical(path, ec);
  return ec ? path : resolved;
}

} // namespace

bool write_file_atomically(const fs::path &path, std::string_view bytes, std::string &error) {
  auto fail = [&](const std::string &why) {
    error = "cannot write " + path.string() + ": " + why;
    return false;
  };
  if (path.empty() || !path.has_filename()) return fail("no file name");
  const fs::path target = resolve_target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");

  struct stat existing {};
  const bool replacing = ::stat(target.c_str(), &existing) == 0;
  if (replacing && !S_ISREG(existing.st_mode)) return fail("not a regular file");

  fs::path temporary;
  int fd = -1;
  for (unsigned attempt = 0; fd < 0; ++attempt) {
    temporary = folder / temporary_name(target, attempt);
    // 0666 so that a new file gets the user's umask, as any editor's would.
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt == 100)) return fail(reason(errno));
  }
  FileDescriptor file(fd);
  bool renamed = false;
  struct RemoveUnlessRenamed {
    const fs::path &temporary;
    const bool &renamed;
    ~RemoveUnlessRenamed() {
      if (!renamed) ::unlink(temporary.c_str());
    }
  } cleanup{temporary, renamed};

  int error_number = 0;
  if (!write_all(file.get(), bytes, error_number)) return fail(reason(error_number));
  if (replacing) {
    if (::fchmod(file.get(), existing.st_mode & 07777) != 0) return fail(reason(errno));
    // Keeping the owner only works for root or a group change within ours; otherwise the saver owns the new file.
    if (::fchown(file.get(), existing.st_uid, existing.st_gid) != 0) {
    }
  }
  if (::fsync(file.get()) != 0) return fail(reason(errno));
  if (const int close_error = file.close(); close_error != 0) return fail(reason(close_error));
  if (::rename(temporary.c_str(), target.c_str()) != 0) return fail(reason(errno));
  renamed = true;

  // The rename itself reaches the disk only once the folder is synced. If that fails the new file is already in
  // place and readable, so the save has happened; there is nothing left to undo or report.
  FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() >= 0) ::fsync(directory.get());
  error.clear();
  return true;
}

bool read_file(const fs::path &path, std::string &bytes, std::string &error) {
  auto fail = [&](int error_number) {
    error = "cannot read " + path.string() + ": " + reason(error_number);
    return false;
  };
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return fail(errno);
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return fail(errno);
  if (S_ISDIR(info.st_mode)) return fail(EISDIR);
  std::string content;
  if (S_ISREG(info.st_mode)) content.reserve(static_cast<size_t>(info.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    if (got == 0) break;
    content.append(buffer, static_cast<size_t>(got));
  }
  bytes = std::move(content);
  error.clear();
  return true;
}

} // namespace waymark::studio
