#include "plots/plottables_clipped_to_axes.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace unfold::ui {

namespace {

// Coordinates in which the axes are linear: log10 on a logarithmic axis (NaN for a value it cannot show).
double linear(const QCPAxis* axis, double v) {
  if (axis->scaleType() != QCPAxis::stLogarithmic) return v;
  return v > 0 ? std::log10(v) : qQNaN();
}
double back(const QCPAxis* axis, double v) { return axis->scaleType() == QCPAxis::stLogarithmic ? std::pow(10.0, v) : v; }

struct Box {
  double x0, x1, y0, y1;
  bool holds(double x, double y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
};

// The part of the segment (ax, ay) -> (bx, by) inside the box, as fractions [t0, t1] of it (Liang-Barsky);
// false if none.
bool clipSegment(const Box& box, double ax, double ay, double bx, double by, double& t0, double& t1) {
  t0 = 0, t1 = 1;
  const double dx = bx - ax, dy = by - ay;
  const double p[] = {-dx, dx, -dy, dy}, q[] = {ax - box.x0, box.x1 - ax, ay - box.y0, box.y1 - ay};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0) t0 = std::max(t0, t);
    else t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

// A line: the pieces inside the box, NaN between them (QCPGraph leaves a gap there).
QVector<QCPGraphData> cutLine(const QVector<QCPGraphData>& points, const Box& box) {
  QVector<QCPGraphData> out;
  const auto add = [&out](double x, double y) {
    if (out.isEmpty() || out.back().key != x || out.back().value != y) out.append(QCPGraphData(x, y));
  };
  for (qsizetype i = 0; i + 1 < points.size(); ++i) {
    const QCPGraphData &a = points[i], &b = points[i + 1];
    double t0 = 0, t1 = 1;
    const bool finite = std::isfinite(a.key) && std::isfinite(b.key) && std::isfinite(a.value) && std::isfinite(b.value);
    if (!finite || !clipSegment(box, a.key, a.value, b.key, b.value, t0, t1)) {
      if (!out.isEmpty() && !std::isnan(out.back().value)) out.append(QCPGraphData((a.key + b.key) / 2, qQNaN()));
      continue;
    }
    add(a.key + t0 * (b.key - a.key), a.value + t0 * (b.value - a.value));
    add(a.key + t1 * (b.key - a.key), a.value + t1 * (b.value - a.value));
    if (t1 < 1) out.append(QCPGraphData(b.key, qQNaN()));  // leaves here
  }
  if (points.size() == 1 && box.holds(points[0].key, points[0].value)) out = points;
  return out;
}

// A filled graph: cut at the key range, held to the value range (the fill keeps its shape inside).
QVector<QCPGraphData> holdFill(const QVector<QCPGraphData>& points, const Box& box) {
  QVector<QCPGraphData> out;
  const auto add = [&](double x, double y) { out.append(QCPGraphData(x, std::isnan(y) ? y : std::clamp(y, box.y0, box.y1))); };
  for (qsizetype i = 0; i < points.size(); ++i) {
    const QCPGraphData& p = points[i];
    if (i > 0 && !std::isnan(p.value) && !std::isnan(points[i - 1].value)) {
      // Between two points: where the key range starts or ends, and where the edge crosses the value
      // range's ends (a held edge bends there, as the drawn one is cut), in key order.
      const QCPGraphData& q = points[i - 1];
      const auto at = [&](double key) { return q.value + (p.value - q.value) * (key - q.key) / (p.key - q.key); };
      std::vector<double> keys;
      for (const double edge : {box.x0, box.x1})
        if ((q.key - edge) * (p.key - edge) < 0) keys.push_back(edge);
      for (const double level : {box.y0, box.y1})
        if ((q.value - level) * (p.value - level) < 0) keys.push_back(q.key + (p.key - q.key) * (level - q.value) / (p.value - q.value));
      std::sort(keys.begin(), keys.end());
      for (const double key : keys)
        if (key >= box.x0 && key <= box.x1) add(key, at(key));
    }
    if (p.key >= box.x0 && p.key <= box.x1) add(p.key, p.value);
  }
  return out;
}

}  // namespace

PlottablesClippedToAxes::PlottablesClippedToAxes(QCustomPlot* plot) : plot_(plot) {
  for (int i = 0, count = plot->plottableCount(); i < count; ++i) {
    if (auto* map = qobject_cast<QCPColorMap*>(plot->plottable(i))) cropColorMap(map);
    if (auto* curve = qobject_cast<QCPCurve*>(plot->plottable(i))) cutCurve(curve);
  }
  std::set<const QCPGraph*> fillEdges;
  for (int i = 0; i < plot->graphCount(); ++i)
    if (const QCPGraph* g = plot->graph(i); g->channelFillGraph()) fillEdges.insert(g->channelFillGraph());
  for (int i = 0, count = plot->graphCount(); i < count; ++i) {
    QCPGraph* g = plot->graph(i);
    const QCPAxis *keys = g->keyAxis(), *values = g->valueAxis();
    if (!keys || !values || !g->visible() || g->data()->isEmpty()) continue;
    const Box box{linear(keys, keys->range().lower), linear(keys, keys->range().upper), linear(values, values->range().lower),
                  linear(values, values->range().upper)};
    const QCPGraph::LineStyle style = g->lineStyle();
    const bool steps = style == QCPGraph::lsStepLeft || style == QCPGraph::lsStepRight;
    if (!std::isfinite(box.x0 + box.x1 + box.y0 + box.y1) || style == QCPGraph::lsStepCenter || style == QCPGraph::lsImpulse)
      continue;  // nothing to cut to, or a style drawn from a point's neighbours' middle (none here)
    QVector<QCPGraphData> points;
    bool outside = false;
    for (const QCPGraphData& d : *g->data()) {
      points.append(QCPGraphData(linear(keys, d.key), linear(values, d.value)));
      outside |= !box.holds(points.back().key, points.back().value);
    }
    if (!outside) continue;
    saved_.push_back({g, QSharedPointer<QCPGraphDataContainer>::create(*g->data()), style, g->adaptiveSampling()});
    // Sampling merges the points of a pixel, NaN gaps with them: a cut line would be joined along the edge.
    g->setAdaptiveSampling(false);
    if (steps) {  // the steps' corners as points of a line, which cuts right (|S_t| kept its integer levels)
      QVector<QCPGraphData> corners;
      for (qsizetype k = 0; k < points.size(); ++k) {
        if (k > 0) corners.append(style == QCPGraph::lsStepLeft ? QCPGraphData(points[k].key, points[k - 1].value)
                                                                 : QCPGraphData(points[k - 1].key, points[k].value));
        corners.append(points[k]);
      }
      points = corners;
      g->setLineStyle(QCPGraph::lsLine);
    }
    const bool filled = g->brush().style() != Qt::NoBrush || fillEdges.count(g);
    QVector<QCPGraphData> kept;
    if (filled) {
      kept = holdFill(points, box);
    } else if (g->lineStyle() == QCPGraph::lsNone) {
      for (const QCPGraphData& p : points)
        if (box.holds(p.key, p.value)) kept.append(p);
    } else {
      kept = cutLine(points, box);
      if (!g->scatterStyle().isNone()) {
        // The cut line and the points inside drawn by two stand-ins (a cut would get a marker), the graph
        // itself empty: its legend entry keeps its line and marker.
        QCPGraph* line = plot->addGraph(g->keyAxis(), g->valueAxis());
        QCPGraph* marks = plot->addGraph(g->keyAxis(), g->valueAxis());
        for (QCPGraph* standIn : {line, marks}) {
          standIn->setAdaptiveSampling(false);
          standIn->setLayer(g->layer());
          standIn->setPen(g->pen());
          standIn->removeFromLegend();
          standIns_.push_back(standIn);
        }
        marks->setLineStyle(QCPGraph::lsNone);
        marks->setScatterStyle(g->scatterStyle());
        for (const QCPGraphData& d : *g->data())
          if (box.holds(linear(keys, d.key), linear(values, d.value))) marks->addData(d.key, d.value);
        line->setLineStyle(g->lineStyle());
        g->data()->clear();
        g = line;
      }
    }
    for (QCPGraphData& p : kept) p.key = back(keys, p.key), p.value = std::isnan(p.value) ? p.value : back(values, p.value);
    g->data()->set(kept, true);
  }
}

void PlottablesClippedToAxes::cutCurve(QCPCurve* curve) {
  const QCPAxis *keys = curve->keyAxis(), *values = curve->valueAxis();
  if (!keys || !values || !curve->visible() || curve->data()->isEmpty()) return;
  const Box box{linear(keys, keys->range().lower), linear(keys, keys->range().upper), linear(values, values->range().lower),
                linear(values, values->range().upper)};
  if (!std::isfinite(box.x0 + box.x1 + box.y0 + box.y1)) return;
  QVector<QCPGraphData> points;  // (x, y) in the curve's order, as a line's points
  bool outside = false;
  for (const QCPCurveData& d : *curve->data()) {
    points.append(QCPGraphData(linear(keys, d.key), linear(values, d.value)));
    const QCPGraphData& p = points.back();
    outside |= !std::isnan(p.key) && !std::isnan(p.value) && !box.holds(p.key, p.value);
  }
  if (!outside) return;
  savedCurves_.push_back({curve, QSharedPointer<QCPCurveDataContainer>::create(*curve->data())});
  const auto setPoints = [keys, values](QCPCurve* target, const QVector<QCPGraphData>& kept) {
    QVector<QCPCurveData> data;
    for (const QCPGraphData& p : kept)
      data.append(QCPCurveData(data.size(), back(keys, p.key), std::isnan(p.value) ? p.value : back(values, p.value)));
    target->data()->set(data, true);
  };
  QVector<QCPGraphData> inside;
  for (const QCPGraphData& p : points)
    if (box.holds(p.key, p.value)) inside.append(p);
  if (curve->lineStyle() == QCPCurve::lsNone) {
    setPoints(curve, inside);
    return;
  }
  if (curve->scatterStyle().isNone()) {
    setPoints(curve, cutLine(points, box));
    return;
  }
  // The cut line and the points inside drawn by two stand-ins (a cut would get a marker), the curve itself
  // empty: its legend entry keeps its line and marker.
  for (const bool marks : {false, true}) {
    auto* standIn = new QCPCurve(curve->keyAxis(), curve->valueAxis());
    standIn->setLayer(curve->layer());
    standIn->setPen(curve->pen());
    standIn->removeFromLegend();
    if (marks) standIn->setLineStyle(QCPCurve::lsNone), standIn->setScatterStyle(curve->scatterStyle());
    setPoints(standIn, marks ? inside : cutLine(points, box));
    curveStandIns_.push_back(standIn);
  }
  curve->data()->clear();
}

void PlottablesClippedToAxes::cropColorMap(QCPColorMap* map) {
  const QCPColorMapData* data = map->data();
  const QCPAxis *keys = map->keyAxis(), *values = map->valueAxis();
  if (!keys || !values || !map->visible() || data->keySize() < 1 || data->valueSize() < 1) return;
  // The cells' extent: half a cell beyond the first and last centres (one cell: its range is its extent).
  const auto extent = [](const QCPRange& centres, int cells) {
    const double half = cells > 1 ? centres.size() / (cells - 1) / 2 : std::max(centres.size(), 1.0) / 2;
    return QCPRange(centres.lower - half, centres.upper + half);
  };
  const QCPRange keyExtent = extent(data->keyRange(), data->keySize()), valueExtent = extent(data->valueRange(), data->valueSize());
  const QCPRange across(std::max(keyExtent.lower, keys->range().lower), std::min(keyExtent.upper, keys->range().upper));
  const QCPRange up(std::max(valueExtent.lower, values->range().lower), std::min(valueExtent.upper, values->range().upper));
  const bool inside = across.lower <= keyExtent.lower && across.upper >= keyExtent.upper && up.lower <= valueExtent.lower &&
                      up.upper >= valueExtent.upper;
  if (inside) return;
  savedMaps_.push_back({map, new QCPColorMapData(*data), map->visible()});
  if (!(across.size() > 0) || !(up.size() > 0)) {  // nothing of it shows
    map->setVisible(false);
    return;
  }
  // Twice the pixels the part spans (within 16 to 2000 a side), each the value of the cell under its centre.
  const auto cellsFor = [](const QCPAxis* axis, const QCPRange& part) {
    return std::clamp(int(std::lround(2 * std::abs(axis->coordToPixel(part.upper) - axis->coordToPixel(part.lower)))), 16, 2000);
  };
  const int width = cellsFor(keys, across), height = cellsFor(values, up);
  const double dk = across.size() / width, dv = up.size() / height;
  auto* cropped = new QCPColorMapData(width, height, QCPRange(across.lower + dk / 2, across.upper - dk / 2),
                                      QCPRange(up.lower + dv / 2, up.upper - dv / 2));
  QCPColorMapData& whole = *savedMaps_.back().data;  // cell() is not const
  for (int a = 0; a < width; ++a)
    for (int b = 0; b < height; ++b) {
      int i = 0, j = 0;
      whole.coordToCell(across.lower + (a + 0.5) * dk, up.lower + (b + 0.5) * dv, &i, &j);
      cropped->setCell(a, b, whole.cell(std::clamp(i, 0, whole.keySize() - 1), std::clamp(j, 0, whole.valueSize() - 1)));
    }
  map->setData(cropped);  // takes it; the colours' range (the colour scale's) stays
}

PlottablesClippedToAxes::~PlottablesClippedToAxes() {
  for (const SavedMap& s : savedMaps_) {
    s.map->setData(s.data);
    s.map->setVisible(s.visible);
  }
  for (QCPGraph* standIn : standIns_) plot_->removeGraph(standIn);
  for (QCPCurve* standIn : curveStandIns_) plot_->removePlottable(standIn);
  for (const SavedCurve& s : savedCurves_) s.curve->setData(s.data);
  for (const Saved& s : saved_) {
    s.graph->setData(s.data);
    s.graph->setLineStyle(s.lineStyle);
    s.graph->setAdaptiveSampling(s.adaptiveSampling);
  }
}

}  // namespace unfold::ui
