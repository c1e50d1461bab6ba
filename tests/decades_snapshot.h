// A snapshot whose legend needs room: four methods over 40 iterations, FISTA, OISTA and ISTA-BT down
// sixteen decades and ISTA `istaDecades`, high under a legend in the top right corner.
#pragma once

#include "run/convergence_snapshot.h"

#include <cmath>

inline unfold::ui::ConvergenceSnapshot decadesSnapshot(double istaDecades, unfold::ui::RunPhase phase = unfold::ui::RunPhase::Solving) {
  unfold::ui::ConvergenceSnapshot snapshot;
  for (const char* method : {"ISTA", "FISTA", "OISTA", "ISTA-BT"}) {
    unfold::ui::ConvergenceCurve c;
    c.method = method;
    const double decades = c.method == "ISTA" ? istaDecades : 16.0;
    for (int t = 0; t <= 40; ++t) {
      c.iteration.append(t);
      c.gapMean.append(std::pow(10.0, -decades * t / 40.0));
    }
    c.gapQ10 = c.gapQ90 = c.gapMean;
    snapshot.curves.append(c);
  }
  snapshot.phase = phase;
  return snapshot;
}
