// The Tests panel: every case of the open file marked pass or fail (F5 runs them all), the failures as
// `waymark test` prints them, and a form generated from the schema to edit a case or add one, written back into
// the source as a `test ... end` block.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <sstream>

#include "studio_app.h"
#include "ui_probe.h"
#include "waymark/studio/test_case_source.h"
#include "waymark/studio/text_change.h"
#include "waymark/studio/utf8.h"

namespace waymark::studio {
namespace {

const ImVec4 kPass(0.5f, 0.85f, 0.5f, 1), kFail(1, 0.45f, 0.45f, 1), kMuted(0.65f, 0.65f, 0.7f, 1);

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const size_t b = line.find_first_not_of(" \t\r");
    if (b != std::string::npos) lines.push_back(line.substr(b, line.find_last_not_of(" \t\r") - b + 1));
  }
  return lines;
}

} // namespace

void StudioApp::run_tests(Tab& tab) {
  const TestRun& run = tab.document->run_tests();
  set_status(tab.document->name() + ": " + run.message);
}

void StudioApp::draw_tests_panel() {
  Tab* tab = active();
  if (!tab) {
    ui::text("tests", "No file open.");
    return;
  }
  OpenDocument& doc = *tab->document;
  if (ui::button("Run all (F5)")) run_tests(*tab);
  ImGui::SameLine();
  if (ui::button("Add case")) start_new_case(*tab);
  const auto& run = doc.tests();
  if (!run) {
    ui::text("tests", "Not run yet: press F5.");
    return;
  }
  ImGui::SameLine();
  ui::text_colored("tests", run->compiled && run->failed == 0 ? kPass : kFail, run->message);
  if (doc.tests_stale()) ui::text_colored("tests", kMuted, "The text changed since this run: F5 runs the cases again.");
  for (const auto& error : run->errors) ui::text_colored("tests", kFail, error.text());

  // The form belongs to the file it was opened on; another tab shows its own cases meanwhile.
  if (form_ && form_path_ == doc.path()) {
    ImGui::Separator();
    draw_case_form(*tab);
    return;
  }

  ImGui::Separator();
  const float list_height = ImGui::GetContentRegionAvail().y * 0.55f;
  ImGui::BeginChild("##cases", ImVec2(0, list_height), false);
  for (const auto& result : run->cases) {
    const std::string label = std::string(result.passed ? "✓ " : "✗ ") + result.name;
    ImGui::PushStyleColor(ImGuiCol_Text, result.passed ? kPass : kFail);
    if (ui::selectable(label.c_str(), selected_case_ == result.name)) {
      selected_case_ = result.name;
      // The case in the source, too.
      const size_t line = std::min<size_t>(result.line > 0 ? result.line - 1 : 0, doc.text().line_count() - 1);
      doc.text().set_cursor({line, byte_of_char(doc.text().lines()[line], result.column > 0 ? result.column - 1 : 0)});
      doc.text().break_undo_group();
      tab->editor.scroll_to_cursor = true;
    }
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) {
      std::string error;
      if (debug_case(*tab, result.name, error)) select_panel(Panel::Debugger);
      else set_status(error);
    }
    ui::probe().text("tests", label);
  }
  ImGui::EndChild();

  ImGui::Separator();
  const CaseResult* selected = nullptr;
  for (const auto& result : run->cases)
    if (result.name == selected_case_) selected = &result;
  if (!selected) {
    ui::text_colored("tests", kMuted, "Select a case to see its result, debug it or edit it.");
    return;
  }
  ui::text_wrapped("tests", selected->name);
  if (selected->passed) ui::text_colored("tests", kPass, "passed");
  for (const auto& line : selected->failure_lines) ui::text_colored("tests", kFail, line);
  if (ui::button("Debug case (F10)")) {
    std::string error;
    if (debug_case(*tab, selected->name, error)) select_panel(Panel::Debugger);
    else set_status(error);
  }
  ImGui::SameLine();
  if (ui::button("Edit case")) start_editing_case(*tab, selected->name);
}

void StudioApp::start_editing_case(Tab& tab, const std::string& name) {
  std::string first_error;
  const auto program = compile(tab, first_error);
  if (!program) return set_status("fix the errors first: " + (first_error.empty() ? "it does not compile" : first_error));
  auto draft = draft_of_test(*program, name);
  if (!draft) return set_status("no test case named \"" + name + "\"");
  form_.emplace(*program, *draft);
  form_path_ = tab.document->path();
  form_original_ = name;
  form_name_ = name;
  form_expect_.clear();
  for (const auto& line : draft->expect) form_expect_ += line + "\n";
  form_values_.clear();
  form_errors_.assign(form_->fields().size(), "");
  for (const auto& field : form_->fields())
    form_values_.push_back(field.value ? *field.value : field.given ? "missing" : "");
  form_message_.clear();
}

void StudioApp::start_new_case(Tab& tab) {
  std::string first_error;
  const auto program = compile(tab, first_error);
  if (!program) return set_status("fix the errors first: " + (first_error.empty() ? "it does not compile" : first_error));
  CaseDraft draft;
  draft.name = "new case";
  form_.emplace(*program, draft);
  form_path_ = tab.document->path();
  form_original_.reset();
  form_name_ = draft.name;
  form_expect_.clear();
  form_values_.assign(form_->fields().size(), "");
  form_errors_.assign(form_->fields().size(), "");
  form_message_.clear();
}

void StudioApp::draw_case_form(Tab& tab) {
  ui::text("tests", form_original_ ? "Edit case" : "New case");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##case_name", "name of the case", &form_name_);
  ui::probe().item("case name");
  ImGui::BeginChild("##form_fields", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.6f), false);
  ui::text_colored("tests", kMuted, "given (a literal: true, 45, \"U055\", @2024-01-31, missing; empty leaves it out)");
  if (ImGui::BeginTable("##fields", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    const auto& fields = form_->fields();
    for (size_t i = 0; i < fields.size(); ++i) {
      const FormField& field = fields[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text("tests", field.column + (field.required || field.key ? " *" : ""));
      if (ImGui::IsItemHovered()) {
        std::string tip = field.label.empty() ? field.name : field.label;
        tip += "\ntype: " + field.type_name;
        if (!field.choices.empty()) {
          tip += "\none of:";
          for (const auto& c : field.choices) tip += " " + c;
        }
        ImGui::SetTooltip("%s", tip.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(-1);
      const std::string item = "value of " + field.column;
      if (!field.choices.empty()) {
        const bool open = ImGui::BeginCombo("##choice", form_values_[i].empty() ? "(left out)" : form_values_[i].c_str());
        ui::probe().item(item);
        if (open) {
          for (const auto& choice : field.choices)
            if (ui::selectable(choice.c_str(), form_values_[i] == choice)) form_values_[i] = choice;
          if (ui::selectable("missing", form_values_[i] == "missing")) form_values_[i] = "missing";
          if (ui::selectable("(left out)", form_values_[i].empty())) form_values_[i].clear();
          ImGui::EndCombo();
        }
      } else {
        ImGui::InputText("##value", &form_values_[i]);
        ui::probe().item(item);
      }
      ImGui::PopID();
      if (!form_errors_[i].empty()) ui::text_colored("tests", kFail, form_errors_[i]);
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ui::text_colored("tests", kMuted, "expect (one per line: risk = \"low\", fired low_risk, treatment is missing)");
  ImGui::InputTextMultiline("##expect", &form_expect_, ImVec2(-1, ImGui::GetTextLineHeight() * 5));
  ui::probe().item("expectations");
  if (!form_message_.empty()) ui::text_colored("tests", kFail, form_message_);

  if (ui::button("Save into source")) {
    bool ok = true;
    const auto& fields = form_->fields();
    for (size_t i = 0; i < fields.size(); ++i) {
      const auto refusal = form_->set(fields[i].column, form_values_[i]);
      form_errors_[i] = refusal.value_or("");
      ok = ok && !refusal;
    }
    const auto missing = form_->missing_required();
    form_message_.clear();
    if (!missing.empty()) {
      form_message_ = "required:";
      for (const auto& m : missing) form_message_ += " " + m;
      ok = false;
    }
    if (form_name_.empty()) {
      form_message_ = "the case needs a name";
      ok = false;
    }
    if (ok && form_original_ && !find_test_block(tab.document->text().text(), *form_original_)) {
      form_message_ = "the case \"" + *form_original_ + "\" is no longer in the file (renamed or removed in the editor?); "
                      "Cancel, or add it as a new case with Add case";
      ok = false;
    }
    if (ok) {
      form_->set_name(form_name_);
      CaseDraft draft = form_->to_draft();
      draft.expect = split_lines(form_expect_);
      TextDocument& text = tab.document->text();
      const std::string source = text.text();
      const std::string updated = form_original_ ? replace_test_block(source, *form_original_, draft)
                                                 : append_test_block(source, draft);
      apply_text(text, updated);
      tab.editor.scroll_to_cursor = true;
      selected_case_ = draft.name;
      form_.reset();
      run_tests(tab);
      set_status("case \"" + draft.name + "\" written into " + tab.document->name() + " (Ctrl+S saves the file)");
    }
  }
  ImGui::SameLine();
  if (ui::button("Cancel##form")) form_.reset();
}

} // namespace waymark::studio
