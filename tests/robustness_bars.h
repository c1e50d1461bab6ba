// The bars of the robustness histogram (and the picked bar's outline) whose top its legend covers.
#pragma once

#include "plots/robustness_plot.h"

#include <QStringList>

#include <algorithm>

namespace unfold::ui {

inline QStringList barsUnderLegend(RobustnessPlot& plot) {
  plot.replot();
  QStringList under;
  if (!plot.legend->visible()) return under;
  const QRectF box = QRectF(plot.legend->outerRect());
  for (int i = 0; i < plot.plottableCount(); ++i) {
    const auto* bars = qobject_cast<const QCPBars*>(plot.plottable(i));
    if (!bars || !bars->visible()) continue;
    const double outline = bars->pen().style() == Qt::NoPen ? 0.0 : bars->pen().widthF() / 2;
    for (const QCPBarsData& d : *bars->data()) {
      if (d.value <= 0) continue;
      const double x0 = plot.xAxis->coordToPixel(d.key - bars->width() / 2), x1 = plot.xAxis->coordToPixel(d.key + bars->width() / 2);
      const double top = plot.yAxis->coordToPixel(d.value) - outline;
      if (box.intersects(QRectF(QPointF(std::min(x0, x1), top), QPointF(std::max(x0, x1), top + 2))))
        under << QString("%1 bar at %2 (top %3 px, legend to %4 px)").arg(bars->name().isEmpty() ? QString("picked") : bars->name().left(8))
                     .arg(d.key).arg(top).arg(box.bottom());
    }
  }
  return under;
}

}  // namespace unfold::ui
