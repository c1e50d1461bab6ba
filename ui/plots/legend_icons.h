// QCustomPlot draws a legend's line 5 px past its icon (lest a dashed pen's last dash fall short) and clips
// it to the icon. An SVG keeps no clip path, and the line ran into the curve's name. While a plot is drawn
// into an SVG (legendIconsUnclipped), its legends' icons are 5 px narrower and their names 5 px further
// off: the line ends where the screen clips it, and every entry keeps the width its layout was fitted
// with.
#pragma once

#include <QScopeGuard>
#include <QSize>

#include <functional>

class QCPLegend;
class QCustomPlot;

namespace unfold::ui {

// How a legend fitted during a drawing (on QCustomPlot::afterLayout) sets its icons' look: narrowed as
// above while its plot is drawn into an SVG.
void setLegendIcons(QCPLegend* legend, QSize icon, int padding);

// Narrows the icons of every legend of `plot` as above, and has the legends fitted meanwhile narrowed too,
// until the returned guard goes out of scope.
[[nodiscard]] QScopeGuard<std::function<void()>> legendIconsUnclipped(QCustomPlot* plot);

}  // namespace unfold::ui
