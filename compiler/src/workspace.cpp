#include "waymark/compiler/workspace.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "checker.h"
#include "waymark/compiler/parser.h"

namespace waymark {
namespace fs = std::filesystem;

std::optional<uint32_t> Workspace::load(const std::string& path) { return load_file(path, nullptr, Span{}); }

std::optional<uint32_t> Workspace::load_file(const std::string& path, const SourceFile* importer, Span import_span) {
  std::error_code ec;
  std::string canonical = fs::weakly_canonical(fs::path(path), ec).string();
  if (ec) canonical = path;
  if (auto it = by_path_.find(canonical); it != by_path_.end()) {
    auto cycle_start = std::find_if(loading_.begin(), loading_.end(), [&](const auto& l) { return l.first == it->second; });
    if (cycle_start != loading_.end() && importer) {
      // Reported where the cycle starts: in the file the user asked about, when it is the one importing.
      std::string chain;
      for (auto i = cycle_start; i != loading_.end(); ++i) chain += files_[i->first].source->path() + " -> ";
      diagnostics_.error(*files_[cycle_start->first].source, cycle_start->second, "import cycle: " + chain + path);
      return std::nullopt;
    }
    return it->second;
  }

  auto report = [&](const std::string& message) {
    if (importer) diagnostics_.error(*importer, import_span, "cannot import '" + path + "': " + message);
    else diagnostics_.error_at_path(path, message);
  };
  if (fs::is_directory(path, ec)) {
    report("is a directory");
    return std::nullopt;
  }
  std::string read_error;
  const SourceFile* source = sources_.load(path, read_error);
  if (!source) {
    report(read_error);
    return std::nullopt;
  }

  return add_and_check(*source, path, canonical);
}

std::optional<uint32_t> Workspace::load_text(const std::string& path, std::string text) {
  std::error_code ec;
  std::string canonical = fs::weakly_canonical(fs::path(path), ec).string();
  if (ec) canonical = path;
  if (auto it = by_path_.find(canonical); it != by_path_.end()) return it->second;
  return add_and_check(sources_.add(path, std::move(text)), path, canonical);
}

uint32_t Workspace::add_and_check(const SourceFile& file_source, const std::string& path, const std::string& canonical) {
  const SourceFile* source = &file_source;
  const uint32_t index = static_cast<uint32_t>(files_.size());
  files_.push_back(CheckedFile{});
  files_[index].canonical_path = canonical;
  files_[index].source = source;
  by_path_[canonical] = index;
  files_[index].ast = parse_file(*source, diagnostics_);
  if (!files_[index].ast) return index;

  // Imports load (and are checked) before the file that imports them.
  loading_.emplace_back(index, Span{});
  const fs::path base = fs::path(path).parent_path();
  const size_t import_count = files_[index].ast->imports.size();
  files_[index].imports.assign(import_count, std::nullopt);
  for (size_t i = 0; i < import_count; ++i) {
    const ast::Import imp = files_[index].ast->imports[i];
    if (imp.path.empty()) {
      diagnostics_.error(*source, imp.path_span, "import path is empty");
      continue;
    }
    fs::path target = fs::path(imp.path).is_absolute() ? fs::path(imp.path) : base / imp.path;
    loading_.back().second = imp.path_span;
    auto loaded = load_file(target.lexically_normal().string(), source, imp.path_span);
    if (loaded && files_[*loaded].ast && files_[*loaded].checked) files_[index].imports[i] = loaded;
  }
  loading_.pop_back();

  Checker(*this, index).run();
  return index;
}

void Workspace::finish() {
  // "Never used" in a file with errors is mostly an echo of those errors (a misspelt reference, say).
  std::set<const SourceFile*> with_errors;
  for (const auto& d : diagnostics_.all())
    if (d.severity == Severity::Error && d.file) with_errors.insert(d.file);
  for (auto& f : files_) {
    if (!f.ast || !f.checked || with_errors.count(f.source)) continue;
    const ast::File& a = *f.ast;
    for (size_t i = 0; i < a.imports.size(); ++i)
      if (!f.import_used[i] && f.imports[i])
        diagnostics_.warning(*f.source, a.imports[i].alias_span, "import '" + a.imports[i].alias + "' is never used");
    // A module exists to be imported: what it declares is for its importers.
    if (a.header && a.header->is_module) continue;
    for (size_t i = 0; i < a.defines.size(); ++i)
      if (!f.define_used[i])
        diagnostics_.warning(*f.source, a.defines[i].span, "definition '" + a.defines[i].name + "' is never used");
    for (size_t i = 0; i < a.codesets.size(); ++i)
      if (!f.codeset_used[i])
        diagnostics_.warning(*f.source, a.codesets[i].span, "code set '" + a.codesets[i].name + "' is never used");
  }
}

std::vector<std::string> expand_source_paths(const std::string& path, std::string& error) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    error = "no such file or directory";
    return {};
  }
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<std::string> out;
  for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".wm") out.push_back(it->path().string());
  }
  if (ec) error = ec.message();
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace waymark
