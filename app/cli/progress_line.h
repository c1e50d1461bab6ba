// One line of progress on stderr, rewritten in place at most 5 times a second. Quiet for the first 2 s
// (a quick command prints only its result) unless the user asked for progress from the start.
#pragma once

#include "lasso/reference_solver.h"

#include <chrono>
#include <ostream>
#include <string>

namespace unfold::cli {

class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool fromTheStart);
  // Shows `text` unless the line was rewritten less than 0.2 s ago (or it is still the quiet start);
  // `last` always shows (the final state of a phase).
  void show(const std::string& text, bool last = false);
  // Ends the line (a newline) if anything was shown.
  void finish();
  double seconds() const;
  // For solveReference: "reference: 512/10000 signals" and the hard ones' long runs.
  std::function<bool(const ReferenceProgress&)> referenceReporter();

 private:
  std::ostream& err_;
  bool fromTheStart_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

}  // namespace unfold::cli
