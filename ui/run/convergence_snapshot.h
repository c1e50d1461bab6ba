// Immutable results that cross from the worker thread to the plots: per solver, F(z_t) - F* along the
// iterations (mean and 10-90 % band over the signals) and the inspected signals' iterates; per unfolded
// network, its training curves and what it learned layer by layer. Copied by value through queued
// signals; each snapshot carries the request it answers, so that every plot, the status bar and the
// controls can tell the same story from it.
#pragma once

#include "io/network_file.h"
#include "lasso/solver.h"
#include "run/experiment_settings.h"
#include "run/iterate_history.h"

#include <QColor>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <map>
#include <memory>
#include <optional>
#include <variant>

namespace unfold::ui {

struct ConvergenceCurve {
  Algorithm algorithm = Algorithm::Ista;
  std::optional<Parametrization> network;  // set: the layers of this trained network (t = layer), not a solver
  MethodKey key() const { return network ? MethodKey(*network) : MethodKey(algorithm); }
  QString method;   // its label: "ISTA", "FISTA", "OISTA"
  QColor color;
  QVector<double> iteration, gapMean, gapQ10, gapMedian, gapQ90, stepTimesL;
  QVector<double> lsOverLMean;  // per iteration, mean over the inspected signals
  // The first `inspected` signals, iteration by iteration: codes z_t, L_S/L, and for OISTA whether the
  // step that produced z_t fell back to 1/L. Shared with the solver, which goes on writing later
  // iterations: read only t < iterates().
  int inspected = 0, atoms = 0;
  std::shared_ptr<const IterateHistory> history;
  int iterates() const { return history ? static_cast<int>(iteration.size()) : 0; }
  // (|S|/m, L_S/L) over the iterates of the inspected signals, subsampled (the paper's Fig. E.1).
  QVector<double> sampleZeta, sampleRatio;
  QVector<int> sampleSignal;  // which inspected signal each sample belongs to (click to inspect it)
};

// One unfolded network: live while it trains, complete once `trained`.
struct NetworkCurve {
  Parametrization kind = Parametrization::Slista;
  QString method;  // its label: "LISTA", "LISTA-CP", "ALISTA", "SLISTA"
  QColor color;
  int layers = 0;
  bool trained = false;
  QString stopReason;       // why training ended, once trained
  QString stopLabel;        // the same in two words, for legends
  bool collapsedToZero = false;  // once trained: it outputs z = 0 at every layer (its thresholds kill every atom)
  bool reused = false;           // trained earlier for these settings (a session's, the last run's): not trained now
  bool otherTrainingSignals = false;  // reused from a file opened, though trained on other signals than the run's
  bool stoppedByUser = false;    // its training was stopped (not `trained`: what it reached by then)
  int maxIterations = 0;    // the training budget (optimizer steps)
  double trainingSeconds = 0.0;
  QVector<double> trainIteration, trainLoss, testLoss;  // along the training
  // Per layer t = 1..T (index t - 1), updated during training: the (effective) step and mean threshold in
  // units of 1/L, and for LISTA / LISTA-CP the coupling distance to D and the ratio step / threshold
  // (1 when the layer is an ISTA step, Lemma 4.3).
  QVector<double> stepTimesL, thresholdTimesL, coupling, couplingRatio;
  // Once trained: mean test F(z_t) - F*, and the 10/50/90 % quantiles of 1/L_S (units of 1/L) over the
  // training signals at each layer's output.
  QVector<double> layerGap, inverseLsQ10, inverseLsQ50, inverseLsQ90;
  // F(z_t) - F*'s median and 10/90 % quantiles over the test signals, as the solvers have them.
  QVector<double> layerGapMedian, layerGapQ10, layerGapQ90;
  // The gap per layer the cost plot and the status bar show: the median where asked (and known), else the mean.
  const QVector<double>& gaps(bool median) const {
    return median && layerGapMedian.size() == layerGap.size() ? layerGapMedian : layerGap;
  }
  NetworkFile network;  // once trained: the weights and the record of their training (JSON only in files)
  // Once trained: its layers on the inspected test signals, which the support and L_S/L plots inspect as a
  // solver's iterations (t = layer).
  ConvergenceCurve inspectedLayers;
};

// Trained networks by parametrization: a session's, or the last complete run's, reused while the settings
// that trained them stay the same.
using TrainedNetworks = std::map<Parametrization, NetworkFile>;

// Where a run is: computing the exact solution F* (no curves yet), running the solvers, training the
// networks, done, or stopped by the user before the end.
enum class RunPhase { Preparing, Solving, Training, Complete, Stopped };

struct ConvergenceSnapshot {
  quint64 generation = 0;  // which request it answers: the UI drops any but the latest
  ExperimentSettings request;  // the settings it answers (not the panel's settings as they are now)
  RunPhase phase = RunPhase::Preparing;
  bool complete = false;   // phase == Complete: every solver and network is done
  bool ended() const { return phase == RunPhase::Complete || phase == RunPhase::Stopped; }  // nothing more comes
  QString problem;         // one line describing the problem, for titles and the status bar
  QString filesNotAsImported;  // an imported problem's: why commands cannot take its files as they are (workbench_problem.h)
  double lipschitz = 0.0;
  double meanLambdaMax = 0.0;
  double gamma = 0.0;                // m / n, for the Marchenko-Pastur prediction
  int inspected = 0, atoms = 0;
  int dimension = 0;                 // n
  int testSignals = 0, trainingSignals = 0;  // as the problem has them (an import may hold fewer than asked)
  int referenceSolved = 0;           // while F* is computed: the test signals it has certified so far
  QVector<double> solution;          // z* of the inspected signals (index s * atoms + i)
  QStringList signalNames;           // how titles name the inspected signals, when not "signal s"
  QString signalName(int s) const { return signalNames.value(s, QString("signal %1").arg(s)); }
  QVector<ConvergenceCurve> curves;
  QVector<NetworkCurve> networks;    // in training order; the one training is the last
  int networksPlanned = 0;           // how many the run trains in all (progress)
  // What a plot of the solvers' iterates says while it has none: the run first computes F* (seconds for
  // a large problem, where "run a solver" would tell the user to do what is under way).
  QString solversHint() const {
    return generation > 0 && phase == RunPhase::Preparing ? QStringLiteral("computing the exact solution F* first")
                                                          : QStringLiteral("run a solver to see it");
  }
  // What a plot of networks says while it has none to draw: the run's networks come after its solvers
  // (after Reset too); without any asked for, how to get one.
  QString networksHint() const {
    return request.networks.empty() ? QStringLiteral("train a network to see it") : QStringLiteral("the networks train after the solvers");
  }
  // What the person should know of this run and would not see in the plots (saved weights that could not
  // be reused); the window says it once, in a dialog.
  QStringList notices;
  bool paused = false;               // sent when a run stops at a gate (Pause, Step)
  int pausedAt = -1;                 // the iteration or training step it stopped on
  double seconds = 0.0;              // since the run started, when the snapshot was sent, pauses left out
  double pausedSeconds = 0.0;        // the time left out: paused, stepping, or held at t = 0 after Reset
  // The solvers' t: the last iteration every solver has recorded (-1 before the first).
  int iteration() const;
  // The lowest last F - F*: the solvers' and the networks' (at their last layer) mean, or median, over the
  // signals; +inf when none. `method`, if given, receives whose it is (empty for a tie).
  double bestGap(bool median = false, QString* method = nullptr) const;
  // What the inspector plots draw for `method`: a solver's iterations, or a trained network's layers, on
  // the inspected signals; null where the run has none.
  const ConvergenceCurve* inspectorCurve(MethodKey method) const;
};

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::ConvergenceSnapshot)
