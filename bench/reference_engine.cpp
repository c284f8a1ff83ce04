#include "reference_engine.h"

#include <sstream>
#include <stdexcept>

#include "reference_evaluator.h"
#include "waymark/compiler/diagnostics.h"
#include "waymark/compiler/workspace.h"

namespace waymark::bench {

ReferenceEngine::ReferenceEngine(const std::string& pathway)
    : diagnostics_(std::make_unique<Diagnostics>()), workspace_(std::make_unique<Workspace>(*diagnostics_)) {
  auto file = workspace_->load(pathway);
  workspace_->finish();
  if (!file || diagnostics_->error_count() > 0) {
    std::ostringstream text;
    diagnostics_->render(text, false);
    throw std::runtime_error(pathway + " does not check:\n" + text.str());
  }
  file_ = *file;
}

ReferenceEngine::~ReferenceEngine() = default;

uint64_t ReferenceEngine::classify(const RecordTable& table, size_t count, std::vector<uint8_t>& labelled) const {
  uint64_t labelled_count = 0;
  labelled.resize(count);
  for (size_t r = 0; r < count; ++r) {
    reference::Record record;
    for (uint32_t c = 0; c < kColumnCount; ++c) {
      std::string_view raw = table.field(r, static_cast<Column>(c));
      auto& column = record.columns[std::string(kColumnNames[c])];
      if (!raw.empty()) column = std::string(raw);
    }
    reference::Outcome outcome = reference::evaluate(*workspace_, file_, record);
    if (!outcome.errors.empty()) {
      throw std::runtime_error("the reference evaluator rejected record " + std::string(table.field(r, kId)) + ": " +
                               outcome.errors.front());
    }
    bool yes = !outcome.outputs.at("category").missing();
    labelled[r] = yes;
    labelled_count += yes;
  }
  return labelled_count;
}

} // namespace waymark::bench
