// Plot of F(z_t) - F* against the iteration t on a log axis, one curve per method with its colour.
#pragma once

#include "convergence_snapshot.h"

#include <qcustomplot.h>

namespace unfold::ui {

class CostDecreasePlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit CostDecreasePlot(QWidget* parent = nullptr);
  void showSnapshot(const ConvergenceSnapshot& snapshot);
  // The data behind the plot: iteration, then per method gap mean, 10 % and 90 % quantiles.
  QString toCsv() const;
  // The mean curve of a method ("ISTA", …), or null.
  QCPGraph* curve(const QString& method) const;

 private:
  ConvergenceSnapshot snapshot_;
};

}  // namespace unfold::ui
