// Runs the solvers for the GUI on its own thread, in the pattern of Qt's Mandelbrot example: the UI
// thread posts the newest settings under a mutex and bumps a generation counter; the worker runs the
// latest settings and abandons a run (within one iteration) as soon as a newer request or a cancel
// arrives. Results leave as ConvergenceSnapshot values through queued signals, tagged with the
// generation they answer, so the UI never shows a stale result. Partial snapshots are sent at most
// every 40 ms while a run is going.
#pragma once

#include "convergence_snapshot.h"
#include "experiment_settings.h"

#include <QMutex>
#include <QObject>

#include <atomic>

namespace unfold::ui {

class SolverWorker : public QObject {
  Q_OBJECT
 public:
  // Called from the UI thread. Returns the generation of this request.
  quint64 requestRun(const ExperimentSettings& settings);
  // Stops the current run and forgets queued ones (UI thread; also used on close).
  void cancel();

 signals:
  void snapshotReady(const unfold::ui::ConvergenceSnapshot& snapshot);
  void failed(quint64 generation, const QString& message);
  void finished(quint64 generation);  // the request of this generation is done (or was superseded)

 private:
  Q_INVOKABLE void process();
  void run(const ExperimentSettings& settings, quint64 generation);
  bool superseded(quint64 generation) const { return generation_.load() != generation || cancelled_.load(); }

  QMutex mutex_;
  ExperimentSettings pending_;
  bool busy_ = false;  // a process() call is queued or running (guarded by mutex_)
  std::atomic<quint64> generation_{0};
  std::atomic<bool> cancelled_{false};
};

}  // namespace unfold::ui
