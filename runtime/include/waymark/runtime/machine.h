#pragma once
// The Waymark virtual machine: runs a verified Program on one record at a time.
//
// One Machine per thread. It owns every buffer it needs and reuses them from record to record, so
// after the first few records evaluating one allocates nothing. Values it hands out (text outputs)
// point into the record being evaluated or into the program, and stay valid until the next read().
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/program.h"
#include "waymark/runtime/record_arena.h"

namespace waymark::rt {

// Text in a register: bytes, and the string-table id when the text is one of the program's strings
// (kNotInterned when it is known not to be, kNotLooked when nobody looked). Two interned texts are
// equal exactly when their ids are.
struct Text {
  static constexpr int32_t kNotInterned = -1;
  static constexpr int32_t kNotLooked = -2;
  const char* data;
  uint32_t size;
  int32_t id;
  std::string_view view() const { return {data, size}; }
};

struct CodeList {
  uint32_t first, count; // a run of Machine's list items
};

struct Reg {
  union {
    int64_t i;
    double d;
    Text s;
    CodeList list;
  };
  bool present;
  Reg() : i(0), present(false) {}
};

enum class RuleState : uint8_t { NotEvaluated, Fired, NotFired, Unknown, Skipped };
enum class TraceEventKind : uint8_t; // trace.h
struct Trace;
const char* to_string(RuleState state); // "not evaluated", "fired", "not fired", "unknown", "skipped"

class Machine {
public:
  explicit Machine(const Program& program); // the program must have been compiled or verified
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  // Reads one record: raw[f] is the text of field f (program.fields order) as the input holds it,
  // and an empty view is missing. The bytes must stay valid until the next read(): text values point into them. Returns false with a reason when a value does not read or a
  // required or key field is missing; the record must then not be evaluated.
  bool read(std::span<const std::string_view> raw, std::string& error);
  // Runs every rule group on the record last read.
  void evaluate();
  // Record every step of evaluate() into `trace` (cleared first), or stop recording (nullptr).
  void set_trace(Trace* trace) { trace_ = trace; }

  // ---- results of the last evaluate() ----
  const Reg& output(uint32_t index) const { return outputs_[index]; }
  const Reg& field(uint32_t index) const { return fields_[index]; } // an input of the record last read
  // The items of a list output (text lists) or of a code list register.
  std::span<const Text> items(const Reg& list) const { return {items_.data() + list.list.first, list.list.count}; }
  // An output as a CSV cell holds it: "" when missing; list items joined with "; ".
  void format_output(uint32_t index, std::string& out) const;
  RuleState rule_state(uint32_t rule) const { return rule_states_[rule]; }
  const std::vector<uint32_t>& fired() const { return fired_; }     // rules, in firing order
  const std::vector<std::string>& errors() const { return errors_; } // e.g. a unique group violated
  const Program& program() const { return program_; }

private:
  Reg run_fragment(uint32_t fragment);
  template <bool kTrace> Reg run(uint32_t fragment);
  void trace_step(const Instr* executed);
  void trace_rule(TraceEventKind kind, uint32_t rule, RuleState state);
  void run_group(const GroupInfo& group);
  void resolve_unique(const GroupInfo& group); // fires the one true rule, or reports that several are
  void fire(uint32_t rule);
  bool read_field(uint32_t index, std::string_view raw, std::string& error);
  bool is_allowed(const FieldInfo& field, const Reg& value) const; // its `one of` list holds the value
  Text intern(const char* data, uint32_t size) const;
  uint64_t match_group(uint32_t group, std::string_view text) const;
  Text to_code(std::string_view raw); // normalised into the arena; not interned

  const Program& program_;
  Trace* trace_ = nullptr;
  uint32_t traced_rule_ = UINT32_MAX;
  enum class FastRead : uint8_t { None, Text, Int }; // fields read() handles inline when present and well formed
  std::vector<FastRead> fast_read_;
  std::vector<Reg> constants_; // the program's constants, ready to copy into registers
  std::vector<Reg> registers_;
  std::vector<Reg> fields_;
  std::vector<Reg> outputs_;
  std::vector<Reg> define_values_;
  std::vector<uint32_t> define_epoch_; // a definition's value is current when its epoch is epoch_
  uint32_t epoch_ = 0;
  std::vector<uint64_t> group_matches_; // per like group: which of its patterns the field matches
  std::vector<uint32_t> group_epoch_;    // the matches are for this record when the epoch is epoch_
  std::vector<std::vector<uint8_t>> group_stay_; // per like group, per byte: 1 when it leaves the start state as it is
  std::vector<Text> items_;            // code list items and list outputs, for this record
  RecordArena arena_;                  // normalised codes of this record
  std::vector<RuleState> rule_states_;
  std::vector<uint32_t> fired_;
  std::vector<uint32_t> true_rules_;
  std::vector<std::string> errors_;
  // The string table as a hash set, for interning text read from records.
  std::vector<int32_t> intern_slots_;
  uint64_t intern_mask_ = 0;
  // Per output: the run of items_ that list outputs append to is rebuilt at the end of evaluate().
  std::vector<std::vector<Text>> list_outputs_;
};

} // namespace waymark::rt
