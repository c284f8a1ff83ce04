// Structural differences between two programs: see program_diff.h.
#include "waymark/runtime/program_diff.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "waymark/runtime/disassembler.h"

namespace waymark::rt {
namespace {

constexpr const char *kArrow = " → ";


std::string joined(const std::vector<std::string> &items, const char *separator = ", ") {
  std::string out;
  for (const auto &item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Sorted, so that reordering the entries of a set does not read as a change.
std::string code_set_canonical(const Program &p, uint32_t index) {
  std::vector<std::string> entries;
  for (StringId e : p.code_sets[index].entries) entries.push_back(p.str(e));
  std::sort(entries.begin(), entries.end());
  return "codeset " + p.str(p.code_sets[index].name) + " [" + joined(entries) + "]";
}

// Renders operands by meaning; collects the definitions the code calls.
class Canonicalizer {
public:
  explicit Canonicalizer(const Program &program) : p_(program) {}

  std::string run(uint32_t fragment) {
    std::deque<uint32_t> pending{fragment};
    std::string out;
    while (!pending.empty()) {
      const uint32_t f = pending.front();
      pending.pop_front();
      out += fragment_heading(f);
      registers_.clear();
      const Fragment &frag = p_.fragments[f];
      for (uint32_t pc = frag.begin; pc < frag.end; ++pc) out += instruction(p_.code[pc], frag.begin) + "\n";
      for (uint32_t d : called_) pending.push_back(p_.defines[d].fragment);
      called_.clear();
    }
    return out;
  }

private:
  std::string fragment_heading(uint32_t f) const {
    for (const DefineInfo &d : p_.defines)
      if (d.fragment == f && p_.fragments[f].kind == FragmentKind::Define) return "define " + p_.str(d.name) + ":\n";
    return "code:\n";
  }

  std::string reg(uint32_t r) {
    auto [it, added] = registers_.emplace(r, static_cast<uint32_t>(registers_.size()));
    const std::string type = r < p_.registers.size() ? to_string(p_.registers[r]) : "?";
    return "r" + std::to_string(it->second) + ":" + type;
  }

  std::string operand(Operand kind, uint32_t value, uint32_t begin) {
    switch (kind) {
    case Operand::None: return "";
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
    case Operand::WAny: return reg(value);
    case Operand::Const: return to_string(p_.constants[value].type) + std::string(" ") + constant_text(p_, value);
    case Operand::Field: return "field " + p_.str(p_.fields[value].name);
    case Operand::Define:
      if (seen_defines_.insert(value).second) called_.push_back(value);
      return "define " + p_.str(p_.defines[value].name);
    case Operand::Output: return "output " + p_.str(p_.outputs[value].name);
    case Operand::Target: return "@+" + std::to_string(value - begin);
    case Operand::CodeSet: return code_set_canonical(p_, value);
    case Operand::TextSet: {
      std::vector<std::string> members;
      for (StringId m : p_.text_sets[value].members) members.push_back(quote_literal(p_.str(m)));
      std::sort(members.begin(), members.end());
      return "textset {" + joined(members) + "}";
    }
    case Operand::Like: return "like " + quote_literal(p_.str(p_.likes[value].pattern));
    case Operand::LikeGroup: return "field " + p_.str(p_.fields[p_.like_groups[value].field].name);
    case Operand::Bit: return "#" + std::to_string(value);
    }
    return "?";
  }

  std::string instruction(const Instr &in, uint32_t begin) {
    const OpInfo &info = kOpInfo[static_cast<uint8_t>(in.op)];
    std::vector<std::string> parts;
    auto add = [&](Operand kind, uint32_t value) {
      if (kind != Operand::None) parts.push_back(operand(kind, value, begin));
    };
    add(info.a, in.a);
    if (in.op == OpCode::LIKEG) {
      // The bit's pattern, not its position in the group, which depends on what else reads the field.
      add(info.b, in.b);
      const LikeGroupInfo &group = p_.like_groups[in.b];
      parts.push_back("like " + quote_literal(p_.str(p_.likes[group.likes[in.c]].pattern)));
    } else if (info.bc) {
      add(info.b, in.bc());
    } else {
      add(info.b, in.b);
      add(info.c, in.c);
    }
    return std::string(info.name) + (in.x ? "." + std::to_string(in.x) : "") + " " + joined(parts);
  }

  const Program &p_;
  std::unordered_map<uint32_t, uint32_t> registers_; // register → its number in order of first appearance
  std::set<uint32_t> seen_defines_;
  std::vector<uint32_t> called_;
};

// Name → index of the first item with that name.
template <typename Items, typename Name>
std::map<std::string, uint32_t> by_name(const Program &p, const Items &items, Name name_of) {
  std::map<std::string, uint32_t> out;
  for (uint32_t i = 0; i < items.size(); ++i) out.emplace(p.str(name_of(items[i])), i);
  return out;
}

const char *policy_name(Policy policy) {
  switch (policy) {
  case Policy::First: return "first";
  case Policy::All: return "all";
  case Policy::Unique: return "unique";
  }
  return "?";
}

class Differ {
public:
  Differ(const Program &old_program, const Program &new_program) : a_(old_program), b_(new_program) {}

  ProgramDiff run() {
    header();
    rules();
    groups();
    code_sets();
    inputs();
    outputs();
    std::stable_partition(diff_.schema.begin(), diff_.schema.end(), [](const SchemaChange &c) { return c.breaking; });
    return std::move(diff_);
  }

private:
  void header() {
    auto text = [](const Program &p, StringId id) { return p.str(id); };
    if (text(a_, a_.meta.name) != text(b_, b_.meta.name))
      diff_.header.push_back("name " + text(a_, a_.meta.name) + kArrow + text(b_, b_.meta.name));
    if (text(a_, a_.meta.version) != text(b_, b_.meta.version))
      diff_.header.push_back("version " + quote_literal(text(a_, a_.meta.version)) + kArrow +
                             quote_literal(text(b_, b_.meta.version)));
    if (text(a_, a_.meta.title) != text(b_, b_.meta.title)) diff_.header.push_back("title");
    if (text(a_, a_.meta.description) != text(b_, b_.meta.description)) diff_.header.push_back("description");
    auto implements = [](const Program &p) {
      std::vector<std::string> out;
      for (StringId s : p.meta.implements) out.push_back(p.str(s));
      return out;
    };
    if (implements(a_) != implements(b_)) diff_.header.push_back("implements");
  }

  std::string group_name(const Program &p, uint32_t group) const {
    return group < p.groups.size() ? p.str(p.groups[group].name) : "?";
  }

  void rules() {
    auto name_of = [](const RuleInfo &r) { return r.name; };
    const auto old_rules = by_name(a_, a_.rules, name_of), new_rules = by_name(b_, b_.rules, name_of);
    for (const RuleInfo &rule : a_.rules)
      if (!new_rules.contains(a_.str(rule.name))) diff_.rules_removed.push_back(a_.str(rule.name));
    for (const RuleInfo &rule : b_.rules) {
      const std::string &name = b_.str(rule.name);
      auto old_it = old_rules.find(name);
      if (old_it == old_rules.end()) {
        diff_.rules_added.push_back(name);
        continue;
      }
      const RuleInfo &old_rule = a_.rules[old_it->second];
      RuleEdit edit{name, {}};
      if (canonical_code(a_, old_rule.condition) != canonical_code(b_, rule.condition))
        edit.changes.push_back("condition");
      if (canonical_code(a_, old_rule.actions) != canonical_code(b_, rule.actions)) edit.changes.push_back("actions");
      if (old_rule.priority != rule.priority)
        edit.changes.push_back("priority " + std::to_string(old_rule.priority) + kArrow +
                               std::to_string(rule.priority));
      if (group_name(a_, old_rule.group) != group_name(b_, rule.group))
        edit.changes.push_back("group " + group_name(a_, old_rule.group) + kArrow + group_name(b_, rule.group));
      if (a_.str(old_rule.title) != b_.str(rule.title)) edit.changes.push_back("title");
      if (a_.str(old_rule.because) != b_.str(rule.because)) edit.changes.push_back("because");
      if (a_.str(old_rule.cite) != b_.str(rule.cite)) edit.changes.push_back("cite");
      if (!edit.changes.empty()) diff_.rules_edited.push_back(std::move(edit));
    }
  }

  // The names of the group's rules in evaluation order, keeping only those that the other program's group of the
  // same name also holds: rules added, removed or moved to another group are reported as such, not as reordering.
  static std::vector<std::string> common_order(const Program &p, const GroupInfo &group, const Program &other,
                                               const GroupInfo &other_group) {
    std::set<std::string> others;
    for (uint32_t r : other_group.order) others.insert(other.str(other.rules[r].name));
    std::vector<std::string> out;
    for (uint32_t r : group.order)
      if (others.contains(p.str(p.rules[r].name))) out.push_back(p.str(p.rules[r].name));
    return out;
  }

  void groups() {
    auto name_of = [](const GroupInfo &g) { return g.name; };
    const auto old_groups = by_name(a_, a_.groups, name_of), new_groups = by_name(b_, b_.groups, name_of);
    for (const GroupInfo &group : a_.groups)
      if (!new_groups.contains(a_.str(group.name))) diff_.groups_removed.push_back(a_.str(group.name));
    for (const GroupInfo &group : b_.groups) {
      const std::string &name = b_.str(group.name);
      auto old_it = old_groups.find(name);
      if (old_it == old_groups.end()) {
        diff_.groups_added.push_back(name);
        continue;
      }
      const GroupInfo &old_group = a_.groups[old_it->second];
      GroupEdit edit{name, {}};
      if (old_group.policy != group.policy)
        edit.changes.push_back(std::string("policy ") + policy_name(old_group.policy) + kArrow +
                               policy_name(group.policy));
      // Under `first` the order decides which rule wins; under the other policies it is only the firing order.
      const auto old_order = common_order(a_, old_group, b_, group), new_order = common_order(b_, group, a_, old_group);
      if (old_order != new_order) edit.changes.push_back("order " + joined(old_order) + kArrow + joined(new_order));
      if (!edit.changes.empty()) diff_.groups_edited.push_back(std::move(edit));
    }
  }

  static std::multiset<std::string> entries(const Program &p, const CodeSetInfo &set) {
    std::multiset<std::string> out;
    for (StringId e : set.entries) out.insert(p.str(e));
    return out;
  }

  void code_sets() {
    std::map<std::string, uint32_t> old_sets, new_sets; // named sets only: literal lists are part of the code
    for (uint32_t i = 0; i < a_.code_sets.size(); ++i)
      if (a_.code_sets[i].name != 0) old_sets.emplace(a_.str(a_.code_sets[i].name), i);
    for (uint32_t i = 0; i < b_.code_sets.size(); ++i)
      if (b_.code_sets[i].name != 0) new_sets.emplace(b_.str(b_.code_sets[i].name), i);
    auto as_written = [](const Program &p, const CodeSetInfo &set) {
      std::vector<std::string> out;
      for (StringId e : set.entries) out.push_back(p.str(e));
      return out;
    };
    for (const auto &[name, index] : old_sets)
      if (!new_sets.contains(name)) diff_.code_sets_removed.push_back({name, {}, as_written(a_, a_.code_sets[index])});
    for (const auto &[name, index] : new_sets) {
      auto old_it = old_sets.find(name);
      if (old_it == old_sets.end()) {
        diff_.code_sets_added.push_back({name, as_written(b_, b_.code_sets[index]), {}});
        continue;
      }
      const auto before = entries(a_, a_.code_sets[old_it->second]), after = entries(b_, b_.code_sets[index]);
      CodeSetEdit edit{name, {}, {}};
      std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(edit.added));
      std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(edit.removed));
      if (!edit.added.empty() || !edit.removed.empty()) diff_.code_sets_edited.push_back(std::move(edit));
    }
  }

  static std::string column_of(const Program &p, const FieldInfo &f) {
    return p.str(f.column).empty() ? p.str(f.name) : p.str(f.column);
  }

  static std::vector<std::string> one_of(const Program &p, const FieldInfo &f) {
    std::vector<std::string> out;
    for (uint32_t k : f.one_of) out.push_back(constant_text(p, k));
    std::sort(out.begin(), out.end());
    return out;
  }

  void change(bool breaking, const std::string &subject, const std::string &what) {
    diff_.schema.push_back(SchemaChange{breaking, subject, what});
  }

  void inputs() {
    auto name_of = [](const FieldInfo &f) { return f.name; };
    const auto old_fields = by_name(a_, a_.fields, name_of), new_fields = by_name(b_, b_.fields, name_of);
    auto describe_field = [](const Program &p, const FieldInfo &f) {
      return "(column '" + column_of(p, f) + "', " + to_string(f.type) + ")";
    };
    for (const FieldInfo &field : a_.fields)
      if (!new_fields.contains(a_.str(field.name)))
        change(true, "input '" + a_.str(field.name) + "'", "removed " + describe_field(a_, field));
    for (const FieldInfo &field : b_.fields) {
      const std::string subject = "input '" + b_.str(field.name) + "'";
      auto old_it = old_fields.find(b_.str(field.name));
      if (old_it == old_fields.end()) {
        const char *how = field.key        ? "added as the key "
                          : field.required ? "added as required "
                                           : "added as optional ";
        change(field.key || field.required, subject, how + describe_field(b_, field));
        continue;
      }
      const FieldInfo &old_field = a_.fields[old_it->second];
      if (column_of(a_, old_field) != column_of(b_, field))
        change(true, subject, "column '" + column_of(a_, old_field) + "'" + kArrow + "'" + column_of(b_, field) + "'");
      if (!(old_field.type == field.type))
        change(true, subject, "type " + to_string(old_field.type) + kArrow + to_string(field.type));
      if (old_field.key != field.key) change(true, subject, field.key ? "now the key" : "no longer the key");
      const bool was_required = old_field.required || old_field.key, is_required = field.required || field.key;
      if (was_required != is_required)
        change(is_required, subject, is_required ? "optional → required" : "required → optional");
      schema_values(subject, one_of(a_, old_field), one_of(b_, field));
      std::vector<std::string> old_delimiters, new_delimiters;
      for (StringId d : old_field.delimiters) old_delimiters.push_back(quote_literal(a_.str(d)));
      for (StringId d : field.delimiters) new_delimiters.push_back(quote_literal(b_.str(d)));
      if (old_field.type.list && field.type.list && old_delimiters != new_delimiters)
        change(true, subject, "delimiters " + joined(old_delimiters) + kArrow + joined(new_delimiters));
    }
  }

  // `one of` lists: narrowing rejects records that used to read; widening does not.
  void schema_values(const std::string &subject, const std::vector<std::string> &before,
                     const std::vector<std::string> &after) {
    if (before == after) return;
    if (before.empty()) return change(true, subject, "now limited to one of [" + joined(after) + "]");
    if (after.empty()) return change(false, subject, "no longer limited to one of [" + joined(before) + "]");
    std::vector<std::string> added, removed;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(added));
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(removed));
    if (!removed.empty()) change(true, subject, "one of no longer allows " + joined(removed));
    if (!added.empty()) change(false, subject, "one of now also allows " + joined(added));
  }

  void outputs() {
    auto name_of = [](const OutputInfo &o) { return o.name; };
    const auto old_outputs = by_name(a_, a_.outputs, name_of), new_outputs = by_name(b_, b_.outputs, name_of);
    for (const OutputInfo &output : a_.outputs)
      if (!new_outputs.contains(a_.str(output.name)))
        change(true, "output '" + a_.str(output.name) + "'", "removed (" + to_string(output.type) + ")");
    for (const OutputInfo &output : b_.outputs) {
      const std::string subject = "output '" + b_.str(output.name) + "'";
      auto old_it = old_outputs.find(b_.str(output.name));
      if (old_it == old_outputs.end()) {
        change(false, subject, "added (" + to_string(output.type) + ")");
        continue;
      }
      const OutputInfo &old_output = a_.outputs[old_it->second];
      if (!(old_output.type == output.type))
        change(true, subject, "type " + to_string(old_output.type) + kArrow + to_string(output.type));
      auto role = [](const Program &p, const OutputInfo &o) { return p.str(o.role).empty() ? "none" : p.str(o.role); };
      if (role(a_, old_output) != role(b_, output))
        change(false, subject, "role " + role(a_, old_output) + kArrow + role(b_, output));
    }
  }

  const Program &a_;
  const Program &b_;
  ProgramDiff diff_;
};

void section(std::string &out, const char *title, const std::vector<std::string> &lines) {
  if (lines.empty()) return;
  out += std::string(title) + ":\n";
  for (const auto &line : lines) out += "  " + line + "\n";
}

std::string plural(size_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

bool ProgramDiff::empty() const {
  return header.empty() && rules_added.empty() && rules_removed.empty() && rules_edited.empty() &&
         groups_added.empty() && groups_removed.empty() && groups_edited.empty() && code_sets_added.empty() &&
         code_sets_removed.empty() && code_sets_edited.empty() && schema.empty();
}

size_t ProgramDiff::breaking() const {
  return static_cast<size_t>(
      std::count_if(schema.begin(), schema.end(), [](const SchemaChange &c) { return c.breaking; }));
}

ProgramDiff diff_programs(const Program &old_program, const Program &new_program) {
  return Differ(old_program, new_program).run();
}

std::string canonical_code(const Program &program, uint32_t fragment) { return Canonicalizer(program).run(fragment); }

std::string describe(const ProgramDiff &diff) {
  if (diff.empty()) return "no changes\n";
  std::string out;
  section(out, "pathway", diff.header);

  std::vector<std::string> lines;
  for (const auto &edit : diff.rules_edited) lines.push_back("edited   " + edit.rule + ": " + joined(edit.changes));
  for (const auto &name : diff.rules_added) lines.push_back("added    " + name);
  for (const auto &name : diff.rules_removed) lines.push_back("removed  " + name);
  section(out, "rules", lines);

  lines.clear();
  for (const auto &edit : diff.groups_edited) lines.push_back("edited   " + edit.group + ": " + joined(edit.changes));
  for (const auto &name : diff.groups_added) lines.push_back("added    " + name);
  for (const auto &name : diff.groups_removed) lines.push_back("removed  " + name);
  section(out, "groups", lines);

  lines.clear();
  for (const auto &edit : diff.code_sets_edited) {
    std::vector<std::string> parts;
    if (!edit.added.empty()) parts.push_back("added " + joined(edit.added));
    if (!edit.removed.empty()) parts.push_back("removed " + joined(edit.removed));
    lines.push_back("edited   " + edit.code_set + ": " + joined(parts, "; "));
  }
  for (const auto &set : diff.code_sets_added) lines.push_back("added    " + set.code_set + ": " + joined(set.added));
  for (const auto &set : diff.code_sets_removed)
    lines.push_back("removed  " + set.code_set + ": " + joined(set.removed));
  section(out, "code sets", lines);

  lines.clear();
  for (const auto &c : diff.schema)
    lines.push_back(std::string(c.breaking ? "breaking      " : "non-breaking  ") + c.subject + ": " + c.change);
  section(out, "schema", lines);

  const size_t rules = diff.rules_added.size() + diff.rules_removed.size() + diff.rules_edited.size();
  const size_t sets = diff.code_sets_added.size() + diff.code_sets_removed.size() + diff.code_sets_edited.size();
  out += plural(rules, "rule", "rules") + " changed, " + plural(sets, "code set", "code sets") + " changed, " +
         plural(diff.schema.size(), "schema change", "schema changes") + " (" + std::to_string(diff.breaking()) +
         " breaking)\n";
  return out;
}

} // namespace waymark::rt
