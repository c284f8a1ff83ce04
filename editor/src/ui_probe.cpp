#include "ui_probe.h"

namespace waymark::studio::ui {

void Probe::begin_frame() {
  items_.clear();
  for (auto& [name, text] : panels_) text.clear();
}

void Probe::item(std::string_view name) {
  if (!enabled_) return;
  // An item drawn outside the visible part of its window cannot be clicked.
  if (!ImGui::IsItemVisible()) return;
  items_[std::string(name)] = ItemRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

void Probe::item(std::string_view name, const ItemRect& rect) {
  if (!enabled_) return;
  if (!ImGui::IsItemVisible()) return;
  items_[std::string(name)] = rect;
}

std::optional<ItemRect> Probe::find_item(std::string_view name) const {
  auto it = items_.find(name);
  if (it == items_.end()) return std::nullopt;
  return it->second;
}

void Probe::text(std::string_view panel, std::string_view text) {
  if (!enabled_) return;
  auto it = panels_.find(panel);
  if (it == panels_.end()) it = panels_.emplace(std::string(panel), std::string()).first;
  it->second.append(text);
  it->second.push_back('\n');
}

std::string Probe::panel_text(std::string_view panel) const {
  auto it = panels_.find(panel);
  return it == panels_.end() ? std::string() : it->second;
}

std::string Probe::all_panels() const {
  std::string out;
  for (const auto& [name, text] : panels_)
    if (!text.empty()) out += "--- " + name + " ---\n" + text;
  return out;
}

Probe& probe() {
  static Probe instance;
  return instance;
}

std::string_view visible_label(std::string_view label) {
  const size_t hashes = label.find("##");
  return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

bool button(const char* label, const ImVec2& size) {
  const bool pressed = ImGui::Button(label, size);
  probe().item(visible_label(label));
  return pressed;
}

bool small_button(const char* label) {
  const bool pressed = ImGui::SmallButton(label);
  probe().item(visible_label(label));
  return pressed;
}

bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags) {
  const bool pressed = ImGui::Selectable(label, selected, flags);
  probe().item(visible_label(label));
  return pressed;
}

void text(std::string_view panel, std::string_view text) {
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  probe().text(panel, text);
}

void text_colored(std::string_view panel, const ImVec4& colour, std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopStyleColor();
  probe().text(panel, text);
}

void text_wrapped(std::string_view panel, std::string_view text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  probe().text(panel, text);
}

} // namespace waymark::studio::ui
