// The Debugger panel: a test case or a data row evaluated with a trace, stepped forward (F10) and back (Shift+F10)
// with the current condition highlighted in the editor; breakpoints on rules (F9, or the gutter); the values known
// at the current step; and the "why" tree of every fired rule and "why not" for any rule the author picks, with
// the path not taken marked.
#include <imgui.h>

#include "studio_app.h"
#include "ui_probe.h"
#include "waymark/studio/test_results.h"

namespace waymark::studio {
namespace {

const ImVec4 kTrue(0.5f, 0.85f, 0.5f, 1), kFalse(1, 0.5f, 0.45f, 1), kUnknown(0.95f, 0.75f, 0.3f, 1),
    kMuted(0.6f, 0.6f, 0.65f, 1), kCurrent(0.55f, 0.75f, 1, 1);

ImVec4 colour_of(rt::StepValue value) {
  switch (value) {
  case rt::StepValue::True: return kTrue;
  case rt::StepValue::False: return kFalse;
  case rt::StepValue::Unknown: return kUnknown;
  case rt::StepValue::NotEvaluated: return kMuted;
  }
  return kMuted;
}

ImVec4 colour_of(rt::RuleState state) {
  switch (state) {
  case rt::RuleState::Fired: return kTrue;
  case rt::RuleState::NotFired: return kFalse;
  case rt::RuleState::Unknown: return kUnknown;
  default: return kMuted;
  }
}

void values_table(const char* id, const std::vector<NamedValue>& values) {
  if (values.empty()) {
    ui::text_colored("debugger", kMuted, "  none yet");
    return;
  }
  if (ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
    for (const auto& v : values) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text("debugger", v.name);
      ImGui::TableNextColumn();
      ui::text_colored("debugger", v.value == "missing" ? kMuted : ImVec4(0.9f, 0.9f, 0.9f, 1), v.value);
    }
    ImGui::EndTable();
  }
}

} // namespace

std::shared_ptr<const rt::Program> StudioApp::program_to_debug(Tab& tab, std::string& error) {
  std::string first_error;
  auto program = compile(tab, first_error);
  if (!program) {
    error = "cannot debug: the file has errors" + (first_error.empty() ? std::string() : ": " + first_error);
    return nullptr;
  }
  return std::make_shared<const rt::Program>(std::move(*program));
}

void StudioApp::adopt_session(Tab& tab, std::unique_ptr<DebugSession> session, std::string label) {
  session_ = std::move(session);
  session_label_ = std::move(label);
  session_path_ = tab.document->path();
  session_revision_ = tab.document->revision();
  for (const auto& rule : tab.breakpoints) session_->toggle_breakpoint(rule);
  why_not_rule_.clear();
}

bool StudioApp::debug_case(Tab& tab, const std::string& name, std::string& error) {
  auto program = program_to_debug(tab, error);
  if (!program) return false;
  auto session = DebugSession::for_test_case(std::move(program), name, error);
  if (!session) return false;
  adopt_session(tab, std::move(session), "case \"" + name + "\"");
  return true;
}

bool StudioApp::debug_row(Tab& tab, size_t row, std::string& error) {
  auto program = program_to_debug(tab, error);
  if (!program) return false;
  auto session = DebugSession::for_row(std::move(program), table_, row, error);
  if (!session) return false;
  adopt_session(tab, std::move(session), "row " + std::to_string(row + 1) + " (line " + std::to_string(table_.line(row)) +
                                             ") of " + std::filesystem::path(table_.path()).filename().string());
  return true;
}

void StudioApp::step_debugger(int direction) {
  Tab* tab = active();
  if (!session_) {
    // F10 with nothing to debug yet starts on the selected case, else the file's first.
    if (!tab) return;
    if (!tab->document->tests()) run_tests(*tab);
    std::string name = selected_case_;
    const auto& run = tab->document->tests();
    if (name.empty() && run && !run->cases.empty()) name = run->cases.front().name;
    std::string error;
    if (name.empty() || !debug_case(*tab, name, error)) {
      set_status(name.empty() ? "no test case to debug" : error);
      return;
    }
  }
  if (direction > 0) session_->step_forward();
  else session_->step_back();
  follow_step_ = true;
  select_panel(Panel::Debugger);
}

void StudioApp::toggle_breakpoint_at_cursor() {
  Tab* tab = active();
  if (!tab) return;
  const auto rule = tab->document->rule_at(tab->document->text().cursor().line);
  if (!rule) return set_status("F9: the cursor is not in a rule");
  const bool on = !tab->breakpoints.erase(*rule);
  if (on) tab->breakpoints.insert(*rule);
  if (session_ && session_path_ == tab->document->path()) session_->toggle_breakpoint(*rule);
  set_status(std::string(on ? "breakpoint on rule " : "breakpoint removed from rule ") + *rule);
}

std::optional<CodeHighlight> StudioApp::debugger_highlight(const Tab& tab) const {
  if (!session_ || session_path_ != tab.document->path()) return std::nullopt;
  const auto location = session_->current_location();
  if (!location || location->line == 0) return std::nullopt;
  const rt::Program& program = session_->program();
  if (location->source >= program.sources.size()) return std::nullopt;
  // Pack sources are named relative to the root file's folder.
  const auto source = tab.document->path().parent_path() / program.str(program.sources[location->source].path);
  if (source.lexically_normal() != tab.document->path().lexically_normal()) return std::nullopt; // in an import
  return CodeHighlight{location->line - 1, location->column > 0 ? location->column - 1 : 0,
                       std::max<uint32_t>(location->length, 1)};
}

void StudioApp::draw_why_tree(const rt::RuleExplanation& rule) {
  ui::text_wrapped("debugger", rule.summary);
  // Each node with its value; a node not evaluated is the path not taken.
  std::function<void(uint32_t)> node = [&](uint32_t index) {
    const rt::ConditionNode& n = rule.tree[index];
    std::string label = n.text + "  →  " + rt::to_string(n.value);
    if (n.value == rt::StepValue::NotEvaluated) label += "  (path not taken)";
    if (n.step >= 0) {
      const rt::ConditionStep& step = rule.steps[static_cast<size_t>(n.step)];
      if (step.decisive) label += "  ◀ decided it";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, colour_of(n.value));
    const ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_DefaultOpen | (n.children.empty() ? ImGuiTreeNodeFlags_Leaf : 0);
    const bool open = ImGui::TreeNodeEx(reinterpret_cast<void*>(static_cast<uintptr_t>(index) + 1), flags, "%s", label.c_str());
    ImGui::PopStyleColor();
    ui::probe().text("debugger", label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", n.where.c_str());
    if (open) {
      if (n.step >= 0) {
        const rt::ConditionStep& step = rule.steps[static_cast<size_t>(n.step)];
        std::string reads;
        for (const auto& input : step.inputs) reads += (reads.empty() ? "read " : ", ") + input.column + " = " + input.value;
        if (!reads.empty()) {
          ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
          ui::text_wrapped("debugger", reads);
          ImGui::PopStyleColor();
        }
        for (const auto& match : step.matches) ui::text_colored("debugger", kMuted, match);
        const std::string missing = rt::missing_inputs_text(step);
        if (!missing.empty()) ui::text_colored("debugger", kUnknown, missing);
      }
      for (uint32_t child : n.children) node(child);
      ImGui::TreePop();
    }
  };
  for (uint32_t root : rule.roots) node(root);
  for (const auto& d : rule.derived) ui::text_colored("debugger", kMuted, "computed " + d);
  for (const auto& o : rule.outputs) ui::text_colored("debugger", kTrue, "set " + o);
  if (!rule.because.empty()) ui::text_wrapped("debugger", "Because: " + rule.because);
  if (!rule.cite.empty()) ui::text_colored("debugger", kMuted, "Cites: " + rule.cite);
}

void StudioApp::draw_debugger_panel() {
  Tab* tab = active();
  // What to debug: a case of the open file (a data row comes from the Data panel).
  if (tab && tab->document->tests() && !tab->document->tests()->cases.empty()) {
    const auto& cases = tab->document->tests()->cases;
    ImGui::SetNextItemWidth(-1);
    const std::string preview = session_ ? session_label_ : "choose a test case to debug";
    if (ImGui::BeginCombo("##debug_case", preview.c_str())) {
      for (const auto& c : cases) {
        const std::string label = std::string(c.passed ? "✓ " : "✗ ") + c.name;
        if (ui::selectable(label.c_str(), false)) {
          std::string error;
          if (!debug_case(*tab, c.name, error)) set_status(error);
        }
      }
      ImGui::EndCombo();
    }
  }
  if (!session_) {
    ui::text_wrapped("debugger", "Choose a test case above, or press F10 to debug the selected case. A data row can be "
                                 "debugged from the Data panel.");
    return;
  }
  DebugSession& s = *session_;
  ui::text("debugger", "Debugging " + session_label_);
  if (tab && session_path_ == tab->document->path() && session_revision_ != tab->document->revision())
    ui::text_colored("debugger", kUnknown, "The text changed since this evaluation: choose the case again to restart.");

  if (ui::button("Start")) s.go_to(0), follow_step_ = true;
  ImGui::SameLine();
  if (ui::button("Run back")) s.run_back(), follow_step_ = true;
  ImGui::SameLine();
  if (ui::button("Step back")) s.step_back(), follow_step_ = true;
  ImGui::SameLine();
  if (ui::button("Step")) s.step_forward(), follow_step_ = true;
  ImGui::SameLine();
  if (ui::button("Run to breakpoint")) s.run_forward(), follow_step_ = true;
  ui::text_colored("debugger", kMuted, "F10 step, Shift+F10 step back, F9 breakpoint on the rule at the cursor");

  const std::string position = "event " + std::to_string(s.position()) + " of " + std::to_string(s.event_count());
  ui::text("debugger", position + (s.current_rule() ? "   in rule " + *s.current_rule() : ""));
  const std::string current = s.at_start() ? "(before the first event)" : s.current_event_text();
  ui::text_colored("debugger", kCurrent, current);
  if (auto location = s.current_location(); location && tab && !debugger_highlight(*tab) && location->line > 0) {
    const rt::Program& p = s.program();
    if (location->source < p.sources.size())
      ui::text_colored("debugger", kMuted, "at " + p.str(p.sources[location->source].path) + ":" + std::to_string(location->line));
  }

  // Events, with the current one marked; a click goes there.
  ImGui::BeginChild("##events", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 7), true);
  if (follow_step_) {
    const float row = ImGui::GetTextLineHeightWithSpacing();
    ImGui::SetScrollY(std::max(0.0f, static_cast<float>(s.position()) * row - ImGui::GetWindowHeight() * 0.5f));
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(s.event_count()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const size_t index = static_cast<size_t>(i);
      const bool is_current = index + 1 == s.position();
      const std::string label = std::to_string(index + 1) + "  " + s.event_text(index);
      if (ImGui::Selectable(label.c_str(), is_current)) s.go_to(index + 1), follow_step_ = true;
      ui::probe().text("debugger", label);
    }
  clipper.End();
  ImGui::EndChild();

  if (!ImGui::BeginTabBar("##debug_views")) return;
  const bool values_open = ImGui::BeginTabItem("Values", nullptr, show_why_ == false ? ImGuiTabItemFlags_SetSelected : 0);
  ui::probe().item("Values");
  if (values_open) {
    show_why_.reset();
    ImGui::BeginChild("##values");
    ui::text_colored("debugger", kMuted, "Inputs");
    values_table("##inputs", s.inputs());
    ui::text_colored("debugger", kMuted, "Derived so far");
    values_table("##derived", s.derived_so_far());
    ui::text_colored("debugger", kMuted, "Outputs so far");
    values_table("##outputs", s.outputs_so_far());
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  const bool why_open = ImGui::BeginTabItem("Rules and why", nullptr, show_why_ == true ? ImGuiTabItemFlags_SetSelected : 0);
  ui::probe().item("Rules and why");
  if (why_open) {
    show_why_.reset();
    draw_rules_and_why(s, tab);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void StudioApp::draw_rules_and_why(DebugSession& s, Tab* tab) {
  const rt::Explanation& explanation = s.explanation();
  // The rules stay in view above the trees, so another can be picked whatever the trees' scroll.
  const float row = ImGui::GetFrameHeightWithSpacing();
  const float list_height = row * static_cast<float>(std::min<size_t>(explanation.rules.size() + explanation.errors.size(), 8)) +
                            ImGui::GetStyle().WindowPadding.y;
  ImGui::BeginChild("##rules", ImVec2(0, list_height), false);
  {
    for (const auto& error : explanation.errors) ui::text_colored("debugger", kFalse, "error: " + error);
    for (const auto& rule : explanation.rules) {
      ImGui::PushID(static_cast<int>(rule.rule));
      bool on = s.has_breakpoint(rule.name);
      if (ImGui::Checkbox("##bp", &on)) {
        s.toggle_breakpoint(rule.name);
        if (tab && session_path_ == tab->document->path()) {
          if (on) tab->breakpoints.insert(rule.name);
          else tab->breakpoints.erase(rule.name);
        }
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("breakpoint: stop when this rule is entered");
      ImGui::SameLine();
      const std::string label = rule.name + "  " + rt::to_string(rule.state);
      ImGui::PushStyleColor(ImGuiCol_Text, colour_of(rule.state));
      if (ui::selectable(label.c_str(), why_not_rule_ == rule.name)) {
        why_not_rule_ = rule.name;
        scroll_to_why_ = true;
      }
      ImGui::PopStyleColor();
      ui::probe().text("debugger", label);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::BeginChild("##why");
  // Why not: the rule picked above, first. Why: every fired rule.
  if (why_not_rule_.empty()) ui::text_colored("debugger", kMuted, "Pick a rule above to see why it did not fire.");
  for (const auto& rule : explanation.rules) {
    if (rule.name != why_not_rule_ || rule.state == rt::RuleState::Fired) continue;
    if (scroll_to_why_) ImGui::SetScrollHereY(0.0f);
    if (ImGui::CollapsingHeader(("Why not " + rule.name).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
      ui::probe().text("debugger", "Why not " + rule.name);
      draw_why_tree(rule);
    }
  }
  scroll_to_why_ = false;
  for (const auto& rule : explanation.rules) {
    if (rule.state != rt::RuleState::Fired) continue;
    ImGui::PushID(static_cast<int>(rule.rule));
    if (ImGui::CollapsingHeader(("Why " + rule.name + " fired").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
      ui::probe().text("debugger", "Why " + rule.name + " fired");
      draw_why_tree(rule);
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

} // namespace waymark::studio
