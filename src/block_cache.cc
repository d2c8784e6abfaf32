// The replaceable global operator new and delete ([new.delete.single]) with a per-thread
// cache of small blocks in front of malloc: see block_cache.h for why. Blocks come from
// malloc and go back to free; in between, a freed block waits on a list of its size class
// for the next allocation of that class on the thread that freed it.
#include "block_cache.h"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace ag::block_cache {
namespace {

// Class c holds blocks of at least c * kGrain bytes; 0 is unused.
constexpr std::size_t kClasses = kMaxBlock / kGrain + 1;

// Plain data, so that it outlives every thread_local destructor of its thread: a delete in
// one of those still finds it (and, once drained, frees directly).
struct Cache {
  void* head[kClasses];  // singly linked through each block's first word
  std::size_t bytes;
  bool drained;  // the thread is ending: nothing more is kept
};
thread_local Cache cache;

void drain() {
  cache.drained = true;
  for (void*& head : cache.head) {
    while (void* block = head) {
      head = *static_cast<void**>(block);
      std::free(block);
    }
  }
  cache.bytes = 0;
}

// Frees the cache's blocks when its thread ends; registered by the first block kept.
struct Drainer {
  bool armed = false;
  ~Drainer() { drain(); }
};
thread_local Drainer drainer;

// malloc, calling the new-handler until it succeeds or there is none ([new.delete.single]).
void* allocate(std::size_t size) {
  for (;;) {
    if (void* block = std::malloc(size)) return block;
    const std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

// The class of a request of `size` bytes (at most kMaxBlock); 0 bytes take one grain.
std::size_t class_of(std::size_t size) { return size == 0 ? 1 : (size + kGrain - 1) / kGrain; }

// Keeps a block of class c (0 when it has none) or gives it back to malloc.
void release(void* block, std::size_t c) noexcept {
  if (c == 0 || c >= kClasses || cache.drained || cache.bytes + c * kGrain > kMaxBytes) {
    std::free(block);
    return;
  }
  if (!drainer.armed) drainer.armed = true;  // first use on this thread: registers the drain
  *static_cast<void**>(block) = cache.head[c];
  cache.head[c] = block;
  cache.bytes += c * kGrain;
}

}  // namespace

std::size_t cached_bytes() { return cache.bytes; }

}  // namespace ag::block_cache

void* operator new(std::size_t size) {
  using namespace ag::block_cache;
  if (size > kMaxBlock) return allocate(size);
  const std::size_t c = class_of(size);
  if (void* block = cache.head[c]) {
    cache.head[c] = *static_cast<void**>(block);
    cache.bytes -= c * kGrain;
    return block;
  }
  // The whole class, so that the block serves any request of its class when it comes back.
  return allocate(c * kGrain);
}

void operator delete(void* block) noexcept {
  using namespace ag::block_cache;
  // The class the block can serve: malloc may have given more than was asked.
  if (block) release(block, malloc_usable_size(block) / kGrain);
}

// The size asked for names the block's class as operator new chose it, without asking
// malloc: most deletes of C++ objects pass it.
void operator delete(void* block, std::size_t size) noexcept {
  using namespace ag::block_cache;
  if (!block) return;
  if (size > kMaxBlock) {
    std::free(block);
  } else {
    release(block, class_of(size));
  }
}
