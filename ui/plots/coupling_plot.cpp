#include "plots/coupling_plot.h"

#include "plots/axis_ticks.h"
#include "plots/network_marker.h"

#include <algorithm>
#include <cmath>

namespace unfold::ui {

CouplingPlot::CouplingPlot(QWidget* parent) : WorkbenchPlot("Weight coupling", parent) {
  xAxis->setLabel("layer t");
  yAxis->setLabel("‖W − D diag(θ)‖ / ‖D‖");
  // θ as in the distance's label; at 1 (the dashed line) the layer is an ISTA step.
  ratio_ = addPanelBelow(0.6, "layer t", "effective step / θ");
  setLogarithmicY(true);  // after ratio_ exists: it rescales
}

void CouplingPlot::showSnapshot(const ConvergenceSnapshot& snapshot) {
  setDataLive(!snapshot.ended());
  clearPlot();
  csv_ = "network,layer,distance,step_over_threshold\n";
  int layers = 0;
  for (const NetworkCurve& n : snapshot.networks) {
    if (n.coupling.isEmpty()) continue;  // SLISTA and ALISTA are coupled by construction
    layers = std::max(layers, int(n.coupling.size()));
    QCPGraph* distance = addGraph();
    distance->setName(n.method + (n.trained ? QString() : n.stopLabel.isEmpty() ? QString(" (training)") : " (" + n.stopLabel + ")"));
    distance->setPen(QPen(n.color, 2));
    distance->setScatterStyle(networkMarker(n.kind, n.color, 6));
    QCPGraph* ratio = addGraph(ratio_->axis(QCPAxis::atBottom), ratio_->axis(QCPAxis::atLeft));
    ratio->setName(distance->name() + " ratio");
    ratio->removeFromLegend();
    ratio->setPen(QPen(n.color, 2));
    ratio->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, n.color, n.color, 5));
    for (qsizetype t = 0; t < n.coupling.size(); ++t) {
      distance->addData(double(t + 1), n.coupling[t] > 0 ? n.coupling[t] : qQNaN());
      ratio->addData(double(t + 1), n.couplingRatio.value(t, qQNaN()));
      csv_ += QString("%1,%2,%3,%4\n").arg(n.method).arg(t + 1).arg(n.coupling[t], 0, 'g', 17)
                  .arg(n.couplingRatio.value(t, qQNaN()), 0, 'g', 17);
    }
    attachBand(distance, ratio, ratio);  // hidden and shown together from the legend
    restoreVisibility(distance);
  }
  if (layers > 0) {
    QCPGraph* one = addGraph(ratio_->axis(QCPAxis::atBottom), ratio_->axis(QCPAxis::atLeft));
    one->setName("coupled (= 1)");
    one->removeFromLegend();
    one->setPen(QPen(Qt::black, 1, Qt::DashLine));
    one->addData(0.5, 1.0);
    one->addData(layers + 0.5, 1.0);
  } else {
    setHintTitle("Weight coupling (train LISTA or LISTA-CP to see it)");
  }
  if (layers > 0) setTitle("Weight coupling");
  legend->setVisible(layers > 0);
  rescaleUnlessUserView();
  replot(QCustomPlot::rpQueuedReplot);
}

void CouplingPlot::rescale() {
  double low = std::numeric_limits<double>::infinity(), high = 0, ratioHigh = 1.0;
  int layers = 0;
  for (int i = 0; i < graphCount(); ++i) {
    for (const QCPGraphData& p : *graph(i)->data()) {
      if (std::isnan(p.value)) continue;
      layers = std::max(layers, int(std::lround(p.key)));
      if (graph(i)->valueAxis() == yAxis) {
        low = std::min(low, p.value);
        high = std::max(high, p.value);
      } else {
        ratioHigh = std::max(ratioHigh, p.value);
      }
    }
  }
  if (layers == 0) layers = 5;  // empty: a few layers' axis, as the learned steps' plot has
  xAxis->setRange(0.5, layers + 0.5);
  // Whole layers only: one layer (or none yet) was labelled 0.6, 0.8, 1, 1.2, 1.4.
  for (QCPAxis* axis : {xAxis, ratio_->axis(QCPAxis::atBottom)}) setIterationTicks(axis, layers);
  if (high > 0) yAxis->setRange(logarithmicY() ? low / 2 : 0, high * 2);
  else yAxis->setRange(logarithmicY() ? 1e-3 : 0, 1);  // empty: three decades, not one tick label repeated
  ratio_->axis(QCPAxis::atLeft)->setRange(0, std::min(ratioHigh * 1.1, 10.0));
}

QString CouplingPlot::toCsv() const { return csv_; }

}  // namespace unfold::ui
