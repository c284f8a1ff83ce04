// ProgressBar: a self-overwriting status line for long batch runs.
#include "run_progress.h"

#include <algorithm>
#include <string>

namespace waymark::cli {

std::string with_commas(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

ProgressBar::ProgressBar(std::ostream& out, int64_t total_bytes)
    : out_(out), total_(total_bytes), start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressBar::update(const rt::RunProgress& progress) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = "\r\033[K  " + with_commas(progress.rows) + " rows";
  if (seconds > 0) line += "  " + with_commas(static_cast<uint64_t>(progress.rows / seconds)) + " rows/s";
  if (total_ > 0 && progress.position >= 0) {
    double share = std::min(1.0, static_cast<double>(progress.position) / static_cast<double>(total_));
    constexpr int kWidth = 30;
    int filled = static_cast<int>(share * kWidth);
    line += "  [" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] " +
            std::to_string(static_cast<int>(share * 100)) + "%";
  }
  out_ << line << std::flush;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) out_ << "\r\033[K" << std::flush;
  drawn_ = false;
}

} // namespace waymark::cli
