#include "report.h"

#include <cstdio>
#include <sstream>

namespace waymark::bench {
namespace {

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

std::string format_count(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

const Measurement* find(const std::vector<Measurement>& runs, const std::string& engine, uint64_t rows) {
  for (const auto& m : runs) {
    if (m.engine == engine && m.rows == rows) return &m;
  }
  return nullptr;
}

// Engines in the order they were first measured.
std::vector<std::string> engines(const std::vector<Measurement>& runs) {
  std::vector<std::string> names;
  for (const auto& m : runs) {
    bool seen = false;
    for (const auto& n : names) seen = seen || n == m.engine;
    if (!seen) names.push_back(m.engine);
  }
  return names;
}

std::string format_ratio(double ratio) {
  if (ratio <= 0) return "-";
  if (ratio >= 1) return format("%.2fx faster", ratio);
  return format("%.3f", ratio) + format(" (%.1fx slower)", 1 / ratio);
}

} // namespace

std::string format_rate(double r) {
  if (r >= 1e6) return format("%.2f M/s", r / 1e6);
  if (r >= 1e3) return format("%.1f k/s", r / 1e3);
  return format("%.0f /s", r);
}

std::string Report::markdown() const {
  std::ostringstream out;
  out << "## Waymark benchmark: EBI low back pain imaging\n\n";
  for (const auto& line : context) out << line << "\n";
  out << "\n### Pure evaluation (the same records pre-loaded in memory; one thread)\n\n| engine |";
  for (uint64_t size : sizes) out << " " << format_count(size) << " records |";
  out << "\n|---|";
  for (size_t i = 0; i < sizes.size(); ++i) out << "---:|";
  out << "\n";
  for (const auto& engine : engines(pure)) {
    out << "| " << engine << " |";
    for (uint64_t size : sizes) {
      const Measurement* m = find(pure, engine, size);
      out << " " << (m ? format_rate(m->rate()) : "-");
      if (m && m->evaluated != m->rows) out << " (first " << format_count(m->evaluated) << ")";
      out << " |";
    }
    out << "\n";
  }

  out << "\n### End to end, CSV file to CSV file (a separate process each; peak RSS from wait4)\n\n| engine |";
  for (uint64_t size : sizes) out << " " << format_count(size) << " records | peak RSS |";
  out << "\n|---|";
  for (size_t i = 0; i < sizes.size(); ++i) out << "---:|---:|";
  out << "\n";
  for (const auto& engine : engines(end_to_end)) {
    out << "| " << engine << " |";
    for (uint64_t size : sizes) {
      const Measurement* m = find(end_to_end, engine, size);
      if (!m) {
        out << " - | - |";
        continue;
      }
      out << " " << format_rate(m->rate()) << " (" << format("%.2f s", m->seconds) << ") | "
          << format("%.1f MiB", static_cast<double>(m->peak_rss_kib) / 1024) << " |";
    }
    out << "\n";
  }

  out << "\n### Ratios (speed of the first over the speed of the second, same run)\n\n| ratio |";
  for (uint64_t size : sizes) out << " " << format_count(size) << " records |";
  out << "\n|---|";
  for (size_t i = 0; i < sizes.size(); ++i) out << "---:|";
  out << "\n";
  for (const auto& ratio : ratios) {
    const auto& runs = ratio.end_to_end ? end_to_end : pure;
    out << "| " << ratio.label << " |";
    for (uint64_t size : sizes) {
      const Measurement* a = find(runs, ratio.engine, size);
      const Measurement* b = find(runs, ratio.baseline, size);
      out << " " << (a && b && b->rate() > 0 ? format_ratio(a->rate() / b->rate()) : "-") << " |";
    }
    out << "\n";
  }

  out << "\n### Records labelled 2S_lower_back_imaging\n\n";
  for (uint64_t size : sizes) {
    const Measurement* m = find(pure, pure.empty() ? std::string() : pure.front().engine, size);
    if (m) out << "- " << format_count(size) << " records: " << format_count(m->labelled) << " labelled\n";
  }
  if (problems.empty()) {
    out << "- every engine labels the same records\n";
  } else {
    out << "\n**ENGINES DISAGREE:**\n\n";
    for (const auto& problem : problems) out << "- " << problem << "\n";
  }
  return out.str();
}

} // namespace waymark::bench
