// The Robustness dock's computations, off the UI thread (the pattern of SolverWorker, smaller): a trained
// network's per-signal gaps F_x(z_T) - F*(x) on the workbench's test signals, or on signals out of its
// training distribution (another signal kind, added noise, another lambda); then, on demand, the attack
// of core/experiments/network_attack.h on those signals, step by step, stoppable; and the inspection of
// one signal under the network and under OISTA, as a snapshot the support and L_S/L plots draw.
// Requests carry a generation; a newer one abandons the current computation within one attack step.
#pragma once

#include "experiments/problem_generators.h"
#include "io/network_file.h"
#include "run/convergence_snapshot.h"
#include "run/experiment_settings.h"
#include "run/latest_request.h"

#include <QMetaType>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

namespace unfold::ui {

struct RobustnessRequest {
  ExperimentSettings problem;            // the run that trained the network: its data are made again from it
  NetworkFile network;                   // the trained weights (and the lambda they were trained for)
  std::optional<SignalKind> signalKind;  // out of distribution: signals of another kind than the run's
  double noise = 0.0;                    // Gaussian noise added, relative to ||x|| (0.1: 10 %)
  double lambdaFactor = 1.0;             // evaluated at this multiple of the trained lambda
  int attackSteps = 0;                   // 0: evaluate only
};

struct RobustnessSnapshot {
  quint64 generation = 0;
  RobustnessRequest request;             // what it answers
  QString network;                       // "SLISTA, 10 layers"
  double lambda = 0.0;                   // the lambda evaluated at (absolute; lambda_max = 1)
  QVector<double> testGap;               // per signal, F_x(z_T) - F*(x) on the signals evaluated
  QVector<double> attackedGap;           // per signal, on the attacked signals so far (empty before)
  QVector<int> attackMovesKept;          // per signal, the attack's moves that raised its gap (0: unmoved)
  int attackStep = 0;
  bool complete = false;                 // evaluated and, if asked, attacked to the last step
  bool stopped = false;                  // the attack was stopped by the user
  double meanTestGap() const;
  double meanAttackedGap() const;
};

class RobustnessWorker : public QObject {
  Q_OBJECT
 public:
  // UI thread. Returns the generation of this request.
  quint64 request(const RobustnessRequest& request);
  // Ends a running attack where it is; a last snapshot (stopped) follows (UI thread).
  void stop() { requests_.stop(); }
  // Forgets queued requests and abandons the current one, sending nothing more (UI thread; on close).
  void cancel() { requests_.cancel(); }
  // Signal `signal` of the latest answered request (attacked or not) under the network and under OISTA
  // (UI thread); inspectionReady follows.
  void inspect(bool attacked, int signal);

 signals:
  void snapshotReady(const unfold::ui::RobustnessSnapshot& snapshot);
  void inspectionReady(const unfold::ui::ConvergenceSnapshot& inspection);
  void failed(quint64 generation, const QString& message);

 private:
  struct Evaluated;
  Q_INVOKABLE void process();
  Q_INVOKABLE void computeInspection(bool attacked, int signal);
  void run(const RobustnessRequest& request, quint64 generation);
  bool superseded(quint64 generation) const { return requests_.superseded(generation); }

  LatestRequest<RobustnessRequest> requests_;
  QMutex lastMutex_;  // guards last_, which the inspection reads
  std::shared_ptr<Evaluated> last_;  // the latest answered request's signals (worker thread only)
};

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::RobustnessSnapshot)
