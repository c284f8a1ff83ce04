// `waymark diff OLD NEW [--input DATA]`: what a rule change changes. With --input, the outcomes of both
// versions over the same records; without it, the rules, code sets and schema that differ.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <system_error>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "jsonl_source.h"
#include "waymark/compiler/program_loader.h"
#include "waymark/runtime/batch.h"
#include "waymark/runtime/csv_writer.h"
#include "waymark/runtime/outcome_diff.h"
#include "waymark/runtime/program_diff.h"

namespace waymark::cli {
namespace {

// Exit statuses, as diff(1) has them.
constexpr int kSame = 0;      // nothing differs
constexpr int kDifferent = 1; // some record's outcome changed (or only one version rejects it); or the rules differ
constexpr int kCannot = 3;    // a program cannot be loaded, the input read or the changes written

constexpr const char *kFooter =
    R"(With --input: both versions run over the same records (CSV; .jsonl and .ndjson are JSON Lines),
each reading its own columns by name, and the report gives the rows compared and changed, the changes
grouped by old outcome -> new outcome with their counts, example keys and the rules responsible (rules
whose fired / not-fired state differs), and the rows either version rejects, with line and reason.
--output writes one CSV row per changed record: the key, each old output, each new output, the rules
responsible.

Without --input: the structural change. Rules added, removed or edited (condition, actions, priority,
group, title, because, cite), groups, code sets with the entries added and removed, and schema changes,
marked breaking (an input added as required or key, removed, or reading another column or type; an
output removed or retyped) or non-breaking.

Exit status:
  0  nothing differs
  1  some record's outcome changed, or one version rejects a record the other reads; without --input,
     anything differs
  2  bad command line
  3  a program cannot be loaded, the input cannot be read (or lacks a column that a required or key
     field reads), or the changes file cannot be written)";

struct DiffOptions {
  std::string old_path, new_path, input, output, key;
  size_t examples = 5;
  bool json = false;
};

void error(const std::string &message) { std::cerr << "waymark diff: error: " << message << "\n"; }

std::string system_error(int code) { return std::generic_category().message(code); }

std::optional<rt::Program> load(const std::string &path) {
  Diagnostics diagnostics;
  std::optional<rt::Program> program = load_program(path, diagnostics);
  if (!program) {
    diagnostics.sort();
    diagnostics.render(std::cerr, isatty(STDERR_FILENO) != 0);
    error("cannot load " + path);
  }
  return program;
}

// "pathways/ebi/low_back_imaging.wm (ebi.low_back_imaging 0.1.0)"
std::string identify(const std::string &path, const rt::Program &program) {
  std::string name = program.str(program.meta.name);
  if (!program.str(program.meta.version).empty()) name += " " + program.str(program.meta.version);
  return path + (name.empty() ? "" : " (" + name + ")");
}

nlohmann::json program_json(const std::string &path, const rt::Program &program) {
  return {{"path", path}, {"name", program.str(program.meta.name)}, {"version", program.str(program.meta.version)}};
}

// ---- without --input --------------------------------------------------------------------------------------

nlohmann::json structure_json(const rt::ProgramDiff &diff) {
  nlohmann::json rules_edited = nlohmann::json::array(), groups_edited = nlohmann::json::array(),
                 sets_edited = nlohmann::json::array(), schema = nlohmann::json::array();
  for (const auto &e : diff.rules_edited) rules_edited.push_back({{"rule", e.rule}, {"changes", e.changes}});
  for (const auto &e : diff.groups_edited) groups_edited.push_back({{"group", e.group}, {"changes", e.changes}});
  nlohmann::json sets_added = nlohmann::json::array(), sets_removed = nlohmann::json::array();
  auto set_json = [](const rt::CodeSetEdit &e) {
    return nlohmann::json{{"code_set", e.code_set}, {"added", e.added}, {"removed", e.removed}};
  };
  for (const auto &e : diff.code_sets_edited) sets_edited.push_back(set_json(e));
  for (const auto &e : diff.code_sets_added) sets_added.push_back(set_json(e));
  for (const auto &e : diff.code_sets_removed) sets_removed.push_back(set_json(e));
  for (const auto &c : diff.schema)
    schema.push_back({{"breaking", c.breaking}, {"subject", c.subject}, {"change", c.change}});
  return {{"identical", diff.empty()},
          {"pathway", diff.header},
          {"rules", {{"added", diff.rules_added}, {"removed", diff.rules_removed}, {"edited", rules_edited}}},
          {"groups", {{"added", diff.groups_added}, {"removed", diff.groups_removed}, {"edited", groups_edited}}},
          {"code_sets", {{"added", sets_added}, {"removed", sets_removed}, {"edited", sets_edited}}},
          {"schema", schema},
          {"breaking", diff.breaking()}};
}

int diff_structure(const DiffOptions &options, const rt::Program &old_program, const rt::Program &new_program) {
  const rt::ProgramDiff diff = rt::diff_programs(old_program, new_program);
  if (options.json) {
    nlohmann::json out = structure_json(diff);
    out["old"] = program_json(options.old_path, old_program);
    out["new"] = program_json(options.new_path, new_program);
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "old: " << identify(options.old_path, old_program) << "\n"
              << "new: " << identify(options.new_path, new_program) << "\n\n"
              << rt::describe(diff);
  }
  return diff.empty() ? kSame : kDifferent;
}

// ---- with --input -----------------------------------------------------------------------------------------

// The changes file: written beside its name and renamed into place when complete, so a failed run leaves no
// half-written file (and an old one as it was).
class ChangesFile {
public:
  explicit ChangesFile(std::string path) : path_(std::move(path)), temp_(path_ + ".tmp" + std::to_string(::getpid())) {}
  ChangesFile(const ChangesFile &) = delete;
  ChangesFile &operator=(const ChangesFile &) = delete;
  ~ChangesFile() {
    if (!committed_ && file_.is_open()) {
      file_.close();
      std::remove(temp_.c_str());
    }
  }
  bool open(std::string &message) {
    errno = 0;
    file_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!file_) message = "cannot write " + path_ + (errno != 0 ? ": " + system_error(errno) : std::string());
    return static_cast<bool>(file_);
  }
  std::ostream &stream() { return file_; }
  bool commit(std::string &message) {
    errno = 0;
    file_.close();
    if (file_.fail() || std::rename(temp_.c_str(), path_.c_str()) != 0) {
      message = "cannot write " + path_ + (errno != 0 ? ": " + system_error(errno) : std::string());
      std::remove(temp_.c_str());
      return false;
    }
    committed_ = true;
    return true;
  }

private:
  std::string path_, temp_;
  std::ofstream file_;
  bool committed_ = false;
};

bool is_json_lines(const std::string &path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char &c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".jsonl" || ext == ".ndjson";
}

nlohmann::json outcomes_json(const rt::OutcomeDiffReport &report) {
  nlohmann::json changes = nlohmann::json::array(), rejected = nlohmann::json::array();
  for (const auto &group : report.groups) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto &r : group.rules)
      rules.push_back(
          {{"rule", r.name}, {"old", r.old_state}, {"new", r.new_state}, {"actions_edited", r.actions_edited}});
    changes.push_back({{"rows", group.rows},
                       {"old", group.old_outcome},
                       {"new", group.new_outcome},
                       {"rules_responsible", rules},
                       {"examples", group.examples}});
  }
  for (const auto &row : report.rejected)
    rejected.push_back(
        {{"line", row.line}, {"key", row.key}, {"rejected_by", row.rejected_by}, {"reason", row.reason}});
  return {{"rows_read", report.rows_read},
          {"rows_compared", report.rows_compared},
          {"rows_changed", report.rows_changed},
          {"rows_rejected", report.rows_rejected()},
          {"rejected_counts",
           {{"malformed", report.rejected_malformed},
            {"old_only", report.rejected_by_old},
            {"new_only", report.rejected_by_new},
            {"both", report.rejected_by_both}}},
          {"changes", changes},
          {"rejected", rejected},
          {"rejected_not_listed", report.rows_rejected() - report.rejected.size()}};
}

int diff_outcomes(const DiffOptions &options, const rt::Program &old_program, const rt::Program &new_program) {
  std::error_code ec;
  if (std::filesystem::is_directory(options.input, ec)) {
    error("cannot read " + options.input + ": it is a directory");
    return kCannot;
  }
  errno = 0;
  std::ifstream in(options.input, std::ios::binary);
  if (!in) {
    error("cannot read " + options.input + (errno != 0 ? ": " + system_error(errno) : std::string()));
    return kCannot;
  }
  std::unique_ptr<rt::RecordSource> source;
  if (is_json_lines(options.input))
    source = std::make_unique<JsonlSource>(in);
  else
    source = std::make_unique<rt::CsvSource>(in);
  std::string message;
  if (!source->open(message)) {
    error(options.input + ": " + message);
    return kCannot;
  }
  std::vector<std::string> problems;
  const rt::DiffColumns columns =
      rt::plan_diff_columns(old_program, new_program, source->header(), options.key, problems);
  for (const auto &problem : problems) error(options.input + ": " + problem);
  if (!problems.empty()) return kCannot;
  for (const auto &warning : columns.warnings)
    std::cerr << "waymark diff: warning: " << options.input << ": " << warning << "\n";

  std::optional<ChangesFile> changes;
  std::optional<rt::CsvWriter> writer;
  rt::OutcomeDiffOptions diff_options;
  diff_options.examples = options.examples;
  if (!options.output.empty()) {
    changes.emplace(options.output);
    if (!changes->open(message)) {
      error(message);
      return kCannot;
    }
    writer.emplace(changes->stream());
    writer->field(columns.key_column);
    for (const auto &o : old_program.outputs) writer->field("old_" + old_program.str(o.name));
    for (const auto &o : new_program.outputs) writer->field("new_" + new_program.str(o.name));
    writer->field("rules_responsible");
    writer->end_row();
    diff_options.on_changed = [&writer](const rt::ChangedRecord &changed) {
      writer->field(changed.key);
      for (const auto &value : changed.old_outputs) writer->field(value);
      for (const auto &value : changed.new_outputs) writer->field(value);
      std::string rules;
      for (const auto &r : changed.rules) rules += (rules.empty() ? "" : "; ") + r.name;
      writer->field(rules);
      writer->end_row();
    };
  }

  const rt::OutcomeDiffReport report = rt::diff_outcomes(old_program, new_program, *source, columns, diff_options);
  if (!report.failure.empty()) {
    error(options.input + ": " + report.failure);
    return kCannot;
  }
  if (writer) {
    const bool flushed = writer->flush();
    writer.reset();
    if (!flushed || !changes->commit(message)) {
      error(flushed ? message : "cannot write " + options.output);
      return kCannot;
    }
  }

  if (options.json) {
    nlohmann::json out = outcomes_json(report);
    out["old"] = program_json(options.old_path, old_program);
    out["new"] = program_json(options.new_path, new_program);
    out["input"] = options.input;
    out["key_column"] = columns.key_column;
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "old:   " << identify(options.old_path, old_program) << "\n"
              << "new:   " << identify(options.new_path, new_program) << "\n"
              << "input: " << options.input << " (key column " << columns.key_column << ")\n\n"
              << rt::describe(report);
  }
  return report.changed() ? kDifferent : kSame;
}

int run_diff(const DiffOptions &options) {
  std::optional<rt::Program> old_program = load(options.old_path);
  std::optional<rt::Program> new_program = load(options.new_path);
  if (!old_program || !new_program) return kCannot;
  if (options.input.empty()) return diff_structure(options, *old_program, *new_program);
  return diff_outcomes(options, *old_program, *new_program);
}

} // namespace

std::function<int()> add_diff_command(CLI::App &app) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App *cmd =
      app.add_subcommand("diff", "Compare two versions of a pathway: their rules, or their outcomes over data");
  cmd->add_option("old", options->old_path, "The old version: a rule pack or a .wm source")->required();
  cmd->add_option("new", options->new_path, "The new version: a rule pack or a .wm source")->required();
  CLI::Option *input = cmd->add_option("-i,--input", options->input, "Records to run through both (CSV or JSON Lines)");
  cmd->add_option("-o,--output", options->output, "Write one CSV row per changed record here")->needs(input);
  cmd->add_option("--key", options->key,
                  "Input column that identifies a record (default: the old version's key "
                  "column, else the first column)")
      ->needs(input);
  cmd->add_option("--examples", options->examples, "Example keys shown per group of changes (default 5)")
      ->check(CLI::Range(size_t{0}, size_t{1000}))
      ->needs(input);
  cmd->add_flag("--json", options->json, "Print the report as JSON");
  cmd->footer(kFooter);
  return [options] { return run_diff(*options); };
}

} // namespace waymark::cli
