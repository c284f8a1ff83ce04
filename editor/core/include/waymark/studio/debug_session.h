#pragma once
// The debugger's state, without a window: one record (a test case, or a row of the open data) evaluated with a
// trace, and a position in its events that steps forward and back; breakpoints on rules; what is known at the
// current step (inputs, derived values, outputs so far); where in the source the current step is; the explanation
// of every rule.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "waymark/runtime/explanation.h"
#include "waymark/runtime/machine.h"
#include "waymark/runtime/program.h"
#include "waymark/runtime/source_text.h"
#include "waymark/runtime/trace.h"
#include "waymark/studio/data_table.h"

namespace waymark::studio {

struct NamedValue {
  std::string name, value;
};

class DebugSession {
public:
  // Evaluates test case `test_case` of `program`; `error` says why not when it returns nothing (no such case, or
  // its record does not read).
  static std::unique_ptr<DebugSession> for_test_case(std::shared_ptr<const rt::Program> program,
                                                     const std::string& test_case, std::string& error);
  // Evaluates row `row` of `table`, its columns matched by header name as the data panel's outcomes match them
  // (RowColumns). Nothing, with the reason, when the table lacks a column the program requires or the row does not
  // read (malformed, or a value that does not read): "the row on line 37 does not read: ...".
  static std::unique_ptr<DebugSession> for_row(std::shared_ptr<const rt::Program> program, const DataTable& table,
                                               size_t row, std::string& error);

  // Position: 0 is before the first event; events().size() is after the last.
  size_t position() const { return position_; }
  size_t event_count() const { return trace_.events.size(); }
  bool at_start() const { return position_ == 0; }
  bool at_end() const { return position_ == trace_.events.size(); }
  void step_forward(); // F10
  void step_back();    // Shift+F10
  void go_to(size_t position);
  // On to the next rule with a breakpoint being entered (or the end); back to the previous one (or the start).
  void run_forward();
  void run_back();

  // Breakpoints by rule name; false when there is no such rule.
  bool toggle_breakpoint(const std::string& rule);
  bool has_breakpoint(const std::string& rule) const;

  // The event just stepped over (the one before the position), in words: `rule suspected_ces entered`,
  // `core_red_flag = true`, `urgency gets "emergency"`, `rule suspected_ces fired`; empty at the start.
  std::string current_event_text() const;
  std::string event_text(size_t index) const;
  // Where that event is in the source, to highlight it.
  std::optional<rt::SourceLocation> current_location() const;
  // The rule being evaluated at the position, if any.
  std::optional<std::string> current_rule() const;

  std::vector<NamedValue> inputs() const;          // every input of the record (column = value)
  std::vector<NamedValue> derived_so_far() const;  // definitions computed up to the position, latest value each
  std::vector<NamedValue> outputs_so_far() const;  // outputs as set up to the position (missing until set)

  const rt::Explanation& explanation() const { return explanation_; }
  const rt::Program& program() const { return *program_; }

private:
  explicit DebugSession(std::shared_ptr<const rt::Program> program);
  // Reads `record` (one raw text per field) with the trace attached, evaluates it and explains it.
  bool start(std::vector<std::string> record, std::string& error);
  std::optional<uint32_t> rule_index(const std::string& name) const;

  std::shared_ptr<const rt::Program> program_;
  rt::SourceText source_; // quotes a step's source as explanations do
  std::vector<std::string> record_; // the raw text of each field; the machine's and trace's values point into it
  rt::Machine machine_;
  rt::Trace trace_;
  rt::Explanation explanation_;
  size_t position_ = 0;
  std::set<uint32_t> breakpoints_; // rule indices
};

} // namespace waymark::studio
