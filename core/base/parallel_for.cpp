#include "base/parallel_for.h"

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include <sched.h>

namespace unfold {

namespace {

thread_local bool insideWorker = false;

class WorkerPool {
 public:
  explicit WorkerPool(int workers) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this, i] { loop(i + 1); });
  }
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }
  int workers() const { return static_cast<int>(threads_.size()); }

  // False if the pool is in use by another thread (the caller then runs the work itself).
  bool tryRun(int chunks, const std::function<void(int)>& task) {
    std::unique_lock busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    {
      std::lock_guard lock(mutex_);
      task_ = &task;
      chunks_ = chunks;
      pending_ = std::min(chunks - 1, workers());
      ++generation_;
    }
    wake_.notify_all();
    insideWorker = true;
    for (int c = 0; c < chunks; c += workers() + 1) task(c);  // chunk 0 (and any beyond the pool) here
    insideWorker = false;
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    task_ = nullptr;
    return true;
  }

 private:
  void loop(int index) {
    insideWorker = true;
    long seen = 0;
    while (true) {
      const std::function<void(int)>* task;
      int chunks;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        task = task_;
        chunks = chunks_;
      }
      if (index >= chunks) continue;  // not needed for this job (pending_ did not count it)
      for (int c = index; c < chunks; c += workers() + 1) (*task)(c);
      {
        std::lock_guard lock(mutex_);
        --pending_;
      }
      done_.notify_one();
    }
  }

  std::vector<std::thread> threads_;
  std::mutex mutex_, busy_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* task_ = nullptr;
  int chunks_ = 0, pending_ = 0;
  long generation_ = 0;
  bool stop_ = false;
};

WorkerPool& pool() {
  static WorkerPool instance(defaultThreadCount() - 1);
  return instance;
}

}  // namespace

int defaultThreadCount() {
  static const int count = [] {
    if (const char* text = std::getenv("UNFOLD_THREADS")) {
      char* end = nullptr;
      const long value = std::strtol(text, &end, 10);
      if (end != text && *end == '\0' && value >= 1 && value <= 1024) return static_cast<int>(value);
    }
    cpu_set_t mask;
    if (sched_getaffinity(0, sizeof mask, &mask) == 0 && CPU_COUNT(&mask) > 0) return CPU_COUNT(&mask);
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }();
  return count;
}

void runChunks(int chunks, const std::function<void(int)>& task) {
  if (chunks <= 1 || insideWorker || defaultThreadCount() == 1 || !pool().tryRun(chunks, task)) {
    for (int c = 0; c < chunks; ++c) task(c);
  }
}

}  // namespace unfold
