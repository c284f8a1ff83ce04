// Writes a Program as a rule pack (docs/pack-format.md). Every field is written explicitly, little-endian,
// in a fixed order, so the same program always gives the same bytes.
#include <array>
#include <bit>
#include <string_view>

#include "pack_layout.h"
#include "waymark/runtime/pack.h"

namespace waymark::rt {
namespace {

using pack::Section;

class ByteWriter {
public:
  void u8(uint8_t value) { bytes_.push_back(value); }
  void u16(uint16_t value) { little_endian(value, 2); }
  void u32(uint32_t value) { little_endian(value, 4); }
  void u64(uint64_t value) { little_endian(value, 8); }
  void i64(int64_t value) { u64(static_cast<uint64_t>(value)); }
  void f64(double value) { u64(std::bit_cast<uint64_t>(value)); }
  void flag(bool value) { u8(value ? 1 : 0); }
  void count(size_t n) { u32(static_cast<uint32_t>(n)); }
  void str(std::string_view text) {
    count(text.size());
    bytes_.insert(bytes_.end(), text.begin(), text.end());
  }
  void ids(const std::vector<uint32_t> &ids) {
    count(ids.size());
    for (uint32_t id : ids) u32(id);
  }
  void location(const SourceLocation &at) {
    u32(at.source);
    u32(at.line);
    u32(at.column);
    u32(at.length);
  }
  void type(ValueType type) {
    u8(static_cast<uint8_t>(type.base));
    flag(type.list);
  }
  template <class Automaton>
  void automaton(const Automaton &automaton) {
    // The transition table's size is implied by the number of states, so it is not written.
    u32(automaton.start);
    count(automaton.accept_end.size());
    for (uint8_t accept : automaton.accept_end) u8(accept);
    for (uint32_t next : automaton.next) u32(next);
  }
  std::vector<uint8_t> &bytes() { return bytes_; }

private:
  void little_endian(uint64_t value, int size) {
    for (int i = 0; i < size; ++i) bytes_.push_back(static_cast<uint8_t>(value >> (8 * i)));
  }
  std::vector<uint8_t> bytes_;
};

void write_strings(ByteWriter &w, const Program &p) {
  w.count(p.strings.size());
  for (const std::string &s : p.strings) w.str(s);
}

void write_constants(ByteWriter &w, const Program &p) {
  w.count(p.constants.size());
  for (const Constant &k : p.constants) {
    w.u8(static_cast<uint8_t>(k.type));
    switch (k.type) {
    case RegType::Bool:
    case RegType::Int: w.i64(k.i); break;
    case RegType::Dec: w.f64(k.d); break;
    case RegType::Text: w.u32(k.text); break;
    case RegType::List: break; // no constant is a list: the loader and the verifier refuse it
    }
  }
}

void write_matchers(ByteWriter &w, const Program &p) {
  w.count(p.code_sets.size());
  for (const CodeSetInfo &set : p.code_sets) {
    w.u32(set.name);
    w.ids(set.entries);
    w.automaton(set.automaton);
  }
  w.count(p.text_sets.size());
  for (const TextSetInfo &set : p.text_sets) w.ids(set.members);
  w.count(p.likes.size());
  for (const LikeInfo &like : p.likes) {
    w.u32(like.pattern);
    w.automaton(like.automaton);
  }
  w.count(p.like_groups.size());
  for (const LikeGroupInfo &group : p.like_groups) {
    w.u32(group.field);
    w.ids(group.likes);
    const MultiLikeAutomaton &a = group.automaton;
    w.u32(a.start);
    w.u32(a.classes);
    w.count(a.byte_class.size());
    for (uint8_t c : a.byte_class) w.u8(c);
    w.count(a.accept.size()); // the number of states
    for (uint64_t accept : a.accept) w.u64(accept);
    for (uint8_t final : a.final) w.u8(final);
    for (uint32_t next : a.next) w.u32(next);
  }
}

void write_schema(ByteWriter &w, const Program &p) {
  w.count(p.fields.size());
  for (const FieldInfo &field : p.fields) {
    w.u32(field.name);
    w.u32(field.column);
    w.u32(field.label);
    w.type(field.type);
    w.flag(field.required);
    w.flag(field.optional);
    w.flag(field.key);
    w.flag(field.intern);
    w.ids(field.delimiters);
    w.ids(field.one_of);
  }
  w.count(p.outputs.size());
  for (const OutputInfo &output : p.outputs) {
    w.u32(output.name);
    w.u32(output.role);
    w.u32(output.label);
    w.type(output.type);
  }
}

void write_metadata(ByteWriter &w, const Program &p) {
  w.u32(p.meta.name);
  w.u32(p.meta.version);
  w.u32(p.meta.title);
  w.u32(p.meta.description);
  w.ids(p.meta.implements);
  w.u32(p.meta.coverage);
}

void write_rules(ByteWriter &w, const Program &p) {
  w.count(p.rules.size());
  for (const RuleInfo &rule : p.rules) {
    w.u32(rule.name);
    w.u32(rule.title);
    w.u32(rule.because);
    w.u32(rule.cite);
    w.i64(rule.priority);
    w.flag(rule.has_priority);
    w.u32(rule.group);
    w.u32(rule.condition);
    w.u32(rule.actions);
    w.location(rule.location);
  }
  w.count(p.groups.size());
  for (const GroupInfo &group : p.groups) {
    w.u32(group.name);
    w.u32(group.title);
    w.u8(static_cast<uint8_t>(group.policy));
    w.flag(group.implicit);
    w.ids(group.order);
  }
}

void write_defines(ByteWriter &w, const Program &p) {
  w.count(p.defines.size());
  for (const DefineInfo &define : p.defines) {
    w.u32(define.name);
    w.u32(define.label);
    w.u8(static_cast<uint8_t>(define.type));
    w.u32(define.fragment);
  }
}

void write_registers(ByteWriter &w, const Program &p) {
  w.count(p.registers.size());
  for (RegType type : p.registers) w.u8(static_cast<uint8_t>(type));
}

void write_fragments(ByteWriter &w, const Program &p) {
  w.count(p.fragments.size());
  for (const Fragment &fragment : p.fragments) {
    w.u8(static_cast<uint8_t>(fragment.kind));
    w.u32(fragment.begin);
    w.u32(fragment.end);
  }
}

void write_code(ByteWriter &w, const Program &p) {
  w.count(p.code.size());
  for (const Instr &in : p.code) {
    w.u8(static_cast<uint8_t>(in.op));
    w.u8(in.x);
    w.u16(in.a);
    w.u16(in.b);
    w.u16(in.c);
  }
}

void write_source_map(ByteWriter &w, const Program &p) {
  w.count(p.source_map.size());
  for (const SourceLocation &at : p.source_map) w.location(at);
}

void write_tests(ByteWriter &w, const Program &p) {
  w.count(p.tests.size());
  for (const TestCaseInfo &test : p.tests) {
    w.u32(test.name);
    w.location(test.location);
    w.count(test.given.size());
    for (const TestGiven &given : test.given) {
      w.u32(given.column);
      w.flag(given.missing);
      w.u32(given.value);
    }
    w.count(test.expect.size());
    for (const TestExpectation &expect : test.expect) {
      w.u8(static_cast<uint8_t>(expect.kind));
      w.u32(expect.name);
      w.flag(expect.list);
      w.ids(expect.values);
    }
  }
}

void write_sources(ByteWriter &w, const Program &p) {
  w.count(p.sources.size());
  for (const SourceInfo &source : p.sources) {
    w.u32(source.path);
    w.flag(source.has_text);
    if (source.has_text) w.str(source.text);
  }
}

using SectionWriter = void (*)(ByteWriter &, const Program &);
// Indexed by section id - 1: the order sections appear in.
constexpr std::array<SectionWriter, pack::kSectionCount> kSectionWriters = {
    write_strings,   write_constants, write_matchers, write_schema,     write_metadata, write_rules,   write_defines,
    write_registers, write_fragments, write_code,     write_source_map, write_tests,    write_sources,
};

uint64_t feature_flags(const Program &p) {
  uint64_t flags = 0;
  for (const SourceInfo &source : p.sources)
    if (source.has_text) flags |= pack::kFlagSourcesEmbedded;
  return flags;
}

} // namespace

std::vector<uint8_t> write_pack(const Program &program) {
  std::array<std::vector<uint8_t>, pack::kSectionCount> sections;
  for (uint32_t i = 0; i < pack::kSectionCount; ++i) {
    ByteWriter section;
    kSectionWriters[i](section, program);
    sections[i] = std::move(section.bytes());
  }

  ByteWriter w;
  for (uint8_t byte : pack::kMagic) w.u8(byte);
  w.u16(kPackMajor);
  w.u16(kPackMinor);
  w.u64(0); // checksum, sealed last
  w.u64(0); // total size, known once the table is written
  w.u64(feature_flags(program));
  w.u64(program.meta.source_hash);
  w.str(program.meta.compiler_version);
  w.count(pack::kSectionCount);
  uint64_t offset = w.bytes().size() + pack::kSectionCount * pack::kSectionEntrySize;
  for (uint32_t i = 0; i < pack::kSectionCount; ++i) {
    w.u32(i + 1);
    w.u64(offset);
    w.u64(sections[i].size());
    offset += sections[i].size();
  }
  std::vector<uint8_t> bytes = std::move(w.bytes());
  bytes.reserve(offset);
  for (const std::vector<uint8_t> &section : sections) bytes.insert(bytes.end(), section.begin(), section.end());
  pack::write_u64(bytes, pack::kSizeOffset, bytes.size());
  pack::reseal(bytes);
  return bytes;
}

} // namespace waymark::rt
