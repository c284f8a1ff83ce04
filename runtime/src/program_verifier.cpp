// verify_program: every check the VM relies on so that it can run a Program without checking anything
// itself (docs/pack-format.md lists them). This file checks the tables; code_verifier.cpp the instructions.
// Nothing here recurses or allocates beyond the program's own sizes, so no program can make it crash or hang.
#include <algorithm>
#include <bit>
#include <cmath>
#include <string_view>
#include <unordered_set>

#include "code_verifier.h"
#include "waymark/runtime/pack.h"

namespace waymark::rt {
namespace {

using pack::Section;
using pack::VerifyFailure;

using pack::quote;

constexpr uint32_t kNone = pack::kNoFragment;
constexpr size_t kMaxRegisters = 65536; // register operands are 16 bits

std::string str(uint64_t n) { return std::to_string(n); }

bool valid(RegType type) { return static_cast<uint8_t>(type) <= static_cast<uint8_t>(RegType::List); }
bool valid(BaseType base) { return static_cast<uint8_t>(base) <= static_cast<uint8_t>(BaseType::Code); }

class Verifier {
public:
  explicit Verifier(const Program &program) : p_(program) {}

  std::optional<VerifyFailure> run() {
    bool ok = strings() && metadata() && constants() && schema() && registers() && fragments() && defines() &&
              matchers() && code() && rules() && source_map() && tests() && sources();
    (void)ok; // the first failure, if any, is in failure_
    return failure_;
  }

private:
  bool fail(Section section, uint64_t item, const std::string &detail) {
    if (!failure_) failure_ = pack::failure(section, item, detail);
    return false;
  }

  bool string_id(Section section, const std::string &what, StringId id) {
    if (id < p_.strings.size()) return true;
    return fail(section, pack::kNoItem,
                what + ": string id " + str(id) + " is out of range (" + str(p_.strings.size()) + " strings)");
  }
  bool string_ids(Section section, const std::string &what, const std::vector<StringId> &ids) {
    for (StringId id : ids)
      if (!string_id(section, what, id)) return false;
    return true;
  }
  bool location(Section section, const std::string &what, const SourceLocation &at) {
    if (at.source < p_.sources.size()) return true;
    return fail(section, pack::kNoItem,
                what + ": source " + str(at.source) + " is out of range (" + str(p_.sources.size()) + " sources)");
  }

  bool strings() {
    if (p_.strings.empty() || !p_.strings[0].empty())
      return fail(Section::Strings, pack::kNoItem, "string 0 must be the empty string");
    std::unordered_set<std::string_view> seen;
    seen.reserve(p_.strings.size());
    for (size_t i = 0; i < p_.strings.size(); ++i)
      if (!seen.insert(p_.strings[i]).second)
        return fail(Section::Strings, i, "string " + str(i) + " " + quote(p_.strings[i]) + " appears twice");
    return true;
  }

  bool metadata() {
    const Metadata &m = p_.meta;
    return string_id(Section::Metadata, "name", m.name) && string_id(Section::Metadata, "version", m.version) &&
           string_id(Section::Metadata, "title", m.title) &&
           string_id(Section::Metadata, "description", m.description) &&
           string_ids(Section::Metadata, "implements", m.implements) &&
           (m.coverage <= 100 ||
            fail(Section::Metadata, pack::kNoItem, "coverage " + str(m.coverage) + "% is more than 100%"));
  }

  bool constants() {
    for (size_t i = 0; i < p_.constants.size(); ++i) {
      const Constant &k = p_.constants[i];
      const std::string what = "constant " + str(i);
      const bool d_zero = std::bit_cast<uint64_t>(k.d) == 0;
      switch (k.type) {
      case RegType::Bool:
        if (k.i != 0 && k.i != 1)
          return fail(Section::Constants, i, what + ": bool value " + str(k.i) + " is not 0 or 1");
        [[fallthrough]];
      case RegType::Int:
        if (!d_zero || k.text != 0) return fail(Section::Constants, i, what + ": has a decimal or text part set");
        break;
      case RegType::Dec:
        if (!std::isfinite(k.d)) return fail(Section::Constants, i, what + ": decimal is not finite");
        if (k.i != 0 || k.text != 0) return fail(Section::Constants, i, what + ": has an int or text part set");
        break;
      case RegType::Text:
        if (!string_id(Section::Constants, what, k.text)) return false;
        if (k.i != 0 || !d_zero) return fail(Section::Constants, i, what + ": has an int or decimal part set");
        break;
      default:
        return fail(Section::Constants, i,
                    what + ": type " + str(static_cast<uint8_t>(k.type)) +
                        " is not one a constant can have (bool, int, decimal, text)");
      }
    }
    return true;
  }

  bool schema() {
    static constexpr std::string_view kRoles[] = {"", "classification", "urgency", "referral", "recommendations"};
    for (size_t i = 0; i < p_.fields.size(); ++i) {
      const FieldInfo &f = p_.fields[i];
      const std::string what = "field " + str(i);
      if (!string_id(Section::Schema, what + " name", f.name) ||
          !string_id(Section::Schema, what + " column", f.column) ||
          !string_id(Section::Schema, what + " label", f.label) ||
          !string_ids(Section::Schema, what + " delimiters", f.delimiters))
        return false;
      if (!valid(f.type.base))
        return fail(Section::Schema, i, what + ": unknown base type " + str(static_cast<uint8_t>(f.type.base)));
      const bool code_list = f.type.base == BaseType::Code && f.type.list;
      if (f.type.list && !code_list)
        return fail(Section::Schema, i, what + ": an input can be a list only of codes, not " + to_string(f.type));
      if (code_list && f.delimiters.empty())
        return fail(Section::Schema, i, what + ": a code list needs at least one delimiter");
      if (!code_list && !f.delimiters.empty())
        return fail(Section::Schema, i, what + ": only code lists have delimiters");
      for (StringId d : f.delimiters)
        if (p_.strings[d].empty()) return fail(Section::Schema, i, what + ": a delimiter is the empty string");
      for (uint32_t k : f.one_of) {
        if (k >= p_.constants.size())
          return fail(Section::Schema, i, what + ": one-of value " + str(k) + " is not a constant");
        if (f.type.list || p_.constants[k].type != reg_type_of(f.type))
          return fail(Section::Schema, i, what + ": one-of value " + str(k) + " is not of the field's type");
      }
    }
    for (size_t i = 0; i < p_.outputs.size(); ++i) {
      const OutputInfo &o = p_.outputs[i];
      const std::string what = "output " + str(i);
      if (!string_id(Section::Schema, what + " name", o.name) || !string_id(Section::Schema, what + " role", o.role) ||
          !string_id(Section::Schema, what + " label", o.label))
        return false;
      if (!valid(o.type.base))
        return fail(Section::Schema, i, what + ": unknown base type " + str(static_cast<uint8_t>(o.type.base)));
      if (o.type.list && o.type.base != BaseType::Text)
        return fail(Section::Schema, i, what + ": an output can be a list only of text, not " + to_string(o.type));
      if (std::find(std::begin(kRoles), std::end(kRoles), p_.strings[o.role]) == std::end(kRoles))
        return fail(Section::Schema, i, what + ": unknown role " + quote(p_.strings[o.role]));
    }
    return true;
  }

  bool registers() {
    if (p_.registers.size() > kMaxRegisters)
      return fail(Section::Registers, pack::kNoItem,
                  str(p_.registers.size()) + " registers, more than the " + str(kMaxRegisters) + " operands can name");
    for (size_t i = 0; i < p_.registers.size(); ++i)
      if (!valid(p_.registers[i]))
        return fail(Section::Registers, i,
                    "register " + str(i) + " has unknown type " + str(static_cast<uint8_t>(p_.registers[i])));
    return true;
  }

  bool fragments() {
    layout_.owner.assign(p_.code.size(), kNone);
    for (size_t f = 0; f < p_.fragments.size(); ++f) {
      const Fragment &frag = p_.fragments[f];
      const std::string what = "fragment " + str(f);
      if (static_cast<uint8_t>(frag.kind) > static_cast<uint8_t>(FragmentKind::Define))
        return fail(Section::Fragments, f, what + ": unknown kind " + str(static_cast<uint8_t>(frag.kind)));
      if (frag.begin >= frag.end || frag.end > p_.code.size())
        return fail(Section::Fragments, f,
                    what + " [" + str(frag.begin) + ", " + str(frag.end) + ") is empty or runs past the code (" +
                        str(p_.code.size()) + " instructions)");
      // Stops at the first overlap, so this marks each instruction at most once.
      for (uint32_t pc = frag.begin; pc < frag.end; ++pc) {
        if (layout_.owner[pc] != kNone)
          return fail(Section::Fragments, f,
                      what + " overlaps fragment " + str(layout_.owner[pc]) + " at instruction " + str(pc));
        layout_.owner[pc] = static_cast<uint32_t>(f);
      }
    }
    for (size_t pc = 0; pc < layout_.owner.size(); ++pc)
      if (layout_.owner[pc] == kNone)
        return fail(Section::Code, pc, "instruction " + str(pc) + " belongs to no fragment");
    return true;
  }

  bool defines() {
    layout_.define_of.assign(p_.fragments.size(), kNone);
    for (size_t d = 0; d < p_.defines.size(); ++d) {
      const DefineInfo &def = p_.defines[d];
      const std::string what = "definition " + str(d);
      if (!string_id(Section::Defines, what + " name", def.name) ||
          !string_id(Section::Defines, what + " label", def.label))
        return false;
      if (!valid(def.type))
        return fail(Section::Defines, d, what + ": unknown type " + str(static_cast<uint8_t>(def.type)));
      if (def.fragment >= p_.fragments.size() || p_.fragments[def.fragment].kind != FragmentKind::Define)
        return fail(Section::Defines, d,
                    what + " " + quote(p_.strings[def.name]) + ": fragment " + str(def.fragment) +
                        " is not a definition fragment");
      if (layout_.define_of[def.fragment] != kNone)
        return fail(Section::Defines, d,
                    what + " " + quote(p_.strings[def.name]) + " shares fragment " + str(def.fragment) +
                        " with definition " + str(layout_.define_of[def.fragment]));
      layout_.define_of[def.fragment] = static_cast<uint32_t>(d);
    }
    for (size_t f = 0; f < p_.fragments.size(); ++f)
      if (p_.fragments[f].kind == FragmentKind::Define && layout_.define_of[f] == kNone)
        return fail(Section::Fragments, f, "fragment " + str(f) + " is a definition fragment no definition uses");
    return true;
  }

  template <class Automaton>
  bool automaton(Section section, const std::string &what, const Automaton &a, uint32_t symbols) {
    const uint64_t states = a.accept_end.size();
    if (states < 2)
      return fail(section, pack::kNoItem,
                  what + ": " + str(states) + " states; an automaton has at least its dead and accept states");
    if (a.next.size() != states * symbols)
      return fail(section, pack::kNoItem,
                  what + ": " + str(a.next.size()) + " transitions for " + str(states) + " states of " + str(symbols) +
                      " symbols");
    if (a.start >= states)
      return fail(section, pack::kNoItem,
                  what + ": start state " + str(a.start) + " is out of range (" + str(states) + " states)");
    for (size_t i = 0; i < a.next.size(); ++i)
      if (a.next[i] >= states)
        return fail(section, pack::kNoItem,
                    what + ": state " + str(i / symbols) + " on symbol " + str(i % symbols) + " goes to state " +
                        str(a.next[i]) + ", out of range (" + str(states) + " states)");
    for (size_t s = 0; s < states; ++s)
      if (a.accept_end[s] > 1)
        return fail(section, pack::kNoItem, what + ": state " + str(s) + " accept flag is " + str(a.accept_end[s]));
    // Matching stops early in the dead and accept states, so they must mean what their names say.
    for (uint32_t fixed : {Automaton::kDead, Automaton::kAccept}) {
      const bool accepting = fixed == Automaton::kAccept;
      bool stays = a.accept_end[fixed] == (accepting ? 1 : 0);
      for (uint32_t s = 0; s < symbols; ++s) stays = stays && a.next[uint64_t{fixed} * symbols + s] == fixed;
      if (!stays)
        return fail(section, pack::kNoItem,
                    what + ": state " + str(fixed) + " must " +
                        (accepting ? "accept and stay accepting" : "reject and stay dead") + " on every symbol");
    }
    return true;
  }

  bool matchers() {
    for (size_t i = 0; i < p_.code_sets.size(); ++i) {
      const CodeSetInfo &set = p_.code_sets[i];
      const std::string what = "code set " + str(i);
      if (!string_id(Section::Matchers, what + " name", set.name) ||
          !string_ids(Section::Matchers, what + " entries", set.entries) ||
          !automaton(Section::Matchers, what, set.automaton, CodeAutomaton::kSymbols))
        return false;
    }
    for (size_t i = 0; i < p_.text_sets.size(); ++i) {
      const std::vector<StringId> &members = p_.text_sets[i].members;
      const std::string what = "text set " + str(i);
      if (!string_ids(Section::Matchers, what, members)) return false;
      for (size_t m = 1; m < members.size(); ++m)
        if (members[m - 1] >= members[m])
          return fail(Section::Matchers, pack::kNoItem,
                      what + ": members are not sorted and distinct at member " + str(m));
    }
    for (size_t i = 0; i < p_.likes.size(); ++i) {
      const std::string what = "like pattern " + str(i);
      if (!string_id(Section::Matchers, what, p_.likes[i].pattern) ||
          !automaton(Section::Matchers, what, p_.likes[i].automaton, 256))
        return false;
    }
    for (size_t i = 0; i < p_.like_groups.size(); ++i)
      if (!like_group(i)) return false;
    return true;
  }

  // A field's `like` patterns matched in one walk: LIKEG reads the field's text and one bit of the result.
  bool like_group(size_t i) {
    const LikeGroupInfo &group = p_.like_groups[i];
    const std::string what = "like group " + str(i);
    auto refuse = [&](const std::string &detail) {
      return fail(Section::Matchers, pack::kNoItem, what + ": " + detail);
    };
    if (group.field >= p_.fields.size())
      return refuse("field " + str(group.field) + " is out of range (" + str(p_.fields.size()) + ")");
    if (reg_type_of(p_.fields[group.field].type) != RegType::Text)
      return refuse("field " + str(group.field) + " is " + to_string(p_.fields[group.field].type) + ", not text");
    if (group.likes.empty() || group.likes.size() > MultiLikeAutomaton::kMaxPatterns)
      return refuse(str(group.likes.size()) + " patterns, not 1 to " + str(MultiLikeAutomaton::kMaxPatterns));
    for (uint32_t like : group.likes)
      if (like >= p_.likes.size())
        return refuse("like pattern " + str(like) + " is out of range (" + str(p_.likes.size()) + ")");

    const MultiLikeAutomaton &a = group.automaton;
    const uint64_t states = a.accept.size(), classes = a.classes;
    if (states == 0) return refuse("the automaton has no states");
    if (a.start >= states)
      return refuse("start state " + str(a.start) + " is out of range (" + str(states) + " states)");
    if (classes == 0 || classes > 256) return refuse(str(classes) + " byte classes, not 1 to 256");
    if (a.byte_class.size() != 256) return refuse(str(a.byte_class.size()) + " byte class entries, not 256");
    for (size_t byte = 0; byte < 256; ++byte)
      if (a.byte_class[byte] >= classes)
        return refuse("byte " + str(byte) + " is in class " + str(a.byte_class[byte]) + " of " + str(classes));
    if (a.final.size() != states || a.next.size() != states * classes)
      return refuse(str(a.final.size()) + " final flags and " + str(a.next.size()) + " transitions for " + str(states) +
                    " states of " + str(classes) + " classes");
    const uint64_t patterns = group.likes.size() == 64 ? ~uint64_t{0} : (uint64_t{1} << group.likes.size()) - 1;
    for (uint64_t s = 0; s < states; ++s) {
      if (a.accept[s] & ~patterns) return refuse("state " + str(s) + " accepts a pattern the group does not have");
      if (a.final[s] > 1) return refuse("state " + str(s) + " final flag is " + str(a.final[s]));
      for (uint64_t c = 0; c < classes; ++c) {
        const uint32_t next = a.next[s * classes + c];
        if (next >= states)
          return refuse("state " + str(s) + " on class " + str(c) + " goes to state " + str(next) + ", out of range (" +
                        str(states) + " states)");
        // Matching stops in a final state, so it must be one no byte leaves.
        if (a.final[s] && next != s) return refuse("final state " + str(s) + " does not stay put on class " + str(c));
      }
    }
    return true;
  }

  bool code() {
    if (auto failure = pack::verify_code(p_, layout_)) failure_ = std::move(failure);
    return !failure_;
  }

  // ---- rules and groups ----

  bool rules() {
    for (size_t r = 0; r < p_.rules.size(); ++r) {
      const RuleInfo &rule = p_.rules[r];
      const std::string what = "rule " + str(r);
      if (!string_id(Section::Rules, what + " name", rule.name) ||
          !string_id(Section::Rules, what + " title", rule.title) ||
          !string_id(Section::Rules, what + " because", rule.because) ||
          !string_id(Section::Rules, what + " cite", rule.cite) || !location(Section::Rules, what, rule.location))
        return false;
      if (rule.group >= p_.groups.size())
        return fail(Section::Rules, r,
                    what + ": group " + str(rule.group) + " is out of range (" + str(p_.groups.size()) + ")");
      auto fragment_of_kind = [&](uint32_t f, FragmentKind kind) {
        return f < p_.fragments.size() && p_.fragments[f].kind == kind;
      };
      if (!fragment_of_kind(rule.condition, FragmentKind::Condition))
        return fail(Section::Rules, r, what + ": fragment " + str(rule.condition) + " is not a condition fragment");
      if (!fragment_of_kind(rule.actions, FragmentKind::Actions))
        return fail(Section::Rules, r, what + ": fragment " + str(rule.actions) + " is not an actions fragment");
    }
    std::vector<uint8_t> placed(p_.rules.size(), 0);
    for (size_t g = 0; g < p_.groups.size(); ++g) {
      const GroupInfo &group = p_.groups[g];
      const std::string what = "group " + str(g);
      if (!string_id(Section::Rules, what + " name", group.name) ||
          !string_id(Section::Rules, what + " title", group.title))
        return false;
      if (static_cast<uint8_t>(group.policy) > static_cast<uint8_t>(Policy::Unique))
        return fail(Section::Rules, g, what + ": unknown policy " + str(static_cast<uint8_t>(group.policy)));
      for (uint32_t r : group.order) {
        if (r >= p_.rules.size())
          return fail(Section::Rules, g, what + ": rule " + str(r) + " is out of range (" + str(p_.rules.size()) + ")");
        if (placed[r]) return fail(Section::Rules, g, what + ": rule " + str(r) + " is already in a group's order");
        if (p_.rules[r].group != g)
          return fail(Section::Rules, g, what + ": rule " + str(r) + " belongs to group " + str(p_.rules[r].group));
        placed[r] = 1;
      }
    }
    for (size_t r = 0; r < p_.rules.size(); ++r)
      if (!placed[r]) return fail(Section::Rules, r, "rule " + str(r) + " is in no group's order");
    return true;
  }

  // ---- sources and tests ----

  bool source_map() {
    // The compiler always records where each instruction came from, so a pack can explain itself.
    if (p_.source_map.size() != p_.code.size())
      return fail(Section::SourceMap, pack::kNoItem,
                  str(p_.source_map.size()) + " locations for " + str(p_.code.size()) + " instructions");
    for (size_t pc = 0; pc < p_.source_map.size(); ++pc)
      if (p_.source_map[pc].source >= p_.sources.size())
        return fail(Section::SourceMap, pc,
                    "instruction " + str(pc) + ": source " + str(p_.source_map[pc].source) + " is out of range (" +
                        str(p_.sources.size()) + " sources)");
    return true;
  }

  bool tests() {
    for (size_t t = 0; t < p_.tests.size(); ++t) {
      const TestCaseInfo &test = p_.tests[t];
      const std::string what = "test case " + str(t);
      if (!string_id(Section::Tests, what + " name", test.name) || !location(Section::Tests, what, test.location))
        return false;
      for (const TestGiven &given : test.given)
        if (!string_id(Section::Tests, what + " given column", given.column) ||
            !string_id(Section::Tests, what + " given value", given.value))
          return false;
      for (const TestExpectation &expect : test.expect) {
        if (static_cast<uint8_t>(expect.kind) > static_cast<uint8_t>(ExpectKind::Unknown))
          return fail(Section::Tests, t, what + ": unknown expectation kind " + str(static_cast<uint8_t>(expect.kind)));
        if (!string_id(Section::Tests, what + " expected name", expect.name) ||
            !string_ids(Section::Tests, what + " expected values", expect.values))
          return false;
      }
    }
    return true;
  }

  bool sources() {
    for (size_t s = 0; s < p_.sources.size(); ++s) {
      const SourceInfo &source = p_.sources[s];
      if (!string_id(Section::Sources, "source " + str(s) + " path", source.path)) return false;
      if (!source.has_text && !source.text.empty())
        return fail(Section::Sources, s, "source " + str(s) + " has text but does not say it embeds it");
    }
    return true;
  }

  const Program &p_;
  std::optional<VerifyFailure> failure_;
  pack::CodeLayout layout_;
};

} // namespace

namespace pack {

std::string quote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 64) {
      out += "...";
      break;
    }
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte >= 0x7f || byte == '\\') {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out + "'";
}

std::optional<VerifyFailure> verify_located(const Program &program) { return Verifier(program).run(); }

} // namespace pack

std::optional<PackError> verify_program(const Program &program) {
  if (auto failure = pack::verify_located(program)) return PackError{std::move(failure->message), 0};
  return std::nullopt;
}

} // namespace waymark::rt
