// The saved and the edited buffer over the same records, as `waymark diff --input` compares two files.
#include "waymark/studio/saved_diff.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>

#include "waymark/runtime/batch.h"
#include "waymark/studio/test_results.h"

namespace waymark::studio {
namespace {

// The program, or why not: "the saved version does not compile: <its first error>".
std::optional<rt::Program> compile_version(const std::string &path, const std::string &text, const char *version,
                                           std::string &error) {
  std::vector<Marker> errors;
  std::optional<rt::Program> program = compile_buffer(path, text, &errors);
  if (!program)
    error = std::string("the ") + version + " version does not compile" +
            (errors.empty() ? std::string() : ": " + errors.front().text());
  return program;
}

// Output names of both versions: the saved version's in order, then those only the edited one has.
std::vector<std::string> output_names(const rt::Program &saved, const rt::Program &edited) {
  std::vector<std::string> names;
  for (const rt::OutputInfo &o : saved.outputs) names.push_back(saved.str(o.name));
  for (const rt::OutputInfo &o : edited.outputs) {
    const std::string &name = edited.str(o.name);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

// Per name in `names`: the index of that output in `program`, or -1.
std::vector<int64_t> output_slots(const rt::Program &program, const std::vector<std::string> &names) {
  std::vector<int64_t> slots(names.size(), -1);
  for (size_t o = 0; o < program.outputs.size(); ++o)
    for (size_t n = 0; n < names.size(); ++n)
      if (names[n] == program.str(program.outputs[o].name)) slots[n] = static_cast<int64_t>(o);
  return slots;
}

std::vector<std::string> aligned(const std::vector<std::string> &values, const std::vector<int64_t> &slots) {
  std::vector<std::string> out;
  out.reserve(slots.size());
  for (int64_t slot : slots)
    out.push_back(slot >= 0 && static_cast<size_t>(slot) < values.size() ? values[static_cast<size_t>(slot)] : "");
  return out;
}

std::string summary_of(const rt::OutcomeDiffReport &report) {
  std::string out = rt::with_thousands(report.rows_changed) + " of " + rt::with_thousands(report.rows_read) +
                    (report.rows_read == 1 ? " record " : " records ") +
                    (report.rows_changed == 1 ? "changes" : "change");
  if (report.rows_rejected() == 0) return out;
  out += "; " + rt::with_thousands(report.rows_rejected()) + " rejected";
  // Rejected by one version only is itself a change the edit makes: say so.
  std::string only;
  if (report.rejected_by_old > 0) only += rt::with_thousands(report.rejected_by_old) + " by the saved version only";
  if (report.rejected_by_new > 0)
    only += (only.empty() ? "" : ", ") + rt::with_thousands(report.rejected_by_new) + " by the edited version only";
  return only.empty() ? out : out + " (" + only + ")";
}

} // namespace

SavedDiff diff_against_saved(const std::string &path, const std::string &saved_text, const std::string &edited_text,
                             const std::string &data_csv_path, size_t limit) {
  SavedDiff diff;
  const std::optional<rt::Program> saved = compile_version(path, saved_text, "saved", diff.error);
  if (!saved) return diff;
  const std::optional<rt::Program> edited = compile_version(path, edited_text, "edited", diff.error);
  if (!edited) return diff;

  std::error_code ec;
  if (std::filesystem::is_directory(data_csv_path, ec)) {
    diff.error = "cannot read " + data_csv_path + ": it is a directory";
    return diff;
  }
  errno = 0;
  std::ifstream in(data_csv_path, std::ios::binary);
  if (!in) {
    diff.error =
        "cannot read " + data_csv_path + (errno != 0 ? ": " + std::generic_category().message(errno) : std::string());
    return diff;
  }
  rt::CsvSource source(in);
  std::string message;
  if (!source.open(message)) {
    diff.error = data_csv_path + ": " + message;
    return diff;
  }
  std::vector<std::string> problems;
  const rt::DiffColumns columns = rt::plan_diff_columns(*saved, *edited, source.header(), "", problems);
  if (!problems.empty()) {
    for (const std::string &problem : problems)
      diff.error += (diff.error.empty() ? "" : "; ") + data_csv_path + ": " + problem;
    return diff;
  }
  diff.warnings = columns.warnings;

  const std::vector<std::string> names = output_names(*saved, *edited);
  const std::vector<int64_t> saved_slots = output_slots(*saved, names), edited_slots = output_slots(*edited, names);
  rt::OutcomeDiffOptions options;
  options.on_changed = [&](const rt::ChangedRecord &record) {
    if (diff.changed.size() >= limit) return;
    ChangedRow row;
    row.key = std::string(record.key);
    row.output_names = names;
    row.old_outputs = aligned(record.old_outputs, saved_slots);
    row.new_outputs = aligned(record.new_outputs, edited_slots);
    for (const rt::ResponsibleRule &rule : record.rules) row.rules += (row.rules.empty() ? "" : "; ") + rule.name;
    diff.changed.push_back(std::move(row));
  };
  diff.report = rt::diff_outcomes(*saved, *edited, source, columns, options);
  if (!diff.report.failure.empty()) {
    diff.error = data_csv_path + ": " + diff.report.failure;
    diff.changed.clear();
    return diff;
  }
  diff.ran = true;
  diff.summary = summary_of(diff.report);
  return diff;
}

} // namespace waymark::studio
