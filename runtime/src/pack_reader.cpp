// Reads a rule pack (docs/pack-format.md) back into a Program, trusting none of its bytes: every read is
// bounds-checked, every count is checked against the bytes left before anything is allocated, and the
// result goes through verify_program before anyone may run it. Errors are returned, never thrown.
#include <algorithm>
#include <cstring>
#include <string_view>

#include "byte_reader.h"
#include "pack_layout.h"
#include "waymark/runtime/pack.h"

namespace waymark::rt {
namespace {

using pack::ByteReader;
using pack::Section;

std::string hex(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value & 15]);
    value >>= 4;
  } while (value != 0);
  return "0x" + out;
}

void read_strings(ByteReader &r, Program &p) {
  uint32_t n = r.count(4, "strings");
  p.strings.clear();
  p.strings.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("string", i);
    p.strings.push_back(r.str());
  }
}

void read_constants(ByteReader &r, Program &p) {
  uint32_t n = r.count(5, "constants");
  p.constants.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("constant", i);
    Constant k;
    uint8_t type = r.u8();
    k.type = static_cast<RegType>(type);
    switch (k.type) {
    case RegType::Bool:
    case RegType::Int: k.i = r.i64(); break;
    case RegType::Dec: k.d = r.f64(); break;
    case RegType::Text: k.text = r.u32(); break;
    case RegType::List: r.fail("has type list; constants are bool, int, decimal or text"); break;
    default: r.fail("has unknown type " + std::to_string(type)); break;
    }
    p.constants.push_back(k);
  }
}

// Start, byte classes, then per state its accept bits and final flag, then the transitions.
MultiLikeAutomaton read_multi_like_automaton(ByteReader &r) {
  MultiLikeAutomaton a;
  a.start = r.u32();
  a.classes = r.u32();
  if (r.ok() && (a.classes == 0 || a.classes > 256))
    r.fail("automaton has " + std::to_string(a.classes) + " byte classes, not 1 to 256");
  const uint32_t byte_classes = r.count(1, "byte classes");
  a.byte_class.reserve(byte_classes);
  for (uint32_t i = 0; i < byte_classes && r.ok(); ++i) a.byte_class.push_back(r.u8());
  const uint32_t states = r.count(8 + 1 + 4 * uint64_t{a.classes}, "automaton states");
  a.accept.reserve(states);
  for (uint32_t i = 0; i < states && r.ok(); ++i) a.accept.push_back(r.u64());
  a.final.reserve(states);
  for (uint32_t i = 0; i < states && r.ok(); ++i) a.final.push_back(r.u8());
  a.next.reserve(uint64_t{states} * a.classes);
  for (uint64_t i = 0; i < uint64_t{states} * a.classes && r.ok(); ++i) a.next.push_back(r.u32());
  return a;
}

void read_matchers(ByteReader &r, Program &p) {
  uint32_t n = r.count(16, "code sets");
  p.code_sets.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("code set", i);
    CodeSetInfo set;
    set.name = r.u32();
    set.entries = r.ids("entries");
    set.automaton = r.automaton<CodeAutomaton>(CodeAutomaton::kSymbols);
    p.code_sets.push_back(std::move(set));
  }
  r.about("text sets");
  n = r.count(4, "text sets");
  p.text_sets.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("text set", i);
    p.text_sets.push_back(TextSetInfo{r.ids("members")});
  }
  r.about("like patterns");
  n = r.count(12, "like patterns");
  p.likes.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("like pattern", i);
    LikeInfo like;
    like.pattern = r.u32();
    like.automaton = r.automaton<LikeAutomaton>(256);
    p.likes.push_back(std::move(like));
  }
  r.about("like groups");
  n = r.count(24, "like groups");
  p.like_groups.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("like group", i);
    LikeGroupInfo group;
    group.field = r.u32();
    group.likes = r.ids("patterns");
    group.automaton = read_multi_like_automaton(r);
    p.like_groups.push_back(std::move(group));
  }
}

void read_schema(ByteReader &r, Program &p) {
  uint32_t n = r.count(26, "fields");
  p.fields.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("field", i);
    FieldInfo field;
    field.name = r.u32();
    field.column = r.u32();
    field.label = r.u32();
    field.type = r.type();
    field.required = r.flag("the required flag");
    field.optional = r.flag("the optional flag");
    field.key = r.flag("the key flag");
    field.intern = r.flag("the intern flag");
    field.delimiters = r.ids("delimiters");
    field.one_of = r.ids("one-of values");
    p.fields.push_back(std::move(field));
  }
  r.about("outputs");
  n = r.count(14, "outputs");
  p.outputs.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("output", i);
    OutputInfo output;
    output.name = r.u32();
    output.role = r.u32();
    output.label = r.u32();
    output.type = r.type();
    p.outputs.push_back(output);
  }
}

void read_metadata(ByteReader &r, Program &p) {
  p.meta.name = r.u32();
  p.meta.version = r.u32();
  p.meta.title = r.u32();
  p.meta.description = r.u32();
  p.meta.implements = r.ids("implemented guidelines");
  p.meta.coverage = r.u32();
}

void read_rules(ByteReader &r, Program &p) {
  uint32_t n = r.count(49, "rules");
  p.rules.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("rule", i);
    RuleInfo rule;
    rule.name = r.u32();
    rule.title = r.u32();
    rule.because = r.u32();
    rule.cite = r.u32();
    rule.priority = r.i64();
    rule.has_priority = r.flag("the has-priority flag");
    rule.group = r.u32();
    rule.condition = r.u32();
    rule.actions = r.u32();
    rule.location = r.location();
    p.rules.push_back(rule);
  }
  r.about("groups");
  n = r.count(14, "groups");
  p.groups.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("group", i);
    GroupInfo group;
    group.name = r.u32();
    group.title = r.u32();
    group.policy = static_cast<Policy>(r.u8());
    group.implicit = r.flag("the implicit flag");
    group.order = r.ids("rules in order");
    p.groups.push_back(std::move(group));
  }
}

void read_defines(ByteReader &r, Program &p) {
  uint32_t n = r.count(13, "definitions");
  p.defines.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("definition", i);
    DefineInfo define;
    define.name = r.u32();
    define.label = r.u32();
    define.type = static_cast<RegType>(r.u8());
    define.fragment = r.u32();
    p.defines.push_back(define);
  }
}

void read_registers(ByteReader &r, Program &p) {
  uint32_t n = r.count(pack::kRegisterBytes, "registers");
  p.registers.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) p.registers.push_back(static_cast<RegType>(r.u8()));
}

void read_fragments(ByteReader &r, Program &p) {
  uint32_t n = r.count(pack::kFragmentBytes, "fragments");
  p.fragments.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Fragment fragment;
    fragment.kind = static_cast<FragmentKind>(r.u8());
    fragment.begin = r.u32();
    fragment.end = r.u32();
    p.fragments.push_back(fragment);
  }
}

void read_code(ByteReader &r, Program &p) {
  uint32_t n = r.count(pack::kInstrBytes, "instructions");
  p.code.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Instr in{static_cast<OpCode>(r.u8())};
    in.x = r.u8();
    in.a = r.u16();
    in.b = r.u16();
    in.c = r.u16();
    p.code.push_back(in);
  }
}

void read_source_map(ByteReader &r, Program &p) {
  uint32_t n = r.count(pack::kLocationBytes, "locations");
  p.source_map.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) p.source_map.push_back(r.location());
}

void read_tests(ByteReader &r, Program &p) {
  uint32_t n = r.count(24, "test cases");
  p.tests.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("test case", i);
    TestCaseInfo test;
    test.name = r.u32();
    test.location = r.location();
    uint32_t given = r.count(9, "given values");
    test.given.reserve(given);
    for (uint32_t g = 0; g < given && r.ok(); ++g) {
      TestGiven value;
      value.column = r.u32();
      value.missing = r.flag("a given value's missing flag");
      value.value = r.u32();
      test.given.push_back(value);
    }
    uint32_t expect = r.count(10, "expectations");
    test.expect.reserve(expect);
    for (uint32_t e = 0; e < expect && r.ok(); ++e) {
      TestExpectation expectation;
      expectation.kind = static_cast<ExpectKind>(r.u8());
      expectation.name = r.u32();
      expectation.list = r.flag("an expectation's list flag");
      expectation.values = r.ids("expected values");
      test.expect.push_back(std::move(expectation));
    }
    p.tests.push_back(std::move(test));
  }
}

void read_sources(ByteReader &r, Program &p) {
  uint32_t n = r.count(5, "sources");
  p.sources.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    r.at("source", i);
    SourceInfo source;
    source.path = r.u32();
    source.has_text = r.flag("the has-text flag");
    if (source.has_text) source.text = r.str();
    p.sources.push_back(std::move(source));
  }
}

using SectionReader = void (*)(ByteReader &, Program &);
// Indexed by section id - 1, as in pack_writer.cpp.
constexpr SectionReader kSectionReaders[pack::kSectionCount] = {
    read_strings,   read_constants, read_matchers, read_schema,     read_metadata, read_rules,   read_defines,
    read_registers, read_fragments, read_code,     read_source_map, read_tests,    read_sources,
};

struct SectionSpan {
  uint64_t offset = 0, length = 0;
  bool present = false;
};

std::string version_text(uint16_t major, uint16_t minor) { return std::to_string(major) + "." + std::to_string(minor); }

PackError error_at(std::string message, size_t offset) { return PackError{std::move(message), offset}; }

// The fixed header: magic, version, size, checksum and flags, in the order that gives the clearest
// message (a newer format is named as such, a truncated file as truncated, before the checksum fails).
std::optional<PackError> check_header(std::span<const uint8_t> bytes, uint64_t &flags) {
  const size_t size = bytes.size();
  const size_t magic_bytes = std::min(size, pack::kMagic.size());
  if (size == 0) return error_at("bad magic: not a Waymark pack (the file is empty)", 0);
  if (std::memcmp(bytes.data(), pack::kMagic.data(), magic_bytes) != 0)
    return error_at("bad magic: not a Waymark pack", 0);
  auto truncated_header = [&] {
    return error_at("truncated: the pack is " + std::to_string(size) + " bytes, less than its " +
                        std::to_string(pack::kFixedHeaderSize) + "-byte header",
                    size);
  };
  if (size < pack::kMinorOffset + 2) return truncated_header();
  const uint16_t major = static_cast<uint16_t>(bytes[8] | bytes[9] << 8);
  const uint16_t minor = static_cast<uint16_t>(bytes[10] | bytes[11] << 8);
  const std::string ours = version_text(kPackMajor, kPackMinor);
  if (major > kPackMajor || (major == kPackMajor && minor > kPackMinor))
    return error_at("format version " + version_text(major, minor) + " is newer than this runtime reads (" + ours + ")",
                    pack::kMajorOffset);
  if (major < kPackMajor)
    return error_at("format version " + version_text(major, minor) + " is older than this runtime reads (" + ours + ")",
                    pack::kMajorOffset);
  if (size < pack::kFixedHeaderSize) return truncated_header();
  const uint64_t declared = pack::read_u64(bytes, pack::kSizeOffset);
  if (declared > size)
    return error_at("truncated: the pack says it is " + std::to_string(declared) + " bytes, but there are only " +
                        std::to_string(size),
                    size);
  if (declared < size)
    return error_at(std::to_string(size - declared) + " trailing bytes after the pack's end (it says it is " +
                        std::to_string(declared) + " bytes)",
                    declared);
  const uint64_t stored = pack::read_u64(bytes, pack::kChecksumOffset);
  const uint64_t computed = pack::fnv1a64(bytes.subspan(pack::kChecksummedFrom));
  if (stored != computed)
    return error_at("checksum mismatch: the header says " + hex(stored) + ", the contents hash to " + hex(computed) +
                        " (the pack is damaged or was changed after it was written)",
                    pack::kChecksumOffset);
  flags = pack::read_u64(bytes, pack::kFlagsOffset);
  if (flags & ~pack::kKnownFlags)
    return error_at("unknown feature flags " + hex(flags & ~pack::kKnownFlags), pack::kFlagsOffset);
  return std::nullopt;
}

// The section table: every known section exactly once, in id order, laid end to end after the table up to
// the end of the pack. There is nothing between or after sections that no one checks.
std::optional<PackError> read_section_table(ByteReader &r, std::span<const uint8_t> bytes,
                                            std::array<SectionSpan, pack::kSectionCount> &spans) {
  uint32_t n = r.count(pack::kSectionEntrySize, "section table entries");
  uint64_t expected_offset = r.offset() + uint64_t{n} * pack::kSectionEntrySize;
  uint32_t last_id = 0;
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    size_t entry_offset = r.offset();
    uint32_t id = r.u32();
    uint64_t offset = r.u64();
    uint64_t length = r.u64();
    if (!r.ok()) break;
    if (id == 0 || id > pack::kSectionCount)
      return error_at("unknown section id " + std::to_string(id) + " in the section table", entry_offset);
    const char *name = pack::section_name(static_cast<Section>(id));
    SectionSpan &span = spans[id - 1];
    if (span.present)
      return error_at("section '" + std::string(name) + "' appears twice in the section table", entry_offset);
    if (id < last_id)
      return error_at("section '" + std::string(name) + "' is out of order in the section table", entry_offset);
    if (offset > bytes.size() || length > bytes.size() - offset)
      return error_at("section '" + std::string(name) + "' (offset " + std::to_string(offset) + ", length " +
                          std::to_string(length) + ") runs past the end of the pack (" + std::to_string(bytes.size()) +
                          " bytes)",
                      entry_offset);
    if (offset != expected_offset)
      return error_at("section '" + std::string(name) + "' starts at " + std::to_string(offset) + ", expected " +
                          std::to_string(expected_offset) + " (sections follow the table end to end)",
                      entry_offset);
    span = SectionSpan{offset, length, true};
    expected_offset += length;
    last_id = id;
  }
  if (!r.ok()) return r.error();
  for (uint32_t id = 1; id <= pack::kSectionCount; ++id)
    if (!spans[id - 1].present)
      return error_at("section '" + std::string(pack::section_name(static_cast<Section>(id))) + "' is missing",
                      r.offset());
  if (expected_offset != bytes.size())
    return error_at(std::to_string(bytes.size() - expected_offset) + " bytes after the last section belong to none",
                    expected_offset);
  return std::nullopt;
}

// Where an item the verifier refused sits in the pack: exact for fixed-size records, else its section.
size_t item_offset(const pack::VerifyFailure &failure, const std::array<SectionSpan, pack::kSectionCount> &spans) {
  const SectionSpan &span = spans[static_cast<uint32_t>(failure.section) - 1];
  if (failure.item == pack::kNoItem) return span.offset;
  const uint64_t first = span.offset + 4; // after the count
  switch (failure.section) {
  case Section::Code: return first + failure.item * pack::kInstrBytes;
  case Section::SourceMap: return first + failure.item * pack::kLocationBytes;
  case Section::Fragments: return first + failure.item * pack::kFragmentBytes;
  case Section::Registers: return first + failure.item * pack::kRegisterBytes;
  default: return span.offset;
  }
}

std::optional<PackError> check_flags_match(const Program &p, uint64_t flags) {
  bool embedded = false;
  for (const SourceInfo &source : p.sources) embedded = embedded || source.has_text;
  if (embedded && !(flags & pack::kFlagSourcesEmbedded))
    return error_at("a source embeds its text, but the feature flag 'sources embedded' is not set", pack::kFlagsOffset);
  if (!embedded && (flags & pack::kFlagSourcesEmbedded))
    return error_at("the feature flag 'sources embedded' is set, but no source embeds its text", pack::kFlagsOffset);
  return std::nullopt;
}

} // namespace

std::vector<PackSection> pack_sections(std::span<const uint8_t> bytes) {
  uint64_t flags = 0;
  if (check_header(bytes, flags)) return {};
  ByteReader header(bytes.subspan(pack::kFixedHeaderSize), pack::kFixedHeaderSize, "");
  header.str();
  std::array<SectionSpan, pack::kSectionCount> spans;
  if (!header.ok() || read_section_table(header, bytes, spans)) return {};
  std::vector<PackSection> out;
  for (uint32_t i = 0; i < pack::kSectionCount; ++i)
    out.push_back(PackSection{pack::section_name(static_cast<Section>(i + 1)), spans[i].offset, spans[i].length});
  return out;
}

std::variant<Program, PackError> load_pack(std::span<const uint8_t> bytes) {
  uint64_t flags = 0;
  if (auto error = check_header(bytes, flags)) return *error;

  Program program;
  program.meta.source_hash = pack::read_u64(bytes, pack::kSourceHashOffset);
  ByteReader header(bytes.subspan(pack::kFixedHeaderSize), pack::kFixedHeaderSize, "");
  header.about("compiler version");
  program.meta.compiler_version = header.str();
  header.about("section table");
  if (!header.ok()) return *header.error();
  std::array<SectionSpan, pack::kSectionCount> spans;
  if (auto error = read_section_table(header, bytes, spans)) return *error;

  for (uint32_t i = 0; i < pack::kSectionCount; ++i) {
    const SectionSpan &span = spans[i];
    ByteReader r(bytes.subspan(span.offset, span.length), span.offset,
                 "section '" + std::string(pack::section_name(static_cast<Section>(i + 1))) + "': ");
    kSectionReaders[i](r, program);
    if (!r.ok()) return *r.error();
    if (r.remaining() != 0)
      return PackError{"section '" + std::string(pack::section_name(static_cast<Section>(i + 1))) +
                           "': " + std::to_string(r.remaining()) + " bytes left over after its contents",
                       r.offset()};
  }
  if (auto error = check_flags_match(program, flags)) return *error;
  if (auto failure = pack::verify_located(program)) return PackError{failure->message, item_offset(*failure, spans)};
  return program;
}

} // namespace waymark::rt
