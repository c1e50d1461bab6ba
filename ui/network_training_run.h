// Trains one unfolded network for the workbench (or loads it from a session's saved weights), and turns
// its progress and its diagnostics into NetworkCurve values for the plots. Runs on the worker thread;
// passes the run gate once per optimizer step (pause, step one epoch) and stops when abandoned.
#pragma once

#include "convergence_snapshot.h"
#include "network_loss.h"
#include "network_parameters.h"
#include "run_gate.h"
#include "workbench_problem.h"

#include <functional>

namespace unfold::ui {

struct NetworkRunInputs {
  const WorkbenchProblem& problem;
  double lambda = 0.0;
  LossKind loss = LossKind::Unsupervised;
  Matrix trainTargets, testTargets;  // z* (semi-supervised) or z0 (supervised); empty otherwise
  const Vector& testOptimalCost;     // F* per test signal
  int layers = 0;
  int budget = 0;                    // optimizer steps
  bool layerWise = false;
};

// `pretrainedJson`: weights from a session (network_file.h format); used instead of training when they
// were learned for this dictionary, lambda and depth, otherwise ignored. `publish` receives the live
// curve at most every 40 ms and whenever the gate holds the training. Returns the final curve, or the
// partial one if `abandoned` said so.
NetworkCurve runNetwork(Parametrization kind, const NetworkRunInputs& inputs, const QString& pretrainedJson,
                        RunGate& gate, const std::function<bool()>& abandoned,
                        const std::function<void(const NetworkCurve&)>& publish);

}  // namespace unfold::ui
