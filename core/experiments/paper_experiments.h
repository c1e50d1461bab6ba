// The computations behind two of the paper's figures (Ablin et al. 2019), as plain data:
//  - Fig. 2: F(z_t) - F* of ISTA, FISTA, OISTA and ISTA with backtracking along the iterations (mean and
//    10-90 % quantiles over the signals; the median too), with OISTA's step in units of 1/L (mean over the
//    signals, and for the first signal) and ISTA-BT's (mean);
//  - Fig. E.1: L_S/L for random supports of size zeta m, against the Marchenko-Pastur prediction
//    ((1 + sqrt(zeta gamma)) / (1 + sqrt(gamma)))^2, gamma = m/n.
// The networks' figures (4, 5, 6) are trainings (experiment.h) plus network_diagnostics.h.
#pragma once

#include "base/types.h"
#include "lasso/solver.h"

#include <cstdint>
#include <vector>

namespace unfold {

struct SolverComparison {
  std::vector<int> iteration;                 // 0..T
  // Per solver (ISTA, FISTA, OISTA, ISTA with backtracking in this order, kSolvers): mean, 10, 50 and
  // 90 % quantiles of F(z_t) - F*.
  static constexpr Algorithm kSolvers[] = {Algorithm::Ista, Algorithm::Fista, Algorithm::Oista, Algorithm::IstaBacktracking};
  std::vector<double> gapMean[4], gapQ10[4], gapQ50[4], gapQ90[4];
  std::vector<double> oistaStepMean;          // OISTA's step x L (1 at t = 0)
  std::vector<double> oistaStepFirstSignal;
  std::vector<double> backtrackingStepMean;   // ISTA-BT's accepted step x L (1 at t = 0)
};

// Gaussian D (unit-norm atoms) n x m, `signalCount` Gaussian signals scaled so that lambda_max = 1: the
// test set of experiment.h's ProblemSpec, the workbench's signals for the same settings.
SolverComparison compareSolvers(int n, int m, int signalCount, double lambda, int iterations, std::uint64_t seed);

struct SupportRatioCurve {
  std::vector<double> zeta;                   // |S| / m on the grid
  std::vector<int> supportSize;
  std::vector<double> mean, q10, q90;         // L_S / L over the random supports
  std::vector<double> marchenkoPastur;
};

// For |S| = 1 .. m on `gridPoints` evenly spaced sizes, `draws` supports drawn uniformly at random.
SupportRatioCurve supportRatioCurve(int n, int m, int gridPoints, int draws, std::uint64_t seed);

}  // namespace unfold
