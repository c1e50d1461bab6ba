// What the status bar says about a run, from the snapshot shown and the window's run controls: the
// problem, L, lambda_max, the best F - F*, and where the run is (computing F*, t of T, training step k
// of K with an ETA, paused, done, stopped and at which t, or why it was refused), and why a trained network
// collapsed to z = 0. One function of its inputs, so that what the status bar says can be tested against
// the plots' snapshot.
#pragma once

#include "run/convergence_snapshot.h"

#include <QString>

namespace unfold::ui {

// Between the status's parts, which a narrow status bar drops from the end (StatusLine).
inline constexpr const char* kStatusSeparator = "   ·   ";

struct RunControls {
  bool running = false, paused = false, stopping = false;
  double elapsedSeconds = 0.0;  // the window's clock since the request (the snapshot's may be older)
  QString failure;              // the latest request was refused: why
  bool median = false;          // the cost plot shows the median over the signals, not the mean
  QString startedOver;           // why this run started over, said while it stands where it started
};

struct RunStatus {
  QString text;
  double progress = -1.0;  // 0..1 for the progress bar, or < 0 to hide it
  QString progressLabel;
};

// `current`: the snapshot answers the latest request (false while a new request has nothing to show).
RunStatus describeRun(const ConvergenceSnapshot& snapshot, bool current, const RunControls& controls);

// F - F* for people: rounding below 1e-15 (or below zero) said as such, not "-2.00e-17".
QString formatGap(double gap);
QString formatDuration(double seconds);

}  // namespace unfold::ui
