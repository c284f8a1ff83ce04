// The Build panel: the open file built into a pack (its hash, size and rule count) and exported; and what the
// edits change, against the last saved version, over the data set open in the Data panel.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "studio_app.h"
#include "ui_probe.h"

namespace waymark::studio {
namespace {

const ImVec4 kMuted(0.6f, 0.6f, 0.65f, 1), kBad(1, 0.45f, 0.45f, 1), kGood(0.5f, 0.85f, 0.5f, 1);

} // namespace

void StudioApp::draw_build_panel() {
  Tab* tab = active();
  if (!tab) {
    ui::text("build", "No file open.");
    return;
  }
  OpenDocument& doc = *tab->document;
  if (ui::button("Build pack")) {
    build_errors_.clear();
    built_ = build_pack(doc.path().string(), doc.text().text(), &build_errors_);
    built_revision_ = doc.revision();
    // Another file's pack goes next to that file by default, not over the last one exported.
    if (export_path_text_.empty() || built_path_ != doc.path())
      export_path_text_ = (doc.path().parent_path() / (doc.path().stem().string() + ".wmpack")).string();
    built_path_ = doc.path();
    build_message_.clear();
  }
  const bool current = built_path_ == doc.path();
  if (current && !built_ && !build_errors_.empty()) {
    ui::text_colored("build", kBad, "Not built: " + std::to_string(build_errors_.size()) + " errors");
    for (const auto& e : build_errors_) ui::text_colored("build", kBad, e.text());
  }
  if (current && built_) {
    if (built_revision_ != doc.revision()) ui::text_colored("build", kMuted, "The text changed since this build.");
    ui::text("build", "hash      " + built_->hash);
    ui::text("build", "size      " + std::to_string(built_->bytes.size()) + " bytes");
    ui::text("build", "rules     " + std::to_string(built_->rules));
    ui::text("build", "instructions " + std::to_string(built_->instructions));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 5);
    ImGui::InputTextWithHint("##export_path", "where to write the pack", &export_path_text_);
    ui::probe().item("export path");
    ImGui::SameLine();
    bool write = false;
    if (ui::button("Export")) {
      build_message_.clear();
      std::error_code ec;
      if (std::filesystem::exists(export_path_text_, ec)) confirm_export_ = true; // never replace a file unasked
      else write = true;
    }
    if (confirm_export_ && !ImGui::IsPopupOpen("Replace the file?")) ImGui::OpenPopup("Replace the file?");
    if (ImGui::BeginPopupModal("Replace the file?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
      ui::text("dialog", export_path_text_ + " exists. Replace it with this pack?");
      if (std::filesystem::path(export_path_text_).extension() != ".wmpack")
        ui::text_colored("dialog", kBad, "It is not a .wmpack file.");
      if (ui::button("Replace")) write = true;
      ImGui::SameLine();
      const bool cancel = ui::button("Cancel##export");
      if (write || cancel) {
        confirm_export_ = false;
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndPopup();
    }
    if (write) {
      std::string error;
      build_message_ = export_pack(*built_, export_path_text_, error) ? "exported to " + export_path_text_
                                                                       : "not exported: " + error;
    }
    if (!build_message_.empty())
      ui::text_colored("build", build_message_.rfind("not", 0) == 0 ? kBad : kGood, build_message_);
  }

  ImGui::Separator();
  ui::text("build", "What the edits change, over the data set open in the Data panel:");
  if (table_.header().empty()) {
    ui::text_colored("build", kMuted, "Open a CSV in the Data panel first.");
    return;
  }
  if (ui::button(("Diff against saved over " + std::filesystem::path(table_.path()).filename().string()).c_str())) {
    diff_ = diff_against_saved(doc.path().string(), doc.saved_text(), doc.text().text(), table_.path());
    diff_revision_ = doc.revision();
  }
  if (!diff_) return;
  if (diff_revision_ != doc.revision()) ui::text_colored("build", kMuted, "The text changed since this diff.");
  if (!diff_->ran) {
    ui::text_colored("build", kBad, diff_->error);
    return;
  }
  ui::text_wrapped("build", diff_->summary);
  if (diff_->changed.empty()) return;
  if (ImGui::BeginTable("##changed", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable,
                        ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("record", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("saved → edited", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("rules responsible", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(diff_->changed.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const ChangedRow& row = diff_->changed[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ui::text("build", row.key);
        ImGui::TableNextColumn();
        std::string change;
        for (size_t o = 0; o < row.output_names.size(); ++o) {
          const std::string& before = o < row.old_outputs.size() ? row.old_outputs[o] : "";
          const std::string& after = o < row.new_outputs.size() ? row.new_outputs[o] : "";
          if (before != after)
            change += (change.empty() ? "" : "; ") + row.output_names[o] + ": " + (before.empty() ? "missing" : before) +
                      " → " + (after.empty() ? "missing" : after);
        }
        ui::text_wrapped("build", change.empty() ? "(rules fired differently)" : change);
        ImGui::TableNextColumn();
        ui::text("build", row.rules);
      }
    ImGui::EndTable();
  }
}

} // namespace waymark::studio
