#include "code_editor.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ui_probe.h"
#include "waymark/studio/utf8.h"

namespace waymark::studio {
namespace {

ImU32 colour_of(TokenClass kind) {
  switch (kind) {
  case TokenClass::Keyword: return IM_COL32(198, 146, 233, 255);
  case TokenClass::Type: return IM_COL32(86, 182, 194, 255);
  case TokenClass::Constant: return IM_COL32(229, 192, 123, 255);
  case TokenClass::Identifier: return IM_COL32(220, 223, 228, 255);
  case TokenClass::String: return IM_COL32(152, 195, 121, 255);
  case TokenClass::Number: return IM_COL32(209, 154, 102, 255);
  case TokenClass::Date: return IM_COL32(209, 154, 102, 255);
  case TokenClass::Comment: return IM_COL32(127, 132, 142, 255);
  case TokenClass::Operator: return IM_COL32(97, 175, 239, 255);
  case TokenClass::Punctuation: return IM_COL32(171, 178, 191, 255);
  case TokenClass::Invalid: return IM_COL32(255, 110, 110, 255);
  }
  return IM_COL32_WHITE;
}

constexpr ImU32 kPlain = IM_COL32(220, 223, 228, 255);
constexpr ImU32 kError = IM_COL32(240, 80, 80, 255);
constexpr ImU32 kWarning = IM_COL32(230, 180, 60, 255);

std::string utf8_of(unsigned int c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

bool pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }

// Draws `text` one character per cell, so that columns line up whatever the glyph (a tab is one blank cell).
void draw_cells(ImDrawList* draw, ImFont* font, float size, ImVec2 at, float cell, std::string_view text, ImU32 colour) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t next = next_char(text, i);
    if (text[i] != '\t' && text[i] != ' ')
      draw->AddText(font, size, at, colour, text.data() + i, text.data() + next);
    at.x += cell;
    i = next;
  }
}

// Keys the editor answers when it has the keyboard. Returns whether anything moved or changed.
bool handle_keys(TextDocument& doc, EditorState& state) {
  ImGuiIO& io = ImGui::GetIO();
  const bool shift = io.KeyShift, ctrl = io.KeyCtrl;
  bool acted = true;
  if (pressed(ImGuiKey_LeftArrow)) ctrl ? doc.move_word_left(shift) : doc.move_left(shift);
  else if (pressed(ImGuiKey_RightArrow)) ctrl ? doc.move_word_right(shift) : doc.move_right(shift);
  else if (pressed(ImGuiKey_UpArrow)) doc.move_up(shift);
  else if (pressed(ImGuiKey_DownArrow)) doc.move_down(shift);
  else if (pressed(ImGuiKey_PageUp)) doc.page_up(state.page_lines, shift);
  else if (pressed(ImGuiKey_PageDown)) doc.page_down(state.page_lines, shift);
  else if (pressed(ImGuiKey_Home)) ctrl ? doc.move_document_start(shift) : doc.move_home(shift);
  else if (pressed(ImGuiKey_End)) ctrl ? doc.move_document_end(shift) : doc.move_end(shift);
  else if (pressed(ImGuiKey_Backspace)) doc.backspace();
  else if (pressed(ImGuiKey_Delete)) doc.delete_forward();
  else if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) {
    // Keep the indentation of the line the break is made in.
    const std::string& line = doc.lines()[doc.cursor().line];
    const size_t indent = std::min(line.find_first_not_of(" \t") == std::string::npos ? line.size()
                                                                                      : line.find_first_not_of(" \t"),
                                   doc.cursor().byte);
    doc.insert("\n" + line.substr(0, indent));
  } else if (pressed(ImGuiKey_Tab)) doc.type_text("  ");
  else if (ctrl && pressed(ImGuiKey_A)) doc.select_all();
  else if (ctrl && pressed(ImGuiKey_C)) {
    if (doc.has_selection()) ImGui::SetClipboardText(doc.selected_text().c_str());
  } else if (ctrl && pressed(ImGuiKey_X)) {
    if (doc.has_selection()) ImGui::SetClipboardText(doc.cut().c_str());
  } else if (ctrl && pressed(ImGuiKey_V)) {
    if (const char* clip = ImGui::GetClipboardText()) doc.paste(clip);
  } else if (ctrl && !shift && pressed(ImGuiKey_Z)) doc.undo();
  else if (ctrl && (pressed(ImGuiKey_Y) || (shift && pressed(ImGuiKey_Z)))) doc.redo();
  else acted = false;

  // As ImGui's own text fields: AltGr (Ctrl+Alt on some systems, Right Alt on X11) types @ { [ \ |.
  if (!(ctrl && !io.KeyAlt)) {
    std::string typed;
    for (ImWchar c : io.InputQueueCharacters)
      if (c >= 32 && c != 127) typed += utf8_of(c);
    if (!typed.empty()) {
      doc.type_text(typed);
      acted = true;
    }
  }
  io.InputQueueCharacters.resize(0);
  return acted;
}

} // namespace

EditorEvents draw_code_editor(const char* id, OpenDocument& document, EditorState& state,
                              const EditorDecorations& decorations, ImFont* font, ImVec2 size) {
  EditorEvents events;
  TextDocument& doc = document.text();
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(30, 32, 38, 255));
  ImGui::BeginChild(id, size, true, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoNavInputs);
  // Keys wait a frame after the editor takes the keyboard: the Enter or Escape that closed a find or go-to bar
  // is still down, and must not also edit the text.
  const bool just_focused = state.take_focus;
  if (state.take_focus) {
    ImGui::SetWindowFocus();
    state.take_focus = false;
  }
  events.focused = ImGui::IsWindowFocused();
  const auto now = std::chrono::steady_clock::now();

  const float font_size = ImGui::GetFontSize();
  const float cell = font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, "M").x;
  const float line_height = std::floor(font_size * 1.3f);
  const auto& lines = doc.lines();
  const size_t digits = std::to_string(lines.size()).size();
  const float gutter = (static_cast<float>(digits) + 3.0f) * cell;
  const ImVec2 origin = ImGui::GetCursorScreenPos(); // moves with the scroll
  const float text_x = origin.x + gutter;
  // What the text area shows, without the padding and the horizontal scrollbar.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float view_height = ImGui::GetWindowHeight() - style.WindowPadding.y * 2 - style.ScrollbarSize;
  state.page_lines = std::max<size_t>(1, static_cast<size_t>(view_height / line_height) - 1);

  // Keyboard.
  if (events.focused && !just_focused && handle_keys(doc, state)) {
    state.scroll_to_cursor = true;
    state.caret_reset = now;
  }

  // Mouse: click places the cursor, Shift+click and dragging select, a double click selects a word.
  ImGuiIO& io = ImGui::GetIO();
  auto position_at = [&](ImVec2 mouse) {
    const float row = std::floor((mouse.y - origin.y) / line_height);
    const size_t line = static_cast<size_t>(std::clamp(row, 0.0f, static_cast<float>(lines.size() - 1)));
    const float column = std::max(0.0f, std::round((mouse.x - text_x) / cell));
    return TextPosition{line, byte_of_char(lines[line], static_cast<size_t>(column))};
  };
  // The text area: the window less its scrollbars (a click on a scrollbar scrolls, it does not move the caret).
  const ImVec2 window_pos = ImGui::GetWindowPos(), window_size = ImGui::GetWindowSize();
  const bool over_text = io.MousePos.x < window_pos.x + window_size.x - (ImGui::GetScrollMaxY() > 0 ? style.ScrollbarSize : 0) &&
                         io.MousePos.y < window_pos.y + window_size.y - (ImGui::GetScrollMaxX() > 0 ? style.ScrollbarSize : 0);
  const bool hovered = ImGui::IsWindowHovered() && over_text;
  const bool in_gutter = io.MousePos.x < window_pos.x + gutter;
  if (hovered && ImGui::IsMouseClicked(0)) {
    if (in_gutter) {
      events.gutter_clicked = position_at(io.MousePos).line;
    } else {
      doc.set_cursor(position_at(io.MousePos), io.KeyShift);
      doc.break_undo_group();
      if (ImGui::IsMouseDoubleClicked(0)) {
        doc.move_word_left();
        doc.move_word_right(true);
      } else {
        state.mouse_selecting = true;
      }
      state.caret_reset = now;
    }
  }
  if (state.mouse_selecting) {
    if (ImGui::IsMouseDown(0)) doc.set_cursor(position_at(io.MousePos), true);
    else state.mouse_selecting = false;
  }
  if (hovered) ImGui::SetMouseCursor(in_gutter ? ImGuiMouseCursor_Hand : ImGuiMouseCursor_TextInput);

  // The space the text takes, so the child scrolls over it.
  size_t widest = 0;
  for (const auto& line : lines) widest = std::max(widest, line.size());
  ImGui::Dummy(ImVec2(gutter + (static_cast<float>(widest) + 4.0f) * cell, static_cast<float>(lines.size()) * line_height));

  const float scroll_y = ImGui::GetScrollY();
  const size_t first = static_cast<size_t>(std::max(0.0f, std::floor(scroll_y / line_height)));
  const size_t last = std::min(lines.size(), first + static_cast<size_t>(view_height / line_height) + 2);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float window_x = ImGui::GetWindowPos().x;
  const float window_right = window_x + ImGui::GetWindowWidth();
  const auto& tokens = document.line_tokens();
  const TextPosition cursor = doc.cursor();
  const TextPosition sel_start = doc.selection_start(), sel_end = doc.selection_end();
  auto column_x = [&](size_t line, size_t byte) { return text_x + static_cast<float>(char_count(lines[line], byte)) * cell; };

  std::string hover_message;
  for (size_t l = first; l < last; ++l) {
    const float y = origin.y + static_cast<float>(l) * line_height;
    const std::string& line = lines[l];
    if (l == cursor.line) draw->AddRectFilled(ImVec2(window_x, y), ImVec2(window_right, y + line_height), IM_COL32(255, 255, 255, 14));
    // The debugger's step: its stretch of text on each line it covers.
    if (decorations.step && l >= decorations.step->line) {
      size_t remaining = decorations.step->length;
      for (size_t k = decorations.step->line; k < l && remaining > 0; ++k) {
        const size_t chars = char_count(lines[k], lines[k].size()) + 1;
        const size_t start = k == decorations.step->line ? decorations.step->column : 0;
        remaining -= std::min(remaining, chars > start ? chars - start : 0);
      }
      // A line the step continues on is marked from its first non-blank character, not its indentation.
      const size_t indent = std::min(line.find_first_not_of(" \t"), line.size());
      const size_t skip = l == decorations.step->line ? decorations.step->column : char_count(line, indent);
      if (remaining > 0) {
        const size_t chars = char_count(line, line.size());
        const size_t end = std::min(chars, (l == decorations.step->line ? skip : 0) + remaining);
        if (end > skip || l == decorations.step->line)
          draw->AddRectFilled(ImVec2(text_x + static_cast<float>(skip) * cell, y),
                              ImVec2(text_x + static_cast<float>(std::max(end, skip + 1)) * cell, y + line_height),
                              IM_COL32(60, 110, 200, 110), 2.0f);
      }
    }
    // Selection.
    if (doc.has_selection() && l >= sel_start.line && l <= sel_end.line) {
      const float from = l == sel_start.line ? column_x(l, sel_start.byte) : text_x;
      const float to = l == sel_end.line ? column_x(l, sel_end.byte) : column_x(l, line.size()) + cell;
      draw->AddRectFilled(ImVec2(from, y), ImVec2(to, y + line_height), IM_COL32(80, 120, 200, 120));
    }
    // Text: the tokens in their colours, what lies between them plain.
    const float text_y = y + (line_height - font_size) * 0.5f;
    size_t at = 0;
    auto plain_until = [&](size_t end) {
      if (end > at) draw_cells(draw, font, font_size, ImVec2(column_x(l, at), text_y), cell, std::string_view(line).substr(at, end - at), kPlain);
    };
    if (l < tokens.size()) {
      for (const auto& token : tokens[l]) {
        plain_until(token.begin);
        draw_cells(draw, font, font_size, ImVec2(column_x(l, token.begin), text_y), cell,
                   std::string_view(line).substr(token.begin, token.end - token.begin), colour_of(token.kind));
        at = token.end;
      }
    }
    plain_until(line.size());
    // Markers: a wavy underline, and the message when the mouse is over it.
    for (const Marker* marker : decorations.markers) {
      if (marker->line != l + 1) continue;
      const ImU32 colour = marker->severity == Marker::Severity::Error ? kError : kWarning;
      const size_t chars = char_count(line, line.size());
      const size_t from = std::min<size_t>(marker->column > 0 ? marker->column - 1 : 0, chars);
      const size_t to = std::max(from + 1, std::min<size_t>(from + marker->length, chars));
      const float x0 = text_x + static_cast<float>(from) * cell, x1 = text_x + static_cast<float>(to) * cell;
      const float base = y + line_height - 2.0f;
      for (float x = x0; x < x1; x += 4.0f)
        draw->AddLine(ImVec2(x, base), ImVec2(std::min(x + 2.0f, x1), base - 2.0f), colour, 1.5f),
            draw->AddLine(ImVec2(std::min(x + 2.0f, x1), base - 2.0f), ImVec2(std::min(x + 4.0f, x1), base), colour, 1.5f);
      if (hovered && io.MousePos.y >= y && io.MousePos.y < y + line_height &&
          ((io.MousePos.x >= x0 && io.MousePos.x <= x1) || io.MousePos.x < window_x + gutter))
        hover_message += (hover_message.empty() ? "" : "\n") + marker->text();
    }
  }
  // Caret.
  if (events.focused && std::fmod(std::chrono::duration<float>(now - state.caret_reset).count(), 1.2f) < 0.7f) {
    const float x = column_x(cursor.line, cursor.byte);
    const float y = origin.y + static_cast<float>(cursor.line) * line_height;
    draw->AddLine(ImVec2(x, y + 1), ImVec2(x, y + line_height - 1), IM_COL32(240, 240, 240, 255), 1.5f);
  }
  // The gutter stays put when the text scrolls sideways: numbers, breakpoints, marker dots.
  const float gutter_x = window_x;
  for (size_t l = first; l < last; ++l) {
    const float y = origin.y + static_cast<float>(l) * line_height;
    draw->AddRectFilled(ImVec2(gutter_x, y), ImVec2(gutter_x + gutter - cell * 0.5f, y + line_height), IM_COL32(36, 38, 45, 255));
    const std::string number = std::to_string(l + 1);
    const float number_x = gutter_x + (static_cast<float>(digits - number.size()) + 1.5f) * cell;
    draw->AddText(font, font_size, ImVec2(number_x, y + (line_height - font_size) * 0.5f),
                  l == cursor.line ? IM_COL32(220, 220, 220, 255) : IM_COL32(110, 115, 125, 255), number.c_str());
    const float dot_y = y + line_height * 0.5f;
    if (decorations.breakpoint_lines.count(l))
      draw->AddCircleFilled(ImVec2(gutter_x + cell * 0.7f, dot_y), cell * 0.42f, IM_COL32(220, 60, 60, 255));
    for (const Marker* marker : decorations.markers)
      if (marker->line == l + 1) {
        draw->AddRectFilled(ImVec2(gutter_x + gutter - cell * 0.9f, y + 2), ImVec2(gutter_x + gutter - cell * 0.6f, y + line_height - 2),
                            marker->severity == Marker::Severity::Error ? kError : kWarning);
        break;
      }
  }
  if (!hover_message.empty()) ImGui::SetTooltip("%s", hover_message.c_str());

  // Keep the cursor (or the debugger's step) in view.
  if (state.scroll_to_cursor) {
    const float y = static_cast<float>(cursor.line) * line_height;
    if (y < scroll_y) ImGui::SetScrollY(y);
    else if (y + line_height > scroll_y + view_height - line_height) ImGui::SetScrollY(y + 2 * line_height - view_height);
    const float x = column_x(cursor.line, cursor.byte) - origin.x;
    const float scroll_x = ImGui::GetScrollX(), width = ImGui::GetWindowWidth();
    if (x - gutter < scroll_x) ImGui::SetScrollX(std::max(0.0f, x - gutter - cell * 4));
    else if (x > scroll_x + width - cell * 4) ImGui::SetScrollX(x - width + cell * 8);
    state.scroll_to_cursor = false;
  }
  if (state.scroll_to_line) {
    ImGui::SetScrollY(std::max(0.0f, static_cast<float>(*state.scroll_to_line) * line_height - view_height * 0.4f));
    state.scroll_to_line.reset();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  return events;
}

} // namespace waymark::studio
