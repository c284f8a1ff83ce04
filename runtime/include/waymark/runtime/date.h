#pragma once
// Calendar dates as days since 1970-01-01 (proleptic Gregorian), parsed from ISO 8601 `YYYY-MM-DD`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::rt {

int32_t days_from_civil(int32_t year, uint32_t month, uint32_t day);
void civil_from_days(int32_t days, int32_t& year, uint32_t& month, uint32_t& day);
bool is_valid_date(int32_t year, uint32_t month, uint32_t day);
// Accepts exactly YYYY-MM-DD with a real calendar day; nothing else.
std::optional<int32_t> parse_iso_date(std::string_view text);
std::string format_iso_date(int32_t days);
// Whole years from `from` to `to`, counted as age is: a year is complete on its anniversary.
int32_t whole_years_between(int32_t from, int32_t to);

} // namespace waymark::rt
