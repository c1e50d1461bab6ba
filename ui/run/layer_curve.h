// A trained network's layers as the inspector plots draw a solver's iterations: its outputs z_0 = 0,
// z_1 .. z_T (t = layer) on a few signals, with their supports, L_S / L and gaps F(z_t) - F*. The support
// evolution and L_S/L plots show a network this way, from the Inspect box or the Robustness dock.
#pragma once

#include "networks/unfolded_network.h"
#include "run/convergence_snapshot.h"

namespace unfold::ui {

// The layers of `network` on the columns of `X`, whose Lasso optima are `optimalCost` (one per column).
ConvergenceCurve layerCurve(const UnfoldedNetwork& network, const Matrix& X, const Vector& optimalCost);

}  // namespace unfold::ui
