#pragma once
// 64-bit FNV-1a: the runtime's one hash, for interning text and for pack checksums.
// The runtime uses only the standard library (deployments embed it), so no xxhash here.
#include <cstddef>
#include <cstdint>

namespace waymark::rt {

inline uint64_t hash_bytes(const void* data, size_t size, uint64_t seed = 0xcbf29ce484222325ull) noexcept {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = seed;
  for (size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

} // namespace waymark::rt
