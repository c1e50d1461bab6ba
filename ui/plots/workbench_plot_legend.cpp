// WorkbenchPlot's legend room (workbench_plot.h, makeRoomForLegend): the legend's look and the value
// range that keep it off the curves.
#include "plots/workbench_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace unfold::ui {

double WorkbenchPlot::legendShare() {
  updateLayout();
  const QRect area = axisRect()->rect();
  return double(legend->outerRect().bottom() + 4 - area.top()) / std::max(1, area.height());
}

double WorkbenchPlot::fitLegendInHalfThePanel() {
  QCPLayoutInset* inset = axisRect()->insetLayout();
  if (!roomyLegend_) roomyLegend_ = LegendLook{legend->font(), legend->iconSize(), legend->iconTextPadding(), legend->margins(), inset->margins()};
  const auto apply = [this, inset](const LegendLook& look, double pointSize, int columns) {
    QFont font = look.font;
    font.setPointSizeF(pointSize);
    legend->setFont(font);
    legend->setIconSize(look.icon);
    legend->setIconTextPadding(look.padding);
    legend->setMargins(look.margins);
    inset->setMargins(look.inset);
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // `columns` entries a row
  };
  const LegendLook compact{roomyLegend_->font, QSize(16, 10), 4, QMargins(4, 3, 4, 3), QMargins(4, 4, 4, 4)};
  // The roomy look in one column and then more; then the compact look, its font smaller step by step.
  const double size = roomyLegend_->font.pointSizeF();
  std::vector<std::pair<const LegendLook*, double>> looks{{&*roomyLegend_, size}};
  for (double smaller = size; smaller >= 7.0; smaller -= 0.5) looks.push_back({&compact, smaller});
  for (const auto& [look, pointSize] : looks) {
    for (int columns = 1; columns <= std::max(1, legend->itemCount()); ++columns) {
      apply(*look, pointSize, columns);
      const double share = legendShare();
      if (legend->outerRect().width() > axisRect()->rect().width() - look->inset.left() - look->inset.right()) break;
      if (share < 0.5) return share;
    }
  }
  apply(*roomyLegend_, size, 1);
  // Wider than the panel in every look: it stood out over the plot's left edge, its names cut ("LISTA-CP
  // from net.json: 0 steps…" read ": 0 steps…"). It does not fit, as one too tall does not.
  if (legend->outerRect().width() > axisRect()->rect().width() - roomyLegend_->inset.left() - roomyLegend_->inset.right())
    return std::max(1.0, legendShare());
  return legendShare();
}

void WorkbenchPlot::placeLegendInRow(bool inRow) {
  if (inRow == legendInRow_) return;
  QCPLayoutInset* inset = axisRect()->insetLayout();
  if (inRow) {
    legendCorner_ = inset->insetAlignment(int(inset->elements(false).indexOf(legend)));
    legendBorder_ = legend->borderPen();
    inset->take(legend);
    inset->simplify();
    addRowUnderTitle(legend);  // over the panels
    legend->setBorderPen(Qt::NoPen);  // a box as wide as the plot would frame nothing
  } else {
    plotLayout()->take(legend);
    plotLayout()->simplify();
    inset->addElement(legend, legendCorner_);
    legend->setBorderPen(legendBorder_);
  }
  legendInRow_ = inRow;
}

bool WorkbenchPlot::legendRowLeavesMoreRoom(double insideShare, bool stayInRow) {
  const int panelHeight = axisRect()->rect().height();
  const LegendLook inside{legend->font(), legend->iconSize(), legend->iconTextPadding(), legend->margins(), axisRect()->insetLayout()->margins()};
  const int wrapInside = legend->wrap();
  placeLegendInRow(true);
  // The compact look, as many entries a row as the plot's width takes, at the largest font (the roomy one
  // down to 7 pt) that needs the fewest rows: a column-wide figure stacked six entries one under another
  // and left the data a third of it; seven long ones at the roomy font took four rows of a small window's
  // cost plot where three did at 8 pt. By the width alone: a font chosen by the height would make a taller
  // figure fail where a shorter one fits, and the least height for the legend is searched for.
  legend->setIconSize(QSize(16, 10));
  legend->setIconTextPadding(4);
  legend->setMargins(QMargins(4, 3, 4, 3));
  QFont font = roomyLegend_ ? roomyLegend_->font : inside.font;
  const double roomySize = font.pointSizeF();
  const auto columnsAt = [&](double size) {  // the most that fit across, 0 where not even one does
    if (roomySize > 0) font.setPointSizeF(size);
    legend->setFont(font);
    for (int columns = legend->itemCount(); columns >= 1; --columns) {
      legend->setWrap(columns);
      legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
      if (legend->minimumOuterSizeHint().width() <= viewport().width() - 8) return columns;
    }
    return 0;
  };
  double bestSize = roomySize;
  int fewestRows = std::numeric_limits<int>::max();
  for (double size = roomySize; roomySize > 0 && size >= 7.0; size -= 0.5)
    if (const int columns = columnsAt(size); columns > 0 && (legend->itemCount() + columns - 1) / columns < fewestRows)
      fewestRows = (legend->itemCount() + columns - 1) / columns, bestSize = size;
  const bool wideEnough = columnsAt(bestSize) > 0;  // one entry a row at least
  updateLayout();
  const int left = axisRect()->rect().height();
  // Whole (a row squeezed by a short plot cuts its entries' text), a panel left to draw in, and more of
  // it for the data than inside: by a tenth at least to move there, so that a live run's changing data do
  // not send the legend back and forth.
  const bool whole = wideEnough && legend->outerRect().height() >= legend->minimumOuterSizeHint().height() - 3;
  if (whole && left >= 40 && left > (stayInRow ? 1.0 : 1.1) * insideShare * panelHeight) return true;
  placeLegendInRow(false);
  legend->setFont(inside.font);
  legend->setIconSize(inside.icon);
  legend->setIconTextPadding(inside.padding);
  legend->setMargins(inside.margins);
  legend->setWrap(wrapInside);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
  updateLayout();
  return false;
}

void WorkbenchPlot::padLegendItems(int pixels) {
  for (int i = 0; i < legend->itemCount(); ++i)
    if (QCPAbstractLegendItem* item = legend->item(i)) item->setMargins(QMargins(0, 0, 0, pixels));
}

void WorkbenchPlot::makeRoomForLegend(LegendVisibility visibility) {
  // Weighed inside first, at every size and data: the row is taken only where it leaves the data more room.
  // With the full names first: the short ones only where those leave the legend no room.
  if (!fittingShortNames_) showShortNames(false);
  const bool keepRow = legendInRow_ && dataLive_ && visibility == LegendVisibility::AsSet;  // setDataLive
  if (legendInRow_) {
    placeLegendInRow(false);
    if (roomyLegend_) legend->setFont(roomyLegend_->font);
  }
  if (!legendWanted_) {  // a figure without it: out of sight, in its corner (no row takes the panel's room)
    legend->setVisible(false);
    return;
  }
  QCPAxisRect* panel = axisRect();
  QCPLayoutInset* inset = panel->insetLayout();
  const int index = int(inset->elements(false).indexOf(legend));
  // After a resize the panel may have grown: a legend hidden for want of room is tried again. After a
  // snapshot the subclass has just said whether there is a legend to show.
  if (legendHiddenForRoom_ && visibility == LegendVisibility::RestoreHidden) legend->setVisible(true);
  legendHiddenForRoom_ = false;
  if (!legend->visible() || index < 0 || inset->insetPlacement(index) != QCPLayoutInset::ipBorderAligned ||
      !(inset->insetAlignment(index) & Qt::AlignTop))
    return;
  const double covered = legendLookSizedBySubclass_ ? legendShare() : fitLegendInHalfThePanel();
  // The layout that measured it may have let a subclass hide or move it (SupportRatioPlot::fitLegend).
  if (!legend->visible() || !inset->elements(false).contains(legend)) return;
  const QRect area = panel->rect(), box = legend->outerRect();
  if (covered >= 0.5 && !legendLookSizedBySubclass_) {
    // Whatever its look, the legend would cover most of the data: in a row of its own, or where even that
    // leaves no room, hidden (the curves keep their colours across the plots, and the read-out under the
    // cursor names them).
    if (legendRowLeavesMoreRoom(0.0, keepRow)) return;
    const bool shorter = std::any_of(shortNames_.constBegin(), shortNames_.constEnd(), [](const Names& n) { return n.brief != n.full; });
    if (!fittingShortNames_ && shorter) {
      fittingShortNames_ = true;
      showShortNames(true);
      makeRoomForLegend(visibility);
      fittingShortNames_ = false;
      return;
    }
    for (QCPAbstractPlottable* entry : std::as_const(optionalEntries_))
      if (entry->removeFromLegend()) {  // the rest may fit without it
        makeRoomForLegend(visibility);
        return;
      }
    legend->setVisible(false);
    legendHiddenForRoom_ = true;
    return;
  }
  if (area.height() < 20 || box.isEmpty() || covered >= 0.5) return;
  const bool log = yAxis->scaleType() == QCPAxis::stLogarithmic;
  const auto coordinate = [log](double value) { return log ? std::log10(value) : value; };
  const auto usable = [log](double value) { return std::isfinite(value) && (!log || value > 0); };
  const double left = box.left(), right = box.right();
  // The highest point drawn between the legend's left and right edges: data points, and where a line
  // between two points enters or leaves that span.
  double highest = -qInf();
  for (int i = 0; i < plottableCount(); ++i) {  // bars: a bar's top spans its width
    const auto* bars = qobject_cast<const QCPBars*>(plottable(i));
    if (!bars || !bars->visible() || bars->keyAxis() != xAxis || bars->valueAxis() != yAxis) continue;
    for (const QCPBarsData& bar : *bars->data()) {
      const double x0 = xAxis->coordToPixel(bar.key - bars->width() / 2), x1 = xAxis->coordToPixel(bar.key + bars->width() / 2);
      if (std::max(x0, x1) >= left && std::min(x0, x1) <= right && usable(bar.value)) highest = std::max(highest, coordinate(bar.value));
    }
  }
  for (int i = 0; i < graphCount(); ++i) {
    const QCPGraph* g = graph(i);
    if (!g->visible() || g->keyAxis() != xAxis || g->valueAxis() != yAxis || g->data()->isEmpty()) continue;
    const bool lines = g->lineStyle() != QCPGraph::lsNone;
    double lastX = qQNaN(), lastY = qQNaN();
    for (const QCPGraphData& point : *g->data()) {
      const double x = xAxis->coordToPixel(point.key);
      const double y = usable(point.value) ? coordinate(point.value) : qQNaN();
      if (!std::isnan(y) && x >= left && x <= right) highest = std::max(highest, y);
      if (lines && !std::isnan(y) && !std::isnan(lastY) && x != lastX) {
        for (const double edge : {left, right}) {
          if ((edge - lastX) * (edge - x) < 0) highest = std::max(highest, lastY + (y - lastY) * (edge - lastX) / (x - lastX));
        }
      }
      lastX = x;
      lastY = y;
    }
  }
  const QCPRange range = yAxis->range();
  if (!std::isfinite(highest) || !usable(range.lower) || !usable(range.upper)) return;
  // The top coordinate that puts `highest` at the legend's lower edge: (top - highest) = share * (top - low),
  // the share with 4 px more than the fitting's: room for half a marker (the training plot's 10-px circles)
  // and a line's width, so that the highest point drawn stays clear of the box.
  const double share = std::min(0.5, covered + 4.0 / std::max(1, area.height()));
  const double low = coordinate(range.lower);
  const double top = (highest - share * low) / (1.0 - share);
  if (top <= coordinate(range.upper)) return;
  // The data keep the share of the panel under the old upper end; a row of its own may leave them more
  // (a log axis over many decades needs many more for the legend's box).
  const double insideShare = (coordinate(range.upper) - low) / (top - low);
  // (The row takes a few rows of text: weighed only where inside would cost more than a tenth, or, the
  // legend being there, anything; two more layouts at every snapshot of a live run otherwise.)
  const bool worthWeighing = insideShare < (keepRow ? 1.0 : 1.0 / 1.1);
  if (!legendLookSizedBySubclass_ && worthWeighing && legendRowLeavesMoreRoom(insideShare, keepRow)) return;
  yAxis->setRangeUpper(log ? std::pow(10.0, top) : top);
}

}  // namespace unfold::ui
