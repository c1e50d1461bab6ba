// Training and test loss against the optimizer step, for every network trained in the run (solid:
// training loss, dashed: test loss), log y. The loss is the one chosen in the settings. A circle on the
// test curve marks the step whose weights were kept (the lowest test loss): a network that overfits or
// meets an unstable test signal keeps training on, and the curve alone would not say what was kept.
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
  void rescale() override;
  // Index into the curve of the step whose weights the training kept, or -1 (not trained, or the kept
  // weights are a stage's starting point, which the curve does not hold).
  static qsizetype keptStep(const NetworkCurve& network);

 private:
  ConvergenceSnapshot snapshot_;
};

}  // namespace unfold::ui
