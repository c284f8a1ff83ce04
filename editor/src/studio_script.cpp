#include "studio_script.h"

#include <GLFW/glfw3.h>

#include <fstream>
#include <set>
#include <iostream>
#include <sstream>

#include "studio_app.h"
#include "ui_probe.h"

namespace waymark::studio {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kExpectTimeout = std::chrono::seconds(10);

std::optional<int> key_code(const std::string& name) {
  if (name.size() == 1) {
    const char c = name[0];
    if (c >= 'A' && c <= 'Z') return GLFW_KEY_A + (c - 'A');
    if (c >= 'a' && c <= 'z') return GLFW_KEY_A + (c - 'a');
    if (c >= '0' && c <= '9') return GLFW_KEY_0 + (c - '0');
    if (c == '=') return GLFW_KEY_EQUAL;
    if (c == '-') return GLFW_KEY_MINUS;
  }
  if (name.size() >= 2 && (name[0] == 'F' || name[0] == 'f')) {
    try {
      const int n = std::stoi(name.substr(1));
      if (n >= 1 && n <= 12) return GLFW_KEY_F1 + (n - 1);
    } catch (const std::exception&) {
    }
  }
  static const std::pair<const char*, int> named[] = {
      {"Enter", GLFW_KEY_ENTER},       {"Escape", GLFW_KEY_ESCAPE},     {"Tab", GLFW_KEY_TAB},
      {"Backspace", GLFW_KEY_BACKSPACE}, {"Delete", GLFW_KEY_DELETE},   {"Left", GLFW_KEY_LEFT},
      {"Right", GLFW_KEY_RIGHT},       {"Up", GLFW_KEY_UP},             {"Down", GLFW_KEY_DOWN},
      {"Home", GLFW_KEY_HOME},         {"End", GLFW_KEY_END},           {"PageUp", GLFW_KEY_PAGE_UP},
      {"PageDown", GLFW_KEY_PAGE_DOWN}, {"Space", GLFW_KEY_SPACE},      {"Plus", GLFW_KEY_EQUAL},
      {"Minus", GLFW_KEY_MINUS}};
  for (const auto& [n, code] : named)
    if (name == n) return code;
  return std::nullopt;
}

// "Ctrl+Shift+F10" -> a Key step; the reason when it is not a key.
std::optional<std::string> read_chord(const std::string& chord, ScriptStep& step) {
  std::string rest = chord;
  for (;;) {
    const size_t plus = rest.find('+');
    if (plus == std::string::npos || plus + 1 >= rest.size()) break;
    const std::string mod = rest.substr(0, plus);
    if (mod == "Ctrl") step.ctrl = true;
    else if (mod == "Shift") step.shift = true;
    else if (mod == "Alt") step.alt = true;
    else return "unknown modifier '" + mod + "' (Ctrl, Shift or Alt)";
    rest = rest.substr(plus + 1);
  }
  const auto code = key_code(rest);
  if (!code) return "unknown key '" + rest + "'";
  step.key = *code;
  return std::nullopt;
}

std::string unescape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char c = text[++i];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// A name or a panel may be quoted to hold blanks: `click "Run all"`.
std::string unquote(const std::string& s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

void add_wait(std::deque<ScriptStep>& steps, uint32_t line, int frames) {
  ScriptStep step;
  step.kind = ScriptStep::Kind::Wait;
  step.line = line;
  step.frames = frames;
  steps.push_back(step);
}

void add_key(std::deque<ScriptStep>& steps, uint32_t line, int key, bool ctrl = false, bool shift = false) {
  ScriptStep step;
  step.kind = ScriptStep::Kind::Key;
  step.line = line;
  step.key = key;
  step.ctrl = ctrl;
  step.shift = shift;
  steps.push_back(step);
}

// Typed text: runs of characters as one frame's input each, a line break as Enter, a tab as Tab.
void add_typing(std::deque<ScriptStep>& steps, uint32_t line, const std::string& text) {
  std::string run;
  auto flush = [&] {
    if (run.empty()) return;
    ScriptStep step;
    step.kind = ScriptStep::Kind::Char;
    step.line = line;
    step.text = run;
    steps.push_back(step);
    run.clear();
  };
  for (char c : text) {
    if (c == '\n' || c == '\t') {
      flush();
      add_key(steps, line, c == '\n' ? GLFW_KEY_ENTER : GLFW_KEY_TAB);
    } else {
      run += c;
    }
  }
  flush();
}

// A panel's text for a failure message: a whole source would bury the message.
std::string shown_for_message(const std::string& shown) {
  constexpr size_t kMost = 3000;
  if (shown.size() <= kMost) return shown;
  return shown.substr(0, kMost) + "\n... (" + std::to_string(shown.size() - kMost) + " more bytes)";
}

} // namespace

bool parse_script(const std::filesystem::path& path, std::deque<ScriptStep>& steps, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path.string() + ": error: cannot read the script";
    return false;
  }
  std::string raw;
  uint32_t line_number = 0;
  while (std::getline(in, raw)) {
    ++line_number;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find(' ');
    const std::string verb = line.substr(0, space);
    const std::string argument = space == std::string::npos ? "" : trim(line.substr(space + 1));
    const size_t argument_column = space == std::string::npos ? line.size() + 1 : raw.find(argument) + 1;
    auto bad = [&](const std::string& message, size_t column) {
      error = path.string() + ":" + std::to_string(line_number) + ":" + std::to_string(column) + ": error: " + message;
      return false;
    };
    ScriptStep step;
    step.line = line_number;
    if (verb != "wait" && verb != "type" && verb != "quit" && argument.empty()) return bad("'" + verb + "' needs an argument", argument_column);
    if (verb == "open") {
      step.kind = ScriptStep::Kind::Open;
      step.text = unquote(argument);
      steps.push_back(step);
    } else if (verb == "type") {
      add_typing(steps, line_number, unescape(space == std::string::npos ? "" : raw.substr(raw.find("type") + 5)));
    } else if (verb == "key") {
      step.kind = ScriptStep::Kind::Key;
      if (auto problem = read_chord(argument, step)) return bad(*problem, argument_column);
      steps.push_back(step);
    } else if (verb == "goto") {
      add_key(steps, line_number, GLFW_KEY_G, true);
      add_wait(steps, line_number, 2); // the field takes the keyboard on the frame after it opens
      add_typing(steps, line_number, argument);
      add_key(steps, line_number, GLFW_KEY_ENTER);
    } else if (verb == "find") {
      add_key(steps, line_number, GLFW_KEY_F, true);
      add_wait(steps, line_number, 2);
      add_key(steps, line_number, GLFW_KEY_A, true); // replace what the find field held
      add_typing(steps, line_number, unescape(argument));
      add_key(steps, line_number, GLFW_KEY_ENTER);
      add_key(steps, line_number, GLFW_KEY_ESCAPE);
    } else if (verb == "click") {
      for (auto kind : {ScriptStep::Kind::Hover, ScriptStep::Kind::Press, ScriptStep::Kind::Release}) {
        step.kind = kind;
        step.text = unquote(argument);
        steps.push_back(step);
      }
    } else if (verb == "step") {
      int n = 0;
      try {
        n = std::stoi(argument);
      } catch (const std::exception&) {
        return bad("'step' takes a number of events, not '" + argument + "'", argument_column);
      }
      for (int i = 0; i < std::abs(n); ++i) add_key(steps, line_number, GLFW_KEY_F10, false, n < 0);
    } else if (verb == "expect" || verb == "expect-not" || verb == "expect-file" || verb == "expect-file-not" ||
               verb == "append-file") {
      const size_t gap = argument.find(' ');
      if (gap == std::string::npos) return bad("'" + verb + "' takes a panel (or a file) and the text", argument_column);
      step.kind = verb == "expect"            ? ScriptStep::Kind::Expect
                  : verb == "expect-not"      ? ScriptStep::Kind::ExpectNot
                  : verb == "expect-file"     ? ScriptStep::Kind::ExpectFile
                  : verb == "expect-file-not" ? ScriptStep::Kind::ExpectFileNot
                                              : ScriptStep::Kind::AppendFile;
      step.panel = unquote(argument.substr(0, gap));
      static const std::set<std::string> kPanels = {"editor", "problems", "tests", "debugger", "data",
                                                    "build", "status", "dialog", "files"};
      if ((step.kind == ScriptStep::Kind::Expect || step.kind == ScriptStep::Kind::ExpectNot) && !kPanels.count(step.panel))
        return bad("no panel '" + step.panel + "' (editor, problems, tests, debugger, data, build, status, dialog, files)",
                   argument_column);
      step.text = unescape(trim(argument.substr(gap + 1)));
      steps.push_back(step);
    } else if (verb == "wait") {
      step.kind = ScriptStep::Kind::Wait;
      try {
        step.frames = argument.empty() ? 1 : std::stoi(argument);
      } catch (const std::exception&) {
        return bad("'wait' takes a number of frames, not '" + argument + "'", argument_column);
      }
      steps.push_back(step);
    } else if (verb == "quit") {
      step.kind = ScriptStep::Kind::Quit;
      steps.push_back(step);
    } else if (verb == "screenshot") {
      step.kind = ScriptStep::Kind::Screenshot;
      step.text = unquote(argument);
      steps.push_back(step);
    } else {
      return bad("unknown action '" + verb + "' (open, goto, find, type, key, click, step, expect, expect-not, "
                 "expect-file, expect-file-not, append-file, wait, screenshot, quit)", raw.find(verb) + 1);
    }
  }
  return true;
}

ScriptRunner::ScriptRunner(std::filesystem::path path, std::deque<ScriptStep> steps)
    : path_(std::move(path)), steps_(std::move(steps)) {}

void ScriptRunner::fail(const ScriptStep& step, const std::string& message) {
  failed_ = true;
  failure_ = path_.string() + ":" + std::to_string(step.line) + ": error: " + message;
}

bool ScriptRunner::deadline_passed() {
  const auto now = Clock::now();
  if (!waiting_since_) waiting_since_ = now;
  return now - *waiting_since_ > kExpectTimeout;
}

void ScriptRunner::inject(ImGuiIO& io, StudioApp& app) {
  // The real pointer and keys of the (virtual) display play no part in a scripted run.
  io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
  io.MousePos = mouse_;
  io.MouseDown[0] = mouse_down_;
  for (int i = 1; i < 5; ++i) io.MouseDown[i] = false;
  io.MouseWheel = io.MouseWheelH = 0;
  if (held_key_ >= 0) {
    // A key pressed last frame is released for a whole frame, so that pressing it again is a new press.
    io.KeysDown[held_key_] = false;
    held_key_ = -1;
    return;
  }
  if (failed_ || steps_.empty()) return;

  ScriptStep& step = steps_.front();
  switch (step.kind) {
  case ScriptStep::Kind::Open: {
    std::string error;
    if (!app.open_file(app.folder() / step.text, error)) return fail(step, "cannot open " + step.text + ": " + error);
    steps_.pop_front();
    break;
  }
  case ScriptStep::Kind::Char:
    io.AddInputCharactersUTF8(step.text.c_str());
    steps_.pop_front();
    break;
  case ScriptStep::Kind::Key:
    io.KeysDown[step.key] = true;
    io.KeyCtrl = step.ctrl;
    io.KeyShift = step.shift;
    io.KeyAlt = step.alt;
    held_key_ = step.key;
    steps_.pop_front();
    break;
  case ScriptStep::Kind::Hover: {
    const auto rect = ui::probe().find_item(step.text);
    if (!rect) {
      if (deadline_passed()) fail(step, "no item named '" + step.text + "' on screen to click");
      return;
    }
    waiting_since_.reset();
    mouse_ = rect->center();
    io.MousePos = mouse_;
    steps_.pop_front();
    break;
  }
  case ScriptStep::Kind::Press:
    mouse_down_ = true;
    io.MouseDown[0] = true;
    steps_.pop_front();
    break;
  case ScriptStep::Kind::Release:
    mouse_down_ = false;
    io.MouseDown[0] = false;
    steps_.pop_front();
    break;
  case ScriptStep::Kind::Quit:
    app.request_quit();
    steps_.pop_front();
    break;
  case ScriptStep::Kind::Screenshot:
    // A scroll asked for in one frame shows in the next: let the window settle first.
    if (++frames_waited_ < 3) break;
    frames_waited_ = 0;
    screenshot_ = step.text;
    steps_.pop_front();
    break;
  default:
    break; // checked after the frame
  }
}

void ScriptRunner::after_frame(StudioApp& app) {
  if (failed_ || steps_.empty()) return;
  ScriptStep& step = steps_.front();
  switch (step.kind) {
  case ScriptStep::Kind::Expect:
  case ScriptStep::Kind::ExpectNot: {
    const std::string shown = ui::probe().panel_text(step.panel);
    const bool found = shown.find(step.text) != std::string::npos;
    if (found == (step.kind == ScriptStep::Kind::Expect)) {
      waiting_since_.reset();
      steps_.pop_front();
    } else if (deadline_passed()) {
      fail(step, std::string(step.kind == ScriptStep::Kind::Expect ? "expected" : "did not expect") + " '" +
                     step.text + "' in the " + step.panel + " panel; it shows:\n" +
                     shown_for_message(shown.empty() ? ui::probe().all_panels() : shown));
    }
    break;
  }
  case ScriptStep::Kind::ExpectFile:
  case ScriptStep::Kind::ExpectFileNot: {
    std::ifstream in(app.folder() / step.panel, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    const bool wanted = step.kind == ScriptStep::Kind::ExpectFile;
    if (in && (content.str().find(step.text) != std::string::npos) == wanted) {
      waiting_since_.reset();
      steps_.pop_front();
    } else if (deadline_passed()) {
      fail(step, std::string(wanted ? "expected" : "did not expect") + " '" + step.text + "' in the file " + step.panel);
    }
    break;
  }
  case ScriptStep::Kind::AppendFile: {
    std::ofstream out(app.folder() / step.panel, std::ios::binary | std::ios::app);
    out << step.text;
    if (!out) return fail(step, "cannot append to " + step.panel);
    steps_.pop_front();
    break;
  }
  case ScriptStep::Kind::Wait:
    if (++frames_waited_ >= step.frames) {
      frames_waited_ = 0;
      steps_.pop_front();
    }
    break;
  default:
    break;
  }
}

std::optional<std::filesystem::path> ScriptRunner::take_screenshot() {
  auto path = std::move(screenshot_);
  screenshot_.reset();
  return path;
}

} // namespace waymark::studio
