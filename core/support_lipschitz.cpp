#include "support_lipschitz.h"

#include "largest_eigenvalue.h"

#include <cmath>

namespace unfold {

namespace {

constexpr double kTolerance = 1e-10;

// G_S = D_S^T D_S read from the precomputed Gram matrix (|S| <= n).
void supportGram(const Matrix& G, const std::vector<int>& support, Matrix& out) {
  const auto k = static_cast<Eigen::Index>(support.size());
  out.resize(k, k);
  for (Eigen::Index b = 0; b < k; ++b) {
    const double* column = G.col(support[static_cast<size_t>(b)]).data();
    for (Eigen::Index a = 0; a < k; ++a) out(a, b) = column[support[static_cast<size_t>(a)]];
  }
}

// Per-thread buffers: the tracker is shared by the threads that update disjoint signals.
struct Scratch {
  std::vector<int> support;
  Matrix gram, atoms;
  Vector vector, codes;
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

}  // namespace

SupportLipschitzTracker::SupportLipschitzTracker(const Dictionary& dictionary, Eigen::Index signalCount)
    : dictionary_(dictionary), state_(static_cast<size_t>(signalCount)) {}

double SupportLipschitzTracker::update(Eigen::Index signal, const Eigen::Ref<const Vector>& z) {
  SignalState& state = state_[static_cast<size_t>(signal)];
  std::vector<int>& support = scratch().support;
  support.clear();
  for (Eigen::Index i = 0; i < z.size(); ++i)
    if (z(i) != 0.0) support.push_back(static_cast<int>(i));
  if (state.valid && support == state.support) {
    reuses_.fetch_add(1, std::memory_order_relaxed);
    return state.lipschitz;
  }
  state.support.swap(support);
  state.valid = true;
  return compute(state);
}

double SupportLipschitzTracker::compute(SignalState& state) {
  const auto k = static_cast<Eigen::Index>(state.support.size());
  if (k == 0) {
    state.lipschitz = 0.0;
    return 0.0;
  }
  recomputations_.fetch_add(1, std::memory_order_relaxed);
  Scratch& s = scratch();
  const Eigen::Index m = dictionary_.atomCount();
  const Eigen::Index n = dictionary_.signalDimension();
  if (state.eigenvector.size() != m) state.eigenvector = Vector::Zero(m);
  EigenvalueResult r;
  if (k <= n && dictionary_.hasGram()) {
    // Atom space, G_S is k x k. Warm start: the previous eigenvector restricted to S; every atom gets a
    // small weight so that the start is never orthogonal to the answer. The weights differ from atom to
    // atom: equal ones would make a fresh start the all-ones vector, an eigenvector of every 2-atom Gram
    // matrix [1 c; c 1] (of the smallest eigenvalue when c < 0), from which the iteration cannot escape.
    supportGram(dictionary_.gram(), state.support, s.gram);
    s.vector.resize(k);
    for (Eigen::Index a = 0; a < k; ++a) {
      const int atom = state.support[static_cast<size_t>(a)];
      s.vector(a) = state.eigenvector(atom) + 1e-3 * (1.0 + 0.5 * std::sin(1.0 + 2.399963 * atom));
    }
    r = largestEigenvalue(s.gram, s.vector, kTolerance);
    state.eigenvector.setZero();
    for (Eigen::Index a = 0; a < k; ++a) state.eigenvector(state.support[static_cast<size_t>(a)]) = s.vector(a);
    state.signalEigenvector.resize(0);
  } else {
    // Signal space, matrix-free: u -> D_S (D_S^T u) costs 4 n k flops, far less than forming the n x n
    // matrix (2 n^2 k) when, as in the first iterations, large supports change at every step.
    s.atoms = dictionary_.atoms()(Eigen::all, state.support);
    if (state.signalEigenvector.size() != n) state.signalEigenvector = s.atoms * state.eigenvector(state.support);
    s.codes.resize(k);
    const auto apply = [&s](const Vector& in, Vector& out) {
      s.codes.noalias() = s.atoms.transpose() * in;
      out.noalias() = s.atoms * s.codes;
    };
    r = largestEigenvalue(apply, n, state.signalEigenvector, kTolerance);
    // Keep the atom-space warm start in step: v = D_S^T u, normalised.
    s.codes.noalias() = s.atoms.transpose() * state.signalEigenvector;
    const double norm = s.codes.norm();
    state.eigenvector.setZero();
    if (norm > 0.0)
      for (Eigen::Index a = 0; a < k; ++a) state.eigenvector(state.support[static_cast<size_t>(a)]) = s.codes(a) / norm;
  }
  state.lipschitz = r.eigenvalue;
  return state.lipschitz;
}

double supportLipschitz(const Dictionary& dictionary, const std::vector<int>& support) {
  if (support.empty()) return 0.0;
  const Matrix DS = dictionary.atoms()(Eigen::all, support);
  const Matrix gram = static_cast<Eigen::Index>(support.size()) <= dictionary.signalDimension()
                          ? Matrix(DS.transpose() * DS)
                          : Matrix(DS * DS.transpose());
  Vector v;
  return largestEigenvalue(gram, v, kTolerance).eigenvalue;
}

}  // namespace unfold
