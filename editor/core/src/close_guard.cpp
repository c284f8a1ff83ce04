// Three phases (idle, asking, saving) and a queue of modified documents; every step returns what the UI does next.
#include "waymark/studio/close_guard.h"

namespace waymark::studio {

CloseStep CloseGuard::request(Leaving leaving, std::vector<GuardedDocument> documents) {
  if (phase_ != Phase::Idle) return CloseStep::Stay;
  leaving_ = leaving;
  to_ask_.clear();
  discarded_.clear();
  for (GuardedDocument &document : documents)
    if (document.modified) to_ask_.push_back(std::move(document.name));
  return ask_next();
}

CloseStep CloseGuard::answer(CloseAnswer answer) {
  if (phase_ != Phase::Asking) return CloseStep::Stay;
  switch (answer) {
  case CloseAnswer::Save: phase_ = Phase::Saving; return CloseStep::Save;
  case CloseAnswer::Discard:
    discarded_.push_back(to_ask_.front());
    to_ask_.erase(to_ask_.begin());
    return ask_next();
  case CloseAnswer::Cancel: break;
  }
  // Cancel leaves everything open, including documents already saved or discarded in this request: keep their
  // recovery files (the caller sees discarded() empty).
  phase_ = Phase::Idle;
  to_ask_.clear();
  discarded_.clear();
  question_.reset();
  return CloseStep::Stay;
}

CloseStep CloseGuard::saved(bool ok, std::string error) {
  if (phase_ != Phase::Saving) return CloseStep::Stay;
  if (!ok) {
    phase_ = Phase::Asking;
    question_->save_error = std::move(error);
    return CloseStep::Ask;
  }
  to_ask_.erase(to_ask_.begin());
  return ask_next();
}

CloseStep CloseGuard::ask_next() {
  if (to_ask_.empty()) {
    phase_ = Phase::Idle;
    question_.reset();
    return CloseStep::Proceed;
  }
  phase_ = Phase::Asking;
  question_ = CloseQuestion{to_ask_.front(), leaving_, {}};
  return CloseStep::Ask;
}

} // namespace waymark::studio
