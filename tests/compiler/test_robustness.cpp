// Hostile inputs: the front end must never crash or hang, and must report a sensible number of errors.
// Each input is checked in a child process, so a crash or a hang fails its own test case instead of
// taking the whole test run down with it.
#include <catch2/catch.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace {

struct Outcome {
  enum class End { Finished, Crashed, TimedOut, Failed } end = End::Failed;
  int signal = 0;
  size_t errors = 0, warnings = 0;
  bool parsed = false;
  double seconds = 0;
};

std::ostream& operator<<(std::ostream& out, const Outcome& o) {
  const char* end = o.end == Outcome::End::Finished ? "finished" : o.end == Outcome::End::Crashed ? "crashed"
                  : o.end == Outcome::End::TimedOut ? "timed out" : "failed to run";
  out << end;
  if (o.end == Outcome::End::Crashed) out << " (signal " << o.signal << ")";
  return out << " after " << o.seconds << " s: " << o.errors << " errors, " << o.warnings << " warnings, "
             << (o.parsed ? "parsed" : "not parsed");
}

// Runs `check` in a child process and reports how that went.
// The timeout guards against a hang only, never against slowness: these machines are shared, and under the
// sanitizers a large file takes many times longer. A blow-up (exponential, or quadratic on the largest inputs here)
// still passes it.
constexpr int kHangSeconds = 600;

Outcome isolated(const std::function<waymark::testing::CheckResult()>& check, int timeout_seconds = kHangSeconds) {
  Outcome outcome;
  int fds[2];
  if (pipe(fds) != 0) return outcome;
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child < 0) {
    close(fds[0]);
    close(fds[1]);
    return outcome;
  }
  if (child == 0) {
    close(fds[0]);
    // Die of the signal itself: the test framework's handlers would report from the child.
    for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP}) signal(sig, SIG_DFL);
    auto result = check();
    unsigned long long report[3] = {result.errors, result.warnings, result.parsed ? 1ULL : 0ULL};
    ssize_t written = write(fds[1], report, sizeof report);
    _exit(written == static_cast<ssize_t>(sizeof report) ? 0 : 3);
  }
  close(fds[1]);
  unsigned long long report[3] = {0, 0, 0};
  size_t got = 0;
  bool timed_out = false;
  while (got < sizeof report) {
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const int left_ms = timeout_seconds * 1000 - static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
    if (left_ms <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = poll(&p, 1, left_ms);
    if (ready < 0) continue;
    if (ready == 0) {
      timed_out = true;
      break;
    }
    ssize_t n = read(fds[0], reinterpret_cast<char*>(report) + got, sizeof report - got);
    if (n <= 0) break; // the child ended without reporting
    got += static_cast<size_t>(n);
  }
  close(fds[0]);
  if (timed_out) kill(child, SIGKILL); // our own child, by its id
  int status = 0;
  waitpid(child, &status, 0);
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (timed_out) {
    outcome.end = Outcome::End::TimedOut;
  } else if (WIFSIGNALED(status)) {
    outcome.end = Outcome::End::Crashed;
    outcome.signal = WTERMSIG(status);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && got == sizeof report) {
    outcome.end = Outcome::End::Finished;
    outcome.errors = report[0];
    outcome.warnings = report[1];
    outcome.parsed = report[2] != 0;
  }
  return outcome;
}

// Checks `text` (as the file test.wm) in a child process.
Outcome isolated_check(const std::string& text, int timeout_seconds = kHangSeconds) {
  return isolated([&] { return waymark::testing::check_text(text); }, timeout_seconds);
}

bool finished(const Outcome& o) { return o.end == Outcome::End::Finished; }

std::string repeat(const std::string& piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out += piece;
  return out;
}

const std::string kHead = "pathway robust.checks\ninput\n  a: int optional\n  b: bool optional\nend\noutput\n  o: int\nend\n";

std::string rule_over(const std::string& define_value) {
  return kHead + "define x = " + define_value + "\nrule r\n  when x is present\n  then set o = 1\n  cite \"c\"\nend\n";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST_CASE("robustness: the isolation harness tells a clean run from a crash and a hang", "[robustness]") {
  auto ok = isolated_check(kHead + "rule r when b then set o = 1 cite \"c\" end\n");
  INFO(ok);
  CHECK(finished(ok));
  CHECK(ok.errors == 0);
  CHECK(ok.warnings == 0);
  CHECK(ok.parsed);

  auto bad = isolated_check(kHead + "rule r when bb then set o = 1 end\n");
  INFO(bad);
  CHECK(finished(bad));
  CHECK(bad.errors == 1);
  CHECK(bad.warnings == 1);

  auto crash = isolated([]() -> waymark::testing::CheckResult { std::abort(); });
  INFO(crash);
  CHECK(crash.end == Outcome::End::Crashed);
  CHECK(crash.signal == SIGABRT);

  auto hang = isolated([] { sleep(30); return waymark::testing::CheckResult{}; }, 1);
  INFO(hang);
  CHECK(hang.end == Outcome::End::TimedOut);
  CHECK(hang.seconds < 25); // killed at its 1 s timeout, not left to sleep its 30 s
}

TEST_CASE("robustness: an empty file and a file of comments", "[robustness]") {
  auto empty = isolated_check("");
  INFO(empty);
  REQUIRE(finished(empty));
  CHECK(empty.errors == 1); // no header
  CHECK(empty.warnings == 0);

  auto comments = isolated_check("# nothing here\n# but comments\n\n   \t\n# and blank lines");
  INFO(comments);
  REQUIRE(finished(comments));
  CHECK(comments.errors == 1);
  CHECK(comments.parsed);

  auto newlines = isolated_check(std::string(100000, '\n'));
  INFO(newlines);
  REQUIRE(finished(newlines));
  CHECK(newlines.errors == 1);
}

TEST_CASE("robustness: random printable bytes", "[robustness]") {
  for (unsigned seed : {1u, 2u, 3u, 20240131u, 4242u}) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> printable(32, 126);
    std::uniform_int_distribution<int> line(0, 40);
    std::string text;
    while (text.size() < 10000) text += line(random) == 0 ? '\n' : static_cast<char>(printable(random));
    auto o = isolated_check(text);
    INFO("seed " << seed << ": " << o);
    REQUIRE(finished(o));
    CHECK_FALSE(o.parsed);
    CHECK(o.errors >= 1);
    CHECK(o.errors <= text.size()); // at most one error per character
  }
}

TEST_CASE("robustness: random token soup", "[robustness]") {
  const std::vector<std::string> words{
      "pathway", "module", "import", "as", "input", "output", "end", "codeset", "define", "group", "policy", "first",
      "all", "unique", "any", "none", "rule", "when", "then", "because", "cite", "priority", "set", "classify",
      "recommend", "refer", "to", "test", "given", "expect", "fired", "if", "else", "and", "or", "not", "in", "like",
      "between", "is", "missing", "present", "true", "false", "within", "days", "of", "int", "text", "code", "list",
      "bool", "date", "decimal", "required", "optional", "key", "from", "label", "one", "delimited", "by", "for",
      "(", ")", "[", "]", ",", ":", ".", "..", "=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "a", "b", "x",
      "1", "2.5", "@2024-01-31", "\"s\"", "'t'", "`q r`", "#c\n", "\n"};
  for (unsigned seed : {7u, 8u, 9u}) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
    std::string text = "pathway soup.test\n";
    for (int i = 0; i < 20000; ++i) text += words[pick(random)] + " ";
    auto o = isolated_check(text);
    INFO("seed " << seed << ": " << o);
    REQUIRE(finished(o));
    CHECK(o.errors >= 1);
  }
}

TEST_CASE("robustness: mutated copies of a real pathway", "[robustness]") {
  const std::string original = read_file(std::filesystem::path(WAYMARK_SOURCE_DIR) / "pathways" / "startback" / "startback.wm");
  REQUIRE(original.size() > 1000);
  std::mt19937 random(12345);
  for (int round = 0; round < 40; ++round) {
    std::string text = original;
    std::uniform_int_distribution<int> edits(1, 8);
    for (int e = edits(random); e > 0; --e) {
      std::uniform_int_distribution<size_t> at(0, text.size() - 1);
      size_t where = at(random);
      switch (random() % 4) {
      case 0: text.erase(where, 1 + random() % 20); break;                       // delete a run
      case 1: text.insert(where, text.substr(at(random), 1 + random() % 30)); break; // copy text elsewhere
      case 2: text[where] = static_cast<char>(32 + random() % 95); break;           // change a character
      default: text.insert(where, random() % 2 ? " not " : " end "); break;
      }
    }
    auto o = isolated_check(text);
    INFO("round " << round << ": " << o);
    REQUIRE(finished(o));
  }
}

TEST_CASE("robustness: deep nesting is refused with one error", "[robustness]") {
  const size_t n = 200000;
  const std::vector<std::pair<const char*, std::string>> inputs{
      {"parentheses", rule_over(repeat("(", n) + "a" + repeat(")", n))},
      {"not", rule_over(repeat("not ", n) + "b")},
      {"minus", rule_over(repeat("-", n) + "a")},
      {"not and parentheses", rule_over(repeat("not (", n) + "b" + repeat(")", n))},
      {"lists", rule_over("a in " + repeat("[", n) + "1" + repeat("]", n))},
      {"if in conditions", rule_over(repeat("if ", n) + "b" + repeat(" then b else b", n))},
      {"unclosed parentheses", rule_over(repeat("(", n))},
  };
  for (const auto& [what, text] : inputs) {
    auto o = isolated_check(text);
    INFO(what << ": " << o);
    CHECK(finished(o));
    CHECK_FALSE(o.parsed);
    CHECK(o.errors == 1);
  }
}

TEST_CASE("robustness: long if chains do not exhaust the stack", "[robustness]") {
  // `else if` chains (and `then if` nesting) are nested expressions whose `if` tokens are not adjacent; the
  // nesting limit counts the `if`s of each statement, so 100000 of them are refused before parsing.
  const size_t n = 100000;
  const std::vector<std::pair<const char*, std::string>> inputs{
      {"else if", rule_over(repeat("if b then 1 else ", n) + "0")},
      {"then if", rule_over(repeat("if b then ", n) + "1" + repeat(" else 0", n))},
  };
  for (const auto& [what, text] : inputs) {
    auto o = isolated_check(text);
    INFO(what << ": " << o);
    CHECK(finished(o));
    CHECK_FALSE(o.parsed);
    CHECK(o.errors == 1); // "more than 64 `if`s in one statement; split it into definitions"
  }
}

TEST_CASE("robustness: a 200000-term sum", "[robustness]") {
  // The sum parses flat but is built as a left-deep tree, which the checker walks recursively; a tree deeper
  // than 256 levels is refused when it is built.
  std::string sum = "a";
  sum.reserve(200000 * 4);
  for (int i = 1; i < 200000; ++i) sum += " + a";
  auto o = isolated_check(rule_over(sum));
  INFO(o);
  REQUIRE(finished(o));
  CHECK_FALSE(o.parsed);
  CHECK(o.errors == 1); // "expression is nested more than 256 levels deep; split it into definitions"
  CHECK(o.warnings == 0);
}

TEST_CASE("robustness: a 200000-term and chain is checked", "[robustness]") {
  // The rule analysis extends one conjunction in place for each operand (it once copied it: 40000 terms took ~13 s).
  std::string chain = "a > 1";
  for (int i = 1; i < 200000; ++i) chain += " and a > 1";
  auto o = isolated_check(kHead + "rule r\n  when " + chain + "\n  then set o = 1\n  cite \"c\"\nend\n");
  INFO(o);
  REQUIRE(finished(o));
  CHECK(o.errors == 0);
  CHECK(o.warnings == 0);
}

TEST_CASE("robustness: a long chain of definitions", "[robustness]") {
  // Each definition uses the next. Definitions are typed in dependency order, not by recursing from one into
  // the next, so any chain checks clean in either order (50000 definitions, about 1 MB, once overflowed).
  const int n = 50000;
  std::string text = kHead;
  for (int i = 0; i < n; ++i) text += "define d" + std::to_string(i) + " = d" + std::to_string(i + 1) + " + 1\n";
  text += "define d" + std::to_string(n) + " = a\nrule r\n  when d0 > 1\n  then set o = d0\n  cite \"c\"\nend\n";
  auto o = isolated_check(text);
  INFO(o);
  REQUIRE(finished(o));
  CHECK(o.parsed);
  CHECK(o.errors == 0);
  CHECK(o.warnings == 0);
  std::string reversed = kHead;
  for (int i = n; i > 0; --i) reversed += "define d" + std::to_string(i) + " = d" + std::to_string(i - 1) + " + 1\n";
  reversed += "define d0 = a\nrule r\n  when d" + std::to_string(n) + " > 1\n  then set o = d0\n  cite \"c\"\nend\n";
  auto r = isolated_check(reversed);
  INFO(r);
  REQUIRE(finished(r));
  CHECK(r.errors == 0);
  CHECK(r.warnings == 0);
}

TEST_CASE("robustness: deep expressions inside long definition chains", "[robustness]") {
  // 100 definitions, each a 250-term sum using the next: depth limits per expression and per chain once
  // multiplied into 25000 frames of recursion.
  std::string text = kHead;
  for (int i = 0; i < 100; ++i) {
    text += "define d" + std::to_string(i) + " = d" + std::to_string(i + 1);
    for (int k = 0; k < 250; ++k) text += " + 1";
    text += "\n";
  }
  text += "define d100 = a\nrule r\n  when d0 > 1\n  then set o = d0\n  cite \"c\"\nend\n";
  auto o = isolated_check(text);
  INFO(o);
  REQUIRE(finished(o));
  CHECK(o.errors == 0);
}

TEST_CASE("robustness: definitions that repeat one another do not blow up the rule analysis", "[robustness]") {
  // d0 = d1 and d1 and d1, d1 = d2 and d2 and d2, ...: inlined, 3^20 atoms. The analysis stops at its budget.
  std::string text = kHead;
  for (int i = 0; i < 20; ++i) {
    std::string next = "d" + std::to_string(i + 1);
    text += "define d" + std::to_string(i) + " = " + next + " and " + next + " and " + next + "\n";
  }
  text += "define d20 = b\nrule r\n  when d0\n  then set o = 1\n  cite \"c\"\nend\n";
  auto o = isolated_check(text);
  INFO(o);
  REQUIRE(finished(o));
  CHECK(o.errors == 0);
}

TEST_CASE("robustness: a 30000-character name near a misspelling", "[robustness]") {
  // "Did you mean" once built a full edit-distance table: 30000 x 30000 cells.
  const std::string long_name(30000, 'x');
  std::string text = kHead + std::string("input\n  `") + long_name + "`: int optional\nend\n" +
                     "rule r\n  when `" + long_name + "y` > 1\n  then set o = 1\n  cite \"c\"\nend\n";
  auto o = isolated_check(text);
  INFO(o);
  REQUIRE(finished(o));
  CHECK(o.errors == 1);
}

TEST_CASE("robustness: an unterminated backtick name", "[robustness]") {
  auto o = isolated_check("pathway robust.bt\ninput\n  `Age at start: int optional\n  b: bool optional\nend\n");
  INFO(o);
  REQUIRE(finished(o));
  CHECK(o.errors == 1);
  CHECK_FALSE(o.parsed);
  auto at_end = isolated_check("pathway robust.bt\ndefine x = `open");
  INFO(at_end);
  REQUIRE(finished(at_end));
  CHECK(at_end.errors >= 1);
  auto r = waymark::testing::check_text("pathway robust.bt\ninput\n  `Age at start: int optional\n  b: bool optional\nend\n");
  CHECK(r.lines() == std::vector<std::string>{"3:3: error: quoted name is not closed with ` before the end of the line"});
}

TEST_CASE("robustness: NUL bytes", "[robustness]") {
  std::string text = kHead + "rule r\n  when b\n  then set o = 1\n  cite \"c\"\nend\n";
  text.insert(text.find("rule"), std::string(1, '\0'));
  text.insert(text.find("when") + 4, std::string(3, '\0'));
  auto o = isolated_check(text);
  INFO(o);
  REQUIRE(finished(o));
  CHECK(o.errors == 4); // each NUL is an unexpected character; the rest parses
  auto only_nuls = isolated_check(std::string(1000, '\0'));
  INFO(only_nuls);
  REQUIRE(finished(only_nuls));
  CHECK(only_nuls.errors == 1000);
}

TEST_CASE("robustness: invalid UTF-8 anywhere", "[robustness]") {
  for (const std::string bad : {"\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xE2\x82", "\x80", "\xF8\x88\x80\x80\x80"}) {
    auto o = isolated_check(kHead + "# " + bad + "\n");
    INFO(o);
    REQUIRE(finished(o));
    CHECK(o.errors == 1);
    CHECK_FALSE(o.parsed);
  }
}

TEST_CASE("robustness: a 1 MB file of valid rules", "[robustness]") {
  std::string text = kHead + "output\n  band: text for classification\nend\n";
  int rules = 0;
  while (text.size() < 1000000) {
    const std::string n = std::to_string(rules++);
    text += "rule r" + n + " \"Rule " + n + "\"\n  when a >= " + std::to_string(rules % 100) +
            " and b is not true\n  then\n    set o = " + n + "\n    classify \"band " + n + "\"\n  because \"Reason " + n +
            "\"\n  cite \"Source " + n + "\"\nend\n";
  }
  auto o = isolated_check(text);
  INFO(rules << " rules: " << o);
  REQUIRE(finished(o));
  CHECK(o.parsed);
  CHECK(o.errors == 0);
  CHECK(o.warnings == 0);
}

TEST_CASE("robustness: many errors in one large file", "[robustness]") {
  // 5000 rules, each with one unknown name: every one is reported, nothing else.
  std::string text = kHead;
  for (int i = 0; i < 5000; ++i)
    text += "rule r" + std::to_string(i) + " when aa > 1 then set o = 1 cite \"c\" end\n";
  auto o = isolated_check(text);
  INFO(o);
  REQUIRE(finished(o));
  CHECK(o.errors == 5000);
  CHECK(o.warnings == 0);
}
