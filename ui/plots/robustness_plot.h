// How a trained network fares signal by signal: histograms of F_x(z_T) - F*(x) over the evaluated
// signals (the test set, or signals out of its distribution) and over their attacked versions, side by
// side in bins of a log axis as fine as their spread asks (half decades down to twentieths). A click on a
// bar inspects the worst signal of that bin, and the bar stays outlined while the plots show it.
#pragma once

#include "base/log_bins.h"
#include "plots/workbench_plot.h"
#include "run/robustness_worker.h"

#include <optional>

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
  // Outlines the bar that holds this signal (the one the support and L_S/L plots show); nullopt: none.
  void markPicked(std::optional<Pick> pick);
  QCPBars* pickedBar() const { return picked_; }
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
  QCPBars* picked_ = nullptr;  // the outline of the picked signal's bar
  std::optional<Pick> pick_;
  void drawPicked();
  QPointF pressedAt_;
};

}  // namespace unfold::ui
