// Immutable results that cross from the worker thread to the plots: per method, F(z_t) - F* along the
// iterations (mean and 10-90 % band over the signals). Copied by value through queued signals.
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
};

struct ConvergenceSnapshot {
  quint64 generation = 0;  // which request it answers: the UI drops any but the latest
  bool complete = false;   // false for the partial snapshots sent while a run is going
  QString problem;         // one line describing the problem, for titles and the status bar
  double lipschitz = 0.0;
  double meanLambdaMax = 0.0;
  double gamma = 0.0;                // m / n, for the Marchenko-Pastur prediction
  int inspected = 0, atoms = 0;
  QVector<double> solution;          // z* of the inspected signals (index s * atoms + i)
  QVector<ConvergenceCurve> curves;
};

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::ConvergenceSnapshot)
