// Splits [0, count) into contiguous chunks run on std::threads (the machine has 2 cores and Eigen's own
// OpenMP mode was slower than this; see TOOLCHAIN.md). Used for work that is independent per signal.
#pragma once

#include <algorithm>
#include <thread>
#include <vector>

namespace unfold {

// Below this many signals per thread, starting a thread costs more than it saves (~20 us per thread
// against ~1.5 us of work per signal and iteration at n=64, m=256).
inline constexpr long kMinColumnsPerThread = 128;

inline int defaultThreadCount() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Calls body(begin, end) on disjoint ranges covering [0, count); chunks below minChunk stay on one thread.
template <typename Body>
void parallelFor(long count, long minChunk, const Body& body, int threads = 0) {
  if (threads <= 0) threads = defaultThreadCount();
  const long chunks = std::clamp<long>(count / std::max(1L, minChunk), 1, threads);
  if (chunks <= 1) {
    body(0L, count);
    return;
  }
  std::vector<std::thread> workers;
  const long size = (count + chunks - 1) / chunks;
  for (long c = 1; c < chunks; ++c) {
    const long begin = c * size, end = std::min(count, begin + size);
    if (begin < end) workers.emplace_back([&body, begin, end] { body(begin, end); });
  }
  body(0L, std::min(count, size));
  for (auto& w : workers) w.join();
}

}  // namespace unfold
