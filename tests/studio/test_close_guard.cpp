// Ask before closing, switching or quitting with unsaved changes: every path through Save / Discard / Cancel.
#include <catch2/catch.hpp>

#include "waymark/studio/close_guard.h"

using namespace waymark::studio;

TEST_CASE("close guard: a clean document closes at once") {
  CloseGuard guard;
  CHECK(guard.request(Leaving::Close, GuardedDocument{"a.wm", false}) == CloseStep::Proceed);
  CHECK_FALSE(guard.pending());
  CHECK(guard.request(Leaving::Quit, std::vector<GuardedDocument>{}) == CloseStep::Proceed);
}

TEST_CASE("close guard: a modified document asks; Cancel keeps it open") {
  CloseGuard guard;
  CHECK(guard.request(Leaving::Switch, GuardedDocument{"a.wm", true}) == CloseStep::Ask);
  REQUIRE(guard.pending());
  CHECK(guard.question()->document == "a.wm");
  CHECK(guard.question()->leaving == Leaving::Switch);
  CHECK(guard.question()->save_error.empty());
  CHECK(guard.answer(CloseAnswer::Cancel) == CloseStep::Stay);
  CHECK_FALSE(guard.pending());
  CHECK(guard.discarded().empty());
}

TEST_CASE("close guard: Discard proceeds and names the discarded document") {
  CloseGuard guard;
  REQUIRE(guard.request(Leaving::Close, GuardedDocument{"a.wm", true}) == CloseStep::Ask);
  CHECK(guard.answer(CloseAnswer::Discard) == CloseStep::Proceed);
  CHECK_FALSE(guard.pending());
  CHECK(guard.discarded() == std::vector<std::string>{"a.wm"});
}

TEST_CASE("close guard: Save asks the caller to save, then proceeds; a failed save asks again with the reason") {
  CloseGuard guard;
  REQUIRE(guard.request(Leaving::Close, GuardedDocument{"a.wm", true}) == CloseStep::Ask);
  CHECK(guard.answer(CloseAnswer::Save) == CloseStep::Save);
  CHECK(guard.question()->document == "a.wm");
  CHECK(guard.saved(false, "cannot write a.wm: Permission denied") == CloseStep::Ask);
  CHECK(guard.question()->save_error == "cannot write a.wm: Permission denied");
  CHECK(guard.answer(CloseAnswer::Save) == CloseStep::Save);
  CHECK(guard.saved(true) == CloseStep::Proceed);
  CHECK_FALSE(guard.pending());
  CHECK(guard.discarded().empty());
}

TEST_CASE("close guard: quitting asks about each modified document in turn") {
  CloseGuard guard;
  const std::vector<GuardedDocument> open{{"a.wm", true}, {"clean.wm", false}, {"b.wm", true}, {"c.wm", true}};
  REQUIRE(guard.request(Leaving::Quit, open) == CloseStep::Ask);
  CHECK(guard.question()->document == "a.wm");
  CHECK(guard.question()->leaving == Leaving::Quit);
  CHECK(guard.answer(CloseAnswer::Save) == CloseStep::Save);
  CHECK(guard.saved(true) == CloseStep::Ask);
  CHECK(guard.question()->document == "b.wm");
  CHECK(guard.answer(CloseAnswer::Discard) == CloseStep::Ask);
  CHECK(guard.question()->document == "c.wm");
  CHECK(guard.answer(CloseAnswer::Discard) == CloseStep::Proceed);
  CHECK(guard.discarded() == std::vector<std::string>{"b.wm", "c.wm"});
}

TEST_CASE("close guard: Cancel during a quit cancels all of it") {
  CloseGuard guard;
  REQUIRE(guard.request(Leaving::Quit, {{"a.wm", true}, {"b.wm", true}}) == CloseStep::Ask);
  CHECK(guard.answer(CloseAnswer::Discard) == CloseStep::Ask);
  CHECK(guard.answer(CloseAnswer::Cancel) == CloseStep::Stay);
  CHECK_FALSE(guard.pending());
  CHECK(guard.discarded().empty()); // a.wm stays open, so its recovery file stays too
}

TEST_CASE("close guard: requests and answers out of turn are ignored") {
  CloseGuard guard;
  CHECK(guard.answer(CloseAnswer::Save) == CloseStep::Stay);
  CHECK(guard.saved(true) == CloseStep::Stay);
  REQUIRE(guard.request(Leaving::Close, GuardedDocument{"a.wm", true}) == CloseStep::Ask);
  CHECK(guard.request(Leaving::Quit, GuardedDocument{"b.wm", true}) == CloseStep::Stay);
  CHECK(guard.question()->document == "a.wm");
  CHECK(guard.saved(true) == CloseStep::Stay); // no save was asked for
  CHECK(guard.answer(CloseAnswer::Save) == CloseStep::Save);
  CHECK(guard.answer(CloseAnswer::Discard) == CloseStep::Stay); // while saving, only saved() counts
  CHECK(guard.saved(true) == CloseStep::Proceed);
  CHECK(guard.request(Leaving::Close, GuardedDocument{"b.wm", false}) == CloseStep::Proceed);
}
