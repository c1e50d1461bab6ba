// How a trained network fares signal by signal: histograms of F_x(z_T) - F*(x) over the evaluated
// signals (the test set, or signals out of its distribution) and over their attacked versions, side by
// side in half-decade bins of a log axis. A click on a bar inspects the worst signal of that bin.
#pragma once

#include "base/log_bins.h"
#include "plots/workbench_plot.h"
#include "run/robustness_worker.h"

namespace unfold::ui {

class RobustnessPlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit RobustnessPlot(QWidget* parent = nullptr);
  void showSnapshot(const RobustnessSnapshot& snapshot);
  QString toCsv() const override;
  void rescale() override;
  // The signal a click at `position` (widget pixels) picks: the largest gap in the bar under it, or -1.
  struct Pick {
    bool attacked = false;
    int signal = -1;
  };
  Pick signalAt(const QPointF& position) const;
  QCPBars* testBars() const { return test_; }
  QCPBars* attackedBars() const { return attacked_; }
  QCPGraph* worstMark() const { return worst_; }

 signals:
  void signalPicked(bool attacked, int signal);

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  RobustnessSnapshot snapshot_;
  LogBins bins_{{}};
  QCPBars *test_ = nullptr, *attacked_ = nullptr;
  QCPGraph* worst_ = nullptr;  // a mark over the worst attacked signal's bar
  QPointF pressedAt_;
};

}  // namespace unfold::ui
