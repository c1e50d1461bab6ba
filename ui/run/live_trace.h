// The observer a workbench solver run reports to: it records the trace (cost, gap quantiles) and the
// inspector's details (iterates, L_S/L, OISTA's rejected steps, the (|S|/m, L_S/L) cloud) of the first
// signals, passes the run gate once per iterate (pause and step) and stops the solver when the request
// is abandoned. The solvers run side by side on their own threads while the worker reads the traces to
// send partial results, so every read and write of the recorded data holds the trace's mutex.
#pragma once

#include "lasso/solver.h"
#include "lasso/trace_recorder.h"
#include "run/convergence_snapshot.h"
#include "run/run_gate.h"

#include <QMutex>

#include <functional>
#include <limits>
#include <memory>

namespace unfold::ui {

class LiveTrace : public TraceRecorder {
 public:
  LiveTrace(Algorithm algorithm, const Dictionary& d, Vector fStar, double lambda, int iterations, int inspected,
            RunGate& gate, std::function<bool()> abandoned);
  bool onIteration(const IterationState& state) override;

  // The iterates t < upTo recorded so far (all of them by default), the iterates shared (no copy).
  ConvergenceCurve curve(int upTo = std::numeric_limits<int>::max()) const;
  int iterationsRecorded() const;
  Algorithm algorithm() const { return algorithm_; }

 private:
  void record(const IterationState& state);

  Algorithm algorithm_;
  double L_;
  int iterations_, inspected_;
  SupportLipschitzTracker tracker_;
  RunGate& gate_;
  std::function<bool()> abandoned_;
  mutable QMutex mutex_;
  ConvergenceCurve detail_;  // all but the trace rows, which TraceRecorder keeps
  std::shared_ptr<IterateHistory> history_;
  int sampleEvery_ = 1;
  long sampleCounter_ = 0;
  QVector<int> samplesBy_;  // per iteration t: the cloud's samples taken up to and including t
};

// How many signals the inspector keeps iterate by iteration (fewer on long runs, so that the iterates
// kept stay under ~4 million values, ~32 MB).
int inspectedSignals(Eigen::Index signalCount, int atoms, int iterations);

}  // namespace unfold::ui
