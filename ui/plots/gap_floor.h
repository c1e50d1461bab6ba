// F(z) - F* on a log axis. A gap at rounding level or exactly 0 cannot sit on a log axis, and rounding
// noise drawn along the axis's bottom reads as a plateau where the method has in fact arrived. A gap
// curve therefore goes down to a floor at its first value there and ends, marked by a downward triangle.
#pragma once

#include "qcustomplot.h"
#include "run/convergence_snapshot.h"

#include <QVector>

namespace unfold::ui {

// F's own rounding error for the problems drawn here (scaled so that λₘₐₓ = 1, F of order 1): a gap
// below it is no distance to the solution.
inline constexpr double kGapRoundingLevel = 1e-15;

struct GapsAboveFloor {
  QVector<double> shown;  // the gaps up to the first at or below the floor, that one at the floor, NaN after
  int landing = -1;       // the index of the point put on the floor, or -1 when none reaches it
};
GapsAboveFloor gapsAboveFloor(const QVector<double>& gaps, double floor);

// Whether every solver of `snapshot` starts at rounding level: λ at or above every signal's λₘₐₓ, so
// z* = 0 = z_0 and nothing descends. The cost plot's title and the status bar say so.
bool startsAtTheSolution(const ConvergenceSnapshot& snapshot);

// The downward triangles that say a curve in `color` is at the floor at each of `t` (not in the legend).
// The weight-coupling plot marks its layers coupled to rounding level alike.
QCPGraph* addFloorMark(QCustomPlot* plot, QCPAxis* keyAxis, QCPAxis* valueAxis, const QVector<double>& t, double floor,
                       const QColor& color);
// The legend's entry that says what the triangles mean (`name`); a click on it hides or shows them, once
// they are its companions.
QCPGraph* addFloorKey(QCustomPlot* plot, const QString& name);

}  // namespace unfold::ui
