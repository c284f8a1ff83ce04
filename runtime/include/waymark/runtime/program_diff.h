#pragma once
// What changed between two compiled programs, without running them: rules added, removed or edited, groups,
// code sets and their entries, and the schema changes that would break a deployment.
//
// Everything is matched by name. A rule is edited when its title, rationale, citation, priority or group
// differ, or when its compiled condition or actions differ. Code is compared instruction by instruction in a
// canonical form (canonical_code): registers renumbered in order of first appearance, jumps relative to their
// fragment, and every operand by what it means (a field or definition by name, a constant by value, a code set
// by its entries) rather than by its index, so that two compilations of equivalent rules compare equal however
// their tables are laid out. A definition's body is part of the code of every rule that uses it.
//
// Only what a program holds can be compared: code sets that no rule uses are not compiled, and neither are
// test cases.
#include <string>
#include <vector>

#include "waymark/runtime/program.h"

namespace waymark::rt {

struct RuleEdit {
  std::string rule;
  std::vector<std::string> changes; // "condition", "actions", "priority 10 → 20", "group a → b", "title", ...
};

struct GroupEdit {
  std::string group;
  std::vector<std::string> changes; // "policy first → all", "order a, b → b, a"
};

struct CodeSetEdit {
  std::string code_set;
  std::vector<std::string> added, removed; // entries as written: "U05[45]", "C00..C99"
};

// One change to the inputs or outputs. A breaking change can make a deployment fail or mislead: its feed lacks
// a column it now needs, a value it sent no longer reads, or a consumer loses or misreads an output column.
struct SchemaChange {
  bool breaking = false;
  std::string subject; // "input 'age'", "output 'category'"
  std::string change;  // "added as required (column 'Age', int)", "removed", "type int → text", ...
};

struct ProgramDiff {
  std::vector<std::string> header; // "name a → b", "version \"1\" → \"2\"", "title"
  std::vector<std::string> rules_added, rules_removed;
  std::vector<RuleEdit> rules_edited;
  std::vector<std::string> groups_added, groups_removed;
  std::vector<GroupEdit> groups_edited;
  std::vector<CodeSetEdit> code_sets_added;   // every entry in `added`
  std::vector<CodeSetEdit> code_sets_removed; // every entry in `removed`
  std::vector<CodeSetEdit> code_sets_edited;
  std::vector<SchemaChange> schema; // breaking ones first, each kind in declaration order

  bool empty() const;
  size_t breaking() const; // how many schema changes are breaking
};

ProgramDiff diff_programs(const Program &old_program, const Program &new_program);

// The report `waymark diff OLD NEW` prints: a section per kind of change, or "no changes".
std::string describe(const ProgramDiff &diff);

// A fragment's instructions in canonical form, one per line, followed by the canonical code of every definition
// it calls (transitively, each once). Equal for equivalent code in different programs.
std::string canonical_code(const Program &program, uint32_t fragment);

} // namespace waymark::rt
