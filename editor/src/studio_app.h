#pragma once
// Waymark Studio's window contents: the file list, the editor tabs, and the Tests, Debugger, Data and Build panels,
// with the status bar and the questions that keep work from being lost. Each panel is drawn by its own file
// (tests_panel.cpp, ...); their state is in the studio core's plain classes, which this only draws and drives.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "code_editor.h"
#include "waymark/studio/case_form.h"
#include "waymark/studio/close_guard.h"
#include "waymark/studio/data_table.h"
#include "waymark/studio/debug_session.h"
#include "waymark/studio/open_document.h"
#include "waymark/studio/pack_build.h"
#include "waymark/studio/recovery.h"
#include "waymark/studio/row_outcomes.h"
#include "waymark/studio/saved_diff.h"

namespace waymark::studio {

class StudioWindow;

struct StudioOptions {
  std::filesystem::path folder = "pathways";
  std::vector<std::filesystem::path> open; // files to open at start
  std::optional<std::string> test_case;    // --case: debug this case at start
  std::optional<size_t> step;              // --step: that many events into it
  std::filesystem::path data;              // --data: a CSV for the data panel
  std::filesystem::path recovery_folder;   // empty: default_recovery_folder()
};

class StudioApp {
public:
  using Clock = std::chrono::steady_clock;
  StudioApp(StudioWindow& window, StudioOptions options);

  const std::filesystem::path& folder() const { return options_.folder; }
  // Opens a file in a tab (a .csv goes to the data panel), or selects its tab when it is open already.
  bool open_file(const std::filesystem::path& path, std::string& error);

  // One frame: between ImGui::NewFrame and rendering.
  void frame();
  // The window's close button, or the end of a script: asks about unsaved work first. True once it may close.
  bool may_quit();
  // Closes the window as its close button does.
  void request_quit();

private:
  struct Tab {
    std::unique_ptr<OpenDocument> document;
    EditorState editor;
    std::set<std::string> breakpoints; // rule names, kept across debug sessions
    std::chrono::steady_clock::time_point noted_edit{}; // the last edit passed on to the recovery autosave
    uint64_t autosaved_revision = UINT64_MAX;           // the text the recovery file holds
  };
  enum class Panel { Tests, Debugger, Data, Build };

  // ---- studio_app.cpp: files, tabs, keys, layout, status ----
  Tab* active();
  Tab* open_tab_of(const std::filesystem::path& path);
  // The tab's text compiled as its file; nothing when it has errors, the first one (as `waymark check` prints it)
  // in `first_error`.
  std::optional<rt::Program> compile(const Tab& tab, std::string& first_error) const;
  void refresh_files();
  void draw_files();
  void draw_tabs_and_editor();
  void draw_find_bar(Tab& tab);
  void draw_goto_bar(Tab& tab);
  void draw_status_bar();
  void handle_global_keys();
  void tick_documents();
  void set_status(std::string message);
  void select_panel(Panel panel) { panel_request_ = panel; }

  // ---- studio_dialogs.cpp: nothing lost ----
  void save(Tab& tab, bool overwrite = false);
  void request_close_tab(size_t index);
  // Another folder in the file list: every tab closes, after asking about unsaved ones.
  void request_folder(const std::filesystem::path& folder);
  void close_tab_now(size_t index);
  void follow_guard(CloseStep step);
  void draw_dialogs();
  void offer_recoveries();
  // A crashed session's recovery for `path` is still on offer: nothing may autosave over it or delete it.
  bool recovery_waiting(const std::filesystem::path& path) const;
  // Forgets the recovery file of a document saved or closed, unless one is still on offer for it.
  void forget_recovery(const std::filesystem::path& path);
  void watch_disk();

  // ---- tests_panel.cpp ----
  void draw_tests_panel();
  void run_tests(Tab& tab);
  void draw_case_form(Tab& tab);
  void start_editing_case(Tab& tab, const std::string& name);
  void start_new_case(Tab& tab);

  // ---- debugger_panel.cpp ----
  void draw_debugger_panel();
  bool debug_case(Tab& tab, const std::string& name, std::string& error);
  bool debug_row(Tab& tab, size_t row, std::string& error);
  std::shared_ptr<const rt::Program> program_to_debug(Tab& tab, std::string& error);
  void adopt_session(Tab& tab, std::unique_ptr<DebugSession> session, std::string label);
  void step_debugger(int direction);
  void toggle_breakpoint_at_cursor();
  void draw_rules_and_why(DebugSession& session, Tab* tab);
  void draw_why_tree(const rt::RuleExplanation& rule);
  std::optional<CodeHighlight> debugger_highlight(const Tab& tab) const;

  // ---- data_panel.cpp ----
  void draw_data_panel();
  bool open_data(const std::filesystem::path& path, std::string& error);
  void evaluate_data(Tab& tab);
  void promote_selected_row(Tab& tab);

  // ---- build_panel.cpp ----
  void draw_build_panel();

  StudioWindow& window_;
  StudioOptions options_;
  std::vector<std::filesystem::path> files_; // relative to the folder: .wm sources and .csv data
  std::vector<Tab> tabs_;
  size_t active_ = 0;
  std::optional<size_t> select_tab_; // make this tab the selected one next frame
  std::optional<Panel> panel_request_;
  std::string status_;
  Clock::time_point status_at_{};

  // Find and replace, go to line.
  bool find_open_ = false, focus_find_ = false, goto_open_ = false, focus_goto_ = false;
  std::string find_text_, replace_text_, goto_text_;
  bool find_case_sensitive_ = true;
  std::string find_message_;

  // Nothing lost.
  Recovery recovery_;
  std::vector<PendingRecovery> recoveries_; // offered at start
  CloseGuard guard_;
  std::optional<size_t> closing_tab_;       // the tab a Close question is about
  std::optional<std::filesystem::path> next_folder_; // the folder a Switch question is about
  std::string folder_text_;
  bool quitting_ = false, quit_confirmed_ = false;
  std::optional<size_t> changed_on_disk_;   // a tab whose save was refused: ask Overwrite / Reload / Cancel
  Clock::time_point last_disk_check_{};
  std::set<std::string> disk_warned_;       // modified tabs whose file changed meanwhile (banner shown)
  std::set<std::string> disk_kept_;         // ... where the author chose to keep their version

  // Tests panel.
  std::optional<CaseForm> form_;
  std::optional<std::string> form_original_; // the case being edited (none: a new case)
  std::filesystem::path form_path_;          // the document the form belongs to
  std::vector<std::string> form_errors_;     // per field of form_
  std::vector<std::string> form_values_;     // the text in each field
  std::string form_name_, form_expect_, form_message_;
  std::string selected_case_;

  // Debugger.
  std::unique_ptr<DebugSession> session_;
  std::string session_label_;                // "case \"...\"" or "row 12 of sus.csv"
  std::filesystem::path session_path_;       // the document it debugs
  uint64_t session_revision_ = 0;
  std::string why_not_rule_;
  bool scroll_to_why_ = false;
  std::optional<bool> show_why_;             // select the Values (false) or the Rules and why (true) tab
  bool follow_step_ = false;                 // scroll the editor to the new step's place

  // Data panel.
  DataTable table_;
  RowOutcomes outcomes_;
  std::string data_path_text_, data_message_;
  std::vector<std::string> data_errors_;
  uint64_t data_revision_ = UINT64_MAX;      // the document revision the outcomes are of
  std::filesystem::path data_program_path_;
  std::string data_filter_;                  // "" for all rows
  std::vector<size_t> filtered_rows_;
  std::optional<size_t> selected_row_;
  std::string promote_name_;

  // Build panel.
  std::optional<BuiltPack> built_;
  uint64_t built_revision_ = 0;
  std::filesystem::path built_path_;
  std::vector<Marker> build_errors_;
  std::string export_path_text_, build_message_;
  bool confirm_export_ = false;              // the export path exists: ask before replacing it
  std::optional<SavedDiff> diff_;
  uint64_t diff_revision_ = 0;
};

} // namespace waymark::studio
