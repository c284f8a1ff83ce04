#pragma once
// Parse tree -> ast::File. The only code besides the parser driver that sees ANTLR types.
#include "WaymarkParser.h"
#include "waymark/compiler/ast.h"

namespace waymark::detail {

// Builds the syntax tree of a file that parsed without errors; reports what the grammar cannot
// (bad escapes, numbers out of range, impossible dates, trees too deep) and then fails.
bool build_ast(waymark_generated::WaymarkParser::FileContext* tree, const SourceFile& source, Diagnostics& diagnostics,
               ast::File& out);

} // namespace waymark::detail
