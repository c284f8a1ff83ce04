// Nothing lost: saving (and what to do when the file changed on disk), closing and quitting with unsaved changes,
// the recovery files a crashed session left, and files changed by someone else while open.
#include <imgui.h>

#include <ctime>

#include "studio_app.h"
#include "studio_window.h"
#include "ui_probe.h"
#include "waymark/studio/text_change.h"

namespace waymark::studio {

void StudioApp::save(Tab& tab, bool overwrite) {
  OpenDocument& doc = *tab.document;
  const SaveOutcome outcome = doc.save(overwrite);
  std::string error;
  switch (outcome) {
  case SaveOutcome::Saved:
    set_status("saved " + doc.path().string());
    disk_warned_.erase(doc.path().string());
    disk_kept_.erase(doc.path().string());
    forget_recovery(doc.path());
    break;
  case SaveOutcome::ChangedOnDisk:
    for (size_t i = 0; i < tabs_.size(); ++i)
      if (&tabs_[i] == &tab) changed_on_disk_ = i;
    break;
  case SaveOutcome::NoPath:
  case SaveOutcome::Failed:
    set_status("not saved: " + (doc.file().last_error().empty() ? std::string("no file") : doc.file().last_error()));
    break;
  }
  if (guard_.pending() && guard_.question() && guard_.question()->document == doc.path().string() && outcome != SaveOutcome::ChangedOnDisk)
    follow_guard(guard_.saved(outcome == SaveOutcome::Saved, doc.file().last_error()));
}

void StudioApp::request_close_tab(size_t index) {
  if (index >= tabs_.size() || guard_.pending()) return;
  closing_tab_ = index;
  quitting_ = false;
  const OpenDocument& doc = *tabs_[index].document;
  follow_guard(guard_.request(Leaving::Close, GuardedDocument{doc.path().string(), doc.modified()}));
}

void StudioApp::request_folder(const std::filesystem::path& folder) {
  std::error_code ec;
  if (guard_.pending()) return;
  if (!std::filesystem::is_directory(folder, ec)) return set_status("cannot open " + folder.string() + ": not a folder");
  next_folder_ = folder;
  closing_tab_.reset();
  quitting_ = false;
  std::vector<GuardedDocument> documents;
  for (const auto& tab : tabs_) documents.push_back({tab.document->path().string(), tab.document->modified()});
  follow_guard(guard_.request(Leaving::Switch, documents));
}

void StudioApp::close_tab_now(size_t index) {
  forget_recovery(tabs_[index].document->path());
  disk_warned_.erase(tabs_[index].document->path().string());
  disk_kept_.erase(tabs_[index].document->path().string());
  if (form_ && form_path_ == tabs_[index].document->path()) form_.reset();
  if (session_ && session_path_ == tabs_[index].document->path()) session_.reset();
  tabs_.erase(tabs_.begin() + static_cast<std::ptrdiff_t>(index));
  if (active_ >= tabs_.size()) active_ = tabs_.empty() ? 0 : tabs_.size() - 1;
  select_tab_ = active_;
}

void StudioApp::follow_guard(CloseStep step) {
  switch (step) {
  case CloseStep::Ask:
  case CloseStep::Stay:
    if (!guard_.pending()) { // cancelled
      closing_tab_.reset();
      next_folder_.reset();
      quitting_ = false;
    }
    return;
  case CloseStep::Save:
    for (auto& tab : tabs_)
      if (tab.document->path().string() == guard_.question()->document) return save(tab);
    follow_guard(guard_.saved(false, "the document is no longer open"));
    return;
  case CloseStep::Proceed:
    if (quitting_) {
      // Discarded documents leave no recovery file behind; the rest were saved.
      for (auto& tab : tabs_) forget_recovery(tab.document->path());
      quit_confirmed_ = true;
      window_.request_close();
    } else if (closing_tab_) {
      close_tab_now(*closing_tab_);
    } else if (next_folder_) {
      while (!tabs_.empty()) close_tab_now(tabs_.size() - 1);
      options_.folder = *next_folder_;
      refresh_files();
      set_status("opened the folder " + options_.folder.string());
    }
    closing_tab_.reset();
    next_folder_.reset();
    quitting_ = false;
    return;
  }
}

void StudioApp::offer_recoveries() { recoveries_ = recovery_.pending(); }

bool StudioApp::recovery_waiting(const std::filesystem::path& path) const {
  std::error_code ec;
  for (const auto& r : recoveries_)
    if (r.original_path == path || std::filesystem::equivalent(r.original_path, path, ec)) return true;
  return false;
}

void StudioApp::forget_recovery(const std::filesystem::path& path) {
  if (recovery_waiting(path)) return;
  std::string error;
  if (!recovery_.forget(path, error)) set_status("the recovery file of " + path.string() + " stays: " + error);
}

void StudioApp::watch_disk() {
  const auto now = Clock::now();
  if (now - last_disk_check_ < std::chrono::seconds(1)) return;
  last_disk_check_ = now;
  for (auto& tab : tabs_) {
    OpenDocument& doc = *tab.document;
    if (!doc.file().changed_on_disk()) continue;
    if (disk_kept_.count(doc.path().string())) continue; // the author already chose their version
    if (!doc.modified()) {
      // Nothing of the author's to lose: follow the disk, as one undoable step.
      std::string error;
      if (doc.reload(error)) set_status("reloaded " + doc.path().string() + ": it changed on disk");
      else disk_warned_.insert(doc.path().string());
    } else {
      disk_warned_.insert(doc.path().string());
    }
  }
}

void StudioApp::draw_dialogs() {
  // A save refused because the file changed on disk.
  if (changed_on_disk_ && !ImGui::IsPopupOpen("File changed on disk")) ImGui::OpenPopup("File changed on disk");
  if (ImGui::BeginPopupModal("File changed on disk", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    Tab* tab = changed_on_disk_ && *changed_on_disk_ < tabs_.size() ? &tabs_[*changed_on_disk_] : nullptr;
    if (!tab) {
      changed_on_disk_.reset();
      ImGui::CloseCurrentPopup();
    } else {
      ui::text("dialog", tab->document->path().string() + " changed on disk since you opened it.");
      ui::text("dialog", "Overwrite it with your version, or reload the disk's version (your edits stay in undo)?");
      const bool answer_overwrite = ui::button("Overwrite");
      ImGui::SameLine();
      const bool answer_reload = ui::button("Reload from disk");
      ImGui::SameLine();
      const bool answer_cancel = ui::button("Cancel##disk");
      if (answer_overwrite || answer_reload || answer_cancel) {
        changed_on_disk_.reset();
        ImGui::CloseCurrentPopup();
        if (answer_overwrite) save(*tab, true);
        if (answer_reload) {
          std::string error;
          if (!tab->document->reload(error)) set_status("cannot reload: " + error);
          disk_warned_.erase(tab->document->path().string());
        }
        if ((answer_reload || answer_cancel) && guard_.pending()) follow_guard(guard_.saved(false, "the file changed on disk"));
      }
    }
    ImGui::EndPopup();
  }

  // Save / Discard / Cancel before closing or quitting.
  if (guard_.pending() && !changed_on_disk_ && !ImGui::IsPopupOpen("Unsaved changes")) ImGui::OpenPopup("Unsaved changes");
  if (ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (!guard_.pending()) {
      ImGui::CloseCurrentPopup();
    } else {
      const CloseQuestion& question = *guard_.question();
      ui::text("dialog", "Save the changes to " + question.document + "?");
      if (!question.save_error.empty()) ui::text_colored("dialog", ImVec4(1, 0.45f, 0.45f, 1), "Not saved: " + question.save_error);
      ui::text("dialog", question.leaving == Leaving::Quit     ? "Waymark Studio is closing."
                         : question.leaving == Leaving::Switch ? "Another folder is opening: every tab closes."
                                                               : "The tab is closing.");
      if (ui::button("Save")) follow_guard(guard_.answer(CloseAnswer::Save));
      ImGui::SameLine();
      if (ui::button("Discard")) follow_guard(guard_.answer(CloseAnswer::Discard));
      ImGui::SameLine();
      if (ui::button("Cancel")) follow_guard(guard_.answer(CloseAnswer::Cancel));
      if (!guard_.pending()) ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  // Work a crashed session left, offered once at start.
  if (!recoveries_.empty() && !guard_.pending() && !changed_on_disk_ && !ImGui::IsPopupOpen("Recover unsaved work"))
    ImGui::OpenPopup("Recover unsaved work");
  if (ImGui::BeginPopupModal("Recover unsaved work", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ui::text("dialog", "Waymark Studio did not close cleanly last time. Unsaved work was kept:");
    for (size_t i = 0; i < recoveries_.size(); ++i) {
      const PendingRecovery& r = recoveries_[i];
      const std::time_t when = std::chrono::system_clock::to_time_t(r.saved_at);
      char stamp[32] = "";
      std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", std::localtime(&when));
      ImGui::PushID(static_cast<int>(i));
      ui::text("dialog", r.original_path.string() + "  (" + std::to_string(r.size) + " bytes, autosaved " + stamp + ")");
      ImGui::SameLine();
      if (ui::small_button("Restore")) {
        std::string text, error;
        if (!recovery_.restore(r, text, error)) {
          set_status("cannot restore: " + error);
        } else if (Tab* open = open_tab_of(r.original_path)) {
          // Already open (named on the command line): the recovered text replaces it as one undoable edit.
          apply_text(open->document->text(), text);
          select_tab_ = static_cast<size_t>(open - tabs_.data());
          set_status("restored unsaved work in " + r.original_path.string() + ": save it to keep it");
        } else if (auto doc = OpenDocument::recovered(r.original_path, text, error)) {
          tabs_.push_back(Tab{std::move(doc), EditorState{}, {}, {}});
          select_tab_ = active_ = tabs_.size() - 1;
          set_status("restored unsaved work in " + r.original_path.string() + ": save it to keep it");
        } else {
          set_status("cannot restore " + r.original_path.string() + ": " + error);
        }
        recoveries_.erase(recoveries_.begin() + static_cast<std::ptrdiff_t>(i));
        ImGui::PopID();
        break;
      }
      ImGui::SameLine();
      if (ui::small_button("Discard##recovery")) {
        std::string error;
        if (!recovery_.discard(r, error)) set_status("cannot discard: " + error);
        recoveries_.erase(recoveries_.begin() + static_cast<std::ptrdiff_t>(i));
        ImGui::PopID();
        break;
      }
      ImGui::PopID();
    }
    // Each one is restored or discarded: a recovery left undecided could be overwritten by this session's work.
    if (recoveries_.empty()) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

} // namespace waymark::studio
