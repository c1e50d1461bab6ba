#include "plots/cost_decrease_plot.h"

#include "plots/axis_ticks.h"
#include "plots/gap_floor.h"
#include "plots/network_marker.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace unfold::ui {

namespace {

constexpr const char* kBandLayer = "bands";
// The bands' entry in the legend: a mean curve lies outside the band where a few slow signals dominate,
// so the figure says what each shape is.
constexpr const char* kBandKey = "10–90 % of signals";
// The floor marks' entry: an exported figure says what a curve's end on the axis means.
constexpr const char* kFloorKey = "reached rounding level";

}  // namespace

CostDecreasePlot::CostDecreasePlot(QWidget* parent) : WorkbenchPlot("Cost decrease", parent) {
  xAxis->setLabel(kIterationLabel);
  showStatisticInLabel();
  setLogarithmicY(true);
  addLayer(kBandLayer, layer("main"), QCustomPlot::limBelow);  // over the grid, under every curve
}

void CostDecreasePlot::rescale() {
  // Fit the curves (the bands may run down to rounding level).
  double low = std::numeric_limits<double>::infinity(), high = 0.0;
  for (int i = 0; i < graphCount(); ++i) {
    QCPGraph* g = graph(i);
    if (g->name().isEmpty() || !g->visible()) continue;
    for (const QCPGraphData& point : *g->data()) {
      if (std::isnan(point.value) || (logarithmicY() && point.value <= 0)) continue;
      low = std::min(low, point.value);
      high = std::max(high, point.value);
    }
  }
  fitIterationAxis(xAxis);
  setAxisLabel(xAxis, {kIterationLabel});
  if (!(high > 0)) return;
  if (logarithmicY()) yAxis->setRange(low / 3, high * 3);  // a curve ends at its floor, over the bottom
  else yAxis->setRange(0, high * 1.05);
  if (logarithmicY()) endWhereTheCurvesEnd(low);
}

void CostDecreasePlot::endWhereTheCurvesEnd(double floor) {
  // The last point drawn above the floor (a band's edge still above it counts).
  double shown = 0.0, ran = 0.0;
  for (int i = 0; i < graphCount(); ++i) {
    const QCPGraph* g = graph(i);
    if (!g->visible() || g->keyAxis() != xAxis) continue;
    for (const QCPGraphData& point : *g->data()) {
      ran = std::max(ran, point.key);
      if (std::isfinite(point.value) && point.value >= floor) shown = std::max(shown, point.key);
    }
  }
  const int end = settledIterationEnd(shown, ran);
  if (end < 0 || !(shown > 0)) return;
  setIterationRange(xAxis, end);
  setAxisLabel(xAxis, settledAxisLabels(kIterationLabel, ran, "every curve at rounding level"));
}

void CostDecreasePlot::setRelative(bool relative) {
  relative_ = relative;
  showStatisticInLabel();
  resetView();
  showSnapshot(snapshot_);
}

void CostDecreasePlot::setMedian(bool median) {
  const bool changed = median != median_;
  median_ = median;
  showStatisticInLabel();
  resetView();
  showSnapshot(snapshot_);
  if (changed) emit statisticChanged(median);
}

void CostDecreasePlot::setEveryBand(bool every) {
  everyBand_ = every;
  showSnapshot(snapshot_);
}

void CostDecreasePlot::setInspectedMethod(MethodKey method) {
  if (method == inspected_) return;
  inspected_ = method;
  if (!everyBand_) showSnapshot(snapshot_);
}

void CostDecreasePlot::showStatisticInLabel() {
  const QString statistic = median_ ? "median" : "mean";
  // Shorter forms for a short panel: the legend names the networks' statistic where it differs.
  setAxisLabel(yAxis, relative_ ? QStringList{statistic + " (F(zₜ) − F*) / (F(0) − F*)", "(F(zₜ) − F*) / (F(0) − F*)", "relative F − F*"}
                                : QStringList{statistic + " F(zₜ) − F*", "F(zₜ) − F*", "F − F*"});
}

const QVector<double>& CostDecreasePlot::centre(const ConvergenceCurve& curve) const {
  // A curve of one signal (the robustness inspector's) may carry no median: it is its mean.
  return median_ && curve.gapMedian.size() == curve.gapMean.size() ? curve.gapMedian : curve.gapMean;
}

void CostDecreasePlot::addViewActions(QMenu* menu) {
  QAction* relative = menu->addAction("Relative to F(0) − F*");
  relative->setCheckable(true);
  relative->setChecked(relative_);
  connect(relative, &QAction::toggled, this, &CostDecreasePlot::setRelative);
  QAction* median = menu->addAction("Median over the signals (the paper's Fig. 2), not the mean");
  median->setCheckable(true);
  median->setChecked(median_);
  connect(median, &QAction::toggled, this, &CostDecreasePlot::setMedian);
  QAction* everyBand = menu->addAction("10–90 % band of every method, not only the inspected one");
  everyBand->setCheckable(true);
  everyBand->setChecked(everyBand_);
  connect(everyBand, &QAction::toggled, this, &CostDecreasePlot::setEveryBand);
  if (const int layers = networkLayers(); layers > 0 && xAxis->range().upper > 4 * layers)
    menu->addAction(QString("Zoom to the networks' %1 layers (double click: the whole run)").arg(layers), this,
                    &CostDecreasePlot::zoomToNetworkLayers);
}

int CostDecreasePlot::networkLayers() const {
  int layers = 0;
  for (const NetworkCurve& n : snapshot_.networks) layers = std::max(layers, n.layers);
  return layers;
}

void CostDecreasePlot::zoomToNetworkLayers() {
  const int layers = networkLayers();
  if (layers == 0) return;
  setIterationRange(xAxis, layers);
  double low = std::numeric_limits<double>::infinity(), high = 0.0;
  for (int i = 0; i < graphCount(); ++i) {
    if (!graph(i)->visible() || graph(i)->keyAxis() != xAxis) continue;
    for (const QCPGraphData& point : *graph(i)->data())
      if (point.key <= layers + 0.5 && std::isfinite(point.value) && point.value > 0) {
        low = std::min(low, point.value);
        high = std::max(high, point.value);
      }
  }
  if (high > 0 && logarithmicY()) yAxis->setRange(low / 3, high * 3);
  else if (high > 0) yAxis->setRange(0, high * 1.05);
  holdView();
  replot();
}

void CostDecreasePlot::showSnapshot(const ConvergenceSnapshot& snapshot) {
  setDataLive(!snapshot.ended());
  snapshot_ = snapshot;
  clearPlot();
  bands_.clear();
  // The axis says how far the run went only while it shows that run (rescale says it again): while F* of
  // a new problem is computed, "the run went on to t = 30000" spoke of curves no longer drawn.
  setAxisLabel(xAxis, {kIterationLabel});
  // F(0) - F*, the same for every method (all start at z = 0): its median for median curves, its mean for
  // mean curves and for the networks' points (means).
  double scale = 1.0, meanScale = 1.0;
  if (relative_)
    for (const ConvergenceCurve& c : snapshot.curves) {
      if (!centre(c).isEmpty() && centre(c).front() > 0) scale = centre(c).front();
      if (!c.gapMean.isEmpty() && c.gapMean.front() > 0) meanScale = c.gapMean.front();
    }
  // A gap at rounding level ends its curve, on the floor (in the curve's own units where relative).
  const auto divided = [](const QVector<double>& values, double by) {
    QVector<double> out(values.size());
    std::transform(values.begin(), values.end(), out.begin(), [by](double g) { return g / by; });
    return out;
  };
  // A curve that starts at its floor (λ ≥ λₘₐₓ: z* = 0 = z_0) draws nothing; the title says why.
  QList<QCPGraph*> floorMarks;
  const auto addCurve = [&](QCPGraph* graph, const QVector<double>& t, const QVector<double>& gaps, double floor) {
    GapsAboveFloor shown = gapsAboveFloor(gaps, floor);
    if (shown.landing == 0) shown.shown.fill(qQNaN());
    graph->setData(t, shown.shown, true);
    if (shown.landing <= 0) return;
    floorMarks << addFloorMark(this, xAxis, yAxis, {t[shown.landing]}, floor, graph->pen().color());
    attachCompanion(graph, floorMarks.back());
  };
  int ring = 0;
  // The bands' legend key: grey for several; else the one band's colour, and its method named.
  QColor bandColor(110, 110, 110);
  QString bandMethod;
  for (const ConvergenceCurve& curve : snapshot.curves) {
    QPair<QCPGraph*, QCPGraph*> bandEdges{nullptr, nullptr};
    // The 10-90 % band over the signals, drawn under its curve and left out of the legend; of the
    // inspected method only, unless asked for every method's (overlapping, they muddy each other).
    if (!curve.iteration.isEmpty() && curve.gapQ10 != curve.gapQ90 && (everyBand_ || curve.key() == inspected_)) {
      QCPGraph* upper = addGraph();
      QCPGraph* lower = addGraph();
      // A band at rounding level runs on, off the bottom of the axis, rather than stop.
      const auto offTheBottom = [scale](const QVector<double>& values) {
        QVector<double> out(values.size());
        std::transform(values.begin(), values.end(), out.begin(), [scale](double g) { return std::max(g, kGapRoundingLevel / 100) / scale; });
        return out;
      };
      bands_.append(Band{upper, lower});
      QColor fill = curve.color;
      fill.setAlpha(45);
      for (QCPGraph* edge : {upper, lower}) {
        edge->setLayer(kBandLayer);
        edge->setName(QString());  // QCustomPlot names every graph; an edge is not a curve
        edge->setPen(Qt::NoPen);
        edge->removeFromLegend();
      }
      if (curve.iteration.size() == 1) {
        // At t = 0 alone (after Reset) the band has no width: the spread of F(0) - F* over the signals is a
        // bar there, so that the legend keys the same band before and after the first step.
        const double t = curve.iteration.front();
        upper->setData({t, t}, offTheBottom({curve.gapQ10.front(), curve.gapQ90.front()}), true);
        upper->setPen(QPen(fill, 9, Qt::SolidLine, Qt::FlatCap));
      } else {
        upper->setData(curve.iteration, offTheBottom(curve.gapQ90), true);
        lower->setData(curve.iteration, offTheBottom(curve.gapQ10), true);
        upper->setBrush(fill);
        upper->setChannelFillGraph(lower);
      }
      bandEdges = {upper, lower};
      bandColor = bands_.size() == 1 ? curve.color : QColor(110, 110, 110);
      bandMethod = bands_.size() == 1 ? curve.method : QString();
    }
    QCPGraph* graph = addGraph();
    graph->setName(curve.method);
    graph->setPen(QPen(curve.color, 2));
    addCurve(graph, curve.iteration, divided(centre(curve), scale), kGapRoundingLevel / scale);
    // A single iterate (t = 0, after Reset) draws no line: a ring, each method's a size larger, as every
    // method starts at the same F(0) - F*. The ring is the curve's companion, out of the legend: the
    // legend keys lines, as it will after the first step.
    if (curve.iteration.size() == 1) {
      QCPGraph* start = addGraph();
      start->setName(QString());
      start->removeFromLegend();
      start->setData(graph->data());
      start->setLineStyle(QCPGraph::lsNone);
      start->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(curve.color, 2), Qt::NoBrush, 5 + 4 * ring++));
      attachCompanion(graph, start);
    }
    if (bandEdges.first) attachBand(graph, bandEdges.first, bandEdges.second);
    restoreVisibility(graph);
  }
  for (const NetworkCurve& n : snapshot.networks) {
    if (n.layerGap.isEmpty()) continue;
    QVector<double> layers(n.layerGap.size());
    std::iota(layers.begin(), layers.end(), 1.0);
    QCPGraph* graph = addGraph();
    // A stopped training, and a network that learned to output z = 0 (flat at F(0) - F*), say so here too;
    // beside medians, that a network's points are means where its medians are not known.
    const QVector<double>& gaps = n.gaps(median_);
    QStringList notes{QString("T = %1").arg(n.layers)};
    if (median_ && &gaps == &n.layerGap) notes << "mean";
    if (n.stoppedByUser || n.collapsedToZero) notes << n.stopLabel;
    graph->setName(QString("%1 (%2)").arg(n.method, notes.join(", ")));
    setShortName(graph, QString("%1 (T = %2)").arg(n.method).arg(n.layers));
    graph->setPen(QPen(n.color, 1.5, Qt::DashLine));
    graph->setScatterStyle(networkMarker(n.kind, n.color, 7));
    addCurve(graph, layers, divided(gaps, meanScale), kGapRoundingLevel / meanScale);
    restoreVisibility(graph);
  }
  if (!bands_.isEmpty()) {  // a click on the key hides or shows every band
    QCPGraph* key = addGraph();
    key->setName(bandMethod.isEmpty() ? QString(kBandKey) : bandMethod + ": " + kBandKey);
    setShortName(key, kBandKey);  // and its identity, whichever method's band it keys
    key->setPen(Qt::NoPen);
    bandColor.setAlpha(70);
    key->setBrush(bandColor);
    for (const Band& band : bands_) attachBand(key, band.upper, band.lower);
    restoreVisibility(key);
  }
  if (!floorMarks.isEmpty()) {  // its click hides or shows every mark
    QCPGraph* key = addFloorKey(this, kFloorKey);
    for (QCPGraph* mark : floorMarks) attachCompanion(key, mark);
    restoreVisibility(key);
  }
  legend->setVisible(!snapshot.curves.isEmpty() || !snapshot.networks.isEmpty());  // no empty legend box
  // λ at or above every signal's λₘₐₓ: z* = 0 = z_0, every gap 0, nothing a log axis can draw. Said, not
  // left as empty axes (lesson 1 asks to drag λ up).
  if (startsAtTheSolution(snapshot)) setHintTitle("Cost decrease (λ ≥ λₘₐₓ: z* = 0 for every signal, nothing to descend)");
  else if (snapshot.curves.isEmpty() && snapshot.networks.isEmpty()) setHintTitle(QString("Cost decrease (%1)").arg(snapshot.solversHint()));
  else setTitle("Cost decrease");
  rescaleUnlessUserView();
  replot(QCustomPlot::rpQueuedReplot);
}

QString CostDecreasePlot::toCsv() const {
  // One row per iteration t; a network's columns hold its gaps after layer t (empty beyond its depth). The
  // solvers' medians, then the networks' median and quantiles, stand last, so that scripts reading the
  // earlier columns by place still can.
  QString out = "iteration";
  for (const ConvergenceCurve& c : snapshot_.curves) out += QString(",%1_gap_mean,%1_gap_q10,%1_gap_q90").arg(c.method.toLower());
  for (const NetworkCurve& n : snapshot_.networks) out += QString(",%1_gap_mean").arg(n.method.toLower());
  for (const ConvergenceCurve& c : snapshot_.curves) out += QString(",%1_gap_median").arg(c.method.toLower());
  for (const NetworkCurve& n : snapshot_.networks) out += QString(",%1_gap_median,%1_gap_q10,%1_gap_q90").arg(n.method.toLower());
  out += "\n";
  qsizetype rows = 0;
  for (const ConvergenceCurve& c : snapshot_.curves) rows = std::max(rows, c.gapMean.size());
  for (const NetworkCurve& n : snapshot_.networks) rows = std::max(rows, n.layerGap.size() + 1);
  const auto cell = [](const QVector<double>& v, qsizetype i) {
    return "," + (i >= 0 && i < v.size() ? QString::number(v[i], 'g', 17) : QString());
  };
  for (qsizetype i = 0; i < rows; ++i) {
    out += QString::number(i);
    for (const ConvergenceCurve& c : snapshot_.curves) out += cell(c.gapMean, i) + cell(c.gapQ10, i) + cell(c.gapQ90, i);
    for (const NetworkCurve& n : snapshot_.networks) out += cell(n.layerGap, i - 1);
    for (const ConvergenceCurve& c : snapshot_.curves) out += cell(c.gapMedian, i);
    for (const NetworkCurve& n : snapshot_.networks)
      out += cell(n.layerGapMedian, i - 1) + cell(n.layerGapQ10, i - 1) + cell(n.layerGapQ90, i - 1);
    out += "\n";
  }
  return out;
}

}  // namespace unfold::ui
