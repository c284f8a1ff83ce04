#pragma once
// A compiled pathway: everything a rule pack holds, as plain tables with typed indices.
// The compiler builds one; pack.h writes it to bytes and reads (and verifies) it back; the VM runs it.
// Strings are interned: every distinct string is stored once and referred to by its index (a StringId).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/runtime/opcodes.h"
#include "waymark/runtime/value_type.h"

namespace waymark::rt {

using StringId = uint32_t; // index into Program::strings; 0 is always ""

// How a value sits in a VM register: dates and bools are ints, codes are text.
enum class RegType : uint8_t { Bool, Int, Dec, Text, List };
RegType reg_type_of(ValueType type);
const char* to_string(RegType type);

struct Constant {
  RegType type = RegType::Int;
  int64_t i = 0;    // Bool, Int (dates are days since 1970-01-01)
  double d = 0;     // Dec
  StringId text = 0; // Text
};

// A deterministic automaton over normalised codes (A-Z, 0-9: 36 symbols), built from a code set's
// patterns and ranges, so that a code is matched by one walk over its characters.
struct CodeAutomaton {
  static constexpr uint32_t kDead = 0;   // no entry can match any more
  static constexpr uint32_t kAccept = 1; // some entry matched a prefix followed by anything
  static constexpr uint32_t kSymbols = 36;
  uint32_t start = kDead;
  std::vector<uint32_t> next;       // states * kSymbols
  std::vector<uint8_t> accept_end;  // per state: the code matches if it ends here
  uint32_t states() const { return static_cast<uint32_t>(accept_end.size()); }
  bool matches(std::string_view normalized_code) const noexcept;
};

// A deterministic automaton over bytes for a T-SQL `like` pattern (case-insensitive by ASCII folding).
struct LikeAutomaton {
  static constexpr uint32_t kDead = 0;
  static constexpr uint32_t kAccept = 1; // a trailing '%' was reached: the rest of the text cannot matter
  uint32_t start = kDead;
  std::vector<uint32_t> next;      // states * 256
  std::vector<uint8_t> accept_end; // per state
  uint32_t states() const { return static_cast<uint32_t>(accept_end.size()); }
  bool matches(std::string_view text) const noexcept;
};

// Several `like` patterns on the same text matched by one walk: each state knows which patterns would match
// if the text ended there, and bytes are mapped to classes first, so the table stays small enough for L1.
struct MultiLikeAutomaton {
  static constexpr uint32_t kMaxPatterns = 64;
  uint32_t start = 0;
  uint32_t classes = 1;
  std::vector<uint8_t> byte_class;  // 256 entries, each < classes
  std::vector<uint32_t> next;       // states * classes
  std::vector<uint64_t> accept;     // per state: bit i set when pattern i matches a text ending here
  std::vector<uint8_t> final;       // per state: no further byte can change `accept`
  uint32_t states() const { return static_cast<uint32_t>(accept.size()); }
  uint64_t matches(std::string_view text) const noexcept; // bit i: pattern i matches
};

// All `like` patterns written against one input field, so the field's text is walked once per record.
struct LikeGroupInfo {
  uint32_t field = 0;
  std::vector<uint32_t> likes; // indices into Program::likes; bit i of the group's result is likes[i]
  MultiLikeAutomaton automaton;
};

struct CodeSetInfo {
  StringId name = 0;              // the code set's name, or 0 for a literal list in `in [...]`
  std::vector<StringId> entries;  // as written: "U05[45]", "C50*", "C00..C99", "M545"
  CodeAutomaton automaton;
};

struct TextSetInfo {
  std::vector<StringId> members; // sorted, distinct
};

struct LikeInfo {
  StringId pattern = 0;
  LikeAutomaton automaton;
};

enum class FragmentKind : uint8_t { Condition, Actions, Define };

// A run of instructions with one entry (begin) and one way out (RETURN or END as its last instruction).
struct Fragment {
  FragmentKind kind = FragmentKind::Condition;
  uint32_t begin = 0, end = 0; // [begin, end) in Program::code
};

struct FieldInfo {
  StringId name = 0, column = 0, label = 0;
  ValueType type{BaseType::Text, false};
  bool required = false, optional = false, key = false;
  bool intern = false;               // look values up in the string table on reading (compared with constants)
  std::vector<StringId> delimiters;  // code lists only
  std::vector<uint32_t> one_of;      // constants (of the field's type): the only values a record may hold
};

struct OutputInfo {
  StringId name = 0, role = 0, label = 0;
  ValueType type{BaseType::Text, false};
};

struct DefineInfo {
  StringId name = 0, label = 0;
  RegType type = RegType::Bool;
  uint32_t fragment = 0;
};

enum class Policy : uint8_t { First, All, Unique };

struct SourceLocation {
  uint32_t source = 0; // index into Program::sources
  uint32_t line = 0, column = 0;
  uint32_t length = 0; // characters from the start to the end of the construct, across lines; 0 when unknown
};

struct RuleInfo {
  StringId name = 0, title = 0, because = 0, cite = 0;
  int64_t priority = 0;
  bool has_priority = false;
  uint32_t group = 0;
  uint32_t condition = 0, actions = 0; // fragments
  SourceLocation location;
};

struct GroupInfo {
  StringId name = 0, title = 0;
  Policy policy = Policy::All;
  bool implicit = false;
  std::vector<uint32_t> order; // rules in evaluation order (priority, then source order)
};

enum class ExpectKind : uint8_t { Value, Missing, Contains, Fired, NotFired, Unknown };

struct TestGiven {
  StringId column = 0;
  bool missing = false;
  StringId value = 0; // the raw text, as a CSV would hold it
};

struct TestExpectation {
  ExpectKind kind = ExpectKind::Value;
  StringId name = 0;               // output or rule
  std::vector<StringId> values;    // Value: one raw text (or a list's items); Contains: one item
  bool list = false;               // Value: the expected value is a list
};

struct TestCaseInfo {
  StringId name = 0;
  SourceLocation location;
  std::vector<TestGiven> given;
  std::vector<TestExpectation> expect;
};

struct SourceInfo {
  StringId path = 0;    // as given to the compiler, relative where it was relative
  bool has_text = false;
  std::string text;     // the source itself, when the pack embeds it
};

struct Metadata {
  StringId name = 0, version = 0, title = 0, description = 0;
  std::vector<StringId> implements;
  uint32_t coverage = 0; // the percentage of test outcomes the pathway declares its cases reach; 0: none declared
  std::string compiler_version;
  uint64_t source_hash = 0; // XXH64 of the sources, in the order of Program::sources
};

struct Program {
  Metadata meta;
  std::vector<std::string> strings{std::string()};
  std::vector<Constant> constants;
  std::vector<FieldInfo> fields;
  std::vector<OutputInfo> outputs;
  std::vector<DefineInfo> defines;
  std::vector<RuleInfo> rules;
  std::vector<GroupInfo> groups;
  std::vector<CodeSetInfo> code_sets;
  std::vector<TextSetInfo> text_sets;
  std::vector<LikeInfo> likes;
  std::vector<LikeGroupInfo> like_groups;
  std::vector<RegType> registers;
  std::vector<Fragment> fragments;
  std::vector<Instr> code;
  std::vector<SourceLocation> source_map; // parallel to code
  std::vector<TestCaseInfo> tests;
  std::vector<SourceInfo> sources;

  const std::string& str(StringId id) const { return strings[id]; }
};

} // namespace waymark::rt
