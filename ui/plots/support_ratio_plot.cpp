#include "plots/support_ratio_plot.h"

#include "linalg/largest_eigenvalue.h"
#include "plots/axis_ticks.h"
#include "plots/legend_icons.h"
#include "plots/method_palette.h"

#include <QScopedValueRollback>

#include <algorithm>
#include <cmath>

namespace unfold::ui {

namespace {
constexpr const char* kLawName = "Marchenko–Pastur";
constexpr const char* kAloneNote = " (the only one kept)";  // the inspected signal's, where no mean is drawn
}  // namespace

SupportRatioPlot::SupportRatioPlot(QWidget* parent) : WorkbenchPlot("Lₛ / L", parent) {
  xAxis->setLabel("iteration t");
  yAxis->setLabel("Lₛ / L");
  right_ = new QCPAxisRect(this);
  body()->addElement(0, 1, right_);
  right_->axis(QCPAxis::atBottom)->setLabel("|S| / m");
  right_->axis(QCPAxis::atLeft)->setLabel("Lₛ / L");
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  legendFont_ = legend->font();
  legendFont_.setPointSizeF(legendFont_.pointSizeF() * 0.85);
  legend->setFont(legendFont_);
  legendLook_ = {legend->iconSize(), legend->iconTextPadding(), legend->margins(), axisRect()->insetLayout()->margins(),
                 legend->borderPen()};
  keepLegendLook();
  connect(this, &QCustomPlot::afterLayout, this, &SupportRatioPlot::fitLegend);
}

void SupportRatioPlot::fitLegend() {
  // The legend is an inset of the axis rect aligned top right: wider than the rect, it would stick out
  // to the left over the y tick labels, and taller than half the panel it would leave the curves no room.
  // Smaller fonts until it fits, then also short icons and narrow margins; below 6 pt it is not worth
  // reading there, and it goes to a row of its own under the title (the panels side by side in a narrow
  // dock, as in the window's designed layout, leave the iterations panel ~110 px wide).
  if (fittingLegend_) return;  // the layout it asks for below emits afterLayout again
  if (!legendWanted()) {  // a figure without it
    moveLegend(false);
    legend->setVisible(false);
    return;
  }
  const QScopedValueRollback fitting(fittingLegend_, true);
  QCPLayoutInset* inset = axisRect()->insetLayout();
  const int wrapBefore = legend->wrap();
  const QSize iconBefore = legend->iconSize();
  const double fontBefore = legend->font().pointSizeF();
  // Measured where it would stand, with the y range it would have there (whose tick labels set the
  // panel's width): inside, the panels also get the row's height. Laid out so rather than estimated, the
  // place depends on the size alone (not on the sizes before, such as a small export's), and a size at
  // the edge cannot send it back and forth.
  const bool wasOutside = legendAbove() || legendSqueezed_;
  if (wasOutside) {
    moveLegend(false);
    legendInside_ = true;
    rescaleUnlessUserView();
    updateLayout();
  }
  legend->setWrap(0);
  legend->setFillOrder(QCPLayoutGrid::foRowsFirst, true);  // measured as it would stand inside: one entry a row
  QFont font = legendFont_;
  bool fits = false;
  for (const bool compact : {false, true}) {
    inset->setMargins(compact ? QMargins(4, 4, 4, 4) : legendLook_.insetMargins);  // the gap to the axes
    const QRect room = axisRect()->rect().marginsRemoved(inset->margins());
    setLegendIcons(legend, compact ? QSize(16, 10) : legendLook_.icon, compact ? 4 : legendLook_.padding);
    legend->setMargins(compact ? QMargins(4, 3, 4, 3) : legendLook_.margins);
    for (double size = legendFont_.pointSizeF(); size >= (compact ? 6.0 : 7.0) && !fits; size -= 0.5) {
      font.setPointSizeF(size);
      legend->setFont(font);
      const QSize needed = legend->minimumOuterSizeHint();
      // At most half the panel's height: the curves get the rest (WorkbenchPlot makes the room).
      fits = needed.width() <= room.width() && needed.height() + inset->margins().top() + 4 < axisRect()->rect().height() / 2;
    }
    if (fits) break;
  }
  moveLegend(!fits);
  if (!fits) {
    // In its row, in the compact look (a header row, unframed): as many entries side by side as the
    // plot's width takes (an export's width, too), the font smaller step by step until two fit in a row
    // (one a row would take the panels' height), down to 6 pt as inside.
    const int wanted = std::min(2, int(legend->itemCount()));
    setLegendIcons(legend, QSize(16, 10), 4);
    legend->setMargins(QMargins(4, 3, 4, 3));
    for (double size = legendFont_.pointSizeF(); size >= 6.0; size -= 0.5) {
      font.setPointSizeF(size);
      legend->setFont(font);
      int columns = legend->itemCount();
      for (; columns >= 1; --columns) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // rearranged into rows of `columns`
        if (legend->minimumOuterSizeHint().width() <= viewport().width() - 8) break;
      }
      if (columns >= wanted) break;
    }
  }
  legend->setVisible(legend->itemCount() > 0);
  const bool moved = fits == wasOutside || legend->wrap() != wrapBefore || legend->iconSize() != iconBefore ||
                     legend->font().pointSizeF() != fontBefore;
  legendInside_ = fits;
  // The iterations panel keeps room above its curves only for a legend inside.
  if (moved || wasOutside) rescaleUnlessUserView();
  if (!moved && !wasOutside) {
    inset->setOuterRect(axisRect()->rect());  // its inner rect follows the new margins
    inset->update(QCPLayoutElement::upLayout);  // place the legend with its new size
    return;
  }
  // Laid out again now, as the drawing that emitted afterLayout goes on (a one-shot export at another
  // size is drawn once), and once more on screen for the new y range.
  updateLayout();
  // A plot too short for its row and two panels squeezes the row and cuts the entries' text (the grid's
  // rounding may take a pixel or two, which cuts nothing): no legend then (the read-out under the cursor
  // names the curves), and out of the layout, so that the panels get its room.
  legendSqueezed_ = legendAbove() && legend->visible() && legend->outerRect().height() < legend->minimumOuterSizeHint().height() - 3;
  if (legendSqueezed_) {
    moveLegend(false);
    legend->setVisible(false);
    updateLayout();
  }
  if (moved) replot(QCustomPlot::rpQueuedReplot);
}

bool SupportRatioPlot::legendAbove() const { return legend->layout() == plotLayout(); }

void SupportRatioPlot::moveLegend(bool above) {
  if (above == legendAbove()) return;
  QCPLayoutInset* inset = axisRect()->insetLayout();
  if (above) {
    inset->take(legend);
    inset->simplify();
    addRowUnderTitle(legend);  // over both panels
    legend->setBorderPen(Qt::NoPen);  // a box as wide as the plot would frame nothing; its edges would be cut
  } else {
    plotLayout()->take(legend);
    plotLayout()->simplify();
    inset->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    legend->setBorderPen(legendLook_.border);
  }
}

void SupportRatioPlot::showSignal(const ConvergenceSnapshot& snapshot, MethodKey method, int signal) {
  snapshot_ = snapshot;
  method_ = method;
  clearPlot();
  cloudZeta_ = cloudRatio_ = 0.0;
  const auto add = [&](QCPAxisRect* rect, const QString& name, const QPen& pen, bool inLegend) {
    QCPGraph* g = addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    g->setName(name);
    g->setPen(pen);
    if (!inLegend) g->removeFromLegend();
    return g;
  };
  const double gamma = snapshot.gamma;
  QString along = "iteration t";
  // The law, drawn in both panels in one style, is named once; the cloud's line |S|/m in the same legend.
  const QPen lawPen(Qt::black, 1.5, Qt::DotLine);
  QCPGraph* prediction = nullptr;
  // The method inspected alone: the other methods' curves would only crowd the panel.
  if (const ConvergenceCurve* inspected = snapshot.inspectorCurve(method); inspected && inspected->inspected > 0 && inspected->atoms > 0) {
    const ConvergenceCurve& c = *inspected;
    const int K = c.inspected;
    const int iterates = c.iterates();
    if (signal >= 0 && signal < K && iterates > 0) {
      // A run so long that one signal's iterates alone are kept has no mean over the signals: said, or the
      // dashed curve that a shorter run draws went missing without a word.
      const bool alone = K == 1 && snapshot.testSignals > 1;
      QCPGraph* chosen = add(axisRect(), snapshot.signalName(signal) + (alone ? kAloneNote : ""), QPen(c.color, 2), true);
      if (alone) setShortName(chosen, snapshot.signalName(signal));  // its identity (hidden stays hidden)
      along = c.network ? "layer t" : "iteration t";
      prediction = add(axisRect(), kLawName, lawPen, true);
      for (int t = 0; t < iterates; ++t) {
        const double ratio = c.history->lsOverL(t, signal);
        const int support = c.history->supportSize(t, signal);
        chosen->addData(t, ratio);
        if (support > 0 && gamma > 0) prediction->addData(t, marchenkoPasturRatio(double(support) / c.atoms, gamma));
      }
    }
    if (K > 1) {
      // Over the first signals alone where the stored codes' budget keeps fewer than all (the signal box
      // says why); named as the inspected signal's entry names one.
      const QString name = K < snapshot.testSignals ? QString("mean of signals 0–%1").arg(K - 1) : QString("mean over %1 signals").arg(K);
      QCPGraph* mean = add(axisRect(), name, QPen(c.color, 1.5, Qt::DashLine), true);
      for (int t = 0; t < c.lsOverLMean.size(); ++t) mean->addData(t, c.lsOverLMean[t]);
    }
    QCPGraph* samples = add(right_, c.method + " iterates", QPen(c.color), false);
    samples->setLineStyle(QCPGraph::lsNone);
    QColor dot = c.color;
    dot.setAlpha(90);
    samples->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, dot, dot, 3));
    samples->setData(c.sampleZeta, c.sampleRatio);  // one sort, not an insertion per point
    for (const double zeta : c.sampleZeta) cloudZeta_ = std::max(cloudZeta_, zeta);
    for (const double ratio : c.sampleRatio) cloudRatio_ = std::max(cloudRatio_, ratio);
  }
  if (gamma > 0) {
    QCPGraph* law = add(right_, kLawName, lawPen, !prediction);
    QCPGraph* line = add(right_, "Lₛ / L = |S| / m", QPen(QColor(110, 110, 110), 1.2, Qt::DashLine), true);  // dark enough in a figure
    for (int k = 1; k <= 200; ++k) {
      const double zeta = k * k / 40000.0;  // denser near 0, where the law rises as a square root
      law->addData(zeta, marchenkoPasturRatio(zeta, gamma));
      line->addData(zeta, zeta);
    }
    if (prediction) attachCompanion(prediction, law);  // its legend entry hides and shows the law in both panels
    restoreVisibility(prediction ? prediction : law);
    restoreVisibility(line);
  }
  // A long run whose supports were found early ends a little after the curves' last visible change: the
  // run's flat rest squeezed what changes into the first per cent. A change under a thousandth (a fifth of
  // a pixel of the 0-1.05 axis in a 200-px panel; one late signal among 50 moves the mean by that) draws
  // nothing.
  constexpr double kVisibleChange = 1e-3;
  double settled = 0.0, ran = 0.0;
  for (QCPGraph* g : xAxis->graphs())
    for (auto point = g->data()->constBegin(); point != g->data()->constEnd(); ++point) {
      ran = std::max(ran, point->key);
      if (point != g->data()->constBegin() && std::abs(point->value - (point - 1)->value) > kVisibleChange)
        settled = std::max(settled, point->key);
    }
  iterationEnd_ = settledIterationEnd(settled, ran);
  setAxisLabel(xAxis, iterationEnd_ < 0 ? QStringList{along} : settledAxisLabels(along, ran, "Lₛ / L settled"));
  const bool empty = snapshot.curves.isEmpty();
  legend->setVisible(!empty);
  if (empty) setHintTitle(QString("Lₛ / L (%1)").arg(snapshot.solversHint()));
  else setTitle(QString("Lₛ / L: %1").arg(methodLabel(method)));
  rescaleUnlessUserView();
  replot(QCustomPlot::rpQueuedReplot);
}

void SupportRatioPlot::rescale() {
  fitIterationAxis(xAxis);
  if (iterationEnd_ >= 0) setIterationRange(xAxis, iterationEnd_);
  yAxis->setRange(0, legendInside_ ? 1.5 : 1.05);  // L_S/L <= 1: a legend inside sits above the curves
  // The cloud's panel fits the cloud: a sparse solution's supports (|S|/m < 0.06 in the networks preset)
  // crowded the y axis of a 0-1 panel. Out to the first of 0.1, 0.2, 0.5 and 1 that leaves room past the
  // widest support (no cloud yet: 1); up to a fifth over the cloud and the law's value there, 1.05 at most.
  double across = 1.0;
  for (const double end : {0.1, 0.2, 0.5})
    if (cloudZeta_ > 0 && cloudZeta_ * 1.15 <= end) {
      across = end;
      break;
    }
  const double law = snapshot_.gamma > 0 ? marchenkoPasturRatio(across, snapshot_.gamma) : across;
  right_->axis(QCPAxis::atBottom)->setRange(0, across);
  right_->axis(QCPAxis::atLeft)->setRange(0, std::min(1.05, 1.2 * std::max({cloudRatio_, law, across})));
}

// Built on demand from what is drawn (building it on every update would stall the UI thread).
QString SupportRatioPlot::toCsv() const {
  QString out = "panel,series,x,y\n";
  for (int i = 0; i < graphCount(); ++i) {
    const QCPGraph* g = graph(i);
    const bool cloud = g->keyAxis()->axisRect() == right_;
    const QString panel = cloud ? "scatter" : "iterations";
    // The method is in the title; the series keeps its name in every run (scripts look it up).
    const QString name = QString(g->name()).remove(kAloneNote);
    const QString series = csvLabel(cloud ? name : title().section(": ", 1) + " " + name);
    for (const QCPGraphData& p : *g->data())
      out += QString("%1,%2,%3,%4\n").arg(panel, series).arg(p.key, 0, 'g', 17).arg(p.value, 0, 'g', 17);
  }
  return out;
}

int SupportRatioPlot::signalAt(const QPointF& position) const {
  QCPAxis* x = right_->axis(QCPAxis::atBottom);
  QCPAxis* y = right_->axis(QCPAxis::atLeft);
  if (!right_->rect().contains(position.toPoint())) return -1;
  double best = 8.0;
  int signal = -1;
  const ConvergenceCurve* c = snapshot_.inspectorCurve(method_);  // only its points are drawn
  for (qsizetype k = 0; c && k < c->sampleZeta.size() && k < c->sampleSignal.size(); ++k) {
    const double d = std::hypot(x->coordToPixel(c->sampleZeta[k]) - position.x(), y->coordToPixel(c->sampleRatio[k]) - position.y());
    if (d < best) {
      best = d;
      signal = c->sampleSignal[k];
    }
  }
  return signal;
}

void SupportRatioPlot::resizeEvent(QResizeEvent* event) {
  arrangePanels(event->size());
  WorkbenchPlot::resizeEvent(event);
}

void SupportRatioPlot::arrangePanels(const QSize& size) {
  const bool stacked = size.width() < 420 && size.height() > 1.1 * size.width();
  const bool isStacked = body()->hasElement(1, 0) && body()->element(1, 0) == right_;
  if (stacked != isStacked) {
    body()->take(right_);
    body()->simplify();
    body()->addElement(stacked ? 1 : 0, stacked ? 0 : 1, right_);
    // Stacked, the iterations panel gets the larger share: its legend needs room above the curves, the
    // cloud below reads at a smaller size.
    if (stacked) body()->setRowStretchFactors({1.6, 1.0});
  }
}

void SupportRatioPlot::mousePressEvent(QMouseEvent* event) {
  pressedAt_ = event->position();
  WorkbenchPlot::mousePressEvent(event);
}

void SupportRatioPlot::mouseReleaseEvent(QMouseEvent* event) {
  WorkbenchPlot::mouseReleaseEvent(event);
  // A click, not the end of a drag.
  if (event->button() != Qt::LeftButton || (event->position() - pressedAt_).manhattanLength() > 3) return;
  if (const int signal = signalAt(event->position()); signal >= 0) emit signalPicked(signal);
}

}  // namespace unfold::ui
