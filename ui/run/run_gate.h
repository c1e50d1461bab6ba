// Pause, resume and single-step for a run, shared by the UI thread (which presses the buttons) and the
// computations (which pass through the gate once per iterate or training step). The gate counts in
// "ticks": iteration t of the solvers, which run side by side, or step k of a network's training. While
// paused, a computation may pass tick k only if k <= limit; pausing sets the limit to the tick the
// slowest computation has reached, so everything stops at once (a fast solver's lead stays where it was
// rather than the slow ones running on for seconds after Space) and the run is paused at the t that every
// solver has reached; a step raises the limit by one, so the slowest move first. Waiting wakes up every
// 20 ms to ask whether the run was abandoned, so that Stop and a new request take effect at once even
// when paused.
#pragma once

#include <QMutex>
#include <QWaitCondition>

#include <functional>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace unfold::ui {

class RunGate {
 public:
  RunGate();
  // With a clock of its own (milliseconds, monotonic): tests drive time by hand.
  explicit RunGate(std::function<qint64()> milliseconds);

  // UI thread.
  void pause();
  void resume();
  void step();
  bool paused() const;
  // As a run is requested: how it is to start, paused at tick `limit` (Reset: 0) or running. Until the
  // computation's restart() takes it, pause, resume and step act on that start: a key pressed right after
  // Reset or a change is not lost to the run that the request ends.
  void prepare(bool paused, int limit = 0);
  // Computation thread, as the requested run starts: the prepared start, else running.
  void restart();
  // Seconds since restart() that the run was not paused (single steps while paused count as paused):
  // what "elapsed" and "done in" say. Any thread.
  double runningSeconds() const;
  double pausedSeconds() const;  // since restart(), the time runningSeconds() leaves out

  // Computation threads: blocks while this tick is held back; returns false if `abandoned` said so.
  bool pass(int tick, const std::function<bool()>& abandoned);
  // A new sequence of ticks starts (the next network's training): paused runs stop at its tick 0, unless
  // nothing passed the gate since restart() (the run's first phase keeps the limit it started with).
  void beginPhase();

 private:
  mutable QMutex mutex_;
  QWaitCondition wake_;
  int slowestReached() const;  // mutex held
  qint64 pausedMs(qint64 now) const;  // mutex held: since restart(), paused

  bool paused_ = false;
  int limit_ = 0;
  struct Start {
    bool paused = false;
    int limit = 0;
  };
  std::optional<Start> prepared_;  // the requested run's start, until restart() takes it
  bool passedAny_ = false;       // a computation passed a tick since restart()
  std::function<qint64()> now_;  // milliseconds
  qint64 startMs_ = -1;          // on now_, at restart(); -1: never started
  qint64 pausedMs_ = 0;          // paused time before pausedSinceMs_
  qint64 pausedSinceMs_ = 0;     // on now_, while paused_
  std::vector<std::pair<std::thread::id, int>> reached_;  // per computation thread: the last tick it passed
};

}  // namespace unfold::ui
