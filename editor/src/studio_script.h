#pragma once
// The scripted mode (`waymark-studio --script FILE`): a file of actions a user would take, played into the real
// window as input events (typed characters, keys, mouse clicks on named items), and expectations about the text
// the panels show, checked after each frame. A failed expectation ends the run with status 1.
//
//   # comment
//   open startback.wm          a file of the folder, in a tab (as clicking it in the file list)
//   goto 42:9                  the cursor to line 42, column 9 (Ctrl+G, the position, Enter)
//   find <= 3                  select the next match (Ctrl+F, the text, Enter, Escape)
//   type total <= 2\n          typed characters; \n presses Enter, \t Tab, \\ a backslash
//   key Ctrl+S                 a key with modifiers: Ctrl, Shift, Alt; F1-F12, Enter, Escape, Left, A-Z, ...
//   click Run all              a button, tab or list item by its label
//   step 3                     F10 three times (step -2: Shift+F10 twice)
//   expect tests 13 passed     wait (at most 10 s) until the panel shows the text
//   expect-not editor total    wait until it does not
//   expect-file startback.wm total <= 2    the file on disk contains the text (expect-file-not: does not)
//   append-file startback.wm # note        someone else changes a file on disk: the text is added to its end
//   wait 10                    let 10 frames pass
//   screenshot out.png         write the next frame to a PNG (relative to the working directory)
//   quit                       close the window, as its close button does (unsaved work is asked about)
// A script that ends without `quit` ends the session as a crash would: nothing is saved or cleaned up.
#include <imgui.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace waymark::studio {

class StudioApp;

struct ScriptStep {
  enum class Kind { Open, Char, Key, Hover, Press, Release, Expect, ExpectNot, ExpectFile, ExpectFileNot, AppendFile, Wait, Screenshot, Quit };
  Kind kind = Kind::Wait;
  uint32_t line = 0;       // in the script, for messages
  std::string text;        // a path, typed text, an item name, expected text
  std::string panel;       // for Expect / ExpectNot; the file for ExpectFile
  int key = 0;             // GLFW key code
  bool ctrl = false, shift = false, alt = false;
  int frames = 0;          // for Wait
};

// Reads a script; a line that is not an action is reported as `path:line:col: error: message`.
bool parse_script(const std::filesystem::path& path, std::deque<ScriptStep>& steps, std::string& error);

class ScriptRunner {
public:
  explicit ScriptRunner(std::filesystem::path path, std::deque<ScriptStep> steps);

  // After the platform backend's NewFrame, before ImGui::NewFrame: this frame's scripted input.
  void inject(ImGuiIO& io, StudioApp& app);
  // After the frame was drawn: expectations against what it showed.
  void after_frame(StudioApp& app);
  // A PNG the frame being drawn should be written to, if the script asked for one.
  std::optional<std::filesystem::path> take_screenshot();

  bool finished() const { return steps_.empty() || failed_; }
  bool failed() const { return failed_; }
  const std::string& failure() const { return failure_; }

private:
  void fail(const ScriptStep& step, const std::string& message);
  bool deadline_passed();

  std::filesystem::path path_;
  std::deque<ScriptStep> steps_;
  bool failed_ = false;
  std::string failure_;
  // Keys pressed last frame, released this frame.
  int held_key_ = -1;
  ImVec2 mouse_{-FLT_MAX, -FLT_MAX};
  bool mouse_down_ = false;
  std::optional<std::chrono::steady_clock::time_point> waiting_since_; // for the step at the front
  int frames_waited_ = 0;
  std::optional<std::filesystem::path> screenshot_;
};

} // namespace waymark::studio
