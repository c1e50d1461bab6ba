#include "io/temporary_files.h"

#include <atomic>
#include <unistd.h>

namespace unfold {

namespace {
constexpr int kSlots = 64;
std::atomic<const char*> registered[kSlots];
static_assert(std::atomic<const char*>::is_always_lock_free, "a signal handler may only read lock-free atomics");
}  // namespace

void registerTemporary(const char* path) {
  for (auto& slot : registered) {
    const char* empty = nullptr;
    if (slot.compare_exchange_strong(empty, path)) return;
  }
}

void forgetTemporary(const char* path) {
  for (auto& slot : registered) {
    const char* expected = path;
    if (slot.compare_exchange_strong(expected, nullptr)) return;
  }
}

void removeRegisteredTemporaries() noexcept {
  for (auto& slot : registered)
    if (const char* path = slot.load()) ::unlink(path);
}

}  // namespace unfold
