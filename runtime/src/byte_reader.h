#pragma once
// Bounds-checked little-endian reading of one region of a rule pack, for pack_reader.cpp.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "waymark/runtime/pack.h"

namespace waymark::rt::pack {

// Reads little-endian values from one region of the pack. The first failure is kept; after it every read
// gives zero and moves nowhere, so the parsers below need not check after every field, only before they
// allocate or loop (counts already are checked against the bytes left, so loops are bounded anyway).
class ByteReader {
public:
  ByteReader(std::span<const uint8_t> bytes, size_t base, std::string prefix)
      : bytes_(bytes), base_(base), prefix_(std::move(prefix)) {}

  bool ok() const { return !error_; }
  const std::optional<PackError> &error() const { return error_; }
  size_t remaining() const { return bytes_.size() - pos_; }
  size_t offset() const { return base_ + pos_; }
  // Names the item being read, for messages: "rule 3: ...", or a part of the section: "outputs: ...".
  void at(const char *kind, uint64_t index) {
    kind_ = kind;
    index_ = index;
    indexed_ = true;
  }
  void about(const char *part) {
    kind_ = part;
    indexed_ = false;
  }

  void fail(const std::string &detail) { fail_at(detail, offset()); }

  uint8_t u8() { return static_cast<uint8_t>(little_endian(1)); }
  uint16_t u16() { return static_cast<uint16_t>(little_endian(2)); }
  uint32_t u32() { return static_cast<uint32_t>(little_endian(4)); }
  uint64_t u64() { return little_endian(8); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  double f64() { return std::bit_cast<double>(u64()); }

  bool flag(const char *what) {
    uint8_t value = u8();
    if (value > 1) fail(std::string(what) + " is " + std::to_string(value) + ", not 0 or 1");
    return value == 1;
  }

  // A count of items that each take at least `min_bytes` bytes: refused when they cannot all fit, so a
  // corrupt count never makes a large allocation.
  uint32_t count(uint64_t min_bytes, const char *what) {
    size_t at = offset();
    uint32_t n = u32();
    if (ok() && uint64_t{n} * min_bytes > remaining()) {
      fail_at(std::to_string(n) + " " + what + " need at least " + std::to_string(uint64_t{n} * min_bytes) +
                  " bytes, but only " + std::to_string(remaining()) + " remain",
              at);
      return 0;
    }
    return ok() ? n : 0;
  }

  std::string str() {
    uint32_t size = count(1, "bytes of text");
    if (!ok()) return {};
    std::string text(reinterpret_cast<const char *>(bytes_.data() + pos_), size);
    pos_ += size;
    return text;
  }

  std::vector<uint32_t> ids(const char *what) {
    uint32_t n = count(4, what);
    std::vector<uint32_t> out;
    out.reserve(n);
    for (uint32_t i = 0; i < n && ok(); ++i) out.push_back(u32());
    return out;
  }

  SourceLocation location() {
    SourceLocation at;
    at.source = u32();
    at.line = u32();
    at.column = u32();
    at.length = u32();
    return at;
  }

  ValueType type() {
    ValueType type{static_cast<BaseType>(u8())};
    type.list = flag("the list flag");
    return type;
  }

  // An automaton over `symbols` symbols: start, states, a byte per state, then states * symbols entries.
  template <class Automaton>
  Automaton automaton(uint32_t symbols) {
    Automaton automaton;
    automaton.start = u32();
    uint32_t states = count(1 + 4 * uint64_t{symbols}, "automaton states");
    automaton.accept_end.reserve(states);
    for (uint32_t i = 0; i < states && ok(); ++i) automaton.accept_end.push_back(u8());
    automaton.next.reserve(uint64_t{states} * symbols);
    for (uint64_t i = 0; i < uint64_t{states} * symbols && ok(); ++i) automaton.next.push_back(u32());
    return automaton;
  }

private:
  void fail_at(const std::string &detail, size_t at) {
    if (error_) return;
    std::string where;
    if (kind_) where = std::string(kind_) + (indexed_ ? " " + std::to_string(index_) : std::string()) + ": ";
    error_ = PackError{prefix_ + where + detail, at};
  }

  uint64_t little_endian(size_t size) {
    if (error_) return 0;
    if (remaining() < size) {
      fail("ends early: " + std::to_string(size) + " more bytes needed, " + std::to_string(remaining()) + " left");
      return 0;
    }
    uint64_t value = 0;
    for (size_t i = 0; i < size; ++i) value |= uint64_t{bytes_[pos_ + i]} << (8 * i);
    pos_ += size;
    return value;
  }

  std::span<const uint8_t> bytes_;
  size_t base_;
  size_t pos_ = 0;
  std::string prefix_;
  const char *kind_ = nullptr;
  uint64_t index_ = 0;
  bool indexed_ = false;
  std::optional<PackError> error_;
};

} // namespace waymark::rt::pack
