#include "waymark/runtime/date.h"

#include <cstdio>

namespace waymark::rt {

// Howard Hinnant's days-from-civil algorithm: exact over the whole int32 range we use.
int32_t days_from_civil(int32_t y, uint32_t m, uint32_t d) {
  y -= m <= 2;
  const int32_t era = (y >= 0 ? y : y - 399) / 400;
  const uint32_t yoe = static_cast<uint32_t>(y - era * 400);
  const uint32_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

void civil_from_days(int32_t z, int32_t& year, uint32_t& month, uint32_t& day) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const uint32_t doe = static_cast<uint32_t>(z - era * 146097);
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int32_t>(yoe) + era * 400 + (month <= 2);
}

bool is_valid_date(int32_t year, uint32_t month, uint32_t day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static const uint32_t lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const uint32_t length = month == 2 && leap ? 29 : lengths[month - 1];
  return day <= length;
}

std::optional<int32_t> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t count) -> std::optional<uint32_t> {
    uint32_t value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      value = value * 10 + static_cast<uint32_t>(t[i] - '0');
    }
    return value;
  };
  auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d || !is_valid_date(static_cast<int32_t>(*y), *m, *d)) return std::nullopt;
  return days_from_civil(static_cast<int32_t>(*y), *m, *d);
}

std::string format_iso_date(int32_t days) {
  int32_t y;
  uint32_t m, d;
  civil_from_days(days, y, m, d);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", y, m, d);
  return buffer;
}

int32_t whole_years_between(int32_t from, int32_t to) {
  if (to < from) return -whole_years_between(to, from);
  int32_t fy, ty;
  uint32_t fm, fd, tm, td;
  civil_from_days(from, fy, fm, fd);
  civil_from_days(to, ty, tm, td);
  int32_t years = ty - fy;
  if (tm < fm || (tm == fm && td < fd)) --years;
  return years;
}

} // namespace waymark::rt
