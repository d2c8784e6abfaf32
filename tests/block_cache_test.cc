#include "block_cache.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <set>
#include <thread>
#include <vector>

namespace bc = ag::block_cache;

namespace {

// Blocks of every cached size and a few larger ones, each filled with its own byte.
std::vector<std::pair<unsigned char*, std::size_t>> fill_blocks(std::size_t rounds) {
  std::vector<std::pair<unsigned char*, std::size_t>> blocks;
  for (std::size_t r = 0; r < rounds; ++r) {
    for (std::size_t size = 0; size <= bc::kMaxBlock + 64; size += 7) {
      auto* p = static_cast<unsigned char*>(::operator new(size));
      std::memset(p, static_cast<int>(blocks.size() % 251), size);
      blocks.emplace_back(p, size);
    }
  }
  return blocks;
}

bool intact(const std::vector<std::pair<unsigned char*, std::size_t>>& blocks) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const auto [p, size] = blocks[i];
    for (std::size_t b = 0; b < size; ++b) {
      if (static_cast<std::size_t>(p[b]) != i % 251) return false;
    }
  }
  return true;
}

void release(const std::vector<std::pair<unsigned char*, std::size_t>>& blocks) {
  for (const auto& [p, size] : blocks) ::operator delete(p);
}

}  // namespace

TEST_CASE("freed blocks are handed out again whole, without overlapping live ones") {
  release(fill_blocks(3));
  // The second generation reuses the first one's blocks: were a block handed out smaller
  // than asked, or twice, the fills would overwrite each other.
  const auto blocks = fill_blocks(3);
  REQUIRE(intact(blocks));
  std::set<unsigned char*> distinct;
  for (const auto& [p, size] : blocks) distinct.insert(p);
  REQUIRE(distinct.size() == blocks.size());
  release(blocks);
}

TEST_CASE("a freed small block waits in the thread's cache; a large one goes back to malloc") {
  void* small = ::operator new(100);
  const std::size_t before = bc::cached_bytes();
  ::operator delete(small);
  REQUIRE(bc::cached_bytes() > before);
  REQUIRE(::operator new(100) == small);  // the same class takes it back
  REQUIRE(bc::cached_bytes() == before);
  ::operator delete(small, 100);  // a sized delete files it under the same class
  REQUIRE(::operator new(97) == small);
  ::operator delete(small);

  void* large = ::operator new(bc::kMaxBlock * 4);
  const std::size_t with_small = bc::cached_bytes();
  ::operator delete(large);
  REQUIRE(bc::cached_bytes() == with_small);
}

TEST_CASE("a thread keeps at most kMaxBytes") {
  std::vector<void*> blocks;
  for (std::size_t kept = 0; kept < 2 * bc::kMaxBytes; kept += 1024) {
    blocks.push_back(::operator new(1024));
  }
  for (void* p : blocks) ::operator delete(p);
  REQUIRE(bc::cached_bytes() <= bc::kMaxBytes);
  REQUIRE(bc::cached_bytes() > bc::kMaxBytes / 2);
}

TEST_CASE("blocks freed by another thread, and threads that end, are fine") {
  std::vector<void*> made(1000);
  for (void*& p : made) p = ::operator new(48);
  std::thread([&] {
    for (void* p : made) ::operator delete(p);  // kept by this thread, freed when it ends
    const auto blocks = fill_blocks(1);
    REQUIRE(intact(blocks));
    release(blocks);
  }).join();
  const auto blocks = fill_blocks(1);
  REQUIRE(intact(blocks));
  release(blocks);
}

TEST_CASE("a failed allocation calls the new-handler, then throws bad_alloc") {
  static int calls = 0;
  calls = 0;
  std::set_new_handler([] {
    ++calls;
    std::set_new_handler(nullptr);  // the next failure throws
  });
  const std::size_t impossible = std::numeric_limits<std::size_t>::max() / 2;
  REQUIRE_THROWS_AS(::operator new(impossible), std::bad_alloc);
  REQUIRE(calls == 1);
}
