// Pause, resume and single-step for a run, shared by the UI thread (which presses the buttons) and the
// computations (which pass through the gate once per iterate or training step). The gate counts in
// "ticks": iteration t of the solvers, which run side by side, or step k of a network's training. While
// paused, a computation may pass tick k only if k <= limit; pausing sets the limit to the furthest tick
// reached, so solvers that were behind catch up and all stop on the same iteration; a step raises the
// limit by one. Waiting wakes up every 20 ms to ask whether the run was abandoned, so that Stop and a
// new request take effect at once even when paused.
#pragma once

#include <QMutex>
#include <QWaitCondition>

#include <functional>

namespace unfold::ui {

class RunGate {
 public:
  // UI thread.
  void pause();
  void resume();
  void step();
  bool paused() const;
  // Starts a run paused at tick 0 (Reset), or running.
  void restart(bool paused);

  // Computation threads: blocks while this tick is held back; returns false if `abandoned` said so.
  bool pass(int tick, const std::function<bool()>& abandoned);
  // A new sequence of ticks starts (the next network's training): paused runs stop at its tick 0.
  void beginPhase();

 private:
  mutable QMutex mutex_;
  QWaitCondition wake_;
  bool paused_ = false;
  int limit_ = 0, reached_ = 0;
};

}  // namespace unfold::ui
