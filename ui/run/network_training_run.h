// Trains one unfolded network for the workbench (or takes its weights from a session), and turns its
// progress and its diagnostics into NetworkCurve values for the plots. The training itself is the core's
// one experiment path (experiment.h), the same as `train` and `reproduce`. Runs on the worker thread;
// passes the run gate once per optimizer step (pause, step one epoch) and stops when abandoned.
#pragma once

#include "experiments/experiment.h"
#include "run/convergence_snapshot.h"
#include "run/run_gate.h"

#include <functional>
#include <optional>

namespace unfold::ui {

// The problem a network trains on: its data with the loss's targets, and F* of the test signals.
struct NetworkProblem {
  const Dictionary& dictionary;
  const TrainingData& data;
  const Vector& testOptimalCost;
};

// The curve of weights trained earlier for these settings (a session's, or the window's last run's),
// diagnosed on this problem; nullopt when there are none, or they were learned for another dictionary,
// other training signals, lambda, parametrization or depth (then `whyNot` says which). A network opened
// from a file is scored as it stands on other training signals (otherTrainingSignals). Stopped meanwhile,
// its test gaps alone (Stop waits for no diagnosis).
std::optional<NetworkCurve> reusedNetwork(const NetworkProblem& problem, const NetworkSettings& settings,
                                          const NetworkFile* pretrained, const std::function<bool()>& stopped = {},
                                          QString* whyNot = nullptr);

// Trains a network. `publish` receives the live curve at most every 40 ms and whenever the gate holds the
// training. Returns the final curve, or the partial one if `abandoned` said so.
NetworkCurve runNetwork(const NetworkProblem& problem, const NetworkSettings& settings, RunGate& gate,
                        const std::function<bool()>& abandoned, const std::function<void(const NetworkCurve&)>& publish);

}  // namespace unfold::ui
