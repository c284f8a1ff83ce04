#pragma once
// A test case as the Studio edits it before writing it into a source: its name, the record (`given`, by input
// column) and what it must give (`expect`). The data panel makes one from a CSV row; the test cases panel edits one
// in a form generated from the schema; both write it back as a `test ... end` block (test_case_source.h).
#include <optional>
#include <string>
#include <vector>

namespace waymark::studio {

struct GivenValue {
  std::string column;                 // the input's column name, as a test case writes it
  std::optional<std::string> literal; // a literal in the language (`true`, `45`, `"U055"`, `@2024-01-31`); none: missing
};

struct CaseDraft {
  std::string name;
  std::vector<GivenValue> given;   // in schema order; columns left out are missing
  std::vector<std::string> expect; // expectation lines as the language writes them: `category = "x"`, `fired r`
};

} // namespace waymark::studio
