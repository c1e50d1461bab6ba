#include "plots/coupling_plot.h"

#include "plots/axis_ticks.h"
#include "plots/gap_floor.h"
#include "plots/network_marker.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace unfold::ui {

namespace {

// A distance at rounding level is a layer coupled exactly: W = D diag(θ) to the last bits (LISTA-CP's ISTA
// start, kept). W's entries carry a relative rounding of about 1e-16, and the fit adds some: below 1e-12
// no distance is left to draw, and a log axis down to 1e-18 drew the noise as a trend over 16 decades.
constexpr double kCouplingRoundingLevel = 1e-12;
constexpr const char* kExactKey = "coupled to rounding level";

// Where those layers are drawn: a decade under the lowest distance above rounding level, each with a
// downward triangle, as the cost plot ends a curve at its floor. Where every layer is at rounding level,
// at 1e-16, which the axis then labels: drawn at an arbitrary 1e-3, they read as a distance measured there.
double exactFloor(const QVector<NetworkCurve>& networks) {
  double low = std::numeric_limits<double>::infinity();
  for (const NetworkCurve& n : networks)
    for (const double d : n.coupling)
      if (d > kCouplingRoundingLevel) low = std::min(low, d);
  return std::isfinite(low) ? low / 10 : 1e-16;
}

}  // namespace

CouplingPlot::CouplingPlot(QWidget* parent) : WorkbenchPlot("Weight coupling", parent) {
  xAxis->setLabel("layer t");
  // θ as in the distance's label; at 1 (the dashed line) the layer is an ISTA step.
  ratio_ = addPanelBelow(0.6, "layer t", "effective step / θ");
  // Shorter where the panel is short (a journal column's figure: the whole label ran off the page).
  setAxisLabel(yAxis, {"‖W − D diag(θ)‖ / ‖D‖", "distance to D diag(θ)", "dist. to D diag(θ)", "relative distance", "rel. distance", "rel. dist."});
  setAxisLabel(ratio_->axis(QCPAxis::atLeft), {"effective step / θ", "step / θ"});
  setLogarithmicY(true);  // after ratio_ exists: it rescales
}

void CouplingPlot::showSnapshot(const ConvergenceSnapshot& snapshot) {
  setDataLive(!snapshot.ended());
  clearPlot();
  csv_ = "network,layer,distance,step_over_threshold\n";
  int layers = 0;
  const double floor = exactFloor(snapshot.networks);
  QList<QCPGraph*> exactMarks;
  int layersDrawn = 0, layersAtRounding = 0;
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
    QVector<double> exactLayers;
    for (qsizetype t = 0; t < n.coupling.size(); ++t) {
      const bool exact = n.coupling[t] <= kCouplingRoundingLevel;
      if (exact) exactLayers << double(t + 1);
      ++layersDrawn;
      layersAtRounding += exact;
      distance->addData(double(t + 1), exact ? floor : n.coupling[t]);
      ratio->addData(double(t + 1), n.couplingRatio.value(t, qQNaN()));
      csv_ += QString("%1,%2,%3,%4\n").arg(n.method).arg(t + 1).arg(n.coupling[t], 0, 'g', 17)
                  .arg(n.couplingRatio.value(t, qQNaN()), 0, 'g', 17);
    }
    attachBand(distance, ratio, ratio);  // hidden and shown together from the legend
    if (!exactLayers.isEmpty()) {
      exactMarks << addFloorMark(this, xAxis, yAxis, exactLayers, floor, n.color);
      attachCompanion(distance, exactMarks.back());
    }
    restoreVisibility(distance);
  }
  if (!exactMarks.isEmpty()) {  // says what a triangle means; its click hides or shows every one
    QCPGraph* key = addFloorKey(this, kExactKey);
    for (QCPGraph* mark : exactMarks) attachCompanion(key, mark);
    // Left out first for want of room, unless every layer is at rounding level: then it is what the plot says.
    if (layersAtRounding < layersDrawn) setLegendEntryOptional(key);
    restoreVisibility(key);
  }
  if (layers > 0) {
    QCPGraph* one = addGraph(ratio_->axis(QCPAxis::atBottom), ratio_->axis(QCPAxis::atLeft));
    one->setName("coupled (= 1)");
    one->removeFromLegend();
    one->setPen(QPen(Qt::black, 1, Qt::DashLine));
    one->addData(0.5, 1.0);
    one->addData(layers + 0.5, 1.0);
  } else {
    // With LISTA or LISTA-CP asked for, that they come after the solvers (the plot said to train one while
    // LISTA-CP was ticked, waiting for its turn).
    const bool coupled = snapshot.request.chosen(Parametrization::Lista) || snapshot.request.chosen(Parametrization::ListaCp);
    setHintTitle(coupled ? QString("Weight coupling (%1)").arg(snapshot.networksHint())
                         : QString("Weight coupling (train LISTA or LISTA-CP to see it)"));
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
      if (graph(i)->valueAxis() == yAxis) {  // the distances: layers 1 to T (the dashed line runs to T + 0.5)
        layers = std::max(layers, int(std::lround(p.key)));
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
