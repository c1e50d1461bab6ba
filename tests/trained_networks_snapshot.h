// A snapshot of three trained networks (LISTA-CP, ALISTA, SLISTA) and their training curves over 150
// steps, each named "METHOD: 150 steps, budget used": a legend of three long names to find room for.
#pragma once

#include "run/convergence_snapshot.h"

inline unfold::ui::ConvergenceSnapshot trainedNetworksSnapshot() {
  unfold::ui::ConvergenceSnapshot snapshot;
  snapshot.generation = 1;
  for (const char* method : {"LISTA-CP", "ALISTA", "SLISTA"}) {
    unfold::ui::NetworkCurve n;
    n.method = method, n.trained = true, n.stopLabel = "budget used";
    n.trainIteration = {0, 50, 100, 150}, n.trainLoss = {3.78, 3.76, 3.755, 3.75}, n.testLoss = {3.78, 3.77, 3.765, 3.77};
    snapshot.networks << n;
  }
  return snapshot;
}
