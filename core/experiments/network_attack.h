// Adversarial signals for a trained unfolded network (the talk's open question "Adversarial cases?"): a
// network is trained on a distribution, and its learned steps can exceed 2/L_S on supports it rarely saw.
// Starting from given signals, projected gradient ascent on the network's suboptimality
//     gap(x) = F_x(Phi(x)) - F*(x)
// over the equiregularization set {x : ||D^T x||_inf = 1}, where lambda is the same fraction of lambda_max
// for every signal (else growing x would grow the gap). The gradient is the network's input-gradient
// (UnfoldedNetwork::lossInputGradient) minus grad F*(x) = x - D z*(x): by the envelope theorem only F's
// own dependence on x counts at its minimizer z*, taken from the certified reference solver.
// Each step moves every signal along its gradient by a length relative to ||x||, then rescales it onto
// the set. A move that does not raise that signal's gap is taken back and its length halved; one that
// does lengthens the next by half. So the gap never falls, and the attack keeps each signal's best point.
#pragma once

#include "experiments/problem_generators.h"
#include "lasso/reference_solver.h"
#include "networks/unfolded_network.h"

#include <functional>
#include <string>
#include <vector>

namespace unfold {

// One signal under the network: how far its output is from the Lasso solution, and why.
struct SignalRobustness {
  double gap = 0.0;          // F_x(z_T) - F*(x)
  int supportSize = 0;       // |S*|, S* = supp z*(x)
  int offSupportLayer = 0;   // the first layer t whose output z_t has a non-zero outside S*; 0: none does
  double lsOverL = 0.0;      // L_{S*} / L (0 for an empty support)
  int layersPast2OverLs = 0; // layers whose (effective) step exceeds 2 / L_{S*}: not a descent step there
};

// Each column of X under the network, with its reference solution (of the same X and lambda).
std::vector<SignalRobustness> assessSignals(const UnfoldedNetwork& network, const Matrix& X,
                                            const ReferenceSolution& reference);

struct AttackProgress {
  int step = 0, steps = 0;
  double meanGapBefore = 0.0, meanGap = 0.0;
  const Vector* gap = nullptr;  // every signal's gap now (valid during the call)
  const std::vector<int>* movesKept = nullptr;  // per signal, the moves that raised its gap so far (likewise)
};

struct AttackSettings {
  int steps = 50;
  double initialMove = 0.05;  // the first move's length, relative to ||x||
  // Called after every step (on the calling thread); returning true stops the attack where it is.
  std::function<bool(const AttackProgress&)> progress;
};

struct AttackResult {
  Matrix X;                                     // the attacked signals (n x N), on the set
  std::vector<SignalRobustness> before, after;  // the given signals (rescaled onto the set) and the attacked
  std::vector<int> movesKept;                   // per signal: 0 where no move raised its gap (x unmoved)
  int stepsDone = 0;
  bool stopped = false;                         // the progress callback stopped it
};

// `X` is rescaled onto the set first; InputError if a signal is 0 on every atom (D^T x = 0).
AttackResult attackNetwork(const UnfoldedNetwork& network, const Matrix& X, const AttackSettings& settings = {});

// Signals unlike the training set's, to see a network out of its distribution: `base` with Gaussian noise
// of standard deviation `noise` x ||x|| / sqrt(n) added to each signal (from `seed`), rescaled onto the
// equiregularization set of D.
Matrix noisySignals(const Matrix& D, const Matrix& base, double noise, std::uint64_t seed);

// attack.csv: signal,gap_before,gap_after,support_before,support_after,off_support_layer_before,
// off_support_layer_after,ls_over_l_before,ls_over_l_after,layers_past_2_over_ls_before,
// layers_past_2_over_ls_after. InputError rather than a non-finite number.
std::string formatAttackReportCsv(const AttackResult& result);

}  // namespace unfold
