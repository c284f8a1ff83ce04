#pragma once
// The EBI low back pain imaging rule written by hand in C++: the speed limit the Waymark VM is measured against.
// It is faithful to the SQL script (pathways/ebi/low_back_imaging.wm quotes it): case-insensitive substring
// patterns over the raw SUS text, wherever they fall, and SQL's NULL rules.
#include <cstdint>
#include <string>
#include <string_view>

namespace waymark::bench {

// The raw fields of one record as the CSV holds them; "" is an empty field (NULL).
struct ImagingFields {
  std::string_view procedures, diagnoses, episode_age, activity_age, admin_category;
};

// True when the script labels the record '2S_lower_back_imaging'.
bool is_lower_back_imaging(const ImagingFields& record) noexcept;

inline constexpr std::string_view kImagingCategory = "2S_lower_back_imaging";

// End to end: reads the SUS CSV at `input` and writes "id,category" for every record to `output`, category empty
// when the record is not labelled. Returns how many were labelled. Throws std::runtime_error on an I/O error, a
// missing column or a malformed record.
uint64_t classify_csv_file(const std::string& input, const std::string& output);

} // namespace waymark::bench
