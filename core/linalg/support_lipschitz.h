// L_S = ||D_S^T D_S||_2 for the supports S of a batch of iterates, as OISTA and the L_S/L diagnostics
// need it at every iteration. Each signal keeps its last support, L_S and leading eigenvector: an
// unchanged support costs a comparison, a changed one an eigenvalue computation warm-started from the
// previous eigenvector (largest_eigenvalue.h). Different signals may be updated from different threads
// at once; one signal from one thread at a time.
#pragma once

#include "linalg/dictionary.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace unfold {

class SupportLipschitzTracker {
 public:
  // Memory for the n x n matrices D_S D_S^T of the signals with |S| > n (n = 64: 16,000 signals).
  static constexpr long long kDefaultGramBudget = 512LL << 20;

  // gramBudgetBytes bounds the memory of the n x n matrices kept for supports larger than n; signals
  // beyond it fall back to the slower matrix-free products.
  SupportLipschitzTracker(const Dictionary& dictionary, Eigen::Index signalCount,
                          long long gramBudgetBytes = kDefaultGramBudget);
  ~SupportLipschitzTracker();
  SupportLipschitzTracker(const SupportLipschitzTracker&) = delete;
  SupportLipschitzTracker& operator=(const SupportLipschitzTracker&) = delete;

  // L_S for the support of column `signal` of Z (0 for an empty support).
  double update(Eigen::Index signal, const Eigen::Ref<const Vector>& z);
  // The same when the caller already has supp(z) as a bitset (support_bits.h), as OISTA does.
  double update(Eigen::Index signal, const std::uint64_t* bits);
  // The support found by the last update() of this signal (sorted atom indices).
  const std::vector<int>& support(Eigen::Index signal) const { return state_[static_cast<size_t>(signal)].support; }

  // Supports whose L_S was computed, and supports served from memory.
  long long recomputations() const { return recomputations_; }
  long long reuses() const { return reuses_; }
  // Matrix-vector products spent in the recomputations.
  long long products() const { return products_; }

 private:
  struct SignalState {
    std::vector<int> support;
    double lipschitz = 0.0;
    Vector eigenvector;        // in atom coordinates (size m): warm start while |S| <= n
    Vector signalEigenvector;  // in signal coordinates (size n): warm start while |S| > n
    Matrix signalGram;         // D_S D_S^T while |S| > n, kept up to date as S changes
    int gramUpdates = -1;      // updates since signalGram was built from scratch; -1: none kept
    int lastProducts = 0;      // products the last computation took: where to start checking convergence
    bool valid = false;
  };
  double compute(SignalState& state, const std::vector<int>& previous);
  bool updateSignalGram(SignalState& state, const std::vector<int>& previous);
  void releaseSignalGram(SignalState& state);

  static constexpr int kMaxGramUpdates = 64;

  const Dictionary& dictionary_;
  Eigen::Index words_;                // per signal in bits_
  std::vector<std::uint64_t> bits_;   // the supports of state_, as bitsets: compared at every update
  std::vector<SignalState> state_;
  std::atomic<long long> recomputations_ = 0;
  std::atomic<long long> reuses_ = 0;
  std::atomic<long long> products_ = 0;
  const long long gramBudget_;
  Vector atomWeights_;  // small, distinct per atom: added to atom-space warm starts (see compute())
  std::atomic<long long> cachedBytes_ = 0;
};

// L_S for one support, computed from scratch (tests, and the L_S/L figure for random supports).
double supportLipschitz(const Dictionary& dictionary, const std::vector<int>& support);

}  // namespace unfold
