// diff_programs over the hand-built sample program (pack_samples.h) and edited copies of it: equivalent code laid
// out differently compares equal; each kind of edit is reported, and schema changes are marked breaking or not.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "pack_samples.h"
#include "waymark/runtime/program_diff.h"

using namespace waymark::rt;
using waymark::rt::samples::intern;

namespace {

bool is_register(Operand kind) {
  switch (kind) {
  case Operand::RBool:
  case Operand::RInt:
  case Operand::RDec:
  case Operand::RText:
  case Operand::RList:
  case Operand::RAny:
  case Operand::WBool:
  case Operand::WInt:
  case Operand::WDec:
  case Operand::WText:
  case Operand::WAny: return true;
  default: return false;
  }
}

// The same program with its tables laid out differently: two unused registers and a constant first (so every
// register and constant index moves), and an unused definition's fragment before all the code (so every jump
// target moves). Nothing it computes changes.
Program relaid(Program p) {
  p.registers.insert(p.registers.begin(), {RegType::Dec, RegType::Text});
  p.constants.insert(p.constants.begin(), Constant{RegType::Int, 99, 0, 0});
  const std::vector<Instr> prefix{Instr::wide(OpCode::LOADK, 0, 0), Instr{OpCode::RETURN, 0, 0, 0, 0}};
  for (Instr &in : p.code) {
    const OpInfo &info = kOpInfo[static_cast<uint8_t>(in.op)];
    if (is_register(info.a)) in.a = static_cast<uint16_t>(in.a + 2);
    if (info.bc) {
      uint32_t bc = in.bc();
      if (info.b == Operand::Const) bc += 1;
      if (info.b == Operand::Target) bc += static_cast<uint32_t>(prefix.size());
      in = Instr::wide(in.op, in.a, bc, in.x);
    } else {
      if (is_register(info.b)) in.b = static_cast<uint16_t>(in.b + 2);
      if (is_register(info.c)) in.c = static_cast<uint16_t>(in.c + 2);
    }
  }
  for (uint32_t &k : p.fields[0].one_of) k += 1;
  p.code.insert(p.code.begin(), prefix.begin(), prefix.end());
  p.source_map.insert(p.source_map.begin(), prefix.size(), SourceLocation{});
  for (Fragment &f : p.fragments) {
    f.begin += static_cast<uint32_t>(prefix.size());
    f.end += static_cast<uint32_t>(prefix.size());
  }
  p.fragments.insert(p.fragments.begin(), Fragment{FragmentKind::Define, 0, 2});
  for (DefineInfo &d : p.defines) d.fragment += 1;
  p.defines.push_back(DefineInfo{intern(p, "unused"), 0, RegType::Int, 0});
  for (RuleInfo &r : p.rules) {
    r.condition += 1;
    r.actions += 1;
  }
  return p;
}

const SchemaChange *find_change(const ProgramDiff &diff, const std::string &subject, const std::string &change) {
  for (const auto &c : diff.schema)
    if (c.subject == subject && c.change == change) return &c;
  return nullptr;
}

} // namespace

TEST_CASE("program diff: a program against itself has no changes", "[diff]") {
  const Program p = samples::sample_program();
  const ProgramDiff diff = diff_programs(p, p);
  CHECK(diff.empty());
  CHECK(diff.breaking() == 0);
  CHECK(describe(diff) == "no changes\n");
}

TEST_CASE("program diff: registers, constants and jumps are compared by meaning, not by index", "[diff]") {
  const Program p = samples::sample_program(), q = relaid(p);
  REQUIRE(q.code.size() == p.code.size() + 2);
  REQUIRE(q.code[2].a != p.code[0].a); // registers moved
  CHECK(canonical_code(p, p.rules[0].condition) == canonical_code(q, q.rules[0].condition));
  CHECK(canonical_code(p, p.rules[0].actions) == canonical_code(q, q.rules[0].actions));
  CHECK(diff_programs(p, q).empty());
  CHECK(diff_programs(q, p).empty());
}

TEST_CASE("program diff: the canonical code of a condition includes the definitions it calls", "[diff]") {
  const Program p = samples::sample_program();
  const std::string code = canonical_code(p, p.rules[0].condition);
  CHECK(code.find("DEFINE r0:bool, define adult") != std::string::npos);
  CHECK(code.find("JFALSE r0:bool, @+10") != std::string::npos);
  CHECK(code.find("FIELD r1:list, field diagnoses\nQUANT r2:bool, r1:list, codeset breast [C50*]\n") !=
        std::string::npos);
  CHECK(code.find("INTEXT r5:bool, r3:text, textset {\"high\", \"low\"}\n") != std::string::npos);
  CHECK(code.ends_with("define adult:\nFIELD r0:int, field age\nLOADK r1:int, int 18\nCMPI.5 r2:bool, r0:int, r1:int\n"
                       "RETURN r2:bool\n"));
}

TEST_CASE("program diff: an edited definition edits the condition of every rule that calls it", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.constants.push_back(Constant{RegType::Int, 19, 0, 0});
  q.code[1] = Instr::wide(OpCode::LOADK, samples::kEighteen, static_cast<uint32_t>(q.constants.size() - 1));
  const ProgramDiff diff = diff_programs(p, q);
  REQUIRE(diff.rules_edited.size() == 1);
  CHECK(diff.rules_edited[0].rule == "high_risk");
  CHECK(diff.rules_edited[0].changes == std::vector<std::string>{"condition"});
  CHECK(diff.schema.empty());
  CHECK(describe(diff) == "rules:\n  edited   high_risk: condition\n"
                          "1 rule changed, 0 code sets changed, 0 schema changes (0 breaking)\n");
}

TEST_CASE("program diff: priority, group, title, because, cite and actions of a rule", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.rules[0].priority = 5;
  q.rules[0].title = intern(q, "Higher risk");
  q.rules[0].because = intern(q, "Another reason");
  q.rules[0].cite = intern(q, "NG12 1.1.2");
  q.code[16] = samples::ins(OpCode::SETOUT, 0, samples::kName); // sets the output from another register
  q.code[15] = Instr::wide(OpCode::FIELD, samples::kName, 2);   // ... that holds the name field
  q.groups.push_back(GroupInfo{intern(q, "other"), 0, Policy::All, false, {}});
  q.rules[0].group = 1;
  q.groups[0].order.clear();
  q.groups[1].order = {0};
  const ProgramDiff diff = diff_programs(p, q);
  REQUIRE(diff.rules_edited.size() == 1);
  CHECK(diff.rules_edited[0].changes ==
        std::vector<std::string>{"actions", "priority -3 → 5", "group main → other", "title", "because", "cite"});
  CHECK(diff.groups_added == std::vector<std::string>{"other"});
  CHECK(diff.groups_edited.empty()); // a rule moved to another group is not a reordering of either
}

TEST_CASE("program diff: rules added and removed, group policy", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.rules[0].name = intern(q, "renamed");
  q.groups[0].policy = Policy::Unique;
  const ProgramDiff diff = diff_programs(p, q);
  CHECK(diff.rules_added == std::vector<std::string>{"renamed"});
  CHECK(diff.rules_removed == std::vector<std::string>{"high_risk"});
  CHECK(diff.rules_edited.empty());
  REQUIRE(diff.groups_edited.size() == 1);
  CHECK(diff.groups_edited[0].changes == std::vector<std::string>{"policy first → unique"});
  const std::string text = describe(diff);
  CHECK(text.find("rules:\n  added    renamed\n  removed  high_risk\n") != std::string::npos);
  CHECK(text.find("groups:\n  edited   main: policy first → unique\n") != std::string::npos);
}

TEST_CASE("program diff: rules reordered within a group", "[diff]") {
  Program p = samples::sample_program();
  RuleInfo second = p.rules[0];
  second.name = intern(p, "second");
  p.rules.push_back(second);
  p.groups[0].order = {0, 1};
  Program q = p;
  q.groups[0].order = {1, 0};
  const ProgramDiff diff = diff_programs(p, q);
  CHECK(diff.rules_edited.empty());
  REQUIRE(diff.groups_edited.size() == 1);
  CHECK(diff.groups_edited[0].changes == std::vector<std::string>{"order high_risk, second → second, high_risk"});
}

TEST_CASE("program diff: code set entries added and removed, and the conditions that use them", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.code_sets[0].entries = {intern(q, "C51*"), intern(q, "C50*"), intern(q, "D05")};
  Program reordered = q;
  std::reverse(reordered.code_sets[0].entries.begin(), reordered.code_sets[0].entries.end());
  CHECK(diff_programs(q, reordered).empty()); // the order entries are written in does not matter

  const ProgramDiff diff = diff_programs(p, q);
  REQUIRE(diff.code_sets_edited.size() == 1);
  CHECK(diff.code_sets_edited[0].code_set == "breast");
  CHECK(diff.code_sets_edited[0].added == std::vector<std::string>{"C51*", "D05"});
  CHECK(diff.code_sets_edited[0].removed.empty());
  REQUIRE(diff.rules_edited.size() == 1);
  CHECK(diff.rules_edited[0].changes == std::vector<std::string>{"condition"});
  CHECK(describe(diff).find("code sets:\n  edited   breast: added C51*, D05\n") != std::string::npos);

  Program renamed = p;
  renamed.code_sets[0].name = intern(renamed, "mammary");
  const ProgramDiff sets = diff_programs(p, renamed);
  REQUIRE(sets.code_sets_added.size() == 1);
  CHECK(sets.code_sets_added[0].code_set == "mammary");
  CHECK(sets.code_sets_added[0].added == std::vector<std::string>{"C50*"});
  REQUIRE(sets.code_sets_removed.size() == 1);
  CHECK(sets.code_sets_removed[0].removed == std::vector<std::string>{"C50*"});
  CHECK(describe(sets).find("  added    mammary: C50*\n  removed  breast: C50*\n") != std::string::npos);
}

TEST_CASE("program diff: schema changes that break a deployment, and those that do not", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.fields[0].column = intern(q, "Age at start");      // age reads another column
  q.fields[1].type = ValueType{BaseType::Text, false}; // diagnoses: code list → text
  q.fields[1].delimiters.clear();
  q.fields[2].optional = false; // name becomes required
  q.fields[2].required = true;
  FieldInfo weight = samples::field(intern(q, "weight"), intern(q, "weight"), 0, ValueType{BaseType::Decimal});
  weight.optional = true;
  FieldInfo ref = samples::field(intern(q, "ref"), intern(q, "Ref"), 0, ValueType{BaseType::Text});
  ref.key = true;
  q.fields.push_back(weight);
  q.fields.push_back(ref);
  q.outputs[0].type = ValueType{BaseType::Code}; // risk: text → code
  q.outputs[1].name = intern(q, "advice");       // notes removed, advice added
  const ProgramDiff diff = diff_programs(p, q);

  CHECK(find_change(diff, "input 'age'", "column 'age' → 'Age at start'")->breaking);
  CHECK(find_change(diff, "input 'diagnoses'", "type code list → text")->breaking);
  CHECK(find_change(diff, "input 'name'", "optional → required")->breaking);
  CHECK(find_change(diff, "input 'ref'", "added as the key (column 'Ref', text)")->breaking);
  CHECK_FALSE(find_change(diff, "input 'weight'", "added as optional (column 'weight', decimal)")->breaking);
  CHECK(find_change(diff, "output 'risk'", "type text → code")->breaking);
  CHECK(find_change(diff, "output 'notes'", "removed (text list)")->breaking);
  CHECK_FALSE(find_change(diff, "output 'advice'", "added (text list)")->breaking);
  CHECK(diff.breaking() == 6);
  CHECK(diff.schema.size() == 8);
  // Breaking changes come first.
  CHECK(std::is_partitioned(diff.schema.begin(), diff.schema.end(), [](const SchemaChange &c) { return c.breaking; }));
  const std::string text = describe(diff);
  CHECK(text.find("  breaking      input 'age': column 'age' → 'Age at start'\n") != std::string::npos);
  CHECK(text.find("  non-breaking  input 'weight': added as optional (column 'weight', decimal)\n") !=
        std::string::npos);
  CHECK(text.find("8 schema changes (6 breaking)\n") != std::string::npos);

  // The other way round: the key and a required input go (breaking), a required input becomes optional (not).
  const ProgramDiff back = diff_programs(q, p);
  CHECK(find_change(back, "input 'ref'", "removed (column 'Ref', text)")->breaking);
  CHECK_FALSE(find_change(back, "input 'name'", "required → optional")->breaking);
}

TEST_CASE("program diff: `one of` lists narrowed break a deployment, widened do not", "[diff]") {
  Program p = samples::sample_program();
  p.constants.push_back(Constant{RegType::Int, 65, 0, 0});
  p.fields[0].one_of = {0}; // 18
  Program wider = p, narrower = p, unlimited = p;
  wider.fields[0].one_of = {0, 4};
  narrower.fields[0].one_of = {4};
  unlimited.fields[0].one_of.clear();
  const ProgramDiff widened = diff_programs(p, wider), narrowed = diff_programs(p, narrower);
  REQUIRE(widened.schema.size() == 1);
  CHECK_FALSE(widened.schema[0].breaking);
  CHECK(widened.schema[0].change == "one of now also allows 65");
  REQUIRE(narrowed.schema.size() == 2);
  CHECK(narrowed.schema[0].breaking);
  CHECK(narrowed.schema[0].change == "one of no longer allows 18");
  CHECK_FALSE(narrowed.schema[1].breaking);
  CHECK(find_change(diff_programs(p, unlimited), "input 'age'", "no longer limited to one of [18]") != nullptr);
  CHECK(find_change(diff_programs(unlimited, p), "input 'age'", "now limited to one of [18]")->breaking);
}

TEST_CASE("program diff: the header", "[diff]") {
  const Program p = samples::sample_program();
  Program q = p;
  q.meta.name = intern(q, "sample_v2");
  q.meta.version = intern(q, "2.0");
  q.meta.implements.push_back(intern(q, "NICE NG59"));
  const ProgramDiff diff = diff_programs(p, q);
  CHECK(diff.header == std::vector<std::string>{"name sample → sample_v2", "version \"1.0\" → \"2.0\"", "implements"});
  CHECK(describe(diff).starts_with("pathway:\n  name sample → sample_v2\n"));
}
