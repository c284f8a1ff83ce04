#pragma once
// The Studio's code editor, our own widget on ImGui (Debian ships no text-editor add-on): it draws an OpenDocument
// with the lexer's highlighting, line numbers, the current line, the selection, the live check's markers (with
// their messages on hover), breakpoints and the debugger's current step, and turns keys and the mouse into the
// document's own edits and moves. All editing logic is in TextDocument; this only maps input to it.
#include <imgui.h>

#include <chrono>
#include <optional>
#include <set>
#include <vector>

#include "waymark/studio/live_check.h"
#include "waymark/studio/open_document.h"

namespace waymark::studio {

// A stretch of the source to show as the debugger's current step: 0-based line, column in characters.
struct CodeHighlight {
  size_t line = 0, column = 0, length = 1;
};

struct EditorState {
  bool take_focus = true;              // give the editor the keyboard on the next frame
  bool scroll_to_cursor = false;
  std::optional<size_t> scroll_to_line; // bring this line into the middle of the view
  bool mouse_selecting = false;
  std::chrono::steady_clock::time_point caret_reset{};
  size_t page_lines = 20;
};

struct EditorDecorations {
  std::vector<const Marker*> markers; // this file's
  std::optional<CodeHighlight> step;
  std::set<size_t> breakpoint_lines;  // 0-based
};

struct EditorEvents {
  bool focused = false;
  std::optional<size_t> gutter_clicked; // a line number was clicked: toggle a breakpoint there
};

EditorEvents draw_code_editor(const char* id, OpenDocument& document, EditorState& state,
                              const EditorDecorations& decorations, ImFont* font, ImVec2 size);

} // namespace waymark::studio
