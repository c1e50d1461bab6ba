#include "plots/workbench_plot.h"

#include "plots/axis_ticks.h"
#include "plots/plot_export.h"

#include <algorithm>

#include <QAbstractScrollArea>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QRegularExpression>
#include <QScrollBar>
#include <QFormLayout>
#include <QSpinBox>
#include <QMessageBox>
#include <QToolTip>

#include <cmath>
#include <limits>

namespace unfold::ui {

WorkbenchPlot::WorkbenchPlot(const QString& title, QWidget* parent) : QCustomPlot(parent), title_(title) {
  legend->setVisible(true);
  legend->setIconTextPadding(10);  // SVG viewers' font metrics differ slightly: keep text clear of the icons
  legend->setSelectableParts(QCPLegend::spItems);
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  // Filled bands drawn antialiased cost most of a replot; on screen they do without (exports keep it).
  setNotAntialiasedElements(QCP::aeFills);
  setPlottingHint(QCP::phFastPolylines, true);
  // Layout: the title, then a grid holding the main axis rect (and whatever panels a subclass adds).
  QCPAxisRect* main = axisRect();
  plotLayout()->take(main);
  plotLayout()->simplify();
  titleElement_ = new QCPTextElement(this, title, QFont(font().family(), 11, QFont::Bold));
  plotLayout()->addElement(0, 0, titleElement_);
  body_ = new QCPLayoutGrid;
  plotLayout()->addElement(1, 0, body_);
  body_->addElement(0, 0, main);
  setMouseTracking(true);
  // Linear axes' numbers a readable distance apart at any panel size (~70 px a tick across, ~25 up).
  connect(this, &QCustomPlot::afterLayout, this, [this] {
    fitLinearTickCounts(*this, 70, 25);
    fitAxisLabels();
  });
  connect(this, &QCustomPlot::beforeReplot, this, &WorkbenchPlot::blankNumbersWhileEmpty);
  connect(this, &QCustomPlot::mouseDoubleClick, this, [this] {
    userView_ = false;
    rescaleUnlessUserView();
    replot();
  });
  connect(this, &QCustomPlot::legendClick, this, [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
    if (auto* plottableItem = qobject_cast<QCPPlottableLegendItem*>(item))
      if (auto* curve = qobject_cast<QCPGraph*>(plottableItem->plottable())) toggleCurve(curve);
  });
}

void WorkbenchPlot::rescale() {
  rescaleAxes(true);
  // A margin on every value axis: a curve at the edge of its range would lie on the axis line, unseen,
  // and a marker there would be cut in half. 5 % of the range, and in a short panel at least 7 px (half
  // the largest marker and a line's width), a quarter at most.
  for (QCPAxisRect* rect : axisRects()) {
    const double share = std::clamp(7.0 / std::max(1, rect->height() - 14), 0.05, 0.25);
    for (QCPAxis* axis : rect->axes(QCPAxis::atLeft | QCPAxis::atRight)) {
      const QCPRange r = axis->range();
      if (axis->scaleType() == QCPAxis::stLogarithmic) {
        const double factor = r.lower > 0 ? std::max(1.25, std::pow(r.upper / r.lower, share)) : 1.25;
        axis->setRange(r.lower / factor, r.upper * factor);
      } else {
        axis->setRange(r.lower - share * r.size(), r.upper + share * r.size());
      }
    }
  }
}

QCPAxisRect* WorkbenchPlot::addPanelBelow(double stretch, const QString& xLabel, const QString& yLabel) {
  auto* panel = new QCPAxisRect(this);
  body_->addElement(1, 0, panel);
  body_->setRowStretchFactor(1, stretch);
  panel->axis(QCPAxis::atBottom)->setLabel(xLabel);
  panel->axis(QCPAxis::atLeft)->setLabel(yLabel);
  connect(xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), panel->axis(QCPAxis::atBottom),
          qOverload<const QCPRange&>(&QCPAxis::setRange));
  auto* margins = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  panel->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  return panel;
}

void WorkbenchPlot::setTitle(const QString& title) {
  title_ = title;
  hint_ = false;
  fitTitle(size());
}

void WorkbenchPlot::setHintTitle(const QString& title) {
  title_ = title;
  hint_ = true;
  fitTitle(size());
}

bool WorkbenchPlot::showsResults() const { return !hint_ && holdsData(); }

void WorkbenchPlot::fitTitle(QSize size) {
  // Left out, the title leaves the layout (an empty text element still takes a line's height) and is
  // hidden: QCustomPlot draws an element by its layer, out of the layout too, where it last stood.
  titleElement_->setVisible(titleShown_);
  const bool inLayout = titleElement_->layout() == plotLayout();
  if (titleShown_ && !inLayout) {
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, titleElement_);
  } else if (!titleShown_ && inLayout) {
    plotLayout()->take(titleElement_);
    plotLayout()->simplify();
  }
  titleElement_->setText(fittedTitle(title_, hint_, QFontMetrics(titleElement_->font()), size, screenLegendShown_.has_value()));
}

void WorkbenchPlot::addRowUnderTitle(QCPLayoutElement* element) {
  const int row = titleElement_->layout() == plotLayout() ? 1 : 0;
  plotLayout()->insertRow(row);
  plotLayout()->addElement(row, 0, element);
  plotLayout()->setRowStretchFactor(row, 0.001);  // as tall as its content, no more
}

void WorkbenchPlot::resizeEvent(QResizeEvent* event) {
  fitTitle(size());
  QCustomPlot::resizeEvent(event);  // lays out and draws at the new size
  if (userView_) return;
  // The legend's share of the panel changes: a new look, place or value range is drawn by one more replot
  // (the one above showed the old look, and a plot in a tab behind another kept it until its next data).
  // From the data's own range: the room made for the legend at the old size may not be needed now.
  if (holdsData()) {
    rescale();
    sanitizeRanges();
  }
  makeRoomForLegend(LegendVisibility::RestoreHidden);
  replot(QCustomPlot::rpQueuedReplot);
}

void WorkbenchPlot::setLogarithmicY(bool logarithmic) {
  ui::setLogarithmic(yAxis, logarithmic);
  rescale();
  sanitizeRanges();
  replot();
}

void WorkbenchPlot::toggleCurve(QCPGraph* curve) {
  const bool visible = !curve->visible();
  if (visible) hidden_.remove(curveKey(curve));
  else hidden_.insert(curveKey(curve));
  curve->setVisible(visible);
  // A companion may belong to several curves (a band to its curve and to the bands' legend key): it shows
  // only while all of them do, so that showing the key does not bring back the band of a hidden curve.
  for (QCPGraph* companion : companions_.value(curve)) {
    bool shown = true;
    for (auto it = companions_.constBegin(); it != companions_.constEnd() && shown; ++it)
      if (it.value().contains(companion)) shown = it.key()->visible();
    companion->setVisible(shown);
  }
  // A hidden curve stays in the legend, greyed, so that it can be shown again.
  if (QCPPlottableLegendItem* item = legend->itemWithPlottable(curve))
    item->setTextColor(visible ? Qt::black : Qt::gray);
  replot();
}

QCPGraph* WorkbenchPlot::curve(const QString& name) const {
  for (int i = 0; i < graphCount(); ++i)
    if (const auto it = shortNames_.constFind(graph(i));
        graph(i)->name() == name || (it != shortNames_.constEnd() && (it->full == name || it->brief == name)))
      return graph(i);
  return nullptr;
}

void WorkbenchPlot::setShortName(QCPGraph* curve, const QString& shortName) {
  shortNames_.insert(curve, Names{curve->name(), shortName});
}

QString WorkbenchPlot::curveKey(const QCPGraph* curve) const {
  const auto it = shortNames_.constFind(curve);
  return it != shortNames_.constEnd() ? it->brief : curve->name();
}

void WorkbenchPlot::showShortNames(bool shortNames) {
  if (shortNamesShown_ == shortNames) return;
  shortNamesShown_ = shortNames;
  for (auto it = shortNames_.constBegin(); it != shortNames_.constEnd(); ++it)
    const_cast<QCPGraph*>(it.key())->setName(shortNames ? it->brief : it->full);
}

void WorkbenchPlot::attachBand(QCPGraph* curve, QCPGraph* upper, QCPGraph* lower) {
  attachCompanion(curve, upper);
  if (lower != upper) attachCompanion(curve, lower);
}

void WorkbenchPlot::restoreVisibility(QCPGraph* curve) {
  if (!hidden_.contains(curveKey(curve)) || !curve->visible()) return;
  hidden_.remove(curveKey(curve));  // toggleCurve puts it back
  toggleCurve(curve);
}

void WorkbenchPlot::rescaleUnlessUserView() {
  // First, and laid out: the margins and the legend's room are weighed with the axes' numbers as they will stand.
  if (blankNumbersWhileEmpty()) updateLayout();
  const bool holdsAny = holdsData();
  if (!userView_ && holdsAny) rescale();
  if (!userView_ && !holdsAny) {
    for (QCPAxisRect* rect : axisRects())
      for (QCPAxis* axis : rect->axes()) {
        if (const auto it = emptyRanges_.constFind(axis); it != emptyRanges_.constEnd()) axis->setRange(*it);
        else emptyRanges_.insert(axis, axis->range());
      }
  }
  sanitizeRanges();
  if (!userView_) makeRoomForLegend(LegendVisibility::AsSet);
}

void WorkbenchPlot::mousePressEvent(QMouseEvent* event) {
  dragFrom_.reset();
  if (event->button() == Qt::LeftButton && axisRect()->rect().contains(event->position().toPoint()) &&
      legend->selectTest(event->position(), false) < 0)
    dragFrom_ = event->position();  // a drag may start: the view is the user's once the mouse moves
  QCustomPlot::mousePressEvent(event);
}

void WorkbenchPlot::wheelEvent(QWheelEvent* event) {
  // In a panel that scrolls (the Robustness dock in a short window) the wheel scrolls the panel, as it does
  // over the panel's other rows: zooming instead hid the controls under the plot. Ctrl+wheel zooms there.
  for (QWidget* above = parentWidget(); above && !(event->modifiers() & Qt::ControlModifier); above = above->parentWidget())
    if (auto* panel = qobject_cast<QAbstractScrollArea*>(above); panel && panel->verticalScrollBar()->maximum() > 0) {
      QCoreApplication::sendEvent(panel->verticalScrollBar(), event);  // Qt would not pass it on past the plot
      return;
    }
  userView_ = true;
  QCustomPlot::wheelEvent(event);
}

void WorkbenchPlot::clearPlot() {
  companions_.clear();
  shortNames_.clear();
  optionalEntries_.clear();
  shortNamesShown_ = false;
  clearGraphs();
}

QString WorkbenchPlot::readOut(const QPointF& position) const {
  QCPGraph* best = nullptr;
  double bestDistance = 12.0;  // pixels
  double bestKey = 0, bestValue = 0;
  for (int i = graphCount() - 1; i >= 0; --i) {  // of equally near points, the one drawn on top
    QCPGraph* g = graph(i);
    if (!g->visible() || g->name().isEmpty() || g->data()->isEmpty()) continue;
    // Each graph by its own axes: a second panel's are not the main one's.
    const QCPAxis *keys = g->keyAxis(), *values = g->valueAxis();
    auto it = g->data()->findBegin(keys->pixelToCoord(position.x()));
    for (int step = 0; step < 2 && it != g->data()->constEnd(); ++step, ++it) {
      if (std::isnan(it->value)) continue;
      const double dx = keys->coordToPixel(it->key) - position.x();
      const double dy = values->coordToPixel(it->value) - position.y();
      const double distance = std::hypot(dx, dy);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = g;
        bestKey = it->key;
        bestValue = it->value;
      }
    }
  }
  if (!best) return {};
  return QString("%1   %2 = %3,  %4 = %5")
      .arg(best->name(), best->keyAxis()->label().section(' ', -1), QString::number(readOutKey(best, bestKey), 'g', 6),
           best->valueAxis()->label(), QString::number(bestValue, 'g', 6));
}

void WorkbenchPlot::mouseMoveEvent(QMouseEvent* event) {
  // A click alone leaves the view fitting the data (it froze a Reset's t = 0 view over the finished run).
  if (dragFrom_ && (event->buttons() & Qt::LeftButton) &&
      (event->position() - *dragFrom_).manhattanLength() >= QApplication::startDragDistance())
    userView_ = true;
  QCustomPlot::mouseMoveEvent(event);
  const QString text = readOut(event->position());
  if (text.isEmpty()) QToolTip::hideText();
  else QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void WorkbenchPlot::contextMenuEvent(QContextMenuEvent* event) {
  QMenu menu(this);
  addContextMenuActions(&menu);
  menu.exec(event->globalPos());
}

void WorkbenchPlot::addContextMenuActions(QMenu* menu) {
  if (logToggleOffered_) {
    QAction* log = menu->addAction("Logarithmic y axis");
    log->setCheckable(true);
    log->setChecked(logarithmicY());
    connect(log, &QAction::toggled, this, &WorkbenchPlot::setLogarithmicY);
  }
  addViewActions(menu);
  menu->addAction("Rescale (double click)", this, [this] {
    userView_ = false;
    rescaleUnlessUserView();
    replot();
  });
  menu->addSeparator();
  menu->addAction("Copy to clipboard", this, [this] { QApplication::clipboard()->setPixmap(toPixmap()); });
  menu->addAction("Export figure…", this, &WorkbenchPlot::exportFigureInteractively);
  menu->addAction("Export data (CSV)…", this, &WorkbenchPlot::exportDataInteractively);
}

}  // namespace unfold::ui
