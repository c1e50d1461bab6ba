// A high-precision Lasso solver giving z*(x) and F*_x = F_x(z*) for every signal with a certified duality
// gap. Every gap curve F(z_t) - F* in the app is drawn against it: an F* from a fixed number of ISTA
// iterations (the paper's code) is biased and makes curves flatten or go negative.
// Method: a few batched FISTA iterations locate the support, then per signal the feature-sign search of
// Lee, Battle, Raina & Ng (NIPS 2007) finishes exactly: it solves the optimality conditions on the active
// set and line-searches over sign changes, which terminates in finitely many steps (restarted from z = 0
// if the warm start's active set is singular). A signal whose gap is
// still above the target falls back to long FISTA runs and is reported if it stays uncertified.
#pragma once

#include "linalg/dictionary.h"

#include <functional>

namespace unfold {

// How far a reference solve is: signals through the fast path, then the hard ones it left uncertified,
// each finished by a long FISTA run (the slow part on a degenerate problem).
struct ReferenceProgress {
  long solved = 0, total = 0;
  long hardSolved = 0, hard = 0;
};

struct ReferenceSettings {
  double relativeGap = 1e-12;   // target gap / F_x(0)
  int warmStartIterations = 30; // FISTA iterations before the active-set phase
  int threads = 0;              // 0: all cores
  // Called on the calling thread (so it need not be thread-safe) after every block of signals and during
  // the long runs; returning true stops the solve: the solution is then incomplete (`stopped`).
  std::function<bool(const ReferenceProgress&)> progress;
};

struct ReferenceSolution {
  Matrix Z;            // m x N, z*(x)
  Vector optimalCost;  // F*_x
  Vector gap;          // certified duality gap of Z (absolute)
  Vector initialCost;  // F_x(0) = ||x||^2 / 2, the scale of the relative gap
  int uncertified = 0; // signals with gap > relativeGap * F_x(0)
  bool stopped = false; // the progress callback stopped the solve: Z, optimalCost and gap are incomplete
  double maxRelativeGap() const;
};

ReferenceSolution solveReference(const Dictionary& dictionary, const Matrix& X, double lambda,
                                 const ReferenceSettings& settings = {});

}  // namespace unfold
