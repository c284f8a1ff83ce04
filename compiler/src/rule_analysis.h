#pragma once
// Static analysis of rule conditions: rules that can never fire, rules hidden behind an
// always-true rule in a first-match group, and rules that can both match under `unique`.
#include "waymark/compiler/workspace.h"

namespace waymark {

void analyse_rules(Workspace& workspace, uint32_t file_index);

} // namespace waymark
