#pragma once
// Bytes that live as long as one record: normalised codes and converted text. Blocks are kept and
// reused from record to record and never move, so pointers into them stay valid until reset().
#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace waymark::rt {

class RecordArena {
public:
  // Room for n bytes; call commit() with how many were used.
  char* space(size_t n) {
    while (block_ < blocks_.size()) {
      if (blocks_[block_].size - used_ >= n) return blocks_[block_].bytes.get() + used_;
      ++block_;
      used_ = 0;
    }
    const size_t size = std::max<size_t>(kBlock, n);
    blocks_.push_back(Block{std::make_unique<char[]>(size), size});
    return blocks_.back().bytes.get();
  }
  void commit(size_t n) { used_ += n; }
  void reset() { block_ = used_ = 0; }

private:
  static constexpr size_t kBlock = 64 * 1024;
  struct Block {
    std::unique_ptr<char[]> bytes;
    size_t size;
  };
  std::vector<Block> blocks_;
  size_t block_ = 0, used_ = 0;
};

} // namespace waymark::rt
