// Paces what a long computation shows of its progress: a progress line, a live plot, a checkpoint acts at
// most once per interval, whatever the speed of the steps, and at once when forced (the last step, a
// paused run the user looks at).
#pragma once

#include <chrono>

namespace unfold {

class ProgressThrottle {
 public:
  enum class First { Immediately, AfterInterval };
  explicit ProgressThrottle(std::chrono::milliseconds interval, First first = First::Immediately)
      : interval_(interval), acted_(first == First::AfterInterval), last_(Clock::now()) {}

  // True (and the interval restarts) if it is time to act, or if `force`.
  bool due(bool force = false) {
    const Clock::time_point now = Clock::now();
    if (acted_ && !force && now - last_ < interval_) return false;
    acted_ = true;
    last_ = now;
    return true;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::chrono::milliseconds interval_;
  bool acted_;  // false until the first time (First::Immediately)
  Clock::time_point last_;
};

}  // namespace unfold
