// The computations behind two appendix figures of the paper (Ablin et al. 2019), as plain data:
//  - Fig. E.2: iterations and wall time for ISTA, FISTA, OISTA (and ISTA with backtracking) to bring
//    F(z_t) - F* to a tolerance, per lambda and seed;
//  - Fig. E.3: the test gap of LISTA-CP and SLISTA against the number of training signals.
#pragma once

#include "base/types.h"
#include "lasso/solver.h"
#include "networks/network_parameters.h"

#include <cstdint>
#include <vector>

namespace unfold {

struct ToleranceRun {
  double lambda = 0;
  std::uint64_t seed = 0;
  Algorithm algorithm = Algorithm::Ista;
  double medianIterations = 0;  // over the signals: each signal's first t with F(z_t) - F* <= tolerance
  double seconds = 0;           // the batch's wall time until every signal got there, per signal
  int unreached = 0;            // signals still above the tolerance at maxIterations (counted as maxIterations)
};

// Gaussian D n x m (seed), `signalCount` test signals on the equiregularization set (experiment.h's
// ProblemSpec), certified F*; every solver runs the batch until each signal is within `tolerance` of F*.
std::vector<ToleranceRun> iterationsToTolerance(int n, int m, int signalCount, const std::vector<double>& lambdas,
                                                int seeds, double tolerance, int maxIterations);

struct SampleSizeRun {
  Parametrization kind = Parametrization::Slista;
  int trainCount = 0;
  std::uint64_t seed = 0;
  double testGap = 0;  // mean F(z_T) - F* over the test signals, of the best weights
};

// For each seed, one problem (Gaussian D n x m, Gaussian signals) whose first `count` training signals
// train a LISTA-CP and an SLISTA of `layers` layers (unsupervised, L-BFGS, `steps` steps), tested on
// `testCount` signals: nested training sets, so that only the sample size changes along a curve.
std::vector<SampleSizeRun> sampleSizeCurves(int n, int m, int layers, double lambda, const std::vector<int>& counts,
                                            int testCount, int steps, int seeds);

}  // namespace unfold
