#pragma once
// Hand-built Programs for the pack and verifier tests and the fuzz seeds: small, valid, and using every
// kind of table a pack holds (a definition, a condition with a branch, actions, both automata, a test case).
#include <string>
#include <string_view>

#include "waymark/runtime/program.h"

namespace waymark::rt::samples {

// The id of `text` in the program's string table, adding it when it is new.
inline StringId intern(Program &p, std::string_view text) {
  for (StringId id = 0; id < p.strings.size(); ++id)
    if (p.strings[id] == text) return id;
  p.strings.emplace_back(text);
  return static_cast<StringId>(p.strings.size() - 1);
}

// The symbol of a normalised code character, as CodeAutomaton numbers them: '0'-'9' are 0-9, 'A'-'Z' 10-35.
inline uint32_t code_symbol(char c) { return c <= '9' ? uint32_t(c - '0') : uint32_t(c - 'A' + 10); }

// "C50*": dead, accept, start, after "C", after "C5".
inline CodeAutomaton c50_automaton() {
  CodeAutomaton a;
  a.start = 2;
  a.accept_end = {0, 1, 0, 0, 0};
  a.next.assign(5 * CodeAutomaton::kSymbols, CodeAutomaton::kDead);
  for (uint32_t s = 0; s < CodeAutomaton::kSymbols; ++s)
    a.next[CodeAutomaton::kAccept * CodeAutomaton::kSymbols + s] = 1;
  a.next[2 * CodeAutomaton::kSymbols + code_symbol('C')] = 3;
  a.next[3 * CodeAutomaton::kSymbols + code_symbol('5')] = 4;
  a.next[4 * CodeAutomaton::kSymbols + code_symbol('0')] = CodeAutomaton::kAccept;
  return a;
}

// "a%": dead, accept, start; an 'a' of either case reaches the trailing '%'.
inline LikeAutomaton a_percent_automaton() {
  LikeAutomaton a;
  a.start = 2;
  a.accept_end = {0, 1, 0};
  a.next.assign(3 * 256, LikeAutomaton::kDead);
  for (uint32_t s = 0; s < 256; ++s) a.next[LikeAutomaton::kAccept * 256 + s] = 1;
  a.next[2 * 256 + 'a'] = LikeAutomaton::kAccept;
  a.next[2 * 256 + 'A'] = LikeAutomaton::kAccept;
  return a;
}

inline Instr ins(OpCode op, uint16_t a = 0, uint16_t b = 0, uint16_t c = 0, uint8_t x = 0) {
  return Instr{op, x, a, b, c};
}

inline FieldInfo field(StringId name, StringId column, StringId label, ValueType type) {
  FieldInfo f;
  f.name = name;
  f.column = column;
  f.label = label;
  f.type = type;
  return f;
}

// The like group of the sample's field 2 ("name") with the one pattern "a%": byte class 1 is 'a' and 'A';
// state 0 is the start, 1 has matched for good, 2 can no longer match. States 1 and 2 are final.
inline MultiLikeAutomaton a_percent_group_automaton() {
  MultiLikeAutomaton a;
  a.start = 0;
  a.classes = 2;
  a.byte_class.assign(256, 0);
  a.byte_class['a'] = a.byte_class['A'] = 1;
  a.accept = {0, 1, 0};
  a.final = {0, 1, 1};
  a.next = {2, 1, 1, 1, 2, 2};
  return a;
}

// Registers of the sample program, by what they hold.
enum SampleReg : uint16_t { kAge, kEighteen, kAdult, kDiagnoses, kResult, kName, kLikeA, kHigh, kInSet, kInner };

// pathway "sample": `define adult = age >= 18`; rule high_risk: when adult and ((any dx in C50* and
// name like 'a%') or name in ["high", "low"]) then risk = "high" and "high" is appended to notes.
inline Program sample_program() {
  Program p;
  p.meta.name = intern(p, "sample");
  p.meta.version = intern(p, "1.0");
  p.meta.title = intern(p, "Sample pathway");
  p.meta.description = intern(p, "A tiny pathway for the pack tests");
  p.meta.implements = {intern(p, "NICE NG12")};
  p.meta.compiler_version = "waymark 0.1.0";
  p.meta.source_hash = 0x0123456789abcdefull;

  FieldInfo age = field(intern(p, "age"), intern(p, "age"), intern(p, "Age"), ValueType{BaseType::Int});
  age.optional = true;
  FieldInfo diagnoses =
      field(intern(p, "diagnoses"), intern(p, "dx"), intern(p, "Diagnoses"), ValueType{BaseType::Code, true});
  diagnoses.delimiters = {intern(p, ";"), intern(p, "|")};
  FieldInfo name = field(intern(p, "name"), intern(p, "name"), intern(p, "Name"), ValueType{BaseType::Text});
  name.intern = true;
  p.fields = {age, diagnoses, name};
  p.outputs = {OutputInfo{intern(p, "risk"), intern(p, "classification"), intern(p, "Risk"), ValueType{BaseType::Text}},
               OutputInfo{intern(p, "notes"), 0, intern(p, "Notes"), ValueType{BaseType::Text, true}}};

  const StringId high = intern(p, "high"), low = intern(p, "low");
  p.constants = {Constant{RegType::Int, 18, 0, 0}, Constant{RegType::Text, 0, 0, high},
                 Constant{RegType::Bool, 1, 0, 0}, Constant{RegType::Dec, 0, 0.5, 0}};
  p.code_sets = {CodeSetInfo{intern(p, "breast"), {intern(p, "C50*")}, c50_automaton()}};
  p.text_sets = {TextSetInfo{{high, low}}};
  p.likes = {LikeInfo{intern(p, "a%"), a_percent_automaton()}};
  p.like_groups = {LikeGroupInfo{2, {0}, a_percent_group_automaton()}};
  p.registers = {RegType::Int,  RegType::Int,  RegType::Bool, RegType::List, RegType::Bool,
                 RegType::Text, RegType::Bool, RegType::Text, RegType::Bool, RegType::Bool};

  p.code = {
      // fragment 0, definition "adult" [0, 4)
      Instr::wide(OpCode::FIELD, kAge, 0),
      Instr::wide(OpCode::LOADK, kEighteen, 0),
      ins(OpCode::CMPI, kAdult, kAge, kEighteen, static_cast<uint8_t>(Relation::GreaterEqual)),
      ins(OpCode::RETURN, kAdult),
      // fragment 1, the condition [4, 15): a false `adult` skips the rest; an unknown one still counts
      Instr::wide(OpCode::DEFINE, kResult, 0),
      Instr::wide(OpCode::JFALSE, kResult, 14),
      Instr::wide(OpCode::FIELD, kDiagnoses, 1),
      ins(OpCode::QUANT, kInner, kDiagnoses, 0, static_cast<uint8_t>(Quantifier::Any)),
      Instr::wide(OpCode::FIELD, kName, 2),
      ins(OpCode::LIKE, kLikeA, kName, 0),
      ins(OpCode::AND, kInner, kInner, kLikeA),
      ins(OpCode::INTEXT, kInSet, kName, 0),
      ins(OpCode::OR, kInner, kInner, kInSet),
      ins(OpCode::AND, kResult, kResult, kInner),
      ins(OpCode::RETURN, kResult),
      // fragment 2, the actions [15, 19)
      Instr::wide(OpCode::LOADK, kHigh, 1),
      ins(OpCode::SETOUT, 0, kHigh),
      ins(OpCode::APPEND, 1, kHigh),
      ins(OpCode::END),
  };
  p.fragments = {Fragment{FragmentKind::Define, 0, 4}, Fragment{FragmentKind::Condition, 4, 15},
                 Fragment{FragmentKind::Actions, 15, 19}};
  p.defines = {DefineInfo{intern(p, "adult"), intern(p, "Adult"), RegType::Bool, 0}};

  RuleInfo rule;
  rule.name = intern(p, "high_risk");
  rule.title = intern(p, "High risk");
  rule.because = intern(p, "Adults with a breast cancer code");
  rule.cite = intern(p, "NG12 1.1.1");
  rule.priority = -3;
  rule.has_priority = true;
  rule.condition = 1;
  rule.actions = 2;
  rule.location = SourceLocation{0, 7, 1};
  p.rules = {rule};
  p.groups = {GroupInfo{intern(p, "main"), intern(p, "Main"), Policy::First, true, {0}}};

  for (uint32_t pc = 0; pc < p.code.size(); ++pc) p.source_map.push_back(SourceLocation{0, 3 + pc, 5});

  TestCaseInfo test;
  test.name = intern(p, "adult with C50");
  test.location = SourceLocation{0, 20, 3};
  test.given = {TestGiven{intern(p, "age"), false, intern(p, "40")},
                TestGiven{intern(p, "dx"), false, intern(p, "C501")}, TestGiven{intern(p, "name"), true, 0}};
  test.expect = {TestExpectation{ExpectKind::Value, intern(p, "risk"), {high}, false},
                 TestExpectation{ExpectKind::Contains, intern(p, "notes"), {high}, false},
                 TestExpectation{ExpectKind::Fired, intern(p, "high_risk"), {}, false}};
  p.tests = {test};

  p.sources = {SourceInfo{intern(p, "pathways/sample.wm"), true, "pathway sample\n  define adult = age >= 18\n"}};
  return p;
}

// The sample with its `name like 'a%'` matched through the field's like group (LIKEG) instead of alone.
inline Program like_group_program() {
  Program p = sample_program();
  p.code[9] = ins(OpCode::LIKEG, kLikeA, 0, 0);
  return p;
}

// The smallest valid program: nothing but the empty string.
inline Program minimal_program() {
  Program p;
  p.meta.compiler_version = "waymark 0.1.0";
  return p;
}

} // namespace waymark::rt::samples
