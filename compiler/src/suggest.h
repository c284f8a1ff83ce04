#pragma once
// "Did you mean" hints for misspelt names.
#include <string>
#include <string_view>
#include <vector>

namespace waymark::detail {

// The closest candidate within a small edit distance, or empty.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);
// ", did you mean 'x'?" or empty.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

} // namespace waymark::detail
