#include "plots/gap_floor.h"

#include <algorithm>

namespace unfold::ui {

GapsAboveFloor gapsAboveFloor(const QVector<double>& gaps, double floor) {
  GapsAboveFloor out;
  out.shown.reserve(gaps.size());
  for (qsizetype i = 0; i < gaps.size(); ++i) {
    if (out.landing < 0 && gaps[i] <= floor) out.landing = static_cast<int>(i);
    out.shown << (out.landing < 0 ? gaps[i] : i == out.landing ? floor : qQNaN());
  }
  return out;
}

QCPGraph* addFloorMark(QCustomPlot* plot, QCPAxis* keyAxis, QCPAxis* valueAxis, const QVector<double>& t, double floor,
                       const QColor& color) {
  QCPGraph* mark = plot->addGraph(keyAxis, valueAxis);
  mark->setData(t, QVector<double>(t.size(), floor));
  mark->setLineStyle(QCPGraph::lsNone);
  mark->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangleInverted, color, color, 10));
  mark->setName(QString());  // QCustomPlot names every graph; a mark is not a curve
  mark->removeFromLegend();
  return mark;
}

QCPGraph* addFloorKey(QCustomPlot* plot, const QString& name) {
  QCPGraph* key = plot->addGraph();
  key->setName(name);
  key->setLineStyle(QCPGraph::lsNone);
  key->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangleInverted, Qt::darkGray, Qt::darkGray, 9));
  return key;
}

bool startsAtTheSolution(const ConvergenceSnapshot& snapshot) {
  return !snapshot.curves.isEmpty() && std::all_of(snapshot.curves.begin(), snapshot.curves.end(), [](const ConvergenceCurve& c) {
    return !c.gapMean.isEmpty() && c.gapMean.front() <= kGapRoundingLevel;
  });
}

}  // namespace unfold::ui
