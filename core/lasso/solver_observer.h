// The observer every iterative solver reports to, in the shape of ensmallen's callbacks: called once per
// iterate z_t (t = 0 is z = 0), it can record anything and ask the solver to stop by returning true.
// Tracing, progress, cancellation and time limits are all observers.
#pragma once

#include "base/types.h"

#include <vector>

namespace unfold {

// What a solver exposes at iterate t. References are valid only during the call.
struct IterationState {
  int iteration = 0;                  // t: Z holds z_t
  const Matrix& Z;                    // m x N iterates
  const Matrix& residual;             // D z_t - x, n x N
  const Vector* stepTimesL = nullptr; // per signal, step x L of the step that produced z_t (null at t = 0)
  const std::vector<char>* oracleAccepted = nullptr;  // OISTA: 1 where the 1/L_S step was kept
};

class SolverObserver {
 public:
  virtual ~SolverObserver() = default;
  // Return true to stop the solver after this iterate.
  virtual bool onIteration(const IterationState& state) = 0;
};

}  // namespace unfold
