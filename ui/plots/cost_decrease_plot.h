// Plot of F(z_t) - F* against the iteration t on a log axis, one curve per method with its colour (the mean
// over the signals, as networks report their test gap, or the median, as the paper's Fig. 2 draws it) and
// a 10-90 % band over the signals, which has its own legend entry; trained networks as points per layer
// t (means). A curve that reaches rounding level ends there, on the floor, with a downward triangle
// (rounding noise along the bottom would read as a plateau). Optionally relative: divided by F(0) - F*
// (the same statistic over the signals; every method starts from z = 0). The bands lie on a layer below
// every curve (a translucent band tints nothing).
#pragma once

#include "run/convergence_snapshot.h"

#include "plots/workbench_plot.h"

namespace unfold::ui {

class CostDecreasePlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit CostDecreasePlot(QWidget* parent = nullptr);
  void showSnapshot(const ConvergenceSnapshot& snapshot);
  // The data behind the plot: iteration, then per method gap mean, 10 % and 90 % quantiles, the networks'
  // means, then per method the median, then per network the median, 10 % and 90 % quantiles.
  QString toCsv() const override;
  void rescale() override;
  void setRelative(bool relative);
  bool relative() const { return relative_; }
  void setMedian(bool median);  // the median over the signals instead of the mean
  bool median() const { return median_; }
  // The 10-90 % band of every method, or (the default) of the inspected method's only: four overlapping
  // translucent bands muddy each other's colours.
  void setEveryBand(bool every);
  bool everyBand() const { return everyBand_; }
  void setInspectedMethod(MethodKey method);  // whose band shows
  // t = 0 to the deepest network's T, the values there in view: beside a long run a network's few layers sat
  // in the axis's first percent, their points one blob. A view of the user's (double click: the whole run).
  void zoomToNetworkLayers();
  int networkLayers() const;  // the deepest network's T, 0 without one

 signals:
  void statisticChanged(bool median);  // the status bar's best gap follows the plot's statistic

 private:
  void addViewActions(QMenu* menu) override;
  static constexpr const char* kIterationLabel = "iteration t";
  // On a log axis, where every curve has ended on the floor long before the run did: the axis ends soon
  // after the last point at or above `floor` (the lowest point drawn), and says so in its label.
  void endWhereTheCurvesEnd(double floor);
  void showStatisticInLabel();
  const QVector<double>& centre(const ConvergenceCurve& curve) const;  // the mean or the median drawn
  struct Band {
    QCPGraph *upper, *lower;  // the 10-90 % band's edges, floored at rounding level
  };
  QVector<Band> bands_;
  ConvergenceSnapshot snapshot_;
  bool relative_ = false;
  bool median_ = false;
  bool everyBand_ = false;
  MethodKey inspected_ = Algorithm::Oista;
};

}  // namespace unfold::ui
