// A per-thread cache of small freed blocks in front of malloc, installed by replacing the
// global operator new and delete (block_cache.cc; left out of sanitizer builds, whose own
// allocator must see every free).
//
// Why: compiling a manifest builds and drops whole trees (the YAML document, the resource
// graph, each target's document) of many small nodes, thousands of blocks a manifest.
// glibc keeps only 7 freed blocks of a size in its per-thread cache, a count only the
// GLIBC_TUNABLES environment variable changes, so most of those frees and the allocations
// after them take malloc's slow paths: a fifth of the instructions of a render. Keeping up
// to kMaxBytes of them here, per thread, for the next allocation of their size class takes
// 15% off the instructions of a render of many manifests (bench/README.md).
#pragma once

#include <cstddef>

namespace ag::block_cache {

// Blocks of up to kMaxBlock bytes are cached, by size classes kGrain bytes apart.
inline constexpr std::size_t kGrain = 16;
inline constexpr std::size_t kMaxBlock = 2048;
// What one thread keeps at most; above it a freed block goes back to malloc.
inline constexpr std::size_t kMaxBytes = std::size_t{4} << 20;

// The bytes this thread's cache holds now (for tests).
std::size_t cached_bytes();

}  // namespace ag::block_cache
