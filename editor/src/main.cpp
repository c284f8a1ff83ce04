// waymark-studio: for now a window that checks the pathways folder and lists what it found.
// The full workbench (editor, test runner, debugger) is its own issue.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstring>
#include <iostream>
#include <sstream>
#include <string>

#include "waymark/compiler/workspace.h"

namespace {

struct FolderReport {
  std::string folder;
  std::vector<std::string> lines;
  size_t errors = 0, warnings = 0;
};

FolderReport check_folder(const std::string& folder) {
  FolderReport report{folder, {}, 0, 0};
  waymark::Diagnostics diagnostics;
  waymark::Workspace workspace(diagnostics);
  std::string error;
  for (const auto& path : waymark::expand_source_paths(folder, error)) workspace.load(path);
  workspace.finish();
  diagnostics.sort();
  if (!error.empty()) report.lines.push_back(folder + ": " + error);
  for (const auto& f : workspace.files())
    report.lines.push_back(f.source->path() + (f.ast && f.ast->header ? "  (" + f.ast->header->name + ")" : ""));
  for (const auto& d : diagnostics.all()) report.lines.push_back(waymark::render(d, false));
  report.errors = diagnostics.error_count();
  report.warnings = diagnostics.warning_count();
  return report;
}

} // namespace

int main(int argc, char** argv) {
  std::string folder = "pathways";
  int frames = -1; // run until closed
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--version") {
      std::cout << "waymark-studio " << WAYMARK_VERSION << "\n";
      return 0;
    }
    if (arg == "--help" || arg == "-h") {
      std::cout << "usage: waymark-studio [--folder DIR] [--frames N] [--version]\n"
                   "  --folder DIR  pathways folder to open (default: pathways)\n"
                   "  --frames N    render N frames, then exit (for smoke tests)\n";
      return 0;
    }
    if ((arg == "--folder" || arg == "--frames") && i + 1 < argc) {
      std::string value = argv[++i];
      if (arg == "--folder") folder = value;
      else {
        try {
          frames = std::stoi(value);
        } catch (const std::exception&) {
          std::cerr << "waymark-studio: error: --frames takes a number, not '" << value << "'\n";
          return 2;
        }
      }
      continue;
    }
    std::cerr << "waymark-studio: error: unknown argument '" << arg << "' (see --help)\n";
    return 2;
  }

  if (!glfwInit()) {
    std::cerr << "waymark-studio: error: cannot start GLFW (is there a display? try xvfb-run -a)\n";
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
  GLFWwindow* window = glfwCreateWindow(1100, 700, "Waymark Studio", nullptr, nullptr);
  if (!window) {
    std::cerr << "waymark-studio: error: cannot open an OpenGL 3.3 window\n";
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  FolderReport report = check_folder(folder);
  for (int frame = 0; !glfwWindowShouldClose(window) && (frames < 0 || frame < frames); ++frame) {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("Waymark Studio", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
    ImGui::Text("Folder: %s   %zu errors, %zu warnings", report.folder.c_str(), report.errors, report.warnings);
    if (ImGui::Button("Check again")) report = check_folder(folder);
    ImGui::Separator();
    for (const auto& line : report.lines) ImGui::TextUnformatted(line.c_str());
    ImGui::End();
    ImGui::Render();
    int width, height;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.12f, 0.12f, 0.14f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
