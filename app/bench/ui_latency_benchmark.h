// How responsive the workbench stays while it computes: runs one experiment with solvers and network
// training in the real window (offscreen or on screen), measures the worst delay of the UI thread's
// event loop (a 5 ms timer and how late it fires), and times the same request on a bare SolverWorker
// whose snapshots go nowhere, to tell what the plots cost the computation (two alternating rounds, the
// fastest of each). Needs a QApplication.
#pragma once

#include "run/experiment_settings.h"

namespace unfold::ui {

struct UiLatencyResult {
  double worstLatencyMs = 0.0;    // largest lateness of the 5 ms timer during the windowed run
  double windowedSeconds = 0.0;   // the run with the window drawing every snapshot
  double headlessSeconds = 0.0;   // the same request, nothing drawn
  int redraws = 0;                // snapshots that reached the plots
  ExperimentSettings settings;
};

// The workload: solvers and two networks on a problem that keeps the worker busy for a few seconds
// (`quick`: well under a second).
ExperimentSettings latencyBenchmarkSettings(bool quick);
UiLatencyResult measureUiLatency(const ExperimentSettings& settings);

}  // namespace unfold::ui
