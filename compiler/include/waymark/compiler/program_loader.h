#pragma once
// Gets a runnable Program from a path: a `.wm` source is checked and compiled, anything else is read as a pack.
#include <optional>
#include <string>

#include "waymark/compiler/diagnostics.h"
#include "waymark/runtime/program.h"

namespace waymark {

// Errors (diagnostics of a source, or the reason a pack was refused) go to `diagnostics`; nothing is returned then.
std::optional<rt::Program> load_program(const std::string& path, Diagnostics& diagnostics);

} // namespace waymark
