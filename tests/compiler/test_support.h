#pragma once
// Helpers for front-end tests: check source text held in memory and look at what was reported.
#include <memory>
#include <string>
#include <vector>

#include "waymark/compiler/workspace.h"
#include "waymark/runtime/program.h"

namespace waymark::testing {

struct CheckResult {
  // Each diagnostic points at its SourceFile, which the run's Workspace owns: `owner` keeps that alive.
  std::shared_ptr<const void> owner;
  std::vector<Diagnostic> diagnostics;
  size_t errors = 0, warnings = 0;
  bool parsed = false;
  // "line:col: severity: message" for each diagnostic, in order.
  std::vector<std::string> lines() const;
  std::string text() const; // rendered as waymark check prints them
};

// Checks `text` as if it were the file `path` (imports resolve from its folder).
CheckResult check_text(const std::string& text, const std::string& path = "test.wm");
CheckResult check_path(const std::string& path);
// A ```waymark block of a markdown file: where it starts (1-based line) and its text.
struct DocsExample {
  int line;
  std::string text;
};
std::vector<DocsExample> docs_examples(const std::string& markdown);

// `text` checked as the file `path` and lowered to a program; the test fails (REQUIRE) on any error.
rt::Program compile_text(const std::string& text, const std::string& path = "test.wm");

// The whole file, bytes as they are; empty if it cannot be read.
std::string read_file(const std::string& path);

} // namespace waymark::testing
