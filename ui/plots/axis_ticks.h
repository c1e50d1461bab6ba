// Tick counts that fit each linear axis's length, so that its numbers never run into each other (with
// QCustomPlot's fixed count a narrow panel's x axis reads "0 50100150200", a short panel's y axis
// "12.5 10 7.5 5 2.5 0" in 60 px). Text tickers (categories) and logarithmic axes keep their own. And
// the labels of every logarithmic axis.
#pragma once

#include <qcustomplot.h>

namespace unfold::ui {

// After a layout (connected to afterLayout: QCustomPlot makes a replot's ticks before it lays out, and they
// are made again where the count changes): every axis rect's bottom and left axes, and every colour
// scale's, one tick per `horizontalPixels` / `verticalPixels`, 2 to 5 ticks (on a log axis of
// setLogarithmic's, 2 to 10 labelled decades), at most one more label.
void fitLinearTickCounts(QCustomPlot& plot, int horizontalPixels, int verticalPixels);

// A power of ten as one piece of text with superscript digits: "10⁻²", "1.5·10⁻²" (`digits` after the
// mantissa's point, trailing zeros dropped: 10⁻¹, not 1.0·10⁻¹). QCustomPlot's own beautiful powers draw
// the exponent as a second text whose gap, in a 300-dpi figure, read "10 -2" as two numbers.
QString powerOfTenLabel(double value, int digits);

// Ticks (and their labels) on a linear `axis` at whole iterations from 0 to `last`: an iteration axis
// that runs on past its last iterate, to the solution's marks, would label an iteration not run there.
void setIterationTicks(QCPAxis* axis, int last);

// An iteration axis from t = 0 to `last`, a little room either side, its ticks at whole iterations.
void setIterationRange(QCPAxis* axis, int last);

// The last t an iteration axis shows in a long run whose curves stop changing at `settled`, long before
// the run's last t `ran` (before 0.8 of it, in a run of more than 100 iterations): a tenth past `settled`.
// Else -1: the whole run has room. (Every gap at rounding level by t = 1500 of 100000, or the support
// found by t = 300, squeezed all that changes into the axis's first per cent.)
int settledIterationEnd(double settled, double ran);

// Hides the numbers and zero lines of an axis over nothing drawn, or shows them again as they were: before
// a run the axes keep QCustomPlot's default ranges (L_S/L up to 5), whose numbers, or a lone line at t = 0
// or at a step of 0, would read as results. A colour scale's numbers are made transparent instead: the
// bar keeps its room (without them it would slide to the plot's edge and its label be cut). Returns whether it changed.
bool showAxisMarks(QCPAxis& axis, bool shown);

// Makes `axis` logarithmic with those labels (the precision is the mantissa's digits), or linear again.
void setLogarithmic(QCPAxis* axis, bool logarithmic = true);

}  // namespace unfold::ui
