#pragma once
// Source text -> syntax tree. The only place ANTLR types are seen.
#include <optional>

#include "waymark/compiler/ast.h"
#include "waymark/compiler/diagnostics.h"

namespace waymark {

// Deeper nesting than this is refused before parsing, so no input can exhaust the stack.
inline constexpr int kMaxNesting = 64;
// Deeper syntax trees than this (a sum of thousands of terms, say) are refused after parsing.
inline constexpr uint32_t kMaxExpressionDepth = 256;

// Parses one file. Reports every lexical and syntax error it can recover from; returns a tree
// only when there were none, so later passes never see a half-built file.
std::optional<ast::File> parse_file(const SourceFile& source, Diagnostics& diagnostics);

} // namespace waymark
