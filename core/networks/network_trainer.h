// Training of an unfolded network on a set of signals:
//  - full-batch gradient descent with a backtracking line search (Ablin et al. 2019): a step is kept only
//    if it lowers the training loss; after an accepted step the learning rate grows, after a rejected one
//    it halves and the step is retried, down to a floor where the search gives up, so the loop always ends;
//  - or mini-batch Adam (Kingma & Ba 2015), batches shuffled with the seed;
//  - or full-batch L-BFGS-B (LBFGS++'s LBFGSBSolver, More-Thuente line search) within the same bounds;
//  - end to end, or layer-wise (train layers 1..t, then add layer t+1 as a copy of layer t, or as its
//    initial ISTA step where that gives a lower training loss).
// Steps stay > 0 and thresholds >= 0 (projection after every step). The best weights by test loss are
// kept; NaN/Inf or a line search that cannot decrease the loss stop the run with the best weights so far.
#pragma once

#include "networks/network_diagnostics.h"
#include "networks/network_loss.h"
#include "networks/unfolded_network.h"

#include <cstdint>
#include <optional>
#include <string>

namespace unfold {

enum class Optimizer { GradientDescent, Adam, Lbfgs };
std::optional<Optimizer> parseOptimizer(std::string_view name);  // gd, adam, lbfgs
std::string optimizerName(Optimizer optimizer);

struct TrainingSettings {
  LossKind loss = LossKind::Unsupervised;
  Optimizer optimizer = Optimizer::GradientDescent;
  int maxIterations = 3000;      // optimizer steps in all (layer-wise: shared evenly between the stages,
                                 // one a stage at least);
                                 // L-BFGS: evaluations that lower the training loss (one or more per iteration)
  double timeLimitSeconds = 0;   // 0: none
  double learningRate = 0;       // 0: automatic (GD: found by the line search; Adam: 1e-3); L-BFGS: unused
  int batchSize = 256;           // Adam
  bool layerWise = false;
  std::uint64_t seed = 0;
  int patience = 300;            // stop after this many test evaluations without improvement; 0: never
  // LISTA-CP: every layer starts this far from coupling (moveAwayFromCoupling; layer-wise: each new layer,
  // after its start is chosen). A control: coupling found after training is then learned, not inherited
  // from a start that was an ISTA step. 0: layers start as initialised.
  double couplingOffset = 0.0;
  // Stops when the test loss's excess over `testLossFloor` (the mean F* of the test signals, for the
  // unsupervised loss: the excess is the test gap) has fallen by less than the fraction `stallProgress`
  // over the last `stallWindow` evaluations: steps that would not change a figure are not taken.
  // 0: never.
  int stallWindow = 0;
  double stallProgress = 0.0;
  double testLossFloor = 0.0;
  bool operator==(const TrainingSettings&) const = default;
};

struct TrainingData {
  Matrix trainX, trainTargets;  // targets (m x N): z* or z0 for the (semi-)supervised losses
  Matrix testX, testTargets;
};

struct TrainingProgress {
  int iteration = 0;      // optimizer steps so far
  int maxIterations = 0;
  int layers = 0;         // depth being trained (layer-wise: grows)
  double trainLoss = 0.0; // GD: full training loss; Adam: the last mini-batch's
  double testLoss = 0.0;  // at the last evaluation
  double learningRate = 0.0;
  double elapsedSeconds = 0.0;
  const NetworkWeights& weights;           // current steps and thresholds
  const std::vector<LayerCoupling>& coupling;  // LISTA, LISTA-CP: per layer (network_diagnostics.h)
};

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  // Called after every optimizer step; return true to stop.
  virtual bool onIteration(const TrainingProgress& progress) = 0;
  // Polled between loss evaluations and between the layers of each pass (from worker threads: must be
  // thread-safe, e.g. read an atomic), so that a stop takes effect within one layer's work.
  virtual bool stopRequested() { return false; }
};

enum class StopReason { MaxIterations, TimeLimit, Stagnation, Cancelled, Diverged, LineSearchFailed };
std::string stopReasonText(StopReason reason);   // a sentence: "reached the time limit"
std::string stopReasonLabel(StopReason reason);  // two words at most, for legends: "time limit"
std::optional<StopReason> parseStopReasonText(std::string_view text);  // the inverse of stopReasonText

struct TrainingResult {
  NetworkWeights weights;       // the best by test loss
  double bestTestLoss = 0.0;
  double initialTestLoss = 0.0;
  int iterations = 0;
  StopReason reason = StopReason::MaxIterations;
  // Every optimizer step's losses, as an observer sees them: the step, the training loss and the test
  // loss at the last evaluation (a network file's record keeps them as its "curve").
  struct CurvePoint {
    int step = 0;
    double trainLoss = 0.0, testLoss = 0.0;
  };
  std::vector<CurvePoint> curve;
};

// Deepens `network` by one layer: a copy of its last layer if that gives a lower training loss and no
// higher test loss than `fresh` (that layer's initial value, an ISTA step), else `fresh`. A trained deep
// layer is usually the better start, but a layer trained as the first one (where z = 0 and only W^T x
// matters), or a large step that suits the training signals, can be expansive on other signals when applied
// again, and copies compound over tens of layers (SLISTA at lambda = 0.1 on 10,000 signals, chosen by the
// training loss alone: test gap 1.1e-2 at T = 18, 5.0e-2 at T = 22). An ISTA step never raises a signal's
// cost (SLISTA, LISTA-CP), so with it the deeper network starts no worse than the shallower one.
void appendNextLayer(UnfoldedNetwork& network, const LayerWeights& fresh, const TrainingData& data, LossKind loss);

// `network` holds the starting weights (and its depth); it is left with the best weights.
TrainingResult trainNetwork(UnfoldedNetwork& network, const TrainingData& data, const TrainingSettings& settings,
                            TrainingObserver* observer = nullptr);

}  // namespace unfold
