#pragma once
// Which outcomes a program's test cases exercise, gathered from traces of their evaluations, so that
// `waymark test --coverage` can say what no case checks.
//
// What counts (docs/language.md, section 15.1, gives the same definition):
// - A rule, after each evaluation, fired, did not fire (its condition was false, a `first` group skipped it, or
//   a `unique` group held it back) or stayed unknown. Coverage asks of a rule that it fired in some case and did
//   not fire in another.
// - A condition is every truth-valued construct of a rule's `when` at its own place in the source: each test
//   (comparison, between, in, like, any/all/none, is-test, within, a true-or-false input or definition) and each
//   and, or and not, as well as each of their operands. A definition used in one place is compiled into the
//   condition, so its constructs count where the definition writes them; one used in several places is
//   computed apart and counts as its name, where it is used. Each evaluation that reaches a construct leaves it
//   true, false or unknown; coverage asks of a condition that it was true in some case and false in another.
// - The percentage is the outcomes seen of the outcomes asked (two per rule, two per condition), rounded down.
//   Unknown is counted and reported, but not asked: a construct over required inputs can never be unknown.
#include <cstdint>
#include <string>
#include <vector>

#include "waymark/runtime/machine.h"
#include "waymark/runtime/program.h"
#include "waymark/runtime/trace.h"

namespace waymark::rt {

struct RuleCoverage {
  uint32_t rule = 0;                             // index into Program::rules
  uint32_t fired = 0, not_fired = 0, unknown = 0; // evaluations that ended in each state
};

struct ConditionCoverage {
  SourceLocation at;      // where the construct is written (a definition's file, for one compiled into a rule)
  std::string text;       // the construct as written, or "line L, column C" when the program embeds no source
  uint32_t rule = 0;      // the rule whose condition holds it
  uint32_t true_count = 0, false_count = 0, unknown_count = 0; // evaluations that left it so
};

// A missing outcome, in words: `condition `age > 60` never false`, `rule high never fired`.
struct CoverageGap {
  SourceLocation at;
  std::string message;
};

struct CoverageReport {
  uint32_t evaluations = 0;
  std::vector<RuleCoverage> rules;           // in the program's order
  std::vector<ConditionCoverage> conditions; // in source order, an enclosing construct before its first operand

  uint32_t asked() const;   // outcomes asked: two per rule and two per condition
  uint32_t covered() const; // outcomes asked that some evaluation gave
  uint32_t percent() const; // covered of asked, rounded down; 100 when nothing is asked
  bool meets(uint32_t declared_percent) const; // the exact ratio reaches the declared percentage
  // The outcomes asked and not seen, in source order.
  std::vector<CoverageGap> gaps(const Program& program) const;
  // Conditions no evaluation left unknown (informational: not part of the percentage).
  std::vector<CoverageGap> never_unknown() const;
};

// Accumulates coverage over evaluations of one program. Attach a Trace to the Machine, and after each evaluate()
// hand both to record().
class CoverageRecorder {
public:
  explicit CoverageRecorder(const Program& program);

  void record(const Machine& machine, const Trace& trace);
  const CoverageReport& report() const { return report_; }

private:
  static constexpr uint32_t kNone = UINT32_MAX;
  enum Truth : uint8_t { False, True, Unknown };

  struct Construct {
    uint32_t condition; // index into report_.conditions
    uint16_t result;    // the register holding its value once it has run
  };
  struct RulePlan {
    uint32_t begin = 0, end = 0; // the condition fragment
    std::vector<Construct> constructs;
  };

  void finish_rule(uint32_t rule);

  const Program& program_;
  CoverageReport report_;
  std::vector<RulePlan> plans_;
  std::vector<uint32_t> condition_of_pc_; // the condition an instruction's bool result is written at, or kNone
  // The values of the rule being replayed: current when their stamp is stamp_, so nothing is cleared per rule.
  uint32_t stamp_ = 0;
  std::vector<Truth> written_at_;           // per condition: the last value written at its place
  std::vector<uint32_t> written_at_stamp_;
  std::vector<Truth> register_value_;       // per register: the last bool written to it
  std::vector<uint32_t> register_stamp_;
};

} // namespace waymark::rt
