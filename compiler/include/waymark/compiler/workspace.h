#pragma once
// Loads root files and everything they import, parses and checks each file exactly once.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "waymark/compiler/ast.h"
#include "waymark/compiler/diagnostics.h"
#include "waymark/compiler/source.h"

namespace waymark {

// What a name in an expression refers to.
struct Binding {
  enum class Kind : uint8_t { None, Field, Define, Codeset };
  Kind kind = Kind::None;
  uint32_t file = 0;  // index into Workspace::files()
  uint32_t index = 0; // into that file's fields, defines or codesets
};

// The checker's result for one expression.
struct ExprInfo {
  enum class Kind : uint8_t { Error, Value, Codeset };
  Kind kind = Kind::Error;
  rt::ValueType type{rt::BaseType::Bool, false};
  bool ok() const { return kind == Kind::Value; }
};

struct CheckedFile {
  std::string canonical_path;
  const SourceFile* source = nullptr;
  std::optional<ast::File> ast; // empty when the file did not parse
  bool checked = false;
  std::vector<std::optional<uint32_t>> imports; // parallel to ast->imports
  std::vector<Binding> bindings;                 // parallel to ast->exprs
  std::vector<ExprInfo> infos;                   // parallel to ast->exprs
  std::vector<std::optional<rt::ValueType>> define_types;
  std::vector<bool> define_used, codeset_used, import_used;
  std::vector<uint32_t> schema_files; // this file and every file it imports, transitively
};

class Workspace {
public:
  explicit Workspace(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}
  // Loads and checks a root file (and its imports). Returns its index, or nothing if it could not be read.
  std::optional<uint32_t> load(const std::string& path);
  // The same for text held in memory (an editor buffer, a test); imports still resolve from `path`'s folder.
  std::optional<uint32_t> load_text(const std::string& path, std::string text);
  // Warnings that need every root loaded first (unused definitions, code sets and imports).
  void finish();

  const std::vector<CheckedFile>& files() const { return files_; }
  const CheckedFile& file(uint32_t index) const { return files_[index]; }
  Diagnostics& diagnostics() { return diagnostics_; }

private:
  std::optional<uint32_t> load_file(const std::string& path, const SourceFile* importer, Span import_span);
  uint32_t add_and_check(const SourceFile& source, const std::string& path, const std::string& canonical);
  Diagnostics& diagnostics_;
  SourceManager sources_;
  std::vector<CheckedFile> files_;
  std::map<std::string, uint32_t> by_path_;
  // The import chain being loaded (file, span of the import it is loading now), to report cycles.
  std::vector<std::pair<uint32_t, Span>> loading_;
  friend class Checker;
};

// Every `*.wm` file under a directory, sorted, or the path itself if it is a file.
std::vector<std::string> expand_source_paths(const std::string& path, std::string& error);

} // namespace waymark
