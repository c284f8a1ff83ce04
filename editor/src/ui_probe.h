#pragma once
// What a frame showed, for the scripted mode: where each named clickable item was drawn and the text each panel
// printed. The panels record into it as they draw (every frame, cheaply), and a script clicks an item by its name
// and expects text in a panel by reading it back after the frame. Nothing here knows about scripts.
#include <imgui.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace waymark::studio::ui {

struct ItemRect {
  ImVec2 min, max;
  ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

class Probe {
public:
  // Off unless a script reads it: an author's session records nothing.
  void set_enabled(bool enabled) { enabled_ = enabled; }
  bool enabled() const { return enabled_; }

  // Forgets the last frame; the frame about to be drawn records afresh.
  void begin_frame();

  // The item ImGui just drew is clickable under `name` (a button's label without its `##id`).
  void item(std::string_view name);
  // The same with the part of it to click (a row spanning every column is clicked in its first cell).
  void item(std::string_view name, const ItemRect& rect);
  std::optional<ItemRect> find_item(std::string_view name) const;

  // Text shown in `panel` this frame ("editor", "tests", "debugger", "data", "build", "status", "dialog", "files").
  void text(std::string_view panel, std::string_view text);
  std::string panel_text(std::string_view panel) const;
  std::string all_panels() const; // for an expectation's failure message

private:
  std::map<std::string, ItemRect, std::less<>> items_;
  std::map<std::string, std::string, std::less<>> panels_;
  bool enabled_ = false;
};

Probe& probe();

// The label a user reads: "Run all##tests" -> "Run all".
std::string_view visible_label(std::string_view label);

// ImGui widgets that also record themselves in the probe.
bool button(const char* label, const ImVec2& size = ImVec2(0, 0));
bool small_button(const char* label);
bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags = 0);
// Plain text, recorded under `panel`.
void text(std::string_view panel, std::string_view text);
void text_colored(std::string_view panel, const ImVec4& colour, std::string_view text);
void text_wrapped(std::string_view panel, std::string_view text);

} // namespace waymark::studio::ui
