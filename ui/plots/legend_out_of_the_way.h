// A plot drawn small (a figure one journal column wide, a small window) keeps its legend inside the axes
// only while it covers little of them: past a share of the plot it stands in a row under the axes, its
// entries side by side and its font smaller (down to 7 pt) until two fit a row. After every layout, at
// the size being drawn (a figure's included); back inside, as it was, once the plot is large again.
#pragma once

class QCustomPlot;

namespace unfold::ui {

// The share of the plot's area past which the legend leaves the axes.
constexpr double kLegendShareInside = 0.15;

// Watches `plot` (its legend, in its axis rect's inset layout) for as long as the plot lives.
void keepLegendOutOfTheWay(QCustomPlot* plot);

}  // namespace unfold::ui
