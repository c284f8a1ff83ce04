// The Data panel: a CSV browsed with a list clipper (a million rows scroll as smoothly as ten), each row's outcome
// under the open file's rules, a filter by outcome, and a row debugged or promoted to a test case.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "studio_app.h"
#include "ui_probe.h"
#include "waymark/studio/test_case_source.h"
#include "waymark/studio/text_change.h"

namespace waymark::studio {
namespace {

const ImVec4 kMuted(0.6f, 0.6f, 0.65f, 1), kBad(1, 0.45f, 0.45f, 1);
constexpr int kMaxDataColumns = 60; // ImGui tables hold 64 columns; three are ours

} // namespace

bool StudioApp::open_data(const std::filesystem::path& path, std::string& error) {
  DataTable table;
  if (!table.open(path.string(), error)) {
    error = path.string() + ": " + error;
    return false;
  }
  table_ = std::move(table);
  outcomes_.clear();
  data_revision_ = UINT64_MAX;
  data_filter_.clear();
  filtered_rows_.clear();
  selected_row_.reset();
  data_path_text_ = path.string();
  data_message_ = std::to_string(table_.row_count()) + " rows, " + std::to_string(table_.problems().size()) + " malformed";
  if (Tab* tab = active()) evaluate_data(*tab);
  return true;
}

void StudioApp::evaluate_data(Tab& tab) {
  data_errors_.clear();
  outcomes_.clear();
  data_revision_ = tab.document->revision();
  data_program_path_ = tab.document->path();
  std::string first_error;
  const auto program = compile(tab, first_error);
  if (!program) {
    data_errors_.push_back(tab.document->name() + " has errors: fix them to see outcomes" +
                           (first_error.empty() ? std::string() : " (" + first_error + ")"));
    return;
  }
  std::vector<std::string> warnings;
  if (!outcomes_.evaluate(table_, *program, data_errors_, warnings)) return;
  for (auto& w : warnings) data_errors_.push_back("warning: " + w);
  filtered_rows_ = data_filter_.empty() ? std::vector<size_t>{} : outcomes_.filter(data_filter_);
}

void StudioApp::promote_selected_row(Tab& tab) {
  if (!selected_row_) return;
  std::string first_error;
  const auto program = compile(tab, first_error);
  if (!program) return set_status("fix the errors first: " + first_error);
  const std::string name = promote_name_.empty() ? "row " + std::to_string(*selected_row_ + 1) + " of " +
                                                       std::filesystem::path(table_.path()).filename().string()
                                                 : promote_name_;
  const CaseDraft draft = promote_row(table_, *selected_row_, *program, name);
  TextDocument& text = tab.document->text();
  apply_text(text, append_test_block(text.text(), draft));
  tab.editor.scroll_to_cursor = true;
  promote_name_.clear();
  selected_case_ = name;
  run_tests(tab);
  select_panel(Panel::Tests);
  set_status("row " + std::to_string(*selected_row_ + 1) + " is now test case \"" + name + "\" (Ctrl+S saves the file)");
}

void StudioApp::draw_data_panel() {
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 4);
  const bool enter = ImGui::InputTextWithHint("##data_path", "a CSV file", &data_path_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  ui::probe().item("data path");
  ImGui::SameLine();
  if (ui::button("Open##data") || enter) {
    std::string error;
    if (!open_data(data_path_text_, error)) data_message_ = error;
  }
  if (!data_message_.empty()) ui::text("data", data_message_);
  if (table_.header().empty()) {
    ui::text_wrapped("data", "Open a CSV (or click one in the file list) to see what the open file's rules make of each row.");
    return;
  }
  Tab* tab = active();
  if (tab && (data_revision_ != tab->document->revision() || data_program_path_ != tab->document->path())) {
    if (ui::button(("Evaluate with " + tab->document->name()).c_str())) evaluate_data(*tab);
    if (data_revision_ != UINT64_MAX) {
      ImGui::SameLine();
      ui::text_colored("data", kMuted, "(outcomes are of an earlier text)");
    }
  }
  for (const auto& e : data_errors_) ui::text_colored("data", kBad, e);

  // Filter by outcome.
  if (outcomes_.evaluated()) {
    const std::string all = "all rows (" + std::to_string(table_.row_count()) + ")";
    const std::string preview = data_filter_.empty() ? all : data_filter_;
    ImGui::SetNextItemWidth(-1);
    const bool filter_open = ImGui::BeginCombo("##outcome_filter", preview.c_str());
    ui::probe().item("outcome filter");
    if (filter_open) {
      auto option = [&](const std::string& value, const std::string& label) {
        if (ui::selectable(label.c_str(), data_filter_ == value)) {
          data_filter_ = value;
          filtered_rows_ = value.empty() ? std::vector<size_t>{} : outcomes_.filter(value);
          selected_row_.reset();
        }
      };
      option("", all);
      for (const auto& v : outcomes_.values())
        option(v.value, outcomes_.outcome_name() + " = " + v.value + " (" + std::to_string(v.rows) + ")");
      if (outcomes_.rejected_count() > 0)
        option(std::string(RowOutcomes::kRejected),
               std::string(RowOutcomes::kRejected) + " (" + std::to_string(outcomes_.rejected_count()) + ")");
      ImGui::EndCombo();
    }
    std::string counts = outcomes_.outcome_name() + ":";
    for (const auto& v : outcomes_.values()) counts += " " + v.value + " " + std::to_string(v.rows) + ";";
    if (outcomes_.rejected_count()) counts += " does not read " + std::to_string(outcomes_.rejected_count());
    ui::text_wrapped("data", counts);
  }

  // The rows, through a clipper: only the visible ones are parsed.
  const auto& header = table_.header();
  const int data_columns = std::min<int>(static_cast<int>(header.size()), kMaxDataColumns);
  const bool filtered = !data_filter_.empty();
  const size_t shown = filtered ? filtered_rows_.size() : table_.row_count();
  const float table_height = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 3;
  if (ImGui::BeginTable("##rows", data_columns + 3,
                        ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable,
                        ImVec2(0, table_height))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("row", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("line", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(outcomes_.evaluated() ? outcomes_.outcome_name().c_str() : "outcome", ImGuiTableColumnFlags_WidthFixed);
    for (int c = 0; c < data_columns; ++c) ImGui::TableSetupColumn(header[static_cast<size_t>(c)].c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    std::vector<std::string> cells;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const size_t row = filtered ? filtered_rows_[static_cast<size_t>(i)] : static_cast<size_t>(i);
        table_.read_row(row, cells);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        const std::string label = std::to_string(row + 1);
        if (ImGui::Selectable(label.c_str(), selected_row_ == row, ImGuiSelectableFlags_SpanAllColumns))
          selected_row_ = row;
        const ImVec2 cell = ImGui::GetItemRectMin();
        ui::probe().item("row " + label, ui::ItemRect{cell, ImVec2(cell.x + ImGui::GetColumnWidth(), ImGui::GetItemRectMax().y)});
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(table_.line(row)));
        ImGui::TableNextColumn();
        std::string outcome;
        if (const RowProblem* problem = table_.problem(row)) outcome = "malformed: " + problem->reason;
        else if (outcomes_.evaluated() && row < outcomes_.row_count()) outcome = std::string(outcomes_.outcome(row));
        ui::text_colored("data", outcome.rfind("malformed", 0) == 0 || outcome == RowOutcomes::kRejected ? kBad : ImVec4(0.9f, 0.9f, 0.9f, 1), outcome);
        if (const RowProblem* why = outcomes_.evaluated() && row < outcomes_.row_count() ? outcomes_.rejection(row) : nullptr)
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("line %llu: %s", static_cast<unsigned long long>(why->line), why->reason.c_str());
        for (int c = 0; c < data_columns; ++c) {
          ImGui::TableNextColumn();
          if (static_cast<size_t>(c) < cells.size()) ImGui::TextUnformatted(cells[static_cast<size_t>(c)].c_str());
        }
      }
    ImGui::EndTable();
  }
  ui::text("data", std::to_string(shown) + (filtered ? " rows match" : " rows") +
                       (header.size() > static_cast<size_t>(kMaxDataColumns) ? " (first " + std::to_string(kMaxDataColumns) + " columns shown)" : ""));
  if (!selected_row_ || !tab) return;
  ui::text("data", "Row " + std::to_string(*selected_row_ + 1) + " (line " + std::to_string(table_.line(*selected_row_)) + ")");
  ImGui::SameLine();
  if (ui::button("Debug row")) {
    std::string error;
    if (debug_row(*tab, *selected_row_, error)) select_panel(Panel::Debugger);
    else set_status(error);
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::InputTextWithHint("##promote_name", "test case name", &promote_name_);
  ui::probe().item("test case name");
  ImGui::SameLine();
  if (ui::button("Promote to test case")) promote_selected_row(*tab);
}

} // namespace waymark::studio
