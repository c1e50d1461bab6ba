// Runs the solvers for the GUI, on its own QThread: settings come in through a queued slot, results go
// out as ConvergenceSnapshot values through a queued signal. Cancellation is an atomic flag the solver's
// observer polls at every iteration, so stop() takes effect within one iteration.
#pragma once

#include "convergence_snapshot.h"

#include <QObject>

#include <atomic>

namespace unfold::ui {

struct ConvergenceSettings {
  int n = 10, m = 50;
  int signalCount = 1;
  double lambda = 0.5;
  int iterations = 200;
  quint64 seed = 0;
};

class SolverWorker : public QObject {
  Q_OBJECT
 public:
  // Thread-safe, called from the UI thread: cancel() stops the current and any queued run; rearm()
  // before queuing a new run. (Resetting the flag when a run starts would lose a cancel issued while
  // the run was still queued, e.g. by closing the window right after starting.)
  void cancel() { cancelled_.store(true); }
  void rearm() { cancelled_.store(false); }

 public slots:
  void runConvergence(const unfold::ui::ConvergenceSettings& settings);

 signals:
  void convergenceReady(const unfold::ui::ConvergenceSnapshot& snapshot);
  void failed(const QString& message);
  void finished();

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::ConvergenceSettings)
