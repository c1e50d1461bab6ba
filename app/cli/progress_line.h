// One line of progress on stderr. Quiet for the first 2 s (a quick command prints only its result) unless
// the user asked for progress from the start. On a terminal the line is rewritten in place at most 5 times
// a second; elsewhere (a log file, a pipe, a batch job's output) each update is a line of its own, at most
// one every 10 s, so that a log holds a readable history rather than one line of carriage returns.
#pragma once

#include "lasso/reference_solver.h"

#include <chrono>
#include <ostream>
#include <string>

namespace unfold::cli {

class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool fromTheStart);
  // Whether show(…, last) would print now: a caller skips formatting a line no one will see.
  bool due(bool last = false) const;
  // Shows `text` if due; `last` (the final state of a phase) ignores the rate, not the quiet start.
  void show(const std::string& text, bool last = false);
  // Ends the line on a terminal (a newline) if anything was shown. A phase that ended before its last
  // step (stopped early, Ctrl-C) gives its final state as `finalText`: shown, if not the line last shown,
  // wherever show(…, true) would show it (a log's last line says where the phase ended).
  void finish(const std::string& finalText = {});
  double seconds() const;
  // For solveReference: "reference: 512/10000 signals" and the hard ones' long runs.
  std::function<bool(const ReferenceProgress&)> referenceReporter();

 private:
  std::ostream& err_;
  bool fromTheStart_;
  bool terminal_;  // err is the process's stderr and that is a terminal
  bool shown_ = false;  // on a terminal: a line waits for its newline
  std::string lastShown_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

}  // namespace unfold::cli
