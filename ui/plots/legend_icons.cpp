#include "plots/legend_icons.h"

#include <qcustomplot.h>

namespace unfold::ui {

namespace {

constexpr int kOverrun = 5;                             // QCPGraph::drawLegendIcon's
constexpr const char* kUnclipped = "legendIconsUnclipped";  // a property of the plot being drawn into an SVG

void shift(QCPLegend* legend, int pixels) {
  legend->setIconSize(legend->iconSize() - QSize(pixels, 0));
  legend->setIconTextPadding(legend->iconTextPadding() + pixels);
}

}  // namespace

void setLegendIcons(QCPLegend* legend, QSize icon, int padding) {
  legend->setIconSize(icon);
  legend->setIconTextPadding(padding);
  if (legend->parentPlot() && legend->parentPlot()->property(kUnclipped).toBool()) shift(legend, kOverrun);
}

QScopeGuard<std::function<void()>> legendIconsUnclipped(QCustomPlot* plot) {
  const QList<QCPLegend*> legends = plot->findChildren<QCPLegend*>();
  for (QCPLegend* legend : legends) shift(legend, kOverrun);
  plot->setProperty(kUnclipped, true);
  return qScopeGuard(std::function<void()>([plot, legends] {
    plot->setProperty(kUnclipped, false);
    for (QCPLegend* legend : legends) shift(legend, -kOverrun);
  }));
}

}  // namespace unfold::ui
