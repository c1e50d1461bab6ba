// Training and test loss against the optimizer step, for every network trained in the run (solid:
// training loss, dashed: test loss), log y. The loss is the one chosen in the settings.
#pragma once

#include "plots/workbench_plot.h"
#include "run/convergence_snapshot.h"

namespace unfold::ui {

class TrainingCurvesPlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit TrainingCurvesPlot(QWidget* parent = nullptr);
  void showSnapshot(const ConvergenceSnapshot& snapshot);
  QString toCsv() const override;

 private:
  ConvergenceSnapshot snapshot_;
};

}  // namespace unfold::ui
