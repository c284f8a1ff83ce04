#pragma once
// "Ask before closing or switching away from unsaved changes", as plain state: the UI asks the guard, shows the
// question it holds (Save / Discard / Cancel), passes the answer back and does what the guard's step says.
// Quitting with several modified documents asks about each in turn; Cancel on any of them cancels the quit.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace waymark::studio {

enum class Leaving { Close, Switch, Quit }; // what the user asked for

enum class CloseAnswer { Save, Discard, Cancel };

enum class CloseStep {
  Proceed, // nothing (more) to ask: close, switch or quit now
  Ask,     // show question() and call answer()
  Save,    // save question()->document (or Save As for an untitled one), then call saved()
  Stay,    // cancelled, or another question is already pending: nothing closes
};

struct GuardedDocument {
  std::string name; // how the question names it (its path, or "Untitled 2")
  bool modified = false;
};

struct CloseQuestion {
  std::string document;
  Leaving leaving = Leaving::Close;
  std::string save_error; // why the last attempt to save it failed, to show with the question again
};

class CloseGuard {
public:
  // The user asked to leave `documents` (one for Close or Switch; every open one for Quit). Clean documents need no
  // question; if all are clean the answer is Proceed at once. Ignored (Stay) while a question is pending.
  CloseStep request(Leaving leaving, std::vector<GuardedDocument> documents);
  CloseStep request(Leaving leaving, GuardedDocument document) { return request(leaving, std::vector{document}); }

  // The user's answer to question(). Save → Save; Discard → the next question or Proceed; Cancel → Stay.
  CloseStep answer(CloseAnswer answer);
  // The outcome of the save that the Save step asked for. Saved → the next question or Proceed; not saved (an
  // error, a cancelled Save As dialog, a file changed on disk) → Ask again, with the reason in the question.
  CloseStep saved(bool ok, std::string error = {});

  bool pending() const { return question_.has_value(); }
  // The question to show while pending (also during the Save step: the document being saved).
  const std::optional<CloseQuestion> &question() const { return question_; }
  // Documents the user chose to discard in the last request that went ahead; their recovery files can go.
  const std::vector<std::string> &discarded() const { return discarded_; }

private:
  CloseStep ask_next();

  enum class Phase { Idle, Asking, Saving };
  Phase phase_ = Phase::Idle;
  Leaving leaving_ = Leaving::Close;
  std::vector<std::string> to_ask_; // modified documents still to ask about, the current one first
  std::optional<CloseQuestion> question_;
  std::vector<std::string> discarded_;
};

} // namespace waymark::studio
