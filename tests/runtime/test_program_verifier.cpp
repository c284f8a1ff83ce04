#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "pack_samples.h"
#include "waymark/runtime/pack.h"

using namespace waymark::rt;
using namespace waymark::rt::samples;

namespace {

std::string verify_error(const Program &p) {
  auto error = verify_program(p);
  return error ? error->message : "";
}

struct Corruption {
  const char *what;
  std::function<void(Program &)> corrupt;
  std::string expected; // the whole message, or a part of it after "..."
  bool in_pack = true;  // false: the pack format cannot even hold this mistake, so its pack loads
};

void check_refused(const Corruption &c) {
  Program p = sample_program();
  c.corrupt(p);
  const auto error = verify_program(p);
  INFO(c.what);
  REQUIRE(error.has_value());
  CHECK(error->offset == 0);
  if (c.expected.rfind("...", 0) == 0)
    CHECK_THAT(error->message, Catch::Contains(c.expected.substr(3)));
  else
    CHECK(error->message == c.expected);
  // A pack of the same program is refused too (sometimes already by the parser, with its own words).
  if (!c.in_pack) return;
  auto loaded = load_pack(write_pack(p));
  REQUIRE(std::holds_alternative<PackError>(loaded));
  CHECK_FALSE(std::get<PackError>(loaded).message.empty());
}

void run(const std::vector<Corruption> &corruptions) {
  for (const Corruption &c : corruptions) check_refused(c);
}

// pc 0: r0 = field 0; 1: if r0 missing goto 4; 2: r1 = true; 3: goto 5; 4: r1 = false; 5: return r1.
Program diamond_program() {
  Program p = sample_program();
  p.constants.push_back(Constant{RegType::Bool, 0, 0, 0});
  const uint32_t k_true = 2, k_false = 4;
  p.code = {Instr::wide(OpCode::FIELD, kAge, 0),
            Instr::wide(OpCode::JMISSING, kAge, 4),
            Instr::wide(OpCode::LOADK, kAdult, k_true),
            Instr::wide(OpCode::JUMP, 0, 5),
            Instr::wide(OpCode::LOADK, kAdult, k_false),
            ins(OpCode::RETURN, kAdult),
            ins(OpCode::END)};
  p.fragments = {Fragment{FragmentKind::Condition, 0, 6}, Fragment{FragmentKind::Actions, 6, 7}};
  p.defines.clear();
  p.rules[0].condition = 0;
  p.rules[0].actions = 1;
  p.source_map.resize(p.code.size());
  return p;
}

// A second definition "child" = adult, and adult made to use child: a cycle of two.
void add_cycle(Program &p) {
  p.defines.push_back(DefineInfo{intern(p, "child"), 0, RegType::Bool, 3});
  p.fragments.push_back(Fragment{FragmentKind::Define, 19, 21});
  p.code.push_back(Instr::wide(OpCode::DEFINE, kAdult, 0));
  p.code.push_back(ins(OpCode::RETURN, kAdult));
  p.source_map.resize(p.code.size());
  p.code[1] = Instr::wide(OpCode::DEFINE, kAdult, 1);
}

} // namespace

TEST_CASE("the verifier accepts well-formed programs", "[pack]") {
  CHECK(verify_error(sample_program()) == "");
  CHECK(verify_error(minimal_program()) == "");
  CHECK(verify_error(diamond_program()) == "");
}

TEST_CASE("definite assignment follows every path through a fragment", "[pack]") {
  Program p = diamond_program();
  SECTION("a register written on only one branch is not assigned after the join") {
    p.code[4] = ins(OpCode::LOADMISS, kEighteen);
    CHECK(verify_error(p) ==
          "section 'code': instruction 5 (RETURN): reads register 2 before it is written on every path through "
          "fragment 0");
  }
  SECTION("a jump carries only what was assigned before it") {
    p.code[1] = Instr::wide(OpCode::JMISSING, kAge, 5);
    CHECK(verify_error(p) ==
          "section 'code': instruction 5 (RETURN): reads register 2 before it is written on every path through "
          "fragment 0");
  }
  SECTION("code no path reaches is not checked for reads") {
    p.code[1] = ins(OpCode::LOADMISS, kEighteen);
    p.code[4] = ins(OpCode::NOT, kAdult, kResult); // kResult is never written, but nothing runs this
    CHECK(verify_error(p) == "");
  }
  SECTION("COUNTT reads the count it adds to") {
    p.code[2] = ins(OpCode::ISMISSING, kAdult, kAge);
    p.code[3] = ins(OpCode::COUNTT, kEighteen, kAdult);
    CHECK(verify_error(p) == "section 'code': instruction 3 (COUNTT): reads register 1 before it is written on every "
                             "path through fragment 0");
  }
}

TEST_CASE("the verifier refuses bad strings and constants", "[pack]") {
  run({
      {"first string not empty", [](Program &p) { p.strings[0] = "x"; },
       "section 'strings': string 0 must be the empty string"},
      {"duplicate string", [](Program &p) { p.strings.push_back("sample"); }, "...'sample' appears twice"},
      {"bad string id", [](Program &p) { p.meta.title = 9999; },
       "...section 'metadata': title: string id 9999 is out of range ("},
      {"bad string id in a rule", [](Program &p) { p.rules[0].because = 700; },
       "...section 'rules': rule 0 because: string id 700 is out of range"},
      {"bool constant 2", [](Program &p) { p.constants[2].i = 2; },
       "section 'constants': constant 2: bool value 2 is not 0 or 1"},
      {"text constant with a bad id", [](Program &p) { p.constants[1].text = 5000; },
       "...constant 1: string id 5000 is out of range"},
      {"list constant", [](Program &p) { p.constants[0].type = RegType::List; },
       "section 'constants': constant 0: type 4 is not one a constant can have (bool, int, decimal, text)"},
      {"constant of no type", [](Program &p) { p.constants[0].type = static_cast<RegType>(9); },
       "...constant 0: type 9 is not one"},
      {"decimal not finite", [](Program &p) { p.constants[3].d = std::nan(""); },
       "section 'constants': constant 3: decimal is not finite"},
      {"int with a decimal part", [](Program &p) { p.constants[0].d = 1.5; },
       "...constant 0: has a decimal or text part set", false},
  });
}

TEST_CASE("the verifier refuses bad fields, outputs and registers", "[pack]") {
  run({
      {"int list input", [](Program &p) { p.fields[0].type.list = true; },
       "section 'schema': field 0: an input can be a list only of codes, not int list"},
      {"code list without delimiters", [](Program &p) { p.fields[1].delimiters.clear(); },
       "section 'schema': field 1: a code list needs at least one delimiter"},
      {"empty delimiter", [](Program &p) { p.fields[1].delimiters = {0}; },
       "section 'schema': field 1: a delimiter is the empty string"},
      {"delimiters on a plain field", [](Program &p) { p.fields[0].delimiters = {p.fields[1].delimiters[0]}; },
       "section 'schema': field 0: only code lists have delimiters"},
      {"unknown base type", [](Program &p) { p.fields[2].type.base = static_cast<BaseType>(9); },
       "section 'schema': field 2: unknown base type 9"},
      {"unknown role", [](Program &p) { p.outputs[0].role = intern(p, "severity"); },
       "section 'schema': output 0: unknown role 'severity'"},
      {"int list output", [](Program &p) { p.outputs[1].type.base = BaseType::Int; },
       "section 'schema': output 1: an output can be a list only of text, not int list"},
      {"too many registers", [](Program &p) { p.registers.resize(65537, RegType::Int); },
       "section 'registers': 65537 registers, more than the 65536 operands can name"},
      {"register of no type", [](Program &p) { p.registers[8] = static_cast<RegType>(7); },
       "section 'registers': register 8 has unknown type 7"},
  });
}

TEST_CASE("the verifier refuses bad fragments", "[pack]") {
  run({
      {"overlap", [](Program &p) { p.fragments[1].begin = 3; },
       "section 'fragments': fragment 1 overlaps fragment 0 at instruction 3"},
      {"gap", [](Program &p) { p.fragments[2].begin = 16; }, "section 'code': instruction 15 belongs to no fragment"},
      {"past the code", [](Program &p) { p.fragments[2].end = 20; },
       "section 'fragments': fragment 2 [15, 20) is empty or runs past the code (19 instructions)"},
      {"empty",
       [](Program &p) {
         p.fragments.push_back(Fragment{FragmentKind::Actions, 19, 19});
       },
       "section 'fragments': fragment 3 [19, 19) is empty or runs past the code (19 instructions)"},
      {"unknown kind", [](Program &p) { p.fragments[2].kind = static_cast<FragmentKind>(3); },
       "section 'fragments': fragment 2: unknown kind 3"},
      {"actions not ended by END", [](Program &p) { p.code[18] = Instr::wide(OpCode::LOADK, kHigh, 1); },
       "section 'code': instruction 18 (LOADK): ends fragment 2, which must end with END"},
      {"RETURN before the end", [](Program &p) { p.code[12] = ins(OpCode::RETURN, kResult); },
       "section 'code': instruction 12 (RETURN): appears before the end of fragment 1 [4, 15)"},
      {"actions ended by RETURN", [](Program &p) { p.code[18] = ins(OpCode::RETURN, kHigh); },
       "section 'code': instruction 18 (RETURN): cannot end actions fragment 2; it ends with END"},
      {"condition ended by END", [](Program &p) { p.code[14] = ins(OpCode::END); },
       "section 'code': instruction 14 (END): cannot end condition fragment 1; it ends with RETURN"},
      {"condition returns an int", [](Program &p) { p.code[14] = ins(OpCode::RETURN, kAge); },
       "section 'code': instruction 14 (RETURN): register 0 has type int, but a condition's value has type bool"},
      {"definition returns the wrong type", [](Program &p) { p.defines[0].type = RegType::Int; },
       "section 'code': instruction 3 (RETURN): register 2 has type bool, but definition 'adult' has type int"},
      {"SETOUT in a condition", [](Program &p) { p.code[12] = ins(OpCode::SETOUT, 0, kHigh); },
       "section 'code': instruction 12 (SETOUT): outputs are set only in actions fragments, not in condition "
       "fragment 1"},
  });
}

TEST_CASE("the verifier refuses bad instructions", "[pack]") {
  run({
      {"unknown opcode", [](Program &p) { p.code[6].op = static_cast<OpCode>(kOpCount); },
       "section 'code': instruction 6: unknown opcode " + std::to_string(kOpCount)},
      {"register out of range", [](Program &p) { p.code[10].c = 99; },
       "section 'code': instruction 10 (AND): operand c: register 99 is out of range (10)"},
      {"register of the wrong type", [](Program &p) { p.code[10].c = kAge; },
       "section 'code': instruction 10 (AND): operand c is register 0 of type int, expected bool"},
      {"write to a register of the wrong type", [](Program &p) { p.code[2].a = kAge; },
       "section 'code': instruction 2 (CMPI): operand a is register 0 of type int, expected bool"},
      {"LOADK of a text into an int", [](Program &p) { p.code[1] = Instr::wide(OpCode::LOADK, kEighteen, 1); },
       "section 'code': instruction 1 (LOADK): register 1 has type int, but constant 1 has type text"},
      {"FIELD of a text into an int", [](Program &p) { p.code[0] = Instr::wide(OpCode::FIELD, kAge, 2); },
       "section 'code': instruction 0 (FIELD): register 0 has type int, but field 2 has type text"},
      {"DEFINE into an int", [](Program &p) { p.code[4] = Instr::wide(OpCode::DEFINE, kAge, 0); },
       "section 'code': instruction 4 (DEFINE): register 0 has type int, but definition 0 has type bool"},
      {"MOVE between types", [](Program &p) { p.code[15] = ins(OpCode::MOVE, kHigh, kAge); },
       "section 'code': instruction 15 (MOVE): register 7 has type text, but register 0 has type int"},
      {"constant out of range", [](Program &p) { p.code[1] = Instr::wide(OpCode::LOADK, kEighteen, 40); },
       "section 'code': instruction 1 (LOADK): operand bc: constant 40 is out of range (4)"},
      {"code set out of range", [](Program &p) { p.code[7].c = 1; },
       "section 'code': instruction 7 (QUANT): operand c: code set 1 is out of range (1)"},
      {"like pattern out of range", [](Program &p) { p.code[9].c = 2; },
       "section 'code': instruction 9 (LIKE): operand c: like pattern 2 is out of range (1)"},
      {"output out of range", [](Program &p) { p.code[16].a = 2; },
       "section 'code': instruction 16 (SETOUT): operand a: output 2 is out of range (2)"},
      {"backwards jump", [](Program &p) { p.code[5] = Instr::wide(OpCode::JFALSE, kResult, 5); },
       "section 'code': instruction 5 (JFALSE): jump target 5 is not after the jump (jumps go forward only)"},
      {"jump out of the fragment", [](Program &p) { p.code[5] = Instr::wide(OpCode::JFALSE, kResult, 15); },
       "section 'code': instruction 5 (JFALSE): jump target 15 is outside fragment 1 [4, 15)"},
      {"unused operand set", [](Program &p) { p.code[18].b = 3; },
       "section 'code': instruction 18 (END): operand b is 3 but is unused, so must be 0"},
      {"relation out of range", [](Program &p) { p.code[2].x = 6; },
       "section 'code': instruction 2 (CMPI): x = 6 is out of range (0..5)"},
      {"quantifier out of range", [](Program &p) { p.code[7].x = 3; },
       "section 'code': instruction 7 (QUANT): x = 3 is not a quantifier (0..2, plus 4 to negate)"},
      {"quantifier past the negation bit", [](Program &p) { p.code[7].x = 8; }, "...x = 8 is not a quantifier"},
      {"negation flag of 2", [](Program &p) { p.code[9].x = 2; },
       "section 'code': instruction 9 (LIKE): x = 2 is out of range (0..1)"},
      {"x on an op without one", [](Program &p) { p.code[10].x = 1; },
       "section 'code': instruction 10 (AND): x = 1 is out of range (0..0)"},
      {"SETOUT of the wrong type", [](Program &p) { p.code[16] = ins(OpCode::SETOUT, 0, kAge); },
       "section 'code': instruction 16 (SETOUT): register 0 has type int, but output 0 has type text"},
      {"SETOUT of a list output", [](Program &p) { p.code[16] = ins(OpCode::SETOUT, 1, kHigh); },
       "section 'code': instruction 16 (SETOUT): output 1 is a list; lists are appended to"},
      {"APPEND to a plain output", [](Program &p) { p.code[17] = ins(OpCode::APPEND, 0, kHigh); },
       "section 'code': instruction 17 (APPEND): output 0 is text, not a text list"},
      {"read before write", [](Program &p) { p.code[5] = Instr::wide(OpCode::JFALSE, kResult, 10); },
       "section 'code': instruction 10 (AND): reads register 9 before it is written on every path through fragment 1"},
      {"read of a register written on one path only", [](Program &p) { p.code[14] = ins(OpCode::RETURN, kInSet); },
       "section 'code': instruction 14 (RETURN): reads register 8 before it is written on every path through "
       "fragment 1"},
  });
}

TEST_CASE("the verifier refuses definitions that depend on themselves", "[pack]") {
  run({
      {"a definition using itself", [](Program &p) { p.code[1] = Instr::wide(OpCode::DEFINE, kAdult, 0); },
       "section 'defines': definition 'adult' depends on itself through 'adult' -> 'adult'"},
      {"two definitions using each other", add_cycle,
       "section 'defines': definition 'adult' depends on itself through 'adult' -> 'child' -> 'adult'"},
      {"a definition on a condition fragment", [](Program &p) { p.defines[0].fragment = 1; },
       "section 'defines': definition 0 'adult': fragment 1 is not a definition fragment"},
      {"two definitions on one fragment",
       [](Program &p) {
         p.defines.push_back(DefineInfo{intern(p, "again"), 0, RegType::Bool, 0});
       },
       "section 'defines': definition 1 'again' shares fragment 0 with definition 0"},
      {"a definition fragment no one uses",
       [](Program &p) {
         p.fragments.push_back(Fragment{FragmentKind::Define, 19, 20});
         p.code.push_back(ins(OpCode::RETURN, kAdult));
       },
       "section 'fragments': fragment 3 is a definition fragment no definition uses"},
  });
  // Without the cycle, a chain of definitions is fine.
  Program chain = sample_program();
  add_cycle(chain);
  chain.code[1] = Instr::wide(OpCode::LOADK, kEighteen, 0);
  CHECK(verify_error(chain) == "");
}

// Definition i uses definition i + 1; the last one loads a constant.
Program definition_chain(uint32_t n) {
  Program p = minimal_program();
  p.registers = {RegType::Bool};
  p.constants = {Constant{RegType::Bool, 1, 0, 0}};
  p.sources = {SourceInfo{0, false, ""}};
  for (uint32_t d = 0; d < n; ++d) {
    p.code.push_back(d + 1 < n ? Instr::wide(OpCode::DEFINE, 0, d + 1) : Instr::wide(OpCode::LOADK, 0, 0));
    p.code.push_back(ins(OpCode::RETURN, 0));
    p.fragments.push_back(Fragment{FragmentKind::Define, 2 * d, 2 * d + 2});
    p.defines.push_back(DefineInfo{intern(p, "d" + std::to_string(d)), 0, RegType::Bool, d});
  }
  p.source_map.resize(p.code.size());
  return p;
}

TEST_CASE("the verifier bounds how deeply definitions nest", "[pack]") {
  CHECK(verify_error(definition_chain(1000)) == "");
  CHECK(verify_error(definition_chain(1001)) ==
        "section 'defines': definition 'd0' nests definitions 1001 deep, more than the 1000 the VM allows");
}

TEST_CASE("the verifier refuses bad rules and groups", "[pack]") {
  run({
      {"group out of range", [](Program &p) { p.rules[0].group = 3; },
       "section 'rules': rule 0: group 3 is out of range (1)"},
      {"condition is not a condition", [](Program &p) { p.rules[0].condition = 2; },
       "section 'rules': rule 0: fragment 2 is not a condition fragment"},
      {"actions are not actions", [](Program &p) { p.rules[0].actions = 7; },
       "section 'rules': rule 0: fragment 7 is not an actions fragment"},
      {"rule in no group", [](Program &p) { p.groups[0].order.clear(); },
       "section 'rules': rule 0 is in no group's order"},
      {"rule in two groups",
       [](Program &p) {
         p.groups.push_back(GroupInfo{0, 0, Policy::All, false, {0}});
       },
       "section 'rules': group 1: rule 0 is already in a group's order"},
      {"rule in another group",
       [](Program &p) {
         p.groups[0].order.clear();
         p.groups.push_back(GroupInfo{0, 0, Policy::All, false, {0}});
       },
       "section 'rules': group 1: rule 0 belongs to group 0"},
      {"rule out of range", [](Program &p) { p.groups[0].order.push_back(4); },
       "section 'rules': group 0: rule 4 is out of range (1)"},
      {"unknown policy", [](Program &p) { p.groups[0].policy = static_cast<Policy>(3); },
       "section 'rules': group 0: unknown policy 3"},
      {"rule location in no source", [](Program &p) { p.rules[0].location.source = 1; },
       "section 'rules': rule 0: source 1 is out of range (1 sources)"},
  });
}

TEST_CASE("the verifier refuses malformed automata and text sets", "[pack]") {
  constexpr uint32_t S = CodeAutomaton::kSymbols;
  run({
      {"code automaton entry out of range", [](Program &p) { p.code_sets[0].automaton.next[2 * S + 12] = 9; },
       "section 'matchers': code set 0: state 2 on symbol 12 goes to state 9, out of range (5 states)"},
      {"like automaton start out of range", [](Program &p) { p.likes[0].automaton.start = 3; },
       "section 'matchers': like pattern 0: start state 3 is out of range (3 states)"},
      {"one state",
       [](Program &p) {
         p.code_sets[0].automaton.accept_end = {0};
         p.code_sets[0].automaton.next.resize(S);
         p.code_sets[0].automaton.start = 0;
       },
       "section 'matchers': code set 0: 1 states; an automaton has at least its dead and accept states"},
      {"transition table too short", [](Program &p) { p.code_sets[0].automaton.next.pop_back(); },
       "section 'matchers': code set 0: 179 transitions for 5 states of 36 symbols"},
      {"accept flag 2", [](Program &p) { p.code_sets[0].automaton.accept_end[3] = 2; },
       "section 'matchers': code set 0: state 3 accept flag is 2"},
      {"dead state that lives", [](Program &p) { p.likes[0].automaton.next['x'] = 2; },
       "section 'matchers': like pattern 0: state 0 must reject and stay dead on every symbol"},
      {"accept state that rejects", [](Program &p) { p.code_sets[0].automaton.accept_end[1] = 0; },
       "section 'matchers': code set 0: state 1 must accept and stay accepting on every symbol"},
      {"code set entry with a bad id", [](Program &p) { p.code_sets[0].entries.push_back(123456); },
       "...code set 0 entries: string id 123456 is out of range"},
      {"text set unsorted", [](Program &p) { std::swap(p.text_sets[0].members[0], p.text_sets[0].members[1]); },
       "section 'matchers': text set 0: members are not sorted and distinct at member 1"},
      {"text set with a repeat", [](Program &p) { p.text_sets[0].members.push_back(p.text_sets[0].members[1]); },
       "section 'matchers': text set 0: members are not sorted and distinct at member 2"},
  });
}

TEST_CASE("the verifier checks like groups and LIKEG", "[pack]") {
  CHECK(verify_error(like_group_program()) == "");
  const auto automaton = [](Program &p) -> MultiLikeAutomaton & { return p.like_groups[0].automaton; };
  run({
      {"group out of range", [](Program &p) { p.code[9] = ins(OpCode::LIKEG, kLikeA, 1, 0); },
       "section 'code': instruction 9 (LIKEG): operand b: like group 1 is out of range (1)"},
      {"pattern out of range", [](Program &p) { p.code[9] = ins(OpCode::LIKEG, kLikeA, 0, 1); },
       "section 'code': instruction 9 (LIKEG): operand c: pattern of the like group 1 is out of range (1)"},
      {"negation flag of 2", [](Program &p) { p.code[9] = ins(OpCode::LIKEG, kLikeA, 0, 0, 2); },
       "section 'code': instruction 9 (LIKEG): x = 2 is out of range (0..1)"},
      {"field out of range", [](Program &p) { p.like_groups[0].field = 3; },
       "section 'matchers': like group 0: field 3 is out of range (3)"},
      {"field not text", [](Program &p) { p.like_groups[0].field = 0; },
       "section 'matchers': like group 0: field 0 is int, not text"},
      {"no patterns", [](Program &p) { p.like_groups[0].likes.clear(); },
       "section 'matchers': like group 0: 0 patterns, not 1 to 64"},
      {"pattern index out of range", [](Program &p) { p.like_groups[0].likes = {5}; },
       "section 'matchers': like group 0: like pattern 5 is out of range (1)"},
      {"no states",
       [&](Program &p) {
         automaton(p).accept.clear();
         automaton(p).final.clear();
         automaton(p).next.clear();
       },
       "section 'matchers': like group 0: the automaton has no states"},
      {"start out of range", [&](Program &p) { automaton(p).start = 3; },
       "section 'matchers': like group 0: start state 3 is out of range (3 states)"},
      {"no byte classes", [&](Program &p) { automaton(p).classes = 0; },
       "section 'matchers': like group 0: 0 byte classes, not 1 to 256"},
      {"short byte class table", [&](Program &p) { automaton(p).byte_class.pop_back(); },
       "section 'matchers': like group 0: 255 byte class entries, not 256"},
      {"byte class out of range", [&](Program &p) { automaton(p).byte_class['b'] = 2; },
       "section 'matchers': like group 0: byte 98 is in class 2 of 2"},
      {"final flags missing", [&](Program &p) { automaton(p).final.pop_back(); },
       "section 'matchers': like group 0: 2 final flags and 6 transitions for 3 states of 2 classes"},
      {"transition out of range", [&](Program &p) { automaton(p).next[0] = 3; },
       "section 'matchers': like group 0: state 0 on class 0 goes to state 3, out of range (3 states)"},
      {"final state that moves", [&](Program &p) { automaton(p).next[2] = 0; },
       "section 'matchers': like group 0: final state 1 does not stay put on class 0"},
      {"accepting a pattern not in the group", [&](Program &p) { automaton(p).accept[1] = 2; },
       "section 'matchers': like group 0: state 1 accepts a pattern the group does not have"},
      {"final flag 2", [&](Program &p) { automaton(p).final[2] = 2; },
       "section 'matchers': like group 0: state 2 final flag is 2"},
  });
}

TEST_CASE("the verifier refuses bad source maps, tests and sources", "[pack]") {
  run({
      {"source map too short", [](Program &p) { p.source_map.pop_back(); },
       "section 'source map': 18 locations for 19 instructions"},
      {"source map without sources", [](Program &p) { p.source_map[4].source = 1; },
       "section 'source map': instruction 4: source 1 is out of range (1 sources)"},
      {"unknown expectation", [](Program &p) { p.tests[0].expect[0].kind = static_cast<ExpectKind>(6); },
       "section 'tests': test case 0: unknown expectation kind 6"},
      {"given value with a bad id", [](Program &p) { p.tests[0].given[0].value = 77777; },
       "...test case 0 given value: string id 77777 is out of range"},
      {"test location in no source", [](Program &p) { p.tests[0].location.source = 2; },
       "section 'tests': test case 0: source 2 is out of range (1 sources)"},
      {"source path with a bad id", [](Program &p) { p.sources[0].path = 88888; },
       "...source 0 path: string id 88888 is out of range"},
      {"text without has_text", [](Program &p) { p.sources[0].has_text = false; },
       "section 'sources': source 0 has text but does not say it embeds it", false},
  });
}

TEST_CASE("the verifier bounds its work on hostile fragments", "[pack]") {
  // 20000 registers all written, then 20000 jumps to different targets: the pending bit sets would need
  // 20000 * 20000 bits (50 MB), so the verifier refuses rather than allocate them.
  Program p = minimal_program();
  const uint32_t n = 20000;
  p.registers.assign(n, RegType::Bool);
  p.constants.push_back(Constant{RegType::Bool, 1, 0, 0});
  for (uint32_t r = 0; r < n; ++r) p.code.push_back(Instr::wide(OpCode::LOADK, static_cast<uint16_t>(r), 0));
  for (uint32_t j = 0; j < n; ++j) p.code.push_back(Instr::wide(OpCode::JTRUE, 0, 2 * n + j));
  for (uint32_t j = 0; j < n; ++j) p.code.push_back(ins(OpCode::NOT, 1, 0));
  p.code.push_back(ins(OpCode::RETURN, 0));
  p.fragments = {Fragment{FragmentKind::Condition, 0, static_cast<uint32_t>(p.code.size())}};
  p.sources = {SourceInfo{0, false, ""}};
  p.source_map.resize(p.code.size());
  CHECK_THAT(verify_error(p), Catch::Contains("fragment 0 has too many pending jumps to verify"));
  // The same shape, small, verifies.
  p.registers.resize(100);
  p.code.clear();
  for (uint32_t r = 0; r < 100; ++r) p.code.push_back(Instr::wide(OpCode::LOADK, static_cast<uint16_t>(r), 0));
  for (uint32_t j = 0; j < 100; ++j) p.code.push_back(Instr::wide(OpCode::JTRUE, 0, 200 + j));
  for (uint32_t j = 0; j < 100; ++j) p.code.push_back(ins(OpCode::NOT, 1, 0));
  p.code.push_back(ins(OpCode::RETURN, 0));
  p.fragments = {Fragment{FragmentKind::Condition, 0, static_cast<uint32_t>(p.code.size())}};
  p.source_map.resize(p.code.size());
  CHECK(verify_error(p) == "");
}
