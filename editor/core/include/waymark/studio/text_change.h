#pragma once
// A whole new text for an open document (a formatter's output, a file reloaded from disk, a quick fix), applied as
// one small edit: only the range that differs is replaced, so undo takes back exactly that in one step, and the
// lines around it, the markers on them and the scroll position stay where they were.
#include <string_view>

#include "waymark/studio/text_document.h"

namespace waymark::studio {

// Makes `doc` read `new_text` in ONE undo step: the bytes between the longest common prefix and suffix (widened to
// whole UTF-8 characters and whole "\r\n" line breaks) are selected and replaced, leaving the cursor at the end of
// the inserted text. A "\r\n" in the new text becomes the document's line break, as TextDocument::insert makes it.
// False, with the document untouched, when nothing differs.
bool apply_text(TextDocument &doc, std::string_view new_text);

} // namespace waymark::studio
