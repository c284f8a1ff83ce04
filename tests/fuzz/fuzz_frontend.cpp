// Fuzz target: any bytes through the whole front end (UTF-8 check, lexer, parser, AST, checker,
// rule analysis, diagnostics rendering). It must never crash, leak or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "waymark/compiler/workspace.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  // A path in a folder that does not exist, so `import` lines resolve to nothing on disk.
  workspace.load_text("/nonexistent-waymark-fuzz/input.wm", std::string(reinterpret_cast<const char*>(data), size));
  workspace.finish();
  diagnostics.sort();
  size_t total = 0;
  for (const auto& d : diagnostics.all()) total += waymark::render(d, false).size();
  return total == SIZE_MAX ? 1 : 0;
}
