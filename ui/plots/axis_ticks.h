// Tick counts that fit each linear axis's length, so that its numbers never run into each other (with
// QCustomPlot's fixed count a narrow panel's x axis reads "0 50100150200", a short panel's y axis
// "12.5 10 7.5 5 2.5 0" in 60 px). Text tickers (categories) and logarithmic axes keep their own.
#pragma once

#include <qcustomplot.h>

namespace unfold::ui {

// For the next replot (QCustomPlot makes a replot's ticks before it lays out): every axis rect's bottom and
// left axes, and every colour scale's, one tick per `horizontalPixels` / `verticalPixels`, 2 to 5 ticks.
void fitLinearTickCounts(QCustomPlot& plot, int horizontalPixels, int verticalPixels);

}  // namespace unfold::ui
