#include "run/run_gate.h"

#include <algorithm>

namespace unfold::ui {

void RunGate::pause() {
  QMutexLocker lock(&mutex_);
  if (paused_) return;
  paused_ = true;
  limit_ = reached_;
}

void RunGate::resume() {
  QMutexLocker lock(&mutex_);
  paused_ = false;
  wake_.wakeAll();
}

void RunGate::step() {
  QMutexLocker lock(&mutex_);
  if (!paused_) {  // a step while running pauses right after the next tick
    paused_ = true;
    limit_ = reached_;
  }
  limit_ = std::max(limit_, reached_) + 1;
  wake_.wakeAll();
}

bool RunGate::paused() const {
  QMutexLocker lock(&mutex_);
  return paused_;
}

void RunGate::restart(bool paused) {
  QMutexLocker lock(&mutex_);
  paused_ = paused;
  limit_ = reached_ = 0;
  wake_.wakeAll();
}

void RunGate::beginPhase() {
  QMutexLocker lock(&mutex_);
  reached_ = 0;
  if (paused_) limit_ = 0;
}

bool RunGate::pass(int tick, const std::function<bool()>& abandoned) {
  QMutexLocker lock(&mutex_);
  while (paused_ && tick > limit_) {
    if (abandoned()) return false;
    wake_.wait(&mutex_, 20);
  }
  reached_ = std::max(reached_, tick);
  return !abandoned();
}

}  // namespace unfold::ui
