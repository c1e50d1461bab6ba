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
};

struct ConvergenceSnapshot {
  quint64 generation = 0;  // which request it answers: the UI drops any but the latest
  bool complete = false;   // false for the partial snapshots sent while a run is going
  QString problem;         // one line describing the problem, for titles and the status bar
  double lipschitz = 0.0;
  double meanLambdaMax = 0.0;
  QVector<ConvergenceCurve> curves;
};

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::ConvergenceSnapshot)
