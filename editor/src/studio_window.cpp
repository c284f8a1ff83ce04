#include "studio_window.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <vector>

namespace waymark::studio {
namespace {

constexpr const char* kUiFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kCodeFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
constexpr float kBasePixels = 15.0f;

// Latin, punctuation, arrows, maths and box drawing: what rule sources, citations and our own UI write.
const ImWchar kGlyphRanges[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x2000, 0x206F, 0x20A0, 0x20CF,
                                0x2100, 0x214F, 0x2190, 0x22FF, 0x2500, 0x25FF, 0x2700, 0x27BF, 0};

} // namespace

StudioWindow::~StudioWindow() {
  if (imgui_started_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  if (window_) glfwDestroyWindow(window_);
  if (glfw_started_) glfwTerminate();
}

bool StudioWindow::open(int width, int height, const std::string& title, std::string& error) {
  if (!glfwInit()) {
    error = "cannot start GLFW (is there a display? try xvfb-run -a)";
    return false;
  }
  glfw_started_ = true;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE); // high DPI: a window of the same physical size
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    error = "cannot open an OpenGL 3.3 window";
    return false;
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  float x_scale = 1.0f, y_scale = 1.0f;
  glfwGetWindowContentScale(window_, &x_scale, &y_scale);
  content_scale_ = std::clamp(std::max(x_scale, y_scale), 0.5f, 4.0f);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr; // layout is ours; nothing is written next to the pathways
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  imgui_started_ = true;
  build_fonts();
  return true;
}

bool StudioWindow::should_close() const { return glfwWindowShouldClose(window_); }
void StudioWindow::cancel_close() { glfwSetWindowShouldClose(window_, GLFW_FALSE); }
void StudioWindow::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void StudioWindow::set_zoom(float zoom) {
  zoom = std::clamp(zoom, 0.5f, 3.0f);
  if (zoom == zoom_) return;
  zoom_ = zoom;
  fonts_dirty_ = true;
}

void StudioWindow::build_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  fonts_ = Fonts{};
  fonts_.pixels = std::round(kBasePixels * content_scale_ * zoom_);
  ImFontConfig config;
  config.OversampleH = 2;
  fonts_.ui = io.Fonts->AddFontFromFileTTF(kUiFont, fonts_.pixels, &config, kGlyphRanges);
  fonts_.code = io.Fonts->AddFontFromFileTTF(kCodeFont, fonts_.pixels, &config, kGlyphRanges);
  if (!fonts_.ui || !fonts_.code) {
    // Still usable, but say so: the built-in font shows only ASCII.
    io.Fonts->Clear();
    ImFontConfig fallback;
    fallback.SizePixels = std::round(13.0f * content_scale_ * zoom_);
    fonts_.ui = fonts_.code = io.Fonts->AddFontDefault(&fallback);
    fonts_.pixels = fallback.SizePixels;
    fonts_.warning = std::string("font ") + kCodeFont + " not found (install fonts-dejavu-core); non-ASCII text shows as '?'";
  }
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.ScaleAllSizes(content_scale_ * zoom_);
  if (imgui_started_) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  fonts_dirty_ = false;
}

void StudioWindow::begin_frame(bool idle_wait) {
  if (idle_wait) glfwWaitEventsTimeout(0.1);
  else glfwPollEvents();
  // Moved to a monitor with another scale: rebuild the fonts for it.
  float x_scale = 1.0f, y_scale = 1.0f;
  glfwGetWindowContentScale(window_, &x_scale, &y_scale);
  const float scale = std::clamp(std::max(x_scale, y_scale), 0.5f, 4.0f);
  if (scale != content_scale_) {
    content_scale_ = scale;
    fonts_dirty_ = true;
  }
  if (fonts_dirty_) build_fonts();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
}

bool StudioWindow::end_frame(const std::filesystem::path* screenshot, std::string& error) {
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.10f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  bool ok = true;
  if (screenshot) ok = write_png(*screenshot, error);
  glfwSwapBuffers(window_);
  return ok;
}

bool StudioWindow::write_png(const std::filesystem::path& path, std::string& error) const {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  if (width <= 0 || height <= 0) {
    error = "cannot take a screenshot of a window with no size";
    return false;
  }
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);
  if (!stbi_write_png(path.string().c_str(), width, height, 3, pixels.data(), width * 3)) {
    error = "cannot write " + path.string() + (errno ? std::string(": ") + std::strerror(errno) : std::string());
    return false;
  }
  return true;
}

} // namespace waymark::studio
