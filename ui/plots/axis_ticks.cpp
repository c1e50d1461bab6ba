#include "plots/axis_ticks.h"

#include <algorithm>

namespace unfold::ui {

void fitLinearTickCounts(QCustomPlot& plot, int horizontalPixels, int verticalPixels) {
  const auto fit = [](QCPAxis* axis, int pixels, int perTick) {
    if (axis->scaleType() == QCPAxis::stLinear && !axis->ticker().dynamicCast<QCPAxisTickerText>())
      axis->ticker()->setTickCount(std::clamp(pixels / perTick, 2, 5));
  };
  for (QCPAxisRect* rect : plot.axisRects()) {
    fit(rect->axis(QCPAxis::atBottom), rect->width(), horizontalPixels);
    fit(rect->axis(QCPAxis::atLeft), rect->height(), verticalPixels);
  }
  for (QCPLayoutElement* element : plot.plotLayout()->elements(true))
    if (auto* scale = qobject_cast<QCPColorScale*>(element)) fit(scale->axis(), scale->axis()->axisRect()->height(), verticalPixels);
}

}  // namespace unfold::ui
