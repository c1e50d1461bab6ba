#include "plots/learned_steps_plot.h"

#include "plots/axis_ticks.h"
#include "plots/network_marker.h"

#include <algorithm>
#include <cmath>

namespace unfold::ui {

namespace {

constexpr const char* kTitle = "Learned step sizes";
constexpr const char* kReferenceLayer = "references";  // 1/L, over the curves

// The network whose layer outputs define the 1/L_S distribution: SLISTA's if trained, else the first.
const NetworkCurve* quantileSource(const ConvergenceSnapshot& snapshot) {
  const NetworkCurve* source = nullptr;
  for (const NetworkCurve& n : snapshot.networks) {
    if (!n.trained || n.inverseLsQ50.isEmpty()) continue;
    if (!source || n.kind == Parametrization::Slista) source = &n;
  }
  return source;
}

}  // namespace

LearnedStepsPlot::LearnedStepsPlot(QWidget* parent) : WorkbenchPlot("Learned step sizes", parent) {
  xAxis->setLabel("layer t");
  yAxis->setLabel("step × L");
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);  // steps grow with t
  addLayer(kReferenceLayer, layer("main"), QCustomPlot::limAbove);
  rescale();  // the empty plot's axes: layers 1 to 5
}

void LearnedStepsPlot::showSnapshot(const ConvergenceSnapshot& snapshot) {
  setDataLive(!snapshot.ended());
  clearPlot();
  csv_ = "series,layer,value\n";
  const auto addSeries = [this](const QString& name, const QVector<double>& values, const QPen& pen) {
    QCPGraph* g = addGraph();
    g->setName(name);
    g->setPen(pen);
    for (qsizetype t = 0; t < values.size(); ++t) {
      g->addData(double(t + 1), values[t]);
      csv_ += QString("%1,%2,%3\n").arg(csvLabel(name)).arg(t + 1).arg(values[t], 0, 'g', 17);
    }
    return g;
  };
  int layers = 0;
  for (const NetworkCurve& n : snapshot.networks) layers = std::max(layers, int(n.stepTimesL.size()));
  if (const NetworkCurve* source = quantileSource(snapshot)) {
    QCPGraph* upper = addSeries("1/Lₛ, 90 %", source->inverseLsQ90, Qt::NoPen);
    QCPGraph* lower = addSeries("1/Lₛ, 10 %", source->inverseLsQ10, Qt::NoPen);
    upper->setBrush(QColor(0, 0, 0, 28));
    upper->setChannelFillGraph(lower);
    for (QCPGraph* edge : {upper, lower}) edge->removeFromLegend();
    // The band's own key (no data, the band's fill as its icon): a click on it hides or shows the band.
    QCPGraph* bandKey = addGraph();
    bandKey->setName("1/Lₛ, 10–90 % of signals");
    bandKey->setPen(Qt::NoPen);
    bandKey->setBrush(QColor(0, 0, 0, 60));  // the icon is a third of its height: the band's tint would not show
    attachBand(bandKey, upper, lower);
    restoreVisibility(bandKey);
    QCPGraph* median = addSeries(QString("median 1/Lₛ (%1)").arg(source->method), source->inverseLsQ50,
                                 QPen(Qt::darkGray, 1.5, Qt::DashLine));
    QVector<double> twice = source->inverseLsQ50;
    for (double& v : twice) v *= 2;
    addSeries("median 2/Lₛ", twice, QPen(Qt::darkGray, 1.5, Qt::DotLine));
    restoreVisibility(median);
  }
  if (layers > 0) {
    QCPGraph* oneOverL = addSeries("1/L", QVector<double>(layers, 1.0), QPen(Qt::black, 1, Qt::DashDotLine));
    oneOverL->setLayer(kReferenceLayer);  // over the networks' lines: LISTA-CP's learns about 1/L and hid it
    restoreVisibility(oneOverL);
  }
  for (const NetworkCurve& n : snapshot.networks) {
    QCPGraph* g = addSeries(n.method + (n.trained ? QString() : n.stopLabel.isEmpty() ? QString(" (training)") : " (" + n.stopLabel + ")"), n.stepTimesL, QPen(n.color, 2));
    g->setScatterStyle(networkMarker(n.kind, n.color, 6));
    restoreVisibility(g);
  }
  // Nothing trained yet: no empty legend box, and a title that says what would show here.
  legend->setVisible(!snapshot.networks.isEmpty());
  if (snapshot.networks.isEmpty()) setHintTitle(QString("%1 (%2)").arg(kTitle, snapshot.networksHint()));
  else setTitle(kTitle);
  rescaleUnlessUserView();
  replot(QCustomPlot::rpQueuedReplot);
}

void LearnedStepsPlot::rescale() {
  rescaleAxes(true);
  const QCPRange y = yAxis->range();
  // Layers 1 to the deepest drawn, labelled at whole layers; before any network, a few (an empty plot's
  // default axis labelled a layer 0).
  int layers = 0;
  for (int i = 0; i < graphCount(); ++i)
    for (const QCPGraphData& p : *graph(i)->data())
      if (std::isfinite(p.key)) layers = std::max(layers, int(std::lround(p.key)));
  if (layers == 0) layers = 5;
  xAxis->setRange(0.5, std::max(2, layers) + 0.5);
  setIterationTicks(xAxis, layers);
  // From 7 px below 0, so that a step learned down to ~0 (a collapsed ALISTA's) stays off the axis line;
  // the legend's room above the curves is made by WorkbenchPlot.
  const double upper = std::max(1.2, y.upper) * 1.05;
  yAxis->setRange(-upper * 7.0 / std::max(40, axisRect()->rect().height()), upper);
}

QString LearnedStepsPlot::toCsv() const { return csv_; }

}  // namespace unfold::ui
