// Immutable results that cross from the worker thread to the plots: per solver, F(z_t) - F* along the
// iterations (mean and 10-90 % band over the signals); per unfolded network, its training curves and
// what it learned layer by layer. Copied by value through queued signals.
#pragma once

#include <QColor>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace unfold::ui {

struct ConvergenceCurve {
  QString method;   // "ISTA", "FISTA", "OISTA"
  QColor color;
  QVector<double> iteration, gapMean, gapQ10, gapQ90, stepTimesL;
  QVector<double> lsOverLMean;  // per iteration, mean over the inspected signals
  // The first `inspected` signals, iteration by iteration (t = 0..T): codes z_t (index (t * inspected +
  // s) * atoms + i), L_S/L, and for OISTA whether the step that produced z_t fell back to 1/L.
  int inspected = 0, atoms = 0;
  QVector<double> codes, lsOverL;
  QVector<char> rejected;
  // (|S|/m, L_S/L) over the iterates of the inspected signals, subsampled (the paper's Fig. E.1).
  QVector<double> sampleZeta, sampleRatio;
  QVector<int> sampleSignal;  // which inspected signal each sample belongs to (click to inspect it)
};

// One unfolded network: live while it trains, complete once `trained`.
struct NetworkCurve {
  QString method;  // "LISTA", "LISTA-CP", "ALISTA", "SLISTA"
  QColor color;
  int layers = 0;
  bool trained = false;
  QString stopReason;       // why training ended, once trained
  QString stopLabel;        // the same in two words, for legends
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
  QString weightsJson;  // the trained network (network_file.h format), for sessions
};

struct ConvergenceSnapshot {
  quint64 generation = 0;  // which request it answers: the UI drops any but the latest
  bool complete = false;   // false for the partial snapshots sent while a run is going
  bool hasDetail = false;  // the curves carry the inspector's iterates (complete solvers, or paused)
  QString problem;         // one line describing the problem, for titles and the status bar
  double lipschitz = 0.0;
  double meanLambdaMax = 0.0;
  double gamma = 0.0;                // m / n, for the Marchenko-Pastur prediction
  int inspected = 0, atoms = 0;
  QVector<double> solution;          // z* of the inspected signals (index s * atoms + i)
  QVector<ConvergenceCurve> curves;
  QVector<NetworkCurve> networks;    // in training order; the one training is the last
  int networksPlanned = 0;           // how many the run trains in all (progress)
  bool paused = false;               // sent when a run stops at a gate (Pause, Step)
  int pausedAt = -1;                 // the iteration or training step it stopped on
};

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::ConvergenceSnapshot)
