// waymark-studio: the workbench where authors edit rules, run their test cases and step through an evaluation.
// Also runs headless (`--frames N --screenshot OUT.png`) and scripted (`--script FILE`) under xvfb-run, for tests
// and for the screenshots in the README.
#include <CLI/CLI.hpp>
#include <imgui.h>

#include <iostream>

#include "studio_app.h"
#include "studio_script.h"
#include "studio_window.h"
#include "ui_probe.h"

namespace {

namespace fs = std::filesystem;
using namespace waymark::studio;

struct Arguments {
  StudioOptions studio;
  std::vector<std::string> open;
  std::string folder = "pathways", test_case, data, screenshot, script, recovery_folder;
  int step = -1;
  int frames = -1;
  float zoom = 1.0f;
  int width = 1280, height = 800;
};

} // namespace

int main(int argc, char** argv) {
  Arguments args;
  CLI::App cli("Waymark Studio: edit pathway rules, run their test cases, and step through an evaluation.",
               "waymark-studio");
  cli.set_version_flag("--version", std::string("waymark-studio ") + WAYMARK_VERSION);
  cli.add_option("files", args.open, "Pathway sources to open in tabs (also --open)");
  cli.add_option("--open", args.open, "A pathway source to open in a tab (repeatable)");
  cli.add_option("--folder", args.folder, "The folder of pathways in the file list")->capture_default_str();
  cli.add_option("--case", args.test_case, "Debug this test case of the first file at start");
  cli.add_option("--step", args.step, "Open the debugger this many events into the case (default case: the file's first)")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--data", args.data, "A CSV to browse in the Data panel");
  cli.add_option("--frames", args.frames, "Render this many frames, then exit (headless runs)")->check(CLI::PositiveNumber);
  cli.add_option("--screenshot", args.screenshot, "Write the last frame to this PNG (with --frames; default 4 frames)");
  cli.add_option("--script", args.script, "Play the actions of this file, checking its expectations; exit 1 on a failure");
  cli.add_option("--recovery-folder", args.recovery_folder, "Where autosaved recovery files go (default: under XDG_STATE_HOME)");
  cli.add_option("--zoom", args.zoom, "Text size, 1.0 = 100% (Ctrl+= and Ctrl+- change it)")->check(CLI::Range(0.5, 3.0));
  cli.add_option("--width", args.width, "Window width")->check(CLI::Range(400, 8000));
  cli.add_option("--height", args.height, "Window height")->check(CLI::Range(300, 8000));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  StudioOptions& options = args.studio;
  options.folder = args.folder;
  for (const auto& file : args.open) options.open.emplace_back(file);
  if (!args.test_case.empty()) options.test_case = args.test_case;
  if (args.step >= 0) options.step = static_cast<size_t>(args.step);
  options.data = args.data;
  options.recovery_folder = args.recovery_folder;
  if (!args.screenshot.empty() && args.frames < 0) args.frames = 4;

  std::optional<ScriptRunner> script;
  if (!args.script.empty()) {
    std::deque<ScriptStep> steps;
    std::string error;
    if (!parse_script(args.script, steps, error)) {
      std::cerr << error << "\n";
      return 2;
    }
    script.emplace(args.script, std::move(steps));
  }

  ui::probe().set_enabled(script.has_value());
  StudioWindow window;
  std::string error;
  if (!window.open(args.width, args.height, "Waymark Studio", error)) {
    std::cerr << "waymark-studio: error: " << error << "\n";
    return 1;
  }
  window.set_zoom(args.zoom);
  StudioApp app(window, options);
  const bool interactive = !script && args.frames < 0;
  for (int frame = 0;; ++frame) {
    if (window.should_close()) {
      // A headless --frames run just stops; an author, or a script standing in for one, is asked about unsaved work.
      const bool headless = !script && !interactive;
      if (headless || app.may_quit()) break;
      window.cancel_close();
    }
    window.begin_frame(interactive);
    if (script) script->inject(ImGui::GetIO(), app);
    ImGui::NewFrame();
    app.frame();
    std::optional<fs::path> shot = script ? script->take_screenshot() : std::nullopt;
    if (!shot && !args.screenshot.empty() && frame + 1 == args.frames) shot = fs::path(args.screenshot);
    if (!window.end_frame(shot ? &*shot : nullptr, error)) {
      std::cerr << "waymark-studio: error: " << error << "\n";
      return 1;
    }
    if (shot) std::cout << "waymark-studio: wrote " << shot->string() << "\n";
    if (script) {
      script->after_frame(app);
      if (script->finished()) break;
    } else if (args.frames > 0 && frame + 1 >= args.frames) {
      break;
    }
  }
  if (script && script->failed()) {
    std::cerr << script->failure() << "\n";
    return 1;
  }
  if (script && !script->finished()) {
    std::cerr << args.script << ": error: the window closed with actions of the script left\n";
    return 1;
  }
  if (script) std::cout << "waymark-studio: script " << args.script << " passed\n";
  return 0;
}
