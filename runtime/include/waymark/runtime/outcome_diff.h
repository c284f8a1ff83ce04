#pragma once
// What changes when the same records run through two programs (an old and a new version of a rule set).
//
// A record's outcome is its outputs, as `waymark run` writes them, and the rules that fired. A record has
// changed when an output differs or a rule fired on one side and not on the other; rules are matched by name,
// and a rule or output that only one program has counts when it fired or holds a value. Changed records are
// grouped by (old outputs → new outputs, and the rules responsible), with a count and the first few keys of
// each group. The rules responsible for a change are those whose fired / not-fired state differs, plus, when
// an output differs, rules that fired on both sides but whose actions were edited.
//
// A record that either program cannot read (a value that does not parse, a required value missing) or that
// the input cannot deliver (malformed CSV) is not compared: it is counted and listed apart, with its line and
// reason. The two programs may read different columns: each reads its own from the same records.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/batch.h"
#include "waymark/runtime/program.h"

namespace waymark::rt {

// Both programs' columns over one input: the union is what the source is asked for.
struct DiffColumns {
  std::vector<std::string> columns;
  std::vector<uint32_t> old_field_cell, new_field_cell; // per field of each program: its index in `columns`
  uint32_t key_cell = 0;
  std::string key_column;            // --key, else the old program's key column (as `waymark run` picks it)
  std::vector<std::string> warnings; // an optional field whose column the input lacks
};

// Problems (a column that a required or key field reads is absent, an absent --key column) go to `errors`, each
// ending "(old program)", "(new program)" or "(both programs)"; the plan is then unusable.
DiffColumns plan_diff_columns(const Program &old_program, const Program &new_program,
                              const std::vector<std::string> *header, const std::string &key_override,
                              std::vector<std::string> &errors);

// One rule's part in a change: its state on each side ("fired", "not fired", "unknown", "skipped", or "absent"
// when that program has no such rule).
struct ResponsibleRule {
  std::string name;
  std::string old_state, new_state;
  bool actions_edited = false; // fired on both sides, and its actions differ
  friend auto operator<=>(const ResponsibleRule &, const ResponsibleRule &) = default;
  std::string describe() const; // "lower_back_imaging (unknown → fired)", "r (fired on both sides, actions edited)"
};

struct OutcomeGroup {
  std::string old_outcome, new_outcome; // `category = "2S_lower_back_imaging"`, `category = missing`
  std::vector<ResponsibleRule> rules;   // in the new program's rule order, then rules only the old one has
  uint64_t rows = 0;
  std::vector<std::string> examples; // keys of the first rows, in input order
};

struct RejectedRow {
  uint64_t line = 0; // physical line where the record starts
  std::string key;
  std::string rejected_by; // "input" (the record is malformed), "old", "new" or "both"
  std::string reason;
};

// One changed record, for writing changes out as they are found. Valid during the call only.
struct ChangedRecord {
  std::string_view key;
  const std::vector<std::string> &old_outputs; // per output of each program, as `waymark run` writes it
  const std::vector<std::string> &new_outputs;
  const std::vector<ResponsibleRule> &rules;
};

struct OutcomeDiffOptions {
  size_t examples = 5;          // keys kept per group
  size_t rejected_listed = 100; // rejected rows kept in the report (all are counted)
  std::function<void(const ChangedRecord &)> on_changed;
};

struct OutcomeDiffReport {
  uint64_t rows_read = 0, rows_compared = 0, rows_changed = 0;
  uint64_t rejected_malformed = 0;                   // the input could not deliver the record
  uint64_t rejected_by_old = 0, rejected_by_new = 0; // by that program only
  uint64_t rejected_by_both = 0;
  std::vector<OutcomeGroup> groups;  // most rows first
  std::vector<RejectedRow> rejected; // the first OutcomeDiffOptions::rejected_listed, in input order
  std::string failure;               // why reading stopped before the end of the input, or ""

  uint64_t rows_rejected() const { return rejected_malformed + rejected_by_old + rejected_by_new + rejected_by_both; }
  // Some record changed, or only one of the programs rejected some record.
  bool changed() const { return rows_changed > 0 || rejected_by_old > 0 || rejected_by_new > 0; }
};

// Runs every record of `source` (already open) through both programs and compares the outcomes.
OutcomeDiffReport diff_outcomes(const Program &old_program, const Program &new_program, RecordSource &source,
                                const DiffColumns &columns, const OutcomeDiffOptions &options);

// An output's value as the outcome text shows it: `missing`, a number or bool as is, anything else quoted.
std::string outcome_value(const OutputInfo &output, bool present, std::string_view formatted);

// The report `waymark diff OLD NEW --input IN` prints after naming its files: counts, then each group, then the
// rejected rows.
std::string describe(const OutcomeDiffReport &report);

// 1234567 → "1,234,567"
std::string with_thousands(uint64_t n);

} // namespace waymark::rt
