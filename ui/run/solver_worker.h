// Runs the workbench's computations on its own thread, in the pattern of Qt's Mandelbrot example: the
// UI thread posts the newest request under a mutex and bumps a generation counter; the worker runs the
// latest request and abandons a run (within one iteration or one layer's work) as soon as a newer
// request or a cancel arrives. A run: build the problem, solve it to certified precision (F*), run the
// chosen solvers side by side, then train the chosen networks one after the other. Results leave as
// ConvergenceSnapshot values through queued signals, tagged with the generation and the settings they
// answer, so the UI never shows a stale result; partial snapshots are sent at most every 40 ms, the last
// one as soon as the solvers end. Pause, resume and step go through a RunGate the computations pass
// once per iteration or training step. Stop ends the run where it is and sends what it reached as a last
// snapshot (RunPhase::Stopped). Trained networks carry their weights as values (NetworkFile).
#pragma once

#include "lasso/reference_solver.h"
#include "run/convergence_snapshot.h"
#include "run/experiment_settings.h"
#include "run/latest_request.h"
#include "run/network_training_run.h"
#include "run/run_gate.h"
#include "run/workbench_problem.h"

#include <QObject>

namespace unfold::ui {

struct RunRequest {
  ExperimentSettings settings;
  TrainedNetworks pretrained;          // used instead of training where they fit (a session's, the last run's)
  bool startPaused = false;            // Reset: stop at iteration 0, ready to step
  int pausedAt = 0;                    // the iteration it stops at (F10 on a finished run: 1)
};

class SolverWorker : public QObject {
  Q_OBJECT
 public:
  // Called from the UI thread. Returns the generation of this request.
  quint64 requestRun(const RunRequest& request);
  // Ends the current run where it is (within one iteration or training step); its last snapshot,
  // RunPhase::Stopped, follows, then finished() (UI thread).
  void stop() { requests_.stop(); }
  // Stops the current run and forgets queued ones, sending nothing more (UI thread; used on close).
  void cancel() { requests_.cancel(); }
  // Pause, resume and step the running request (UI thread); they take effect at the next iteration.
  RunGate& gate() { return gate_; }

 signals:
  void snapshotReady(const unfold::ui::ConvergenceSnapshot& snapshot);
  void failed(quint64 generation, const QString& message);
  void finished(quint64 generation);  // the request of this generation is done (or was superseded)

 private:
  struct Run;
  class RunningSolvers;
  Q_INVOKABLE void process();
  void run(const RunRequest& request, quint64 generation);
  // F* of the problem's test signals at lambda (null if the run was abandoned meanwhile), counted in
  // `snapshot` as it goes; the last one again where the problem and lambda are the same (Reset, Restart, F10
  // after the end, other solvers or iterations: F* took seconds each time, half a minute at a large size).
  std::shared_ptr<const ReferenceSolution> exactSolution(const WorkbenchProblem& problem, double lambda, quint64 generation,
                                                         ConvergenceSnapshot& snapshot);
  struct SolvedProblem {
    std::string atoms, testSignals;  // the SHA-256 of D and of the test signals it solved (matrixHash)
    double lambda = 0.0;
    std::shared_ptr<const ReferenceSolution> solution;
  };
  SolvedProblem lastReference_;  // the worker thread's
  // The first snapshot of a run: the problem, before any result.
  ConvergenceSnapshot preparing(const ExperimentSettings& settings, const WorkbenchProblem& problem, quint64 generation) const;
  // Networks trained earlier for these settings (a session's, the last run's) join the run before the
  // solvers start: F10 on a finished run, or a rerun with other solvers, keeps them in sight rather than
  // blank until the solvers are done. False if the run was abandoned.
  bool reuse(Run& run);
  // The solvers side by side, partial snapshots while they go; false if the run was abandoned.
  bool solve(Run& run);
  void sendWhileSolving(Run& run, RunningSolvers& running);
  // The chosen networks not reused, one after the other; false if the run was abandoned.
  bool train(Run& run);
  bool trainOne(Run& run, const NetworkProblem& problem, const NetworkSettings& settings);
  void send(ConvergenceSnapshot snapshot);  // stamped with the run's seconds so far
  bool superseded(quint64 generation) const { return requests_.superseded(generation); }
  bool abandoned(quint64 generation) const { return superseded(generation) || requests_.stopRequested(); }

  LatestRequest<RunRequest> requests_;
  RunGate gate_;  // also the run's clock, which stops while paused
};

}  // namespace unfold::ui
