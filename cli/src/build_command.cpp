// `waymark build SRC... -o OUT`: compile pathways into rule packs.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "waymark/compiler/lowering.h"
#include "waymark/compiler/workspace.h"
#include "waymark/runtime/pack.h"

namespace waymark::cli {
namespace {

struct BuildOptions {
  std::vector<std::string> sources;
  std::string output;
  bool no_sources = false;
  bool quiet = false;
};

// Writes through a temporary file and a rename, so a failed build never leaves half a pack behind.
bool write_atomically(const std::filesystem::path& path, const std::vector<uint8_t>& bytes, std::string& error) {
  const std::filesystem::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write " + temporary.string();
      return false;
    }
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      error = "cannot write " + temporary.string();
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    error = "cannot rename " + temporary.string() + " to " + path.string() + ": " + ec.message();
    return false;
  }
  return true;
}

int run_build(const BuildOptions& options) {
  namespace fs = std::filesystem;
  const bool into_directory = options.sources.size() > 1 || fs::is_directory(options.output);
  if (into_directory && !fs::is_directory(options.output)) {
    std::cerr << "waymark build: with several sources, -o must name an existing directory: " << options.output << "\n";
    return 2;
  }
  int status = 0;
  for (const std::string& source : options.sources) {
    Diagnostics diagnostics;
    Workspace workspace(diagnostics);
    auto root = workspace.load(source);
    std::optional<rt::Program> program;
    if (root && diagnostics.error_count() == 0) program = lower_pathway(workspace, *root, LoweringOptions{!options.no_sources});
    diagnostics.sort();
    diagnostics.render(std::cerr, false);
    if (!program) {
      std::cerr << "waymark build: " << source << ": not built\n";
      status = 1;
      continue;
    }
    const fs::path target = into_directory ? fs::path(options.output) / (fs::path(source).stem().string() + ".wmpack")
                                           : fs::path(options.output);
    const std::vector<uint8_t> bytes = rt::write_pack(*program);
    std::string error;
    if (!write_atomically(target, bytes, error)) {
      std::cerr << "waymark build: " << error << "\n";
      return 3;
    }
    if (!options.quiet)
      std::cout << source << " -> " << target.string() << " (" << bytes.size() << " bytes, " << program->rules.size()
                << (program->rules.size() == 1 ? " rule, " : " rules, ") << program->code.size() << " instructions)\n";
  }
  return status;
}

} // namespace

std::function<int()> add_build_command(CLI::App& app) {
  auto options = std::make_shared<BuildOptions>();
  CLI::App* cmd = app.add_subcommand("build", "Compile pathway sources into rule packs");
  cmd->add_option("sources", options->sources, "Pathway sources (.wm)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", options->output, "The pack to write; a directory when there are several sources")
      ->required();
  cmd->add_flag("--no-sources", options->no_sources, "Do not embed the sources in the pack");
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing but diagnostics");
  cmd->footer("Exit status: 0 built, 1 a source has errors (nothing written for it), 2 bad command line, "
              "3 the pack cannot be written.");
  return [options] { return run_build(*options); };
}

} // namespace waymark::cli
