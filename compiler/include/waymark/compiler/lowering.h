#pragma once
// Lowers a checked pathway (and everything it imports) to a Program: bytecode, matchers and metadata.
#include <cstdint>
#include <optional>

#include "waymark/compiler/workspace.h"
#include "waymark/runtime/program.h"

namespace waymark {

struct LoweringOptions {
  bool embed_sources = true; // so that a pack can be explained wherever it is deployed
};

// Compiles file `root` of the workspace, which must have checked without errors. Problems found only
// now (a `like` pattern too complex for an automaton, a program past the VM's limits) are reported to
// the workspace's diagnostics and give nothing. The result has passed rt::verify_program.
std::optional<rt::Program> lower_pathway(Workspace& workspace, uint32_t root, const LoweringOptions& options = {});

} // namespace waymark
