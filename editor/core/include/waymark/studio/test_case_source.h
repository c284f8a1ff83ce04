#pragma once
// Test cases as text in a source: a CaseDraft written as a `test "name" ... end` block in the style of the bundled
// pathways, the block of a named case found by the language's own lexer (so a `test` inside a string or a comment
// is never taken for one), and a block replaced or appended with the file's own line breaks kept. A compiled case
// is turned back into a draft, so the panel can edit a case the author wrote.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "waymark/runtime/program.h"
#include "waymark/studio/case_draft.h"

namespace waymark::studio {

// A byte range of a source, end exclusive.
struct Range {
  size_t begin = 0, end = 0;
};

// The block, lines ending in "\n":
//   test "name"
//     given
//       COLUMN = LITERAL        (`COLUMN = missing` for a value left out; a column that is not an identifier
//     expect                     or is a reserved word in backticks)
//       EXPECTATION
//   end
// A section with nothing in it is left out, as the language allows.
std::string render_test_block(const CaseDraft &draft);

// The bytes of the block `test "name" ... end` (the string decoded, so any quoting and escaping matches), from the
// start of its line when only blanks precede `test`, through the newline after `end`. Nothing when there is no
// such test, or its block has no `end`.
std::optional<Range> find_test_block(std::string_view source, const std::string &name);

// The source with the block of test `name` replaced by the draft's (which may rename it). The source unchanged
// when there is no such block.
std::string replace_test_block(std::string_view source, const std::string &name, const CaseDraft &draft);

// The source with the draft's block added at its end, after one blank line.
std::string append_test_block(std::string_view source, const CaseDraft &draft);

// The text of a string literal token (`"a \"b\""` or `'a'`), escapes decoded; nothing when it is not one or an
// escape is unknown.
std::optional<std::string> string_literal_value(std::string_view token);

// Every line break of the source is "\r\n" (and there is at least one): new text is written the same way.
bool uses_crlf(std::string_view source);

// A value given to a column of `program` as a test case writes it (`true`, `-3`, `27.5`, `"U055"`, `@2024-01-31`),
// from the raw text a compiled test case stores: written in the type of the first input reading that column. (A CSV
// cell in any spelling the runtime reads is row_outcomes.h's cell_literal.)
std::string test_value_literal(const rt::Program &program, const std::string &column, const std::string &raw);

// The draft of the compiled test case `name` of `program` (given in the order written, expectations one per line
// as format_expectation writes them). Nothing when the program has no such case.
std::optional<CaseDraft> draft_of_test(const rt::Program &program, const std::string &name);

} // namespace waymark::studio
