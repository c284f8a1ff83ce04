#include "waymark/studio/edit_history.h"

#include <utility>

namespace waymark::studio {

bool EditHistory::merges_with_last(const EditStep& step) const {
  if (!typing_open_ || done_.empty()) return false;
  // Merging into the saved step would change the saved text without leaving the save point.
  if (saved_depth_ == done_.size()) return false;
  const EditStep& last = done_.back();
  if (last.edits.size() != 1 || step.edits.size() != 1) return false;
  const TextEdit& previous = last.edits.front();
  const TextEdit& next = step.edits.front();
  if (!next.removed.empty() || previous.inserted.find('\n') != std::string::npos) return false;
  if (next.inserted.find('\n') != std::string::npos) return false;
  // The new characters must follow the previous ones directly, with the cursor where typing left it.
  const TextPosition end_of_previous{previous.start.line, previous.start.byte + previous.inserted.size()};
  return next.start == end_of_previous && step.before == last.after;
}

void EditHistory::record(EditStep step, EditKind kind) {
  if (saved_depth_ && *saved_depth_ > done_.size()) saved_depth_.reset(); // the saved state was only redoable
  undone_.clear();
  if (kind == EditKind::typing && merges_with_last(step)) {
    EditStep& last = done_.back();
    last.edits.front().inserted += step.edits.front().inserted;
    last.after = step.after;
  } else {
    done_.push_back(std::move(step));
  }
  typing_open_ = kind == EditKind::typing;
}

const EditStep* EditHistory::undo() {
  typing_open_ = false;
  if (done_.empty()) return nullptr;
  undone_.push_back(std::move(done_.back()));
  done_.pop_back();
  return &undone_.back();
}

const EditStep* EditHistory::redo() {
  typing_open_ = false;
  if (undone_.empty()) return nullptr;
  done_.push_back(std::move(undone_.back()));
  undone_.pop_back();
  return &done_.back();
}

void EditHistory::mark_saved() noexcept {
  saved_depth_ = done_.size();
  typing_open_ = false;
}

void EditHistory::clear() noexcept {
  done_.clear();
  undone_.clear();
  saved_depth_ = 0;
  typing_open_ = false;
}

} // namespace waymark::studio
