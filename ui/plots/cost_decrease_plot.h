// Plot of F(z_t) - F* against the iteration t on a log axis, one curve per method with its colour (the mean
// over the signals, as networks report their test gap) and the 10-90 % band over the signals, which has
// its own legend entry; trained networks as points per layer t. Optionally relative:
// divided by F(0) - F* (mean over the signals; every method starts from z = 0). The bands lie on a layer
// below every curve (a translucent band tints nothing).
#pragma once

#include "run/convergence_snapshot.h"

#include "plots/workbench_plot.h"

namespace unfold::ui {

class CostDecreasePlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit CostDecreasePlot(QWidget* parent = nullptr);
  void showSnapshot(const ConvergenceSnapshot& snapshot);
  // The data behind the plot: iteration, then per method gap mean, 10 % and 90 % quantiles.
  QString toCsv() const override;
  void rescale() override;
  void setRelative(bool relative);
  bool relative() const { return relative_; }

 private:
  void addViewActions(QMenu* menu) override;
  struct Band {
    QCPGraph *upper, *lower;  // the 10-90 % band's edges, floored at rounding level
  };
  QVector<Band> bands_;
  ConvergenceSnapshot snapshot_;
  bool relative_ = false;
};

}  // namespace unfold::ui
