// LassoPlaneView's drawing: the picture's tracks up to the shown step, the manual path, the cost plot,
// the read-outs and the level sets.
#include "teaching/lasso_plane_view.h"

#include "plots/gap_floor.h"
#include "plots/method_palette.h"

#include <QCheckBox>
#include <QLabel>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace unfold::ui {

namespace {

const QColor kManual(204, 121, 167);

struct Segments {
  QVector<double> gradX, gradY, shrinkX, shrinkY, pointX, pointY, uX, uY;
};

// Steps as segments broken by NaN: z_t -> u_t (gradient step), u_t -> z_{t+1} (soft-thresholding).
void addStep(Segments& s, double fx, double fy, double gx, double gy, double tx, double ty) {
  const double gap = qQNaN();
  s.gradX << fx << gx << gap;
  s.gradY << fy << gy << gap;
  s.shrinkX << gx << tx << gap;
  s.shrinkY << gy << ty << gap;
  s.uX << gx;
  s.uY << gy;
  s.pointX << tx;
  s.pointY << ty;
}

void drawSegments(QCustomPlot* plot, const Segments& s, const QColor& color, const QString& name, double width) {
  auto* gradient = new QCPCurve(plot->xAxis, plot->yAxis);
  gradient->setData(s.gradX, s.gradY);
  gradient->setPen(QPen(color, 1.3, Qt::DotLine));
  gradient->removeFromLegend();
  auto* shrink = new QCPCurve(plot->xAxis, plot->yAxis);
  shrink->setData(s.shrinkX, s.shrinkY);
  shrink->setPen(QPen(color, width));
  shrink->setName(name);
  auto* u = new QCPCurve(plot->xAxis, plot->yAxis);
  u->setData(s.uX, s.uY);
  u->setLineStyle(QCPCurve::lsNone);
  u->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 6));
  u->removeFromLegend();
  auto* points = new QCPCurve(plot->xAxis, plot->yAxis);
  QVector<double> px = s.pointX, py = s.pointY;
  px.prepend(0.0);
  py.prepend(0.0);
  points->setData(px, py);
  points->setLineStyle(QCPCurve::lsNone);
  points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 7));
  points->removeFromLegend();
}

// A gap as the read-outs write it: OISTA's step can land on z* exactly, a plain 0 (not "0.00e+00").
QString gapText(double gap) { return gap <= 0.0 ? QString("0") : QString::number(gap, 'e', 2); }

QString supportText(double a, double b) {
  QStringList atoms;
  if (a != 0.0) atoms << "1";
  if (b != 0.0) atoms << "2";
  return "{" + atoms.join(",\u00a0") + "}";  // a no-break space: a wrapped read-out split "{1," from "2}"
}

// F(z_t) - F* against t on the log cost plot. A method that lands on z* exactly (OISTA's step 1/L_S on
// the right support does) has a gap of 0, which a log axis cannot show: its curve goes down to the
// floor at kExactFloor and ends there with a downward triangle, so the lesson's point stays visible (the
// floor lies under the workbench's rounding level: this view's steps land exactly).
constexpr double kExactFloor = 1e-16;

QCPGraph* addGapCurve(QCustomPlot* plot, const QVector<double>& steps, const QVector<double>& gaps, const QColor& color,
                      const QString& name) {
  const GapsAboveFloor shown = gapsAboveFloor(gaps, kExactFloor);
  QCPGraph* curve = plot->addGraph();
  curve->setData(steps, shown.shown);
  curve->setPen(QPen(color, 2));
  curve->setName(name);
  if (shown.landing >= 0) addFloorMark(plot, plot->xAxis, plot->yAxis, {steps[shown.landing]}, kExactFloor, color);
  return curve;
}

// The methods' legend entries in the order of the check boxes and the read-out (ISTA, OISTA, SLISTA, then
// the manual path), though the paths are drawn the other way round (SLISTA widest, under the others).
void orderMethodEntries(QCustomPlot* plot) {
  static const QStringList order{"ISTA", "OISTA", "SLISTA", "manual", "manual steps"};
  QList<QCPAbstractPlottable*> entries, methods;
  for (int i = 0; i < plot->legend->itemCount(); ++i)
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i))) {
      entries << item->plottable();
      if (order.contains(item->plottable()->name())) methods << item->plottable();
    }
  std::stable_sort(methods.begin(), methods.end(),
                   [](const QCPAbstractPlottable* a, const QCPAbstractPlottable* b) { return order.indexOf(a->name()) < order.indexOf(b->name()); });
  qsizetype next = 0;
  for (QCPAbstractPlottable*& entry : entries)
    if (order.contains(entry->name())) entry = methods[next++];
  plot->legend->clearItems();
  for (QCPAbstractPlottable* entry : entries) entry->addToLegend(plot->legend);
}

}  // namespace

QLabel* LassoPlaneView::buildOistaNote(int width) {
  // Shown and hidden as the steps go, in a room of its own as tall as the longer of its two texts: the
  // boxes under it stay where they are.
  oistaIsIstaNote_ = new QLabel(kOistaIsIsta);
  oistaIsIstaNote_->setObjectName("oistaIsIstaNote");
  oistaIsIstaNote_->setWordWrap(true);
  QSizePolicy keepRoom = oistaIsIstaNote_->sizePolicy();
  keepRoom.setRetainSizeWhenHidden(true);
  oistaIsIstaNote_->setSizePolicy(keepRoom);
  oistaIsIstaNote_->hide();
  for (const QString& text : {QString(kOistaIsIsta), QString(kOistaLeavesIsta).arg(100)}) {
    QLabel probe(text);
    probe.setWordWrap(true);
    probe.setFont(oistaIsIstaNote_->font());
    oistaIsIstaNote_->setMinimumHeight(std::max(oistaIsIstaNote_->minimumHeight(), probe.heightForWidth(width)));
  }
  return oistaIsIstaNote_;
}

void LassoPlaneView::redraw() {
  for (int i = plane_->plottableCount() - 1; i >= 0; --i)
    if (plane_->plottable(i) != levels_) plane_->removePlottable(i);
  plane_->clearItems();
  cost_->clearGraphs();
  if (picture_.grid == 0) return;
  drawAxesAndSolution();
  const QCheckBox* shown[] = {showIsta_, showOista_, showSlista_};
  QString rows[3];
  // SLISTA first and widest, ISTA last and thinnest: where paths coincide, all stay visible.
  for (int k = int(picture_.tracks.size()) - 1; k >= 0; --k)
    if (shown[k]->isChecked()) rows[k] = drawTrack(k);
  // With n = 2 the support soon holds both atoms and L_S = L: OISTA's path is ISTA's, drawn under it. Said,
  // or a student looks for a path that is not there; and where OISTA's support later shrinks and its
  // steps grow, said so, rather than the note vanishing mid-run.
  int sameSteps = 0;
  if (picture_.tracks.size() >= 2 && showIsta_->isChecked() && showOista_->isChecked()) {
    const int steps = std::min({shown_, int(picture_.tracks[0].stepTimesL.size()), int(picture_.tracks[1].stepTimesL.size())});
    // Equal to rounding: with both atoms in the support, L_S is L computed once more (1.0000000000000002).
    const auto same = [](double ista, double oista) { return std::abs(ista - oista) <= 1e-9 * std::abs(ista); };
    while (sameSteps < steps && same(picture_.tracks[0].stepTimesL[sameSteps], picture_.tracks[1].stepTimesL[sameSteps]))
      ++sameSteps;
  }
  oistaIsIstaNote_->setText(sameSteps == shown_ ? QString(kOistaIsIsta)
                                                : QString(kOistaLeavesIsta).arg(sameSteps));
  oistaIsIstaNote_->setVisible(sameSteps > 0);
  readout_->setText(QString("<b>t = %1</b> of %2<table cellspacing=6><tr><th></th><th>F − F*</th><th>step×L</th>"
                            "<th>support</th></tr>")
                        .arg(shown_).arg(settings_.steps) + rows[0] + rows[1] + rows[2] + "</table>");
  drawManualPath();
  if (shown_ > 0 || !manual_.isEmpty()) addStepKey();
  // A little room left of t = 0, so that the points there (rings at t = 0) are not cut by the axis.
  cost_->xAxis->setRange(-0.3, std::max(settings_.steps, int(manual_.size())));
  // Around the gaps drawn, from the data: at t = 0 every curve is the one point F(0) − F*, around which
  // QCustomPlot's rescale of a log axis spreads over decades (1e-9..1e8 after a change of λ).
  double low = std::numeric_limits<double>::infinity(), high = 0.0;
  for (int i = 0; i < cost_->graphCount(); ++i)
    for (const QCPGraphData& point : *cost_->graph(i)->data())
      if (point.value > 0) low = std::min(low, point.value), high = std::max(high, point.value);
  // Two decades at least: a log axis over less labels every sub-tick, in labels that run into each other
  // or repeat ("10⁰" twice).
  // Above the start, half a decade or 9 px if more: its rings (up to 11 px) clear of the frame. With D
  // decades under it and H px, x decades over it put it x H / (D + x) px down: 9 px at x = 9 D / (H - 9).
  if (high > 0) {
    const double pixels = std::max(40, cost_->axisRect()->height());
    double lower = std::max(std::min(low / 3, high * 3 / 100), kExactFloor / 3);
    // A curve that lands on the floor ends with a triangle (8 px, centred on it): 9 px of room under it,
    // or the bottom of the axes cuts it in half (the floor is many decades down, a third of one is ~2 px).
    if (low <= kExactFloor) {
      const double above = std::log10(high / kExactFloor);
      lower = kExactFloor / std::pow(10.0, std::max(std::log10(3.0), 9.0 * above / (pixels - 9.0)));
    }
    const double decades = std::log10(high / lower);
    cost_->yAxis->setRange(lower, high * std::pow(10.0, std::max(0.5, 9.0 * decades / (pixels - 9.0))));
  }
  for (QCustomPlot* plot : {plane_, cost_}) {
    orderMethodEntries(plot);
    moveLegendToTheEmptiestCorner(plot);
  }
  plane_->replot(QCustomPlot::rpQueuedReplot);
  cost_->replot(QCustomPlot::rpQueuedReplot);
}

// What a step's two strokes mean, once a step is drawn: in the legend only (no data).
void LassoPlaneView::addStepKey() {
  const QColor grey(110, 110, 110);
  auto* gradient = new QCPCurve(plane_->xAxis, plane_->yAxis);
  gradient->setPen(QPen(grey, 1.3, Qt::DotLine));
  gradient->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, grey, Qt::white, 6));
  gradient->setName("gradient step to u (hollow)");
  auto* threshold = new QCPCurve(plane_->xAxis, plane_->yAxis);
  threshold->setPen(QPen(grey, 1.8));
  threshold->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, grey, grey, 7));
  threshold->setName("soft threshold to zₜ₊₁ (filled)");
}

void LassoPlaneView::drawAxesAndSolution() {
  // The axes (where a coordinate becomes zero) and the l1 ball through z*.
  for (const auto& [a, b] : {std::pair{QPointF(0, 0), QPointF(1, 0)}, std::pair{QPointF(0, 0), QPointF(0, 1)}}) {
    auto* line = new QCPItemStraightLine(plane_);
    line->point1->setCoords(a);
    line->point2->setCoords(b);
    line->setPen(QPen(QColor(90, 90, 90), 1));
  }
  const double r = std::abs(picture_.zStar[0]) + std::abs(picture_.zStar[1]);
  auto* ball = new QCPCurve(plane_->xAxis, plane_->yAxis);
  ball->setData(QVector<double>{r, 0, -r, 0, r}, QVector<double>{0, r, 0, -r, 0});
  ball->setPen(QPen(Qt::black, 1.2, Qt::DashLine));
  ball->setName(QString("ℓ1 ball ‖z‖₁ = ‖z*‖₁"));
  auto* star = new QCPGraph(plane_->xAxis, plane_->yAxis);
  star->setData({picture_.zStar[0]}, {picture_.zStar[1]});
  star->setLineStyle(QCPGraph::lsNone);
  star->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QColor(213, 94, 0), 16));
  star->setPen(QPen(QColor(213, 94, 0), 2.5));
  star->setName("z*");
  star->setLayer(kSolutionLayer);
}

QString LassoPlaneView::drawTrack(int k) {
  const PlanePicture& p = picture_;
  const PlaneTrack& t = p.tracks[k];
  const int count = std::min<int>(shown_, int(t.toX.size()));
  Segments s;
  QVector<double> steps{0}, gaps{p.fZero - p.fStar};
  for (int i = 0; i < count; ++i) {
    addStep(s, t.fromX[i], t.fromY[i], t.gradX[i], t.gradY[i], t.toX[i], t.toY[i]);
    steps << i + 1;
    gaps << t.gap[i];
    if (t.rejected[i]) {  // OISTA fell back to 1/L here: the support would have grown
      auto* mark = new QCPItemText(plane_);
      mark->position->setCoords(t.toX[i], t.toY[i]);
      mark->setText("1/L");
      mark->setColor(t.color);
      mark->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    }
  }
  drawSegments(plane_, s, t.color, t.method, 1.8 + 1.0 * k);
  QCPGraph* curve = addGapCurve(cost_, steps, gaps, t.color, t.method);
  // At t = 0 every method is the one point F(0) − F*, which draws no line: rings, SLISTA's the largest.
  if (count == 0) curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(t.color, 1.5), Qt::NoBrush, 5 + 3 * k));
  const double gx = count ? t.toX[count - 1] : 0.0, gy = count ? t.toY[count - 1] : 0.0;
  return QString("<tr><td style='color:%1'><b>%2</b></td><td>%3</td><td>%4</td><td>%5</td></tr>")
      .arg(t.color.name(), t.method)
      .arg(gapText(count ? t.gap[count - 1] : p.fZero - p.fStar))
      .arg(count ? QString::number(t.stepTimesL[count - 1], 'f', 2) : "–")
      .arg(supportText(gx, gy));
}

void LassoPlaneView::drawManualPath() {
  const PlanePicture& p = picture_;
  if (!manual_.isEmpty()) {
    Segments s;
    QVector<double> steps{0}, gaps{p.fZero - p.fStar};
    for (const ManualStep& m : manual_) {
      addStep(s, m.from[0], m.from[1], m.grad[0], m.grad[1], m.to[0], m.to[1]);
      steps << steps.size();
      gaps << m.gap;
    }
    drawSegments(plane_, s, kManual, "manual steps", 2.2);
    addGapCurve(cost_, steps, gaps, kManual, "manual")
        ->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kManual, kManual, 5));
  }
  const double current = manual_.isEmpty() ? p.fZero - p.fStar : manual_.back().gap;
  const QString support = manual_.isEmpty() ? "{}" : supportText(manual_.back().to[0], manual_.back().to[1]);
  // Where 1/Lₛ is 1/L, Snap changes nothing: said, with the reason (at z = 0 the support is empty).
  const int active = manual_.isEmpty() ? 0 : int(manual_.back().to[0] != 0.0) + int(manual_.back().to[1] != 0.0);
  const QString oracle = active == 0   ? QString("1/Lₛ = 1/L: the support is empty")
                         : active == 2 ? QString("1/Lₛ = 1/L: the support holds both atoms")
                                       : QString("1/Lₛ here: %1/L").arg(nextOracle_, 0, 'f', 2);
  // A Snap that would change nothing is greyed, and the text says why: a button that does nothing reads
  // as broken.
  snapButton_->setEnabled(std::abs(manualStep() - nextOracle_) > 1e-9);
  manualText_->setText(QString("next step %1/L (%2)\nafter %3 %4: F − F* = %5, support %6")
                           .arg(manualStep(), 0, 'f', 2).arg(oracle).arg(manual_.size())
                           .arg(manual_.size() == 1 ? "step" : "steps", gapText(current), support));
}

void LassoPlaneView::moveLegendToTheEmptiestCorner(QCustomPlot* plot) {
  QCPLayoutInset* inset = plot->axisRect()->insetLayout();
  if (!inset->elements(false).contains(plot->legend)) return;  // in a row under a small plot
  const QRect area = plot->axisRect()->rect();
  const QSize size = plot->legend->minimumOuterSizeHint();
  if (area.width() < size.width() || area.height() < size.height()) return;
  // First the graphs' points (z* in the plane, the gaps in the cost plot), then the markers drawn (z_t,
  // u_t: the paths'), then the lines between, sampled every 4 pixels.
  QVector<QPointF> solution, points, lines;
  const auto addPath = [&](const QVector<QPointF>& path, bool joined, QVector<QPointF>& marks) {
    QPointF last(qQNaN(), qQNaN());
    for (const QPointF& p : path) {
      if (!std::isfinite(p.x()) || !std::isfinite(p.y())) {
        last = QPointF(qQNaN(), qQNaN());
        continue;
      }
      const int steps = !joined || std::isnan(last.x()) ? 0 : int(QLineF(last, p).length() / 4);
      for (int k = 1; k <= steps; ++k) lines << last + (p - last) * (double(k) / (steps + 1));
      marks << p;
      last = p;
    }
  };
  const auto pixel = [plot](double key, double value) {
    return QPointF(plot->xAxis->coordToPixel(key), plot->yAxis->coordToPixel(value));
  };
  for (int i = 0; i < plot->graphCount(); ++i) {
    const QCPGraph* graph = plot->graph(i);
    if (!graph->visible()) continue;
    QVector<QPointF> path;
    for (const QCPGraphData& d : *graph->data()) path << pixel(d.key, d.value);
    addPath(path, graph->lineStyle() != QCPGraph::lsNone, solution);
  }
  for (int i = 0; i < plot->plottableCount(); ++i) {
    const auto* curve = qobject_cast<const QCPCurve*>(plot->plottable(i));
    if (!curve || !curve->visible()) continue;
    QVector<QPointF> path;
    for (const QCPCurveData& d : *curve->data()) path << pixel(d.key, d.value);
    addPath(path, curve->lineStyle() != QCPCurve::lsNone, curve->scatterStyle().shape() != QCPScatterStyle::ssNone ? points : lines);
  }
  // The legend with its inset margins, and as much air on its inner sides: the next layout may shift
  // the data a few pixels (tick labels of another width).
  const int margin = 24;
  const auto hidden = [&](Qt::Alignment corner) {
    const int x = corner & Qt::AlignLeft ? area.left() : area.right() - size.width() - margin;
    const int y = corner & Qt::AlignTop ? area.top() : area.bottom() - size.height() - margin;
    const QRectF box(x, y, size.width() + margin, size.height() + margin);
    const auto under = [&box](const QVector<QPointF>& drawn) {
      return std::count_if(drawn.begin(), drawn.end(), [&box](const QPointF& p) { return box.contains(p); });
    };
    return std::tuple(under(solution), under(points), under(lines));
  };
  // Never over z* if a corner leaves it free, then the fewest points hidden, then the fewest lines; the
  // legend stays where it is between equals.
  Qt::Alignment best = inset->insetAlignment(0);
  auto fewest = hidden(best);
  for (const Qt::Alignment corner : {Qt::AlignTop | Qt::AlignLeft, Qt::AlignTop | Qt::AlignRight,
                                     Qt::AlignBottom | Qt::AlignLeft, Qt::AlignBottom | Qt::AlignRight})
    if (const auto under = hidden(corner); under < fewest) fewest = under, best = corner;
  inset->setInsetAlignment(0, best);
}

void LassoPlaneView::showLevels(int samples, const QCPRange& x, const QCPRange& y, const QVector<double>& logGap) {
  levels_->data()->setSize(samples, samples);
  levels_->data()->setRange(x, y);
  for (int iy = 0; iy < samples; ++iy)
    for (int ix = 0; ix < samples; ++ix) levels_->data()->setCell(ix, iy, logGap[iy * samples + ix]);
}

void LassoPlaneView::showGrid(const PlaneGrid& grid) {
  if (grid.generation != latest_ || grid.samples < 2) return;
  picture_.gridXMin = grid.xMin, picture_.gridXMax = grid.xMax, picture_.gridYMin = grid.yMin, picture_.gridYMax = grid.yMax;
  picture_.grid = grid.samples;
  picture_.logGap = grid.logGap;
  showLevels(grid.samples, QCPRange(grid.xMin, grid.xMax), QCPRange(grid.yMin, grid.yMax), grid.logGap);
  levels_->rescaleDataRange(true);  // the bands span the new grid's costs (a wider one's were white past the old top)
  plane_->replot(QCustomPlot::rpQueuedReplot);
  emit gridShown();
}

}  // namespace unfold::ui
