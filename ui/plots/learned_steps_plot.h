// What the networks learned as step sizes, per layer t (Ablin et al. 2019, Fig. 4): SLISTA's step alpha,
// ALISTA's gamma and the effective step of LISTA-CP / LISTA (best scalar fit of W to D), in units of 1/L,
// against the distribution of 1/L_S over the training signals at that layer (10-90 % band, median, and
// 2/L_S, the largest step that still decreases the cost on the support) and the line 1/L. Live while the
// networks train; the 1/L_S quantiles come once a network is trained (SLISTA's when there is one).
#pragma once

#include "plots/workbench_plot.h"
#include "run/convergence_snapshot.h"

namespace unfold::ui {

class LearnedStepsPlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit LearnedStepsPlot(QWidget* parent = nullptr);
  void showSnapshot(const ConvergenceSnapshot& snapshot);
  QString toCsv() const override;
  void rescale() override;

 private:
  QString csv_;
};

}  // namespace unfold::ui
