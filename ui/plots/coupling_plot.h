// Weight coupling of LISTA and LISTA-CP per layer (Ablin et al. 2019, Lemma 4.3, Theorem 4.4, Fig. 5): a
// layer that keeps the Lasso solution fixed is an ISTA step, so its weights W align with D scaled by its
// threshold. Top: the relative distance ||W - D diag(theta)||_F / ||D||_F (log scale). Bottom: the ratio
// of the effective step (best scalar fit of W to D) to the mean threshold, 1 for a coupled layer. Live
// while the networks train.
#pragma once

#include "plots/workbench_plot.h"
#include "run/convergence_snapshot.h"

namespace unfold::ui {

class CouplingPlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit CouplingPlot(QWidget* parent = nullptr);
  void showSnapshot(const ConvergenceSnapshot& snapshot);
  QString toCsv() const override;
  void rescale() override;

 private:
  QCPAxisRect* ratio_ = nullptr;
  QString csv_;
};

}  // namespace unfold::ui
