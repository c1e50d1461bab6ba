// L_S / L, the room OISTA's oracle step has over ISTA's (Ablin et al. 2019, Sec. 3): on the left along the
// iterations, for the inspected signal and the mean over the signals, with the Marchenko-Pastur
// prediction ((1 + sqrt(zeta gamma)) / (1 + sqrt(gamma)))^2 at zeta = |S_t|/m; on the right against
// |S|/m over all iterates, with the Marchenko-Pastur curve and the line zeta (the paper's Fig. E.1).
// A click on a point of the cloud inspects the signal it comes from.
#pragma once

#include "convergence_snapshot.h"
#include "workbench_plot.h"

namespace unfold::ui {

class SupportRatioPlot : public WorkbenchPlot {
  Q_OBJECT
 public:
  explicit SupportRatioPlot(QWidget* parent = nullptr);
  void showSignal(const ConvergenceSnapshot& snapshot, const QString& method, int signal);
  QString toCsv() const override;
  void rescale() override;
  // The inspected signal of the cloud point nearest to `position` (widget pixels), or -1 beyond 8 px.
  int signalAt(const QPointF& position) const;

 signals:
  void signalPicked(int signal);  // a click on a point of the (|S|/m, L_S/L) cloud

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  ConvergenceSnapshot snapshot_;
  QPointF pressedAt_;
  QCPAxisRect* right_ = nullptr;
};

}  // namespace unfold::ui
