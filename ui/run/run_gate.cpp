#include "run/run_gate.h"

#include <QElapsedTimer>

#include <algorithm>
#include <memory>

namespace unfold::ui {

RunGate::RunGate() : RunGate([clock = std::make_shared<QElapsedTimer>()] {
                       if (!clock->isValid()) clock->start();
                       return clock->elapsed();
                     }) {}

RunGate::RunGate(std::function<qint64()> milliseconds) : now_(std::move(milliseconds)) {}

int RunGate::slowestReached() const {
  int slowest = -1;
  for (const auto& [thread, tick] : reached_) slowest = slowest < 0 ? tick : std::min(slowest, tick);
  return std::max(slowest, 0);
}

void RunGate::pause() {
  QMutexLocker lock(&mutex_);
  if (prepared_) {
    prepared_->paused = true;
    return;
  }
  if (paused_) return;
  paused_ = true;
  pausedSinceMs_ = now_();
  limit_ = slowestReached();
}

void RunGate::resume() {
  QMutexLocker lock(&mutex_);
  if (prepared_) {
    prepared_->paused = false;
    return;
  }
  if (paused_) pausedMs_ += now_() - pausedSinceMs_;
  paused_ = false;
  wake_.wakeAll();
}

void RunGate::step() {
  QMutexLocker lock(&mutex_);
  if (prepared_) {  // as below, nothing having passed yet
    if (!prepared_->paused) prepared_ = Start{true, 0};
    ++prepared_->limit;
    return;
  }
  if (!paused_) {  // a step while running pauses right after the slowest computation's next tick
    paused_ = true;
    pausedSinceMs_ = now_();
    limit_ = slowestReached();
  }
  limit_ = std::max(limit_, slowestReached()) + 1;
  wake_.wakeAll();
}

bool RunGate::paused() const {
  QMutexLocker lock(&mutex_);
  return prepared_ ? prepared_->paused : paused_;
}

void RunGate::prepare(bool paused, int limit) {
  QMutexLocker lock(&mutex_);
  prepared_ = Start{paused, limit};
}

void RunGate::restart() {
  QMutexLocker lock(&mutex_);
  const Start start = prepared_.value_or(Start{});
  prepared_.reset();
  paused_ = start.paused;
  startMs_ = now_();
  pausedMs_ = 0;
  pausedSinceMs_ = startMs_;
  limit_ = start.limit;
  reached_.clear();
  passedAny_ = false;
  wake_.wakeAll();
}

qint64 RunGate::pausedMs(qint64 now) const { return pausedMs_ + (paused_ ? now - pausedSinceMs_ : 0); }

double RunGate::runningSeconds() const {
  QMutexLocker lock(&mutex_);
  if (startMs_ < 0 || prepared_) return 0.0;  // not started, or the new run not yet
  const qint64 now = now_();
  return double(now - startMs_ - pausedMs(now)) / 1000.0;
}

double RunGate::pausedSeconds() const {
  QMutexLocker lock(&mutex_);
  if (startMs_ < 0 || prepared_) return 0.0;
  return double(pausedMs(now_())) / 1000.0;
}

void RunGate::beginPhase() {
  QMutexLocker lock(&mutex_);
  reached_.clear();
  // Before any tick of the run passed, the limit it started with (and any steps since) is this phase's:
  // F10 on a finished run whose only work is training takes that training's first step.
  if (paused_ && passedAny_) limit_ = 0;
}

bool RunGate::pass(int tick, const std::function<bool()>& abandoned) {
  QMutexLocker lock(&mutex_);
  while (paused_ && tick > limit_) {
    if (abandoned()) return false;
    wake_.wait(&mutex_, 20);
  }
  passedAny_ = true;
  const std::thread::id self = std::this_thread::get_id();
  const auto mine = std::find_if(reached_.begin(), reached_.end(), [&](const auto& r) { return r.first == self; });
  if (mine == reached_.end())
    reached_.emplace_back(self, tick);
  else
    mine->second = std::max(mine->second, tick);
  return !abandoned();
}

}  // namespace unfold::ui
