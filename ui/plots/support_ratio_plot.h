// L_S / L, the room OISTA's oracle step has over ISTA's (Ablin et al. 2019, Sec. 3): on the left along the
// iterations, for the inspected signal and the mean over the signals, with the Marchenko-Pastur
// prediction ((1 + sqrt(zeta gamma)) / (1 + sqrt(gamma)))^2 at zeta = |S_t|/m; on the right against
// |S|/m over all iterates of the same method, with the Marchenko-Pastur curve and the line zeta (the
// paper's Fig. E.1).
// A click on a point of the cloud inspects the signal it comes from. The legend sits in the top right of
// the iterations panel (above the curves: L_S/L <= 1 and the y axis runs to 1.5); in a narrow panel its
// font shrinks until it fits inside the axis rect, never over the tick labels, and where it cannot, it
// stands in a row under the title (the y axis then runs to 1.05); where that row would squeeze its text
// (a plot too short for it and two panels), there is none.
#pragma once

#include "plots/workbench_plot.h"
#include "run/convergence_snapshot.h"

namespace unfold::ui {

class SupportRatioPlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit SupportRatioPlot(QWidget* parent = nullptr);
  void showSignal(const ConvergenceSnapshot& snapshot, MethodKey method, int signal);
  QString toCsv() const override;
  void rescale() override;
  // The inspected signal of the cloud point nearest to `position` (widget pixels), or -1 beyond 8 px.
  int signalAt(const QPointF& position) const;
  // Fits the legend inside the iterations panel, or else puts it in a row under the title (after each
  // layout: the panel's width changes with the window).
  void fitLegend();
  bool legendAbove() const;  // in its own row rather than inside the iterations panel

 signals:
  void signalPicked(int signal);  // a click on a point of the (|S|/m, L_S/L) cloud

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  // A narrow plot (a small window) stacks the two panels, so that each keeps a readable width.
  void resizeEvent(QResizeEvent* event) override;
  bool legendLeftOut() const override { return legendSqueezed_ || WorkbenchPlot::legendLeftOut(); }
  void arrangePanels(const QSize& size) override;

 private:
  ConvergenceSnapshot snapshot_;
  MethodKey method_ = Algorithm::Oista;  // the one drawn
  QPointF pressedAt_;
  QCPAxisRect* right_ = nullptr;
  double cloudZeta_ = 0.0, cloudRatio_ = 0.0;  // the largest |S|/m and L_S/L of the cloud drawn
  int iterationEnd_ = -1;  // the last t the iterations panel shows in a long run; -1: the whole run
  void moveLegend(bool above);
  QFont legendFont_;  // the largest the legend takes
  bool legendInside_ = true;  // where the last layout put it
  bool fittingLegend_ = false;
  bool legendSqueezed_ = false;  // hidden, as its row would squeeze it (kept in the inset, which takes no room)
  struct {
    QSize icon;
    int padding;
    QMargins margins, insetMargins;
    QPen border;
  } legendLook_;      // its roomy look, before fitLegend compacts it
};

}  // namespace unfold::ui
