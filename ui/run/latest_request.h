// The hand-over between the UI thread and a worker that computes only the newest request: the UI posts
// a request, and a newer one makes the computation in progress superseded (it polls and gives up); the
// worker's loop takes the newest request until none is newer than the one it just answered. Each request
// carries a generation, which the worker's results echo so the UI can drop stale ones.
#pragma once

#include <QMutex>

#include <atomic>
#include <functional>
#include <optional>
#include <utility>

namespace unfold::ui {

template <typename Request>
class LatestRequest {
 public:
  // UI thread. Returns the request's generation; calls `wake` (which must queue the worker's loop) when
  // the worker is idle.
  quint64 post(const Request& request, const std::function<void()>& wake) {
    QMutexLocker lock(&mutex_);
    pending_ = request;
    cancelled_.store(false);
    stopRequested_.store(false);
    const quint64 generation = ++generation_;
    if (!busy_) {
      busy_ = true;
      wake();
    }
    return generation;
  }
  // UI thread, on close: forgets the pending request and supersedes the running one.
  void cancel() {
    QMutexLocker lock(&mutex_);
    cancelled_.store(true);
    ++generation_;
  }
  // The user's Stop: the running computation ends where it is and says so (it polls stopRequested()).
  void stop() { stopRequested_.store(true); }
  bool stopRequested() const { return stopRequested_.load(); }
  bool superseded(quint64 generation) const { return generation_.load() != generation || cancelled_.load(); }

  // Worker thread: the newest request and its generation, or nothing after a cancel (the worker is idle).
  std::optional<std::pair<Request, quint64>> take() {
    QMutexLocker lock(&mutex_);
    if (cancelled_.load()) {
      busy_ = false;
      return std::nullopt;
    }
    return std::make_pair(pending_, generation_.load());
  }
  // Worker thread, once `generation` is answered: true (and the worker is idle) when nothing newer waits.
  bool answered(quint64 generation) {
    QMutexLocker lock(&mutex_);
    if (generation_.load() != generation && !cancelled_.load()) return false;
    busy_ = false;
    return true;
  }

 private:
  QMutex mutex_;
  Request pending_;
  bool busy_ = false;  // the worker's loop is queued or running (guarded by mutex_)
  std::atomic<quint64> generation_{0};
  std::atomic<bool> cancelled_{false}, stopRequested_{false};
};

}  // namespace unfold::ui
