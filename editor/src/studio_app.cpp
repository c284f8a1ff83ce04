#include "studio_app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "studio_window.h"
#include "ui_probe.h"
#include "waymark/studio/utf8.h"

namespace waymark::studio {
namespace {

namespace fs = std::filesystem;

std::filesystem::path recovery_folder_of(const StudioOptions& options) {
  return options.recovery_folder.empty() ? default_recovery_folder() : options.recovery_folder;
}

bool key_pressed(int glfw_key, bool repeat = false) { return ImGui::IsKeyPressed(glfw_key, repeat); }

} // namespace

StudioApp::StudioApp(StudioWindow& window, StudioOptions options)
    : window_(window), options_(std::move(options)), recovery_(recovery_folder_of(options_)) {
  refresh_files();
  offer_recoveries();
  for (const auto& path : options_.open) {
    std::string error;
    if (!open_file(path, error)) set_status("cannot open " + path.string() + ": " + error);
  }
  if (!options_.data.empty()) {
    std::string error;
    if (!open_data(options_.data, error)) set_status(error);
  }
  if (Tab* tab = active()) {
    if (options_.test_case || options_.step) {
      std::string name = options_.test_case.value_or("");
      if (name.empty() && tab->document->tests() && !tab->document->tests()->cases.empty())
        name = tab->document->tests()->cases.front().name;
      std::string error;
      if (!debug_case(*tab, name, error)) set_status(error);
      else if (options_.step) session_->go_to(std::min(*options_.step, session_->event_count()));
      follow_step_ = true;
      select_panel(Panel::Debugger);
    }
  }
}

StudioApp::Tab* StudioApp::active() { return active_ < tabs_.size() ? &tabs_[active_] : nullptr; }

StudioApp::Tab* StudioApp::open_tab_of(const fs::path& path) {
  std::error_code ec;
  for (auto& tab : tabs_)
    if (tab.document->path() == path || fs::equivalent(tab.document->path(), path, ec)) return &tab;
  return nullptr;
}

void StudioApp::set_status(std::string message) {
  status_ = std::move(message);
  status_at_ = Clock::now();
}

void StudioApp::refresh_files() {
  files_.clear();
  std::error_code ec;
  for (fs::recursive_directory_iterator it(options_.folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const auto ext = it->path().extension();
    if (ext == ".wm" || ext == ".csv") files_.push_back(it->path().lexically_relative(options_.folder));
  }
  if (ec) set_status("cannot list " + options_.folder.string() + ": " + ec.message());
  std::sort(files_.begin(), files_.end());
}

bool StudioApp::open_file(const fs::path& path, std::string& error) {
  if (path.extension() == ".csv") {
    if (!open_data(path, error)) return false;
    select_panel(Panel::Data);
    return true;
  }
  if (Tab* open = open_tab_of(path)) {
    select_tab_ = static_cast<size_t>(open - tabs_.data());
    return true;
  }
  auto document = OpenDocument::open(path, error);
  if (!document) return false;
  tabs_.push_back(Tab{std::move(document), EditorState{}, {}, {}});
  select_tab_ = tabs_.size() - 1;
  active_ = tabs_.size() - 1;
  run_tests(tabs_.back()); // the cases' state is part of what a file shows
  return true;
}

std::optional<rt::Program> StudioApp::compile(const Tab& tab, std::string& first_error) const {
  std::vector<Marker> errors;
  auto program = compile_buffer(tab.document->path().string(), tab.document->text().text(), &errors);
  first_error = errors.empty() ? std::string() : errors.front().text();
  return program;
}

void StudioApp::tick_documents() {
  const auto now = Clock::now();
  for (auto& tab : tabs_) {
    OpenDocument& doc = *tab.document;
    doc.tick(now);
    // Autosave to the recovery file shortly after typing stops; a clean document needs none.
    if (doc.last_edit() != tab.noted_edit) {
      tab.noted_edit = doc.last_edit();
      recovery_.edited(doc.path(), doc.last_edit());
    }
    // A recovery from a crashed session still waiting for an answer is never written over.
    if (doc.modified() && !recovery_waiting(doc.path()) && recovery_.autosave_due(doc.path(), now)) {
      std::string error;
      if (recovery_.autosave(doc.path(), doc.text().text(), error)) tab.autosaved_revision = doc.revision();
      else set_status("autosave failed: " + error);
    }
  }
  watch_disk();
}

void StudioApp::handle_global_keys() {
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
  const ImGuiIO& io = ImGui::GetIO();
  Tab* tab = active();
  if (io.KeyCtrl && key_pressed(GLFW_KEY_S) && tab) save(*tab);
  if (io.KeyCtrl && key_pressed(GLFW_KEY_F) && tab) {
    find_open_ = focus_find_ = true;
    goto_open_ = false;
    if (tab->document->text().has_selection() && tab->document->text().selection_start().line ==
                                                      tab->document->text().selection_end().line)
      find_text_ = tab->document->text().selected_text();
  }
  if (io.KeyCtrl && key_pressed(GLFW_KEY_G) && tab) {
    goto_open_ = focus_goto_ = true;
    find_open_ = false;
    goto_text_.clear();
  }
  if (io.KeyCtrl && key_pressed(GLFW_KEY_W) && tab) {
    request_close_tab(active_);
    return; // the tab may be gone
  }
  if (io.KeyCtrl && (key_pressed(GLFW_KEY_EQUAL) || key_pressed(GLFW_KEY_KP_ADD))) window_.set_zoom(window_.zoom() + 0.1f);
  if (io.KeyCtrl && (key_pressed(GLFW_KEY_MINUS) || key_pressed(GLFW_KEY_KP_SUBTRACT))) window_.set_zoom(window_.zoom() - 0.1f);
  if (io.KeyCtrl && key_pressed(GLFW_KEY_0)) window_.set_zoom(1.0f);
  if (key_pressed(GLFW_KEY_F5) && tab) {
    run_tests(*tab);
    select_panel(Panel::Tests);
  }
  if (key_pressed(GLFW_KEY_F10, true)) step_debugger(io.KeyShift ? -1 : 1); // held down, it keeps stepping
  if (key_pressed(GLFW_KEY_F9)) toggle_breakpoint_at_cursor();
}

void StudioApp::frame() {
  ui::probe().begin_frame();
  tick_documents();
  handle_global_keys();

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 6));
  ImGui::Begin("Waymark Studio", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  ImGui::PushFont(window_.fonts().ui);

  const ImGuiStyle& style = ImGui::GetStyle();
  const float status_height = ImGui::GetFrameHeight() + style.ItemSpacing.y;
  const float body_height = ImGui::GetContentRegionAvail().y - status_height;
  const float total_width = ImGui::GetContentRegionAvail().x;
  const float files_width = std::max(160.0f, total_width * 0.15f);
  const float panel_width = std::max(320.0f, total_width * 0.36f);
  const float editor_width = total_width - files_width - panel_width - 2 * style.ItemSpacing.x;

  ImGui::BeginChild("##files", ImVec2(files_width, body_height), true);
  draw_files();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##centre", ImVec2(editor_width, body_height), false);
  draw_tabs_and_editor();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##panels", ImVec2(panel_width, body_height), true);
  if (ImGui::BeginTabBar("##panel_tabs")) {
    struct PanelTab {
      Panel panel;
      const char* label;
      void (StudioApp::*draw)();
    };
    const PanelTab panels[] = {{Panel::Tests, "Tests", &StudioApp::draw_tests_panel},
                               {Panel::Debugger, "Debugger", &StudioApp::draw_debugger_panel},
                               {Panel::Data, "Data", &StudioApp::draw_data_panel},
                               {Panel::Build, "Build", &StudioApp::draw_build_panel}};
    // A panel may ask for another while it draws (Debug row): that request is for the next frame.
    const std::optional<Panel> request = panel_request_;
    panel_request_.reset();
    for (const auto& p : panels) {
      const ImGuiTabItemFlags flags = request == p.panel ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(p.label, nullptr, flags);
      ui::probe().item(p.label);
      if (open) {
        (this->*p.draw)();
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();

  follow_step_ = false; // the editor and the event list have both followed the step
  draw_status_bar();
  draw_dialogs();
  ImGui::PopFont();
  ImGui::End();
}

void StudioApp::draw_files() {
  ui::text("files", options_.folder.filename().empty() ? options_.folder.string() : options_.folder.filename().string());
  ImGui::Separator();
  for (const auto& file : files_) {
    const std::string label = file.generic_string();
    bool open = false;
    for (const auto& tab : tabs_) open = open || tab.document->path() == options_.folder / file;
    if (ui::selectable(label.c_str(), open)) {
      std::string error;
      if (!open_file(options_.folder / file, error)) set_status("cannot open " + label + ": " + error);
    }
    ui::probe().text("files", label);
  }
  ImGui::Spacing();
  if (ui::small_button("Refresh")) refresh_files();
  ImGui::Separator();
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputTextWithHint("##folder", "another folder", &folder_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  ui::probe().item("folder");
  if (ui::small_button("Open folder") || enter) request_folder(folder_text_);
}

void StudioApp::draw_tabs_and_editor() {
  if (tabs_.empty()) {
    ui::text_wrapped("editor", "Open a pathway from the list on the left.");
    return;
  }
  if (ImGui::BeginTabBar("##documents", ImGuiTabBarFlags_Reorderable | ImGuiTabBarFlags_FittingPolicyScroll)) {
    // Closing a tab in this loop may choose the next one to select: that choice is for the next frame.
    const std::optional<size_t> select = select_tab_;
    select_tab_.reset();
    for (size_t i = 0; i < tabs_.size(); ++i) {
      Tab& tab = tabs_[i];
      bool keep_open = true;
      ImGuiTabItemFlags flags = tab.document->modified() ? ImGuiTabItemFlags_UnsavedDocument : 0;
      if (select == i) flags |= ImGuiTabItemFlags_SetSelected;
      const std::string label = tab.document->name() + "##" + tab.document->path().string();
      const bool selected = ImGui::BeginTabItem(label.c_str(), &keep_open, flags);
      ui::probe().item(tab.document->name());
      if (selected) {
        if (active_ != i) tab.editor.take_focus = true;
        active_ = i;
        ImGui::EndTabItem();
      }
      if (!keep_open) request_close_tab(i);
    }
    ImGui::EndTabBar();
  }
  Tab* tab = active();
  if (!tab) return;
  OpenDocument& doc = *tab->document;

  if (find_open_) draw_find_bar(*tab);
  if (goto_open_) draw_goto_bar(*tab);
  if (disk_warned_.count(doc.path().string())) {
    ui::text_colored("editor", ImVec4(0.95f, 0.75f, 0.3f, 1), "This file changed on disk since you opened it.");
    ImGui::SameLine();
    if (ui::small_button("Reload from disk")) {
      std::string error;
      if (!doc.reload(error)) set_status("cannot reload: " + error);
      disk_warned_.erase(doc.path().string());
    }
    ImGui::SameLine();
    if (ui::small_button("Keep my version")) {
      disk_warned_.erase(doc.path().string());
      disk_kept_.insert(doc.path().string()); // until the next save, which asks before overwriting
    }
  }

  // Problems strip under the editor: every marker of this check, click to go there.
  const auto& check = doc.check();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const size_t shown_problems = std::min<size_t>(check.markers.size(), 4);
  const float problems_height = shown_problems == 0 ? 0 : line * static_cast<float>(shown_problems) + ImGui::GetStyle().ItemSpacing.y * 2;
  const float editor_height = ImGui::GetContentRegionAvail().y - problems_height;

  EditorDecorations decorations;
  for (const auto& marker : check.markers)
    if (marker.path == doc.path().string()) decorations.markers.push_back(&marker);
  decorations.step = debugger_highlight(*tab);
  for (const auto& rule : doc.rule_lines())
    if (tab->breakpoints.count(rule.name)) decorations.breakpoint_lines.insert(rule.line);
  if (follow_step_ && decorations.step) tab->editor.scroll_to_line = decorations.step->line;

  ImFont* code_font = window_.fonts().code;
  const EditorEvents events = draw_code_editor("##code", doc, tab->editor, decorations, code_font,
                                               ImVec2(ImGui::GetContentRegionAvail().x, editor_height));
  if (ui::probe().enabled()) ui::probe().text("editor", doc.text().text()); // the whole text, for scripts only
  if (events.gutter_clicked) {
    if (auto rule = doc.rule_at(*events.gutter_clicked)) {
      if (!tab->breakpoints.erase(*rule)) tab->breakpoints.insert(*rule);
      if (session_ && session_path_ == doc.path()) session_->toggle_breakpoint(*rule);
    }
  }
  if (shown_problems > 0) {
    ImGui::BeginChild("##problems", ImVec2(0, problems_height), false);
    for (const auto& marker : check.markers) {
      const bool error = marker.severity == Marker::Severity::Error;
      const std::string text = marker.text();
      ImGui::PushStyleColor(ImGuiCol_Text, error ? ImVec4(1, 0.45f, 0.45f, 1) : ImVec4(0.95f, 0.75f, 0.3f, 1));
      if (ui::selectable(text.c_str(), false) && marker.path == doc.path().string()) {
        const size_t l = std::min<size_t>(marker.line > 0 ? marker.line - 1 : 0, doc.text().line_count() - 1);
        doc.text().set_cursor({l, byte_of_char(doc.text().lines()[l], marker.column > 0 ? marker.column - 1 : 0)});
        tab->editor.scroll_to_cursor = tab->editor.take_focus = true;
      }
      ImGui::PopStyleColor();
      ui::probe().text("problems", text);
    }
    ImGui::EndChild();
  }
}

void StudioApp::draw_find_bar(Tab& tab) {
  TextDocument& doc = tab.document->text();
  FindOptions options;
  options.case_sensitive = find_case_sensitive_;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (focus_find_) {
    ImGui::SetKeyboardFocusHere();
    focus_find_ = false;
  }
  const bool enter = ImGui::InputTextWithHint("##find", "Find", &find_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  ui::probe().item("find");
  if (enter) focus_find_ = true; // Enter again finds the next one
  ImGui::SameLine();
  bool next = enter || ui::small_button("Next");
  ImGui::SameLine();
  const bool previous = ui::small_button("Previous");
  ImGui::SameLine();
  ImGui::Checkbox("Aa", &find_case_sensitive_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  ImGui::InputTextWithHint("##replace", "Replace with", &replace_text_);
  ui::probe().item("replace with");
  ImGui::SameLine();
  if (ui::small_button("Replace")) {
    if (doc.replace_current(find_text_, replace_text_, options) == 0) next = true;
  }
  ImGui::SameLine();
  if (ui::small_button("Replace all")) {
    const size_t n = doc.replace_all(find_text_, replace_text_, options);
    find_message_ = std::to_string(n) + (n == 1 ? " replacement" : " replacements");
  }
  ImGui::SameLine();
  // Escape leaves the bar and gives the editor the keyboard, with the match selected.
  if (ui::small_button("Close##find") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    find_open_ = focus_find_ = false;
    tab.editor.take_focus = true;
  }
  if (!find_text_.empty() && (next || previous)) {
    const bool found = next ? doc.find_next(find_text_, options) : doc.find_previous(find_text_, options);
    find_message_ = found ? std::to_string(doc.count_matches(find_text_, options)) + " matches" : "not found";
    tab.editor.scroll_to_cursor = true;
  }
  if (!find_message_.empty()) {
    ImGui::SameLine();
    ui::text("editor", find_message_);
  }
}

void StudioApp::draw_goto_bar(Tab& tab) {
  if (focus_goto_) {
    ImGui::SetKeyboardFocusHere();
    focus_goto_ = false;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  const bool enter = ImGui::InputTextWithHint("##goto", "line:column", &goto_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool escape = ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
  ImGui::SameLine();
  ui::text("editor", "Go to line (Enter)");
  if (enter) {
    TextDocument& doc = tab.document->text();
    size_t line = 0, column = 1;
    const size_t colon = goto_text_.find(':');
    try {
      line = std::stoul(goto_text_.substr(0, colon));
      if (colon != std::string::npos) column = std::stoul(goto_text_.substr(colon + 1));
    } catch (const std::exception&) {
      set_status("go to line: '" + goto_text_ + "' is not a line number");
      line = 0;
    }
    if (line > 0) {
      const size_t l = std::min(line - 1, doc.line_count() - 1);
      doc.set_cursor({l, byte_of_char(doc.lines()[l], column > 0 ? column - 1 : 0)});
      doc.break_undo_group();
      tab.editor.scroll_to_cursor = true;
    }
  }
  if (enter || escape) {
    goto_open_ = false;
    tab.editor.take_focus = true;
  }
}

void StudioApp::draw_status_bar() {
  ImGui::Separator();
  Tab* tab = active();
  auto item = [](const std::string& text, const ImVec4& colour = ImVec4(0.8f, 0.8f, 0.8f, 1)) {
    ui::text_colored("status", colour, text);
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  };
  if (tab) {
    OpenDocument& doc = *tab->document;
    const CheckResult& check = doc.check();
    if (!doc.check_current()) item("checking…", ImVec4(0.7f, 0.7f, 0.7f, 1));
    else if (check.errors > 0)
      item(std::to_string(check.errors) + (check.errors == 1 ? " error" : " errors") +
               (check.warnings ? ", " + std::to_string(check.warnings) + (check.warnings == 1 ? " warning" : " warnings") : ""),
           ImVec4(1, 0.45f, 0.45f, 1));
    else if (check.warnings > 0)
      item(std::to_string(check.warnings) + (check.warnings == 1 ? " warning" : " warnings"), ImVec4(0.95f, 0.75f, 0.3f, 1));
    else item("✓ no problems", ImVec4(0.5f, 0.85f, 0.5f, 1));
    std::string state;
    if (doc.modified())
      state = tab->autosaved_revision == doc.revision() ? " (modified; kept for recovery)" : " (modified)";
    item(doc.path().string() + state);
    item("Ln " + std::to_string(doc.text().cursor().line + 1) + ", Col " + std::to_string(doc.text().column()));
  } else {
    item("no file open");
  }
  item(std::to_string(static_cast<int>(std::lround(window_.zoom() * 100))) + "% (Ctrl+= / Ctrl+-)");
  if (!window_.fonts().warning.empty()) item(window_.fonts().warning, ImVec4(0.95f, 0.75f, 0.3f, 1));
  if (!status_.empty()) item(status_);
  ImGui::NewLine();
}

void StudioApp::request_quit() { window_.request_close(); }

bool StudioApp::may_quit() {
  if (quit_confirmed_) return true;
  if (guard_.pending()) return false; // answer the question on screen first
  std::vector<GuardedDocument> documents;
  for (const auto& tab : tabs_) documents.push_back({tab.document->path().string(), tab.document->modified()});
  quitting_ = true;
  follow_guard(guard_.request(Leaving::Quit, documents));
  return quit_confirmed_;
}

} // namespace waymark::studio
