// L_S = ||D_S^T D_S||_2 for the supports S of a batch of iterates, as OISTA and the L_S/L diagnostics
// need it at every iteration. Each signal keeps its last support, L_S and leading eigenvector: an
// unchanged support costs a comparison, a changed one an eigenvalue computation warm-started from the
// previous eigenvector (largest_eigenvalue.h). Different signals may be updated from different threads
// at once; one signal from one thread at a time.
#pragma once

#include "dictionary.h"

#include <atomic>
#include <vector>

namespace unfold {

class SupportLipschitzTracker {
 public:
  SupportLipschitzTracker(const Dictionary& dictionary, Eigen::Index signalCount);

  // L_S for the support of column `signal` of Z (0 for an empty support).
  double update(Eigen::Index signal, const Eigen::Ref<const Vector>& z);
  // The support found by the last update() of this signal (sorted atom indices).
  const std::vector<int>& support(Eigen::Index signal) const { return state_[static_cast<size_t>(signal)].support; }

  // Supports whose L_S was computed, and supports served from memory.
  long long recomputations() const { return recomputations_; }
  long long reuses() const { return reuses_; }

 private:
  struct SignalState {
    std::vector<int> support;
    double lipschitz = 0.0;
    Vector eigenvector;        // in atom coordinates (size m): warm start while |S| <= n
    Vector signalEigenvector;  // in signal coordinates (size n): warm start while |S| > n
    bool valid = false;
  };
  double compute(SignalState& state);

  const Dictionary& dictionary_;
  std::vector<SignalState> state_;
  std::atomic<long long> recomputations_ = 0;
  std::atomic<long long> reuses_ = 0;
};

// L_S for one support, computed from scratch (tests, and the L_S/L figure for random supports).
double supportLipschitz(const Dictionary& dictionary, const std::vector<int>& support);

}  // namespace unfold
