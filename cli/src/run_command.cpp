// `waymark run PACK|SRC --input IN --output OUT`: every record of a CSV or JSON Lines file through a pathway.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "commands.h"
#include "jsonl_format.h"
#include "jsonl_source.h"
#include "run_progress.h"
#include "waymark/compiler/program_loader.h"
#include "waymark/runtime/batch.h"

namespace waymark::cli {
namespace {

// Exit statuses.
constexpr int kOk = 0;         // every row written, nothing in the errors file
constexpr int kRowErrors = 1;  // rows in the errors file, or the input lacks a column the run needs
constexpr int kCannotRun = 3;  // the program, the input or the outputs cannot be read or written

constexpr const char* kFooter = R"(Formats: .csv is CSV (RFC 4180; CRLF accepted, a UTF-8 BOM skipped), .jsonl and .ndjson are
JSON Lines; '-' (standard input or output) and other names take --format, else CSV. Columns are
matched by name; extra columns are ignored. An empty field, a JSON null or an absent key is missing.

Output: a header row (CSV), then one row per input row that reads, in input order: the key column,
then every output in declaration order; a missing output is an empty field (CSV) or null (JSON).

Errors file (default OUT.errors.csv; standard error when OUT is '-'): CSV 'line,key,reason', one
line per problem, in input order; 'line' is the physical line where the row starts in the input
(a CSV header is line 1). A rejected row (malformed CSV or JSON, wrong field count, a value that
does not read, a missing required value) is not written. A row whose evaluation reports an error
is written, and listed with a reason starting "evaluation error: ". The file is always written,
with its header even when there is nothing to list, so a stale one never survives.

Exit status:
  0  every row was read, evaluated and written; the errors file lists nothing
  1  the errors file lists rows (every other row was written); or, with nothing written, the input
     lacks a column that a required or key field reads, or the --key column, or its header names a
     column twice, or it is empty
  2  bad command line
  3  the pack or source cannot be loaded, the input cannot be read, or the output or the errors file
     cannot be written; OUT and the errors file are then left as they were)";

enum class Format { Csv, Jsonl };

struct RunOptions {
  std::string program, input, output, key, errors, format;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  bool quiet = false;
};

std::optional<Format> format_of_name(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".csv") return Format::Csv;
  if (ext == ".jsonl" || ext == ".ndjson") return Format::Jsonl;
  return std::nullopt;
}

Format format_of(const std::string& path, const std::string& option) {
  if (path != "-") {
    if (auto known = format_of_name(path)) return *known;
  }
  return option == "jsonl" ? Format::Jsonl : Format::Csv;
}

void error(const std::string& message) { std::cerr << "waymark run: error: " << message << "\n"; }

std::string system_error(int code) { return std::generic_category().message(code); }

// A file written beside its final name and renamed over it on commit(), so a run that fails leaves the old file
// as it was (and an output named like the input cannot clobber it before it is read). Files that are not regular
// (/dev/null, a FIFO) are written in place; "-" is the given standard stream.
class OutputFile {
public:
  OutputFile(std::string path, std::ostream& standard) : path_(std::move(path)), standard_(standard) {}
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile() {
    if (!temp_.empty()) {
      file_.close();
      std::remove(temp_.c_str());
    }
  }

  bool open(std::string& message) {
    if (path_ == "-") return true;
    struct stat st {};
    bool in_place = ::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
    std::string target = path_;
    if (!in_place) target = temp_ = path_ + ".tmp" + std::to_string(::getpid());
    errno = 0;
    file_.open(target, std::ios::binary | std::ios::trunc);
    if (!file_) {
      message = "cannot write " + path_ + (errno != 0 ? ": " + system_error(errno) : std::string());
      temp_.clear();
      return false;
    }
    return true;
  }

  std::ostream& stream() { return path_ == "-" ? standard_ : file_; }

  bool commit(std::string& message) {
    if (path_ == "-") return true;
    errno = 0;
    file_.close();
    if (file_.fail()) {
      message = "cannot write " + path_ + (errno != 0 ? ": " + system_error(errno) : std::string());
      return false;
    }
    if (temp_.empty()) return true;
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
      message = "cannot write " + path_ + ": " + system_error(errno);
      return false;
    }
    temp_.clear();
    return true;
  }

  const std::string& path() const { return path_; }

private:
  std::string path_, temp_;
  std::ostream& standard_;
  std::ofstream file_;
};

// Bytes in the input when it is a regular file (for the progress percentage), else -1.
int64_t input_size(const std::string& path) {
  struct stat st {};
  int ok = path == "-" ? ::fstat(STDIN_FILENO, &st) : ::stat(path.c_str(), &st);
  return ok == 0 && S_ISREG(st.st_mode) ? static_cast<int64_t>(st.st_size) : -1;
}

std::string percent_of(uint64_t part, uint64_t whole) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << (whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole))
      << "%";
  return out.str();
}

// One line per value, most records first, aligned: "    routine       120   75.0%".
void print_outcome(std::ostream& out, const rt::Program& program, const rt::OutcomeCounts& counts, uint64_t written) {
  std::vector<rt::OutcomeValueCount> rows = counts.values;
  // Ties by value: the order values first appear in depends on which worker's counts were merged first.
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.records != b.records ? a.records > b.records : a.value < b.value;
  });
  if (counts.missing > 0) rows.push_back({"(missing)", counts.missing});
  size_t width = 0, digits = 0;
  for (const auto& row : rows) {
    width = std::max(width, row.value.size());
    digits = std::max(digits, with_commas(row.records).size());
  }
  const rt::OutputInfo& output = program.outputs[counts.output];
  out << "  outcome " << program.str(output.name) << " (records):\n";
  for (const auto& row : rows)
    out << "    " << std::left << std::setw(static_cast<int>(width)) << row.value << "  " << std::right
        << std::setw(static_cast<int>(digits)) << with_commas(row.records) << "  " << std::setw(6)
        << percent_of(row.records, written) << "\n";
  if (counts.overflowed)
    out << "    (more than " << rt::OutcomeTally::kMaxValues << " distinct values: the rest are not counted)\n";
}

void print_summary(const rt::Program& program, const rt::RunStats& stats, const std::string& errors_path,
                   double seconds) {
  std::ostringstream out;
  out << "waymark run: " << with_commas(stats.rows_read) << " rows read, " << with_commas(stats.rows_written)
      << " written, " << with_commas(stats.rows_rejected) << " rejected";
  if (stats.rows_with_errors > 0) out << ", " << with_commas(stats.rows_with_errors) << " with evaluation errors";
  out << "\n";
  if (stats.rows_rejected + stats.rows_with_errors > 0) out << "  errors: " << errors_path << "\n";
  for (const auto& counts : stats.outcomes) print_outcome(out, program, counts, stats.rows_written);
  if (!program.rules.empty()) {
    // Most fired first; ties keep source order, so rules that never fired end the list as written.
    std::vector<size_t> order(program.rules.size());
    for (size_t r = 0; r < order.size(); ++r) order[r] = r;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return stats.fired[a] > stats.fired[b]; });
    out << "  rules fired (records, most first):\n";
    for (size_t r : order)
      out << "    " << program.str(program.rules[r].name) << ": " << with_commas(stats.fired[r]) << "\n";
  }
  out << "  " << std::fixed << std::setprecision(2) << seconds << " s";
  if (seconds > 0) out << ", " << with_commas(static_cast<uint64_t>(stats.rows_read / seconds)) << " rows/s";
  out << "\n";
  std::cerr << out.str();
}

int run(const RunOptions& options) {
  // Records stream through these in large blocks; unsynchronised, the standard streams buffer like files.
  std::ios::sync_with_stdio(false);

  Diagnostics diagnostics;
  std::optional<rt::Program> program = load_program(options.program, diagnostics);
  if (!program) {
    diagnostics.sort();
    diagnostics.render(std::cerr, isatty(STDERR_FILENO) != 0);
    error("cannot load " + options.program);
    return kCannotRun;
  }

  std::ifstream file;
  std::istream* in = &std::cin;
  if (options.input != "-") {
    std::error_code ec;
    if (std::filesystem::is_directory(options.input, ec)) {
      error("cannot read " + options.input + ": it is a directory");
      return kCannotRun;
    }
    errno = 0;
    file.open(options.input, std::ios::binary);
    if (!file) {
      error("cannot read " + options.input + (errno != 0 ? ": " + system_error(errno) : std::string()));
      return kCannotRun;
    }
    in = &file;
  }
  const std::string input_name = options.input == "-" ? "standard input" : options.input;
  std::unique_ptr<rt::RecordSource> source;
  if (format_of(options.input, options.format) == Format::Jsonl) source = std::make_unique<JsonlSource>(*in);
  else source = std::make_unique<rt::CsvSource>(*in);
  std::string message;
  if (!source->open(message)) {
    error(input_name + ": " + message);
    return source->failure().empty() ? kRowErrors : kCannotRun;
  }

  std::vector<std::string> problems;
  rt::ColumnPlan plan = rt::plan_columns(*program, source->header(), options.key, problems);
  for (const auto& problem : problems) error(input_name + ": " + problem);
  if (!problems.empty()) return kRowErrors;
  if (!options.quiet)
    for (const auto& warning : plan.warnings) std::cerr << "waymark run: warning: " << input_name << ": " << warning << "\n";

  std::string errors_path = options.errors;
  if (errors_path.empty()) errors_path = options.output == "-" ? "-" : options.output + ".errors.csv";
  OutputFile output(options.output, std::cout), errors(errors_path, std::cerr);
  if (!output.open(message) || !errors.open(message)) {
    error(message);
    return kCannotRun;
  }

  std::unique_ptr<rt::RecordFormat> format;
  if (format_of(options.output, options.format) == Format::Jsonl)
    format = std::make_unique<JsonlFormat>(*program, plan.key_column);
  else format = std::make_unique<rt::CsvFormat>(*program, plan.key_column);

  rt::RunOptions run_options;
  run_options.threads = options.threads;
  run_options.errors_header_always = errors_path != "-";
  // Error lines on the terminal would be torn by a progress line redrawn over them.
  std::optional<ProgressBar> bar;
  if (!options.quiet && errors_path != "-" && isatty(STDERR_FILENO)) {
    bar.emplace(std::cerr, input_size(options.input));
    run_options.progress = [&bar](const rt::RunProgress& progress) { bar->update(progress); };
  }

  auto start = std::chrono::steady_clock::now();
  rt::RunStats stats = rt::run_batch(*program, *source, plan, *format, output.stream(), errors.stream(), run_options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (bar) bar->finish();
  if (!stats.failure.empty()) {
    const std::string& f = stats.failure;
    error(f.starts_with("reading") ? input_name + ": " + f
          : f.starts_with("writing the output") ? output.path() + ": " + f
          : f.starts_with("writing the errors") ? errors.path() + ": " + f
                                                : f);
    return kCannotRun;
  }
  if (!output.commit(message) || !errors.commit(message)) {
    error(message);
    return kCannotRun;
  }
  if (!options.quiet) print_summary(*program, stats, errors_path == "-" ? "standard error" : errors_path, seconds);
  return stats.rows_rejected + stats.rows_with_errors > 0 ? kRowErrors : kOk;
}

} // namespace

std::function<int()> add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run every row of a CSV or JSON Lines file through a pathway");
  cmd->add_option("program", options->program, "Rule pack, or a .wm source (compiled first)")->required();
  cmd->add_option("-i,--input", options->input, "Input file, or - for standard input")->required();
  cmd->add_option("-o,--output", options->output, "Output file, or - for standard output")->required();
  cmd->add_option("--key", options->key, "Input column written first to identify each row (default: the key field's "
                                         "column, else the first column)");
  cmd->add_option("-j,--threads", options->threads, "Worker threads (default: one per core; 1 runs inline)")
      ->check(CLI::Range(1u, 1024u));
  cmd->add_option("--errors", options->errors, "Errors file (default: OUT.errors.csv, or standard error for -o -)");
  cmd->add_option("--format", options->format, "Format of - and of names without .csv/.jsonl/.ndjson: csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->add_flag("-q,--quiet", options->quiet, "No progress, warnings or summary; errors only");
  cmd->footer(kFooter);
  return [options] { return run(*options); };
}

} // namespace waymark::cli
