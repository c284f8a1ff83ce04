#pragma once
// The platform side of the Studio: a GLFW window with an OpenGL 3.3 context, Dear ImGui's GLFW and OpenGL 3
// backends, the fonts (built for the monitor's content scale times the author's zoom), and screenshots of a frame.
// Everything on screen is drawn by StudioApp; this class only owns the window's lifetime (RAII).
#include <filesystem>
#include <string>

struct GLFWwindow;
struct ImFont;

namespace waymark::studio {

struct Fonts {
  ImFont* ui = nullptr;     // proportional, for panels
  ImFont* code = nullptr;   // monospaced, for the editor
  float pixels = 15.0f;     // the size they were built at
  std::string warning;      // why the built-in ASCII font is used instead, if it is
};

class StudioWindow {
public:
  StudioWindow() = default;
  ~StudioWindow();
  StudioWindow(const StudioWindow&) = delete;
  StudioWindow& operator=(const StudioWindow&) = delete;

  // False, with the reason, when there is no display or no OpenGL 3.3.
  bool open(int width, int height, const std::string& title, std::string& error);

  bool should_close() const;
  void cancel_close(); // the author chose Cancel when asked about unsaved changes
  void request_close();

  // Takes events and starts the backends' frame (ImGui::NewFrame is the caller's, after any scripted input).
  // `idle_wait`: sleep until an event or a tenth of a second passes (an author's session: calm on the CPU);
  // otherwise only poll (headless and scripted runs).
  void begin_frame(bool idle_wait);
  // Renders the frame; writes it to `screenshot` first when given (false, with a reason, if that fails).
  bool end_frame(const std::filesystem::path* screenshot, std::string& error);

  // The author's zoom (1.0 = 100%), applied on top of the monitor's content scale before the next frame.
  void set_zoom(float zoom);
  float zoom() const { return zoom_; }
  float content_scale() const { return content_scale_; }
  const Fonts& fonts() const { return fonts_; }

private:
  void build_fonts();
  bool write_png(const std::filesystem::path& path, std::string& error) const;

  GLFWwindow* window_ = nullptr;
  bool glfw_started_ = false, imgui_started_ = false;
  float zoom_ = 1.0f, content_scale_ = 1.0f;
  bool fonts_dirty_ = true;
  Fonts fonts_;
};

} // namespace waymark::studio
