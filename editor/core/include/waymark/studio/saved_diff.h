#pragma once
// "What does my edit change?": the last saved version of the buffer and the edited one, both run over the open
// data set as `waymark diff SAVED EDITED --input DATA` runs them, with the changed records listed for the panel.
#include <cstddef>
#include <string>
#include <vector>

#include "waymark/runtime/outcome_diff.h"

namespace waymark::studio {

// One record whose outcome the edit changes.
struct ChangedRow {
  std::string key; // the record's key column (as `waymark diff` picks it)
  // Every output of either version (the saved version's in order, then any only the edited one has), and its
  // value in each, as `waymark run` writes it: empty when missing, or when that version has no such output.
  std::vector<std::string> output_names;
  std::vector<std::string> old_outputs, new_outputs;
  std::string rules; // the rules responsible, by name: "r1; r2"
};

struct SavedDiff {
  bool ran = false;
  // Why it could not run: a version does not compile ("the edited version does not compile: path:3:7: error: ..."),
  // the data file cannot be read, or it lacks a column a required or key input reads.
  std::string error;
  std::vector<std::string> warnings; // an optional input whose column the data lacks
  rt::OutcomeDiffReport report;      // counts, groups of changes, rejected rows
  std::vector<ChangedRow> changed;   // the first `limit` changed records, in input order
  std::string summary;               // "12 of 1,000 records change; 3 rejected"
};

// Compiles `saved_text` and `edited_text` each as the file `path` (imports read from its folder) and runs both over
// the CSV file `data_csv_path`, each reading its own columns by header name.
SavedDiff diff_against_saved(const std::string &path, const std::string &saved_text, const std::string &edited_text,
                             const std::string &data_csv_path, size_t limit = 10000);

} // namespace waymark::studio
