#pragma once
// The bundled pathways the Studio's tests open, and their text as the editor would load it.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace waymark::studio::testing {

inline const std::string kStartBack = std::string(WAYMARK_SOURCE_DIR) + "/pathways/startback/startback.wm";
inline const std::string kCes = std::string(WAYMARK_SOURCE_DIR) + "/pathways/ces/ces_triage.wm";
inline const std::string kFirstContact = std::string(WAYMARK_SOURCE_DIR) + "/pathways/first_contact/first_contact.wm";

// The file's bytes; the test fails if it is empty or missing.
inline std::string read_source(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  REQUIRE(!text.str().empty());
  return text.str();
}

// `text` with the first `from` replaced by `to`; the test fails if there is no `from`.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

} // namespace waymark::studio::testing
