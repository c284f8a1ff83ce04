// `waymark inspect PACK|SRC [--code]`: what a pack holds, and optionally its bytecode.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "commands.h"
#include "waymark/compiler/program_loader.h"
#include "waymark/runtime/disassembler.h"
#include "waymark/runtime/pack.h"

namespace waymark::cli {
namespace {

struct InspectOptions {
  std::string path;
  bool code = false;
};

std::string type_text(const rt::ValueType& type) { return rt::to_string(type); }

void print_summary(const rt::Program& p, std::ostream& out) {
  auto s = [&](rt::StringId id) -> const std::string& { return p.str(id); };
  out << "pathway      " << s(p.meta.name) << " " << s(p.meta.version) << "\n";
  if (p.meta.title) out << "title        " << s(p.meta.title) << "\n";
  for (rt::StringId line : p.meta.implements) out << "implements   " << s(line) << "\n";
  if (p.meta.coverage) out << "coverage     " << p.meta.coverage << "% declared (waymark test --coverage)\n";
  out << "compiler     waymark " << p.meta.compiler_version << ", pack format " << rt::kPackMajor << "." << rt::kPackMinor
      << "\n";
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(p.meta.source_hash));
  out << "source hash  " << hash << " (XXH64)\n";
  out << "sources     ";
  for (const auto& src : p.sources) out << " " << s(src.path) << (src.has_text ? "" : " (not embedded)");
  out << "\n\ninputs (" << p.fields.size() << ")\n";
  for (const auto& f : p.fields) {
    out << "  " << s(f.name) << ": " << type_text(f.type) << (f.key ? " key" : f.required ? " required" : " optional");
    if (s(f.column) != s(f.name)) out << " from \"" << s(f.column) << "\"";
    out << "\n";
  }
  out << "outputs (" << p.outputs.size() << ")\n";
  for (const auto& o : p.outputs)
    out << "  " << s(o.name) << ": " << type_text(o.type) << (o.role ? " for " + s(o.role) : std::string()) << "\n";
  static const char* const policies[] = {"first", "all", "unique"};
  out << "rules (" << p.rules.size() << ", in " << p.groups.size() << " groups)\n";
  for (const auto& g : p.groups) {
    out << "  group " << (g.implicit ? std::string("(top level)") : s(g.name)) << " ["
        << policies[static_cast<int>(g.policy)] << "]\n";
    for (uint32_t r : g.order) {
      const auto& rule = p.rules[r];
      out << "    " << s(rule.name);
      if (rule.has_priority) out << " (priority " << rule.priority << ")";
      if (rule.title) out << ": " << s(rule.title);
      out << "\n";
      if (rule.cite) out << "      cite " << s(rule.cite) << "\n";
    }
  }
  size_t automaton_states = 0;
  for (const auto& c : p.code_sets) automaton_states += c.automaton.states();
  for (const auto& l : p.likes) automaton_states += l.automaton.states();
  out << "\nsizes\n"
      << "  definitions   " << p.defines.size() << "\n"
      << "  instructions  " << p.code.size() << " in " << p.fragments.size() << " fragments\n"
      << "  registers     " << p.registers.size() << "\n"
      << "  constants     " << p.constants.size() << "\n"
      << "  strings       " << p.strings.size() << "\n"
      << "  matchers      " << p.code_sets.size() << " code sets, " << p.likes.size() << " like patterns, "
      << p.text_sets.size() << " text sets (" << automaton_states << " automaton states)\n"
      << "  test cases    " << p.tests.size() << "\n";
}

// For a pack file (not a source): its size and the bytes each section takes.
void print_sections(const std::string& path, std::ostream& out) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto sections = rt::pack_sections(bytes);
  if (sections.empty()) return;
  out << "\npack (" << bytes.size() << " bytes)\n";
  for (const auto& s : sections) {
    std::string name = s.name;
    name.resize(std::max<size_t>(name.size() + 1, 14), ' ');
    out << "  " << name << s.length << " bytes at " << s.offset << "\n";
  }
}

int run_inspect(const InspectOptions& options) {
  Diagnostics diagnostics;
  auto program = load_program(options.path, diagnostics);
  diagnostics.render(std::cerr, false);
  if (!program) return 1;
  print_summary(*program, std::cout);
  print_sections(options.path, std::cout);
  if (options.code) std::cout << "\ncode\n" << rt::disassemble(*program);
  return 0;
}

} // namespace

std::function<int()> add_inspect_command(CLI::App& app) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand("inspect", "Show what a rule pack (or a compiled source) holds");
  cmd->add_option("pack", options->path, "A rule pack, or a pathway source (.wm) to compile first")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--code", options->code, "Also print the bytecode, disassembled");
  cmd->footer("Exit status: 0 shown, 1 the pack was refused (the reason is printed) or the source has errors, "
              "2 bad command line.");
  return [options] { return run_inspect(*options); };
}

} // namespace waymark::cli
