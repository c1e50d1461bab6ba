#include "cost_decrease_plot.h"

#include <algorithm>

namespace unfold::ui {

namespace {

// Gaps reach rounding level (~1e-16) and exact zeros; a log axis needs a floor.
constexpr double kFloor = 1e-16;

}  // namespace

CostDecreasePlot::CostDecreasePlot(QWidget* parent) : QCustomPlot(parent) {
  yAxis->setScaleType(QCPAxis::stLogarithmic);
  yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  yAxis->setNumberFormat("eb");
  yAxis->setNumberPrecision(0);
  xAxis->setLabel("iteration t");
  yAxis->setLabel("F(zₜ) − F*");
  legend->setVisible(true);
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
  plotLayout()->insertRow(0);
  plotLayout()->addElement(0, 0, new QCPTextElement(this, "Cost decrease", QFont(font().family(), 11, QFont::Bold)));
}

void CostDecreasePlot::showSnapshot(const ConvergenceSnapshot& snapshot) {
  clearGraphs();
  double low = 1.0, high = kFloor;
  for (const ConvergenceCurve& curve : snapshot.curves) {
    QVector<double> gap(curve.gapMean.size());
    std::transform(curve.gapMean.begin(), curve.gapMean.end(), gap.begin(), [](double g) { return std::max(g, kFloor); });
    QCPGraph* graph = addGraph();
    graph->setName(curve.method);
    graph->setPen(QPen(curve.color, 2));
    graph->setData(curve.iteration, gap, true);
    for (double g : gap) {
      low = std::min(low, g);
      high = std::max(high, g);
    }
  }
  xAxis->rescale();
  yAxis->setRange(std::max(low / 3, kFloor), high * 3);
  replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace unfold::ui
