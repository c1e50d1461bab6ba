// Splits [0, count) into contiguous chunks run on a persistent pool of worker threads (on the 2-core
// machine the project is built for, Eigen's own OpenMP mode was slower than one thread). Persistent
// threads keep their thread_local scratch buffers between calls, so hot loops do not allocate. A call made
// from inside a worker, or while another thread uses the pool, runs serially on the caller: no deadlock.
#pragma once

#include <algorithm>
#include <functional>

namespace unfold {

// Below this many signals per thread, handing work to another thread costs more than it saves.
inline constexpr long kMinColumnsPerThread = 128;

// Column chunks start at multiples of this many columns. Eigen's matrix products compute columns in groups (of 4
// with AVX) and any left over by another path, so a column's last bits depend on its place in its chunk
// modulo the group: with every chunk starting on a group, each column gets the same bits whatever the
// thread count (the last, partial group is the same at any split).
inline constexpr long kColumnGroup = 8;

// The cores this process may use: UNFOLD_THREADS if set (1..1024; a cluster job sets it to the CPUs it
// was given), else the CPUs in this process's affinity mask (what taskset or a batch system grants).
int defaultThreadCount();

// Runs task(chunk) for chunk = 0..chunks-1, chunk 0 on the calling thread. Returns when all are done.
void runChunks(int chunks, const std::function<void(int)>& task);

// Calls body(begin, end) on disjoint ranges covering [0, count); chunks below minChunk stay on one
// thread. `threads` <= 0: all cores. The split depends only on count, minChunk and threads; every range
// starts at a multiple of `granule` (1 where the units are not a matrix's columns).
template <typename Body>
void parallelFor(long count, long minChunk, const Body& body, int threads = 0, long granule = kColumnGroup) {
  if (threads <= 0) threads = defaultThreadCount();
  const long chunks = std::clamp<long>(count / std::max(1L, minChunk), 1, threads);
  if (chunks <= 1) {
    if (count > 0) body(0L, count);
    return;
  }
  const long size = ((count + chunks - 1) / chunks + granule - 1) / granule * granule;
  runChunks(static_cast<int>(chunks), [&](int chunk) {
    const long begin = chunk * size, end = std::min(count, begin + size);
    if (begin < end) body(begin, end);
  });
}

}  // namespace unfold
