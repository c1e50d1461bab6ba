// WorkbenchPlot's axes (workbench_plot.h): what the plot holds, numbers only over data, iteration axes,
// labels that fit their panel, and ranges that draw something sensible.
#include "plots/axis_ticks.h"
#include "plots/workbench_plot.h"

#include <cmath>
#include <limits>

namespace unfold::ui {

namespace {

bool drawsAPoint(QCPAbstractPlottable* plottable) {
  if (const auto* map = qobject_cast<QCPColorMap*>(plottable)) return !map->data()->isEmpty();  // its range is always "found"
  bool found = false;
  plottable->getKeyRange(found);
  return found;
}

}  // namespace

bool WorkbenchPlot::holdsData() const {
  bool found = false;
  // QCustomPlot has no const access to its plottables; reading a key range changes nothing.
  auto* plot = const_cast<WorkbenchPlot*>(this);
  for (int k = 0; k < plot->plottableCount() && !found; ++k) found = drawsAPoint(plot->plottable(k));
  return found;
}

bool WorkbenchPlot::blankNumbersWhileEmpty() {
  // Panel by panel: while a run computes F*, the L_S/L plot draws the Marchenko-Pastur law beside an empty
  // iterations panel, whose t = 0 line and numbers would read as results.
  QSet<const QCPAxisRect*> drawnOn;
  for (int k = 0; k < plottableCount(); ++k)
    if (drawsAPoint(plottable(k))) drawnOn.insert(plottable(k)->keyAxis()->axisRect());
  const QList<QCPAxisRect*> panels = axisRects();
  if (drawnOn.size() == panels.size() && !numbersBlanked_) return false;  // a replot while every panel shows results
  bool changed = false, blanked = false;
  for (QCPAxis* axis : findChildren<QCPAxis*>()) {
    // An axis outside the panels (a colour scale's) shows numbers while anything is drawn.
    const bool shown = panels.contains(axis->axisRect()) ? drawnOn.contains(axis->axisRect()) : !drawnOn.isEmpty();
    changed = showAxisMarks(*axis, shown) || changed;
    blanked = blanked || !shown;
  }
  numbersBlanked_ = blanked;
  return changed;
}

void WorkbenchPlot::fitIterationAxis(QCPAxis* axis) {
  double last = 0.0;
  bool drawn = false;
  for (QCPAbstractPlottable* p : axis->plottables()) {
    if (!p->visible()) continue;
    // A graph's last t, also where its value is NaN (a gap below rounding level is not drawn, but the
    // iterations ran): getKeyRange would skip those.
    if (auto* g = qobject_cast<QCPGraph*>(p); g && g->keyAxis() == axis) {
      if (!g->data()->isEmpty()) last = std::max(last, (g->data()->constEnd() - 1)->key), drawn = true;
      continue;
    }
    bool found = false;
    const QCPRange keys = p->keyAxis() == axis ? p->getKeyRange(found) : p->getValueRange(found);
    if (found && std::isfinite(keys.upper)) last = std::max(last, keys.upper), drawn = true;
  }
  // Whole iterations, up to the last drawn (after Reset: "0", not 0.5 and 1.5); an empty axis its 0 and 1.
  setIterationRange(axis, static_cast<int>(std::lround(last)));
  if (!drawn) setIterationTicks(axis, std::numeric_limits<int>::max());
}

void WorkbenchPlot::setAxisLabel(QCPAxis* axis, const QStringList& forms) {
  labelForms_[axis] = forms;
  axis->setLabel(forms.value(0));
  if (axis->axisRect()->width() > 0) fitAxisLabels();  // with the last layout's sizes; none yet: the longest
}

void WorkbenchPlot::fitAxisLabels() {
  for (auto [axis, forms] : labelForms_.asKeyValueRange()) {
    // Centred under the panel, a label may reach into the margins either side, up to 4 px off the edges
    // of the plot or of a panel beside it (whose own label stands at the same height).
    const QRect panel = axis->axisRect()->rect(), outer = axis->axisRect()->outerRect();
    const QFontMetrics metrics(axis->labelFont());
    if (axis->orientation() == Qt::Vertical) {  // beside its panel, as high as the panel at most
      const auto fits = std::find_if(forms.cbegin(), forms.cend(), [&](const QString& form) { return metrics.horizontalAdvance(form) <= panel.height(); });
      axis->setLabel(fits != forms.cend() ? *fits : forms.value(forms.size() - 1));
      continue;
    }
    int left = panel.left() - viewport().left(), right = viewport().right() - panel.right();
    for (const QCPAxisRect* other : axisRects()) {
      const QRect beside = other->outerRect();
      if (other == axis->axisRect() || beside.bottom() < outer.top() || beside.top() > outer.bottom()) continue;
      if (beside.left() >= panel.right()) right = std::min(right, beside.left() - panel.right());
      if (beside.right() <= panel.left()) left = std::min(left, panel.left() - beside.right());
    }
    const int room = panel.width() + 2 * std::min(left, right) - 8;
    const auto fits = std::find_if(forms.cbegin(), forms.cend(), [&](const QString& form) { return metrics.horizontalAdvance(form) <= room; });
    axis->setLabel(fits != forms.cend() ? *fits : forms.value(forms.size() - 1));
  }
}

void WorkbenchPlot::sanitizeRanges() {
  for (QCPAxisRect* rect : axisRects()) {
    for (QCPAxis* axis : rect->axes()) {
      QCPRange r = axis->range();
      const bool log = axis->scaleType() == QCPAxis::stLogarithmic;
      if (!std::isfinite(r.lower) || !std::isfinite(r.upper) || !(r.lower < r.upper)) r = log ? QCPRange(1e-16, 1) : QCPRange(0, 1);
      if (log) {
        if (r.lower <= 0) r.lower = std::min(r.upper, 1.0) * 1e-16;
        if (r.upper < 10 * r.lower) {  // at least a decade, centred (in log) on what it held
          const double centre = std::sqrt(r.lower * r.upper);
          r = QCPRange(centre / std::sqrt(10.0), centre * std::sqrt(10.0));
        }
      } else if (r.size() < 1e-12 * std::max(1.0, std::abs(r.center()))) {
        const double half = std::max(1e-12, 0.05 * std::abs(r.center()));
        r = QCPRange(r.center() - half, r.center() + half);
      }
      if (r != axis->range()) axis->setRange(r);  // (axis_ticks.cpp labels a narrow log range's ticks apart)
    }
  }
}

}  // namespace unfold::ui
