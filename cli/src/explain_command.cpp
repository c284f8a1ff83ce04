// `waymark explain PACK|SRC --input DATA --key K [--rule NAME] [--json]` and `waymark explain SRC --case NAME`:
// one record through the VM with a trace, then why each rule fired and why the others did not.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "waymark/compiler/program_loader.h"
#include "waymark/runtime/csv_reader.h"
#include "waymark/runtime/explanation.h"

namespace waymark::cli {
namespace {

struct ExplainOptions {
  std::string program, input, key, rule, test_case;
  bool fired_only = false;
  bool json = false;
};

// The record to explain: raw text per program field, kept alive while the machine uses it.
struct Record {
  std::vector<std::string> raw;
  std::vector<std::pair<std::string, std::string>> shown; // column, raw text: what the explanation was given
};

std::optional<Record> record_of_case(const rt::Program& p, const std::string& name, std::string& error) {
  for (const rt::TestCaseInfo& test : p.tests) {
    if (p.str(test.name) != name) continue;
    Record record;
    record.raw.resize(p.fields.size());
    for (const rt::TestGiven& given : test.given) {
      const std::string& column = p.str(given.column);
      const std::string value = given.missing ? std::string() : p.str(given.value);
      record.shown.emplace_back(column, value);
      for (size_t f = 0; f < p.fields.size(); ++f)
        if (p.str(p.fields[f].column) == column) record.raw[f] = value;
    }
    return record;
  }
  error = "no test case named \"" + name + "\"";
  return std::nullopt;
}

std::optional<Record> record_of_row(const rt::Program& p, const std::string& path, const std::string& key,
                                    std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return std::nullopt;
  }
  rt::CsvReader reader(in, {});
  rt::CsvRecord row;
  if (!reader.next(row)) {
    error = path + " is empty";
    return std::nullopt;
  }
  const std::vector<std::string> header(row.fields.begin(), row.fields.end());
  size_t key_column = 0; // the key input's column, else the first
  for (const auto& f : p.fields)
    if (f.key)
      for (size_t c = 0; c < header.size(); ++c)
        if (header[c] == p.str(f.column)) key_column = c;
  while (reader.next(row)) {
    if (!row.error.empty() || key_column >= row.fields.size() || row.fields[key_column] != key) continue;
    Record record;
    record.raw.resize(p.fields.size());
    for (size_t c = 0; c < header.size() && c < row.fields.size(); ++c) {
      record.shown.emplace_back(header[c], std::string(row.fields[c]));
      for (size_t f = 0; f < p.fields.size(); ++f)
        if (p.str(p.fields[f].column) == header[c]) record.raw[f] = std::string(row.fields[c]);
    }
    return record;
  }
  error = "no row of " + path + " has " + header[key_column] + " = " + key;
  return std::nullopt;
}

nlohmann::json to_json(const rt::Program& p, const rt::Machine& m, const Record& record, const rt::Explanation& e,
                       const std::string& only_rule, bool fired_only) {
  nlohmann::json out;
  out["record"] = nlohmann::json::object();
  for (const auto& [column, value] : record.shown) out["record"][column] = value;
  out["outputs"] = nlohmann::json::object();
  for (uint32_t o = 0; o < p.outputs.size(); ++o) {
    std::string text;
    m.format_output(o, text);
    out["outputs"][p.str(p.outputs[o].name)] = m.output(o).present ? nlohmann::json(text) : nlohmann::json(nullptr);
  }
  out["errors"] = e.errors;
  out["rules"] = nlohmann::json::array();
  for (const auto& r : e.rules) {
    if (!only_rule.empty() && r.name != only_rule) continue;
    if (fired_only && r.state != rt::RuleState::Fired) continue;
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : r.steps) {
      nlohmann::json inputs = nlohmann::json::array();
      for (const auto& i : s.inputs) inputs.push_back({{"column", i.column}, {"value", i.value}});
      steps.push_back({{"text", s.text}, {"where", s.where}, {"value", rt::to_string(s.value)}, {"decisive", s.decisive},
                       {"inputs", inputs}, {"matches", s.matches}, {"missing", s.missing}});
    }
    nlohmann::json tree = nlohmann::json::array();
    for (const auto& n : r.tree)
      tree.push_back({{"text", n.text}, {"where", n.where}, {"value", rt::to_string(n.value)},
                      {"step", n.step >= 0 ? nlohmann::json(n.step) : nlohmann::json(nullptr)}, {"children", n.children}});
    out["rules"].push_back({{"name", r.name}, {"title", r.title}, {"where", r.where}, {"state", rt::to_string(r.state)},
                            {"summary", r.summary}, {"steps", steps}, {"tree", tree}, {"roots", r.roots},
                            {"derived", r.derived}, {"outputs", r.outputs}, {"because", r.because}, {"cite", r.cite}});
  }
  return out;
}

int run_explain(const ExplainOptions& options) {
  Diagnostics diagnostics;
  auto program = load_program(options.program, diagnostics);
  diagnostics.render(std::cerr, false);
  if (!program) return 3;
  const rt::Program& p = *program;
  if (!options.rule.empty() &&
      std::none_of(p.rules.begin(), p.rules.end(), [&](const rt::RuleInfo& r) { return p.str(r.name) == options.rule; })) {
    std::cerr << "waymark explain: no rule named " << options.rule << "\n";
    return 1;
  }
  std::string error;
  std::optional<Record> record = options.test_case.empty() ? record_of_row(p, options.input, options.key, error)
                                                           : record_of_case(p, options.test_case, error);
  if (!record) {
    std::cerr << "waymark explain: " << error << "\n";
    return 1;
  }
  rt::Machine machine(p);
  rt::Trace trace;
  machine.set_trace(&trace);
  std::vector<std::string_view> raw(record->raw.begin(), record->raw.end());
  if (!machine.read(raw, error)) {
    std::cerr << "waymark explain: the record is rejected: " << error << "\n";
    return 1;
  }
  machine.evaluate();
  const rt::Explanation explanation = rt::explain(p, machine, trace);
  if (options.json) {
    std::cout << to_json(p, machine, *record, explanation, options.rule, options.fired_only).dump(2) << "\n";
    return 0;
  }
  std::cout << "outputs:";
  for (uint32_t o = 0; o < p.outputs.size(); ++o) {
    std::string text;
    machine.format_output(o, text);
    std::cout << " " << p.str(p.outputs[o].name) << " = " << (machine.output(o).present ? "\"" + text + "\"" : "missing")
              << (o + 1 < p.outputs.size() ? "," : "");
  }
  std::cout << "\n";
  if (!options.fired_only) {
    std::cout << rt::explanation_text(explanation, options.rule);
    return 0;
  }
  // The fired rules in full, then the others by state, one line each: "not fired: a, b".
  std::vector<std::pair<rt::RuleState, std::string>> others;
  for (const auto& r : explanation.rules) {
    if (!options.rule.empty() && r.name != options.rule) continue;
    if (r.state == rt::RuleState::Fired) {
      std::cout << rt::explanation_text(explanation, r.name);
      continue;
    }
    auto same = std::find_if(others.begin(), others.end(), [&](const auto& o) { return o.first == r.state; });
    if (same == others.end()) others.emplace_back(r.state, r.name);
    else same->second += ", " + r.name;
  }
  for (const auto& [state, names] : others) std::cout << rt::to_string(state) << ": " << names << "\n";
  return 0;
}

} // namespace

std::string explain_test_failure(const rt::Program& p, const rt::TestCaseInfo& test, const rt::Machine&,
                                 const rt::TestOutcome& outcome) {
  if (!outcome.rejected.empty()) return ""; // the reason is already printed
  rt::Machine machine(p);
  rt::Trace trace;
  machine.set_trace(&trace);
  std::vector<std::string_view> raw(outcome.record.begin(), outcome.record.end());
  std::string error;
  if (!machine.read(raw, error)) return "";
  machine.evaluate();
  const rt::Explanation explanation = rt::explain(p, machine, trace);
  std::string out = "why:\n";
  for (const auto& r : explanation.rules) out += "  " + r.name + ": " + r.summary + "\n";
  for (const auto& failure : outcome.failures) {
    const rt::TestExpectation& x = test.expect[failure.expectation];
    const bool names_rule = x.kind == rt::ExpectKind::Fired || x.kind == rt::ExpectKind::NotFired ||
                            x.kind == rt::ExpectKind::Unknown;
    if (names_rule) out += rt::explanation_text(explanation, p.str(x.name));
  }
  return out;
}

std::function<int()> add_explain_command(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "Why each rule fired or did not, for one record or test case");
  cmd->add_option("program", options->program, "A rule pack, or a pathway source (.wm)")->required()->check(CLI::ExistingFile);
  auto* input = cmd->add_option("-i,--input", options->input, "A CSV file holding the record")->check(CLI::ExistingFile);
  auto* key = cmd->add_option("-k,--key", options->key, "The record's key (in the key input's column, else the first)");
  auto* test = cmd->add_option("--case", options->test_case, "A test case of the pathway, by name");
  input->needs(key);
  key->needs(input);
  test->excludes(input);
  cmd->add_option("--rule", options->rule, "Explain only this rule");
  cmd->add_flag("--fired", options->fired_only,
                "Explain in full only the rules that fired; one line with the state of each other rule");
  cmd->add_flag("--json", options->json, "JSON for other tools (the Studio reads the same)");
  cmd->footer(
      "Give --input with --key, or --case.\n"
      "Text: the outputs, then per rule its state and one-sentence summary ('fired because ...', 'did not fire: ... "
      "is false', 'undecided: ... is unknown'), the why tree of its condition (each and/or/not over its operands, "
      "down to the tests, with their values; '>' marks the test that decided), the inputs each test read, the codes "
      "that matched, under a test that is false or unknown 'missing: a, b' (every input it depends on, through "
      "definitions too, that the record lacks, even those the evaluation did not read; left out when the inputs it "
      "read show them all missing), the derived values, what it set, and its rationale and citation.\n"
      "JSON: {record: {column: raw text}, outputs: {name: text or null}, errors: [..], rules: [{name, title, where, "
      "state, summary, steps: [{text, where, value (true|false|unknown|not evaluated), decisive, inputs: [{column, "
      "value}], matches: [..], missing: [columns of every missing input it depends on, even those the text leaves "
      "out; empty unless false or unknown]}], tree: [{text, where, value, step (index into steps, or null for "
      "and/or/not), children: [indices into tree]}], roots: [indices into tree], derived: [..], outputs: [..], "
      "because, cite}]}.\n"
      "Exit status: 0 explained; 1 no such record, case or rule, or the record is rejected (the reason is printed); "
      "2 bad command line; 3 the pack or source cannot be loaded.");
  return [options, cmd] {
    if (options->test_case.empty() && options->input.empty()) {
      std::cerr << "waymark explain: give --input with --key, or --case\n" << cmd->help();
      return 2;
    }
    return run_explain(*options);
  };
}

} // namespace waymark::cli
