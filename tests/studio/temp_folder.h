#pragma once
// A real, empty folder under the system's temp folder for one test, removed (with everything in it) afterwards.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>
#include <unistd.h>

namespace waymark::studio::testing {

class TempFolder {
public:
  TempFolder() {
    static std::atomic<unsigned> counter{0};
    const auto random = std::random_device{}();
    path_ = std::filesystem::temp_directory_path() / ("waymark-studio-test-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter++) + "-" + std::to_string(random));
    std::filesystem::create_directories(path_);
  }
  TempFolder(const TempFolder &) = delete;
  TempFolder &operator=(const TempFolder &) = delete;
  ~TempFolder() {
    std::error_code ec;
    // A test may have made the folder read-only; give it back before removing.
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path &path() const { return path_; }
  std::filesystem::path operator/(const std::string &name) const { return path_ / name; }

private:
  std::filesystem::path path_;
};

inline void write_bytes(const std::filesystem::path &file, const std::string &bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

inline std::string read_bytes(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline size_t entries_in(const std::filesystem::path &folder) {
  size_t count = 0;
  for ([[maybe_unused]] const auto &entry : std::filesystem::directory_iterator(folder)) ++count;
  return count;
}

inline bool running_as_root() { return ::geteuid() == 0; }

} // namespace waymark::studio::testing
