#include "waymark/compiler/program_loader.h"

#include <fstream>
#include <iterator>

#include "waymark/compiler/lowering.h"
#include "waymark/compiler/workspace.h"
#include "waymark/runtime/pack.h"

namespace waymark {

namespace {
bool is_source(const std::string& path) { return path.size() > 3 && path.compare(path.size() - 3, 3, ".wm") == 0; }
} // namespace

std::optional<rt::Program> load_program(const std::string& path, Diagnostics& diagnostics) {
  if (is_source(path)) {
    Workspace workspace(diagnostics);
    auto root = workspace.load(path);
    std::optional<rt::Program> program;
    if (root && diagnostics.error_count() == 0) program = lower_pathway(workspace, *root);
    diagnostics.detach_sources(); // the workspace and its files go now
    return program;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error_at_path(path, "cannot open the pack");
    return std::nullopt;
  }
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto loaded = rt::load_pack(bytes);
  if (auto* error = std::get_if<rt::PackError>(&loaded)) {
    diagnostics.error_at_path(path, "not a valid pack: " + error->message + " (at byte " + std::to_string(error->offset) + ")");
    return std::nullopt;
  }
  return std::move(std::get<rt::Program>(loaded));
}

} // namespace waymark
