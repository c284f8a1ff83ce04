// Live checking: a buffer checked as its file, diagnostics as editor markers, and the debounce.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "pathway_sources.h"
#include "waymark/studio/live_check.h"

using namespace waymark::studio;
using namespace waymark::studio::testing;
using namespace std::chrono_literals;

namespace {


} // namespace

TEST_CASE("live check: a seed pathway checks clean from its buffer") {
  const CheckResult r = check_buffer(kStartBack, read_source(kStartBack));
  CHECK(r.parsed);
  CHECK(r.errors == 0);
  CHECK(r.warnings == 0);
  CHECK(r.markers.empty());
}

TEST_CASE("live check: breaking a rule gives a marker at the place, with the message the CLI prints") {
  std::string text = read_source(kStartBack);
  const size_t at = text.find("complete and total <= 3");
  REQUIRE(at != std::string::npos);
  text.replace(at, 23, "complete and totl <= 3");
  const CheckResult r = check_buffer(kStartBack, text);
  CHECK(r.parsed); // a name error, not a syntax error
  REQUIRE(r.errors >= 1);
  const Marker& m = r.markers.front();
  CHECK(m.severity == Marker::Severity::Error);
  CHECK(m.path == kStartBack);
  // The line and column of "totl" in the edited buffer.
  const size_t name = text.find("totl");
  const uint32_t line = static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(name), '\n') + 1);
  const uint32_t column = static_cast<uint32_t>(name - text.rfind('\n', name));
  CHECK(m.line == line);
  CHECK(m.column == column);
  CHECK(m.length == 4);
  CHECK_THAT(m.message, Catch::Contains("totl"));
  CHECK_THAT(m.text(), Catch::StartsWith(kStartBack + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: "));
}

TEST_CASE("live check: a syntax error leaves the buffer unparsed, and any bytes are checked without a crash") {
  const CheckResult broken = check_buffer(kStartBack, "pathway x.y\nrule r when then end\n");
  CHECK_FALSE(broken.parsed);
  CHECK(broken.errors >= 1);
  const CheckResult bytes = check_buffer(kStartBack, std::string("pathway \xFF\x00\xC3", 11));
  CHECK(bytes.errors >= 1);
}

TEST_CASE("live check: the debounce runs a check once typing pauses, once per revision") {
  CheckDebounce debounce(300ms);
  const auto t0 = CheckDebounce::Clock::time_point{} + 10s;
  CHECK(debounce.due(t0)); // just opened: at once
  debounce.checked(0);
  CHECK_FALSE(debounce.due(t0));
  debounce.edited(1, t0);
  CHECK_FALSE(debounce.due(t0 + 100ms));
  debounce.edited(2, t0 + 200ms); // still typing
  CHECK_FALSE(debounce.due(t0 + 400ms));
  CHECK(debounce.due(t0 + 500ms));
  debounce.checked(2);
  CHECK(debounce.checked_revision() == 2);
  CHECK_FALSE(debounce.due(t0 + 10s));
}
