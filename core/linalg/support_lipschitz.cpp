#include "linalg/support_lipschitz.h"

#include "linalg/largest_eigenvalue.h"
#include "linalg/support_bits.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <iterator>

namespace unfold {

namespace {

constexpr double kTolerance = 1e-10;
constexpr int kMaxProducts = 1000;
// The golden angle in radians, 2 pi (1 - 1/phi): sin(1 + k * angle) never repeats a value over k, so the
// atoms' small warm-start weights are all distinct.
constexpr double kGoldenAngle = 2.399963229728653;

// G_S = D_S^T D_S read from the precomputed Gram matrix (|S| <= n), padded with zero rows and columns to
// a multiple of 8: Eigen's matrix-vector product runs 2-3 times faster on such sizes (53 x 53: 250 ns,
// 56 x 56: 130 ns), and the zeros only add eigenvalues 0, never the largest.
Eigen::Index paddedSize(Eigen::Index k) { return (k + 7) / 8 * 8; }

void supportGram(const Matrix& G, const std::vector<int>& support, Matrix& out) {
  const auto k = static_cast<Eigen::Index>(support.size());
  const Eigen::Index padded = paddedSize(k);
  out.resize(padded, padded);
  for (Eigen::Index b = 0; b < k; ++b) {
    const double* column = G.col(support[static_cast<size_t>(b)]).data();
    for (Eigen::Index a = 0; a < k; ++a) out(a, b) = column[support[static_cast<size_t>(a)]];
    out.col(b).tail(padded - k).setZero();
  }
  out.rightCols(padded - k).setZero();
}

// Per-thread buffers: the tracker is shared by the threads that update disjoint signals.
struct Scratch {
  std::vector<std::uint64_t> bits;
  std::vector<int> previous, added, removed;
  Matrix gram, atoms, changed, signedChanged;
  Vector vector, codes;
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Atoms in `now` and not in `before`, and the reverse (both sorted).
void supportChanges(const std::vector<int>& before, const std::vector<int>& now, std::vector<int>& added,
                    std::vector<int>& removed) {
  added.clear();
  removed.clear();
  std::set_difference(now.begin(), now.end(), before.begin(), before.end(), std::back_inserter(added));
  std::set_difference(before.begin(), before.end(), now.begin(), now.end(), std::back_inserter(removed));
}

}  // namespace

SupportLipschitzTracker::SupportLipschitzTracker(const Dictionary& dictionary, Eigen::Index signalCount,
                                                 long long gramBudgetBytes)
    : dictionary_(dictionary),
      words_(supportWords(dictionary.atomCount())),
      bits_(static_cast<size_t>(signalCount * words_)),
      state_(static_cast<size_t>(signalCount)),
      gramBudget_(gramBudgetBytes),
      atomWeights_(dictionary.atomCount()) {
  for (Eigen::Index atom = 0; atom < atomWeights_.size(); ++atom)
    atomWeights_(atom) = 1e-3 * (1.0 + 0.5 * std::sin(1.0 + kGoldenAngle * static_cast<double>(atom)));
}

SupportLipschitzTracker::~SupportLipschitzTracker() = default;

double SupportLipschitzTracker::update(Eigen::Index signal, const Eigen::Ref<const Vector>& z) {
  std::vector<std::uint64_t>& bits = scratch().bits;
  bits.resize(static_cast<size_t>(words_));
  supportBits(z.data(), z.size(), bits.data());
  return update(signal, bits.data());
}

double SupportLipschitzTracker::update(Eigen::Index signal, const std::uint64_t* bits) {
  SignalState& state = state_[static_cast<size_t>(signal)];
  std::uint64_t* stored = bits_.data() + signal * words_;
  if (state.valid && std::equal(bits, bits + words_, stored)) {
    reuses_.fetch_add(1, std::memory_order_relaxed);
    return state.lipschitz;
  }
  std::copy(bits, bits + words_, stored);
  std::vector<int>& previous = scratch().previous;
  previous.swap(state.support);
  state.support.clear();
  for (Eigen::Index w = 0; w < words_; ++w)
    for (std::uint64_t word = bits[w]; word != 0; word &= word - 1)
      state.support.push_back(static_cast<int>(64 * w + std::countr_zero(word)));
  state.valid = true;
  return compute(state, previous);
}

double SupportLipschitzTracker::compute(SignalState& state, const std::vector<int>& previous) {
  const auto k = static_cast<Eigen::Index>(state.support.size());
  const Eigen::Index m = dictionary_.atomCount();
  const Eigen::Index n = dictionary_.signalDimension();
  if (state.eigenvector.size() != m) state.eigenvector = Vector::Zero(m);
  // The warm start lives in atom coordinates (state.eigenvector, zero off the support) while |S| <= n and
  // in signal coordinates (state.signalEigenvector) while |S| > n; it is carried over when |S| crosses n.
  const bool fromSignalSpace = state.signalEigenvector.size() == n;
  if (k == 0) {
    releaseSignalGram(state);
    if (!fromSignalSpace)
      for (int atom : previous) state.eigenvector(atom) = 0.0;
    state.lipschitz = 0.0;
    return 0.0;
  }
  recomputations_.fetch_add(1, std::memory_order_relaxed);
  Scratch& s = scratch();
  EigenvalueResult r;
  const Matrix& D = dictionary_.atoms();
  if (k <= n && dictionary_.hasGram()) {
    releaseSignalGram(state);
    // Atom space, G_S is k x k. Warm start: the previous eigenvector restricted to S; every atom gets a
    // small weight so that the start is never orthogonal to the answer. The weights differ from atom to
    // atom: equal ones would make a fresh start the all-ones vector, an eigenvector of every 2-atom Gram
    // matrix [1 c; c 1] (of the smallest eigenvalue when c < 0), from which the iteration cannot escape.
    if (fromSignalSpace) {
      state.eigenvector.noalias() = D.transpose() * state.signalEigenvector;  // v = D^T u
      state.signalEigenvector.resize(0);
    }
    supportGram(dictionary_.gram(), state.support, s.gram);
    s.vector.setZero(s.gram.rows());
    for (Eigen::Index a = 0; a < k; ++a) {
      const int atom = state.support[static_cast<size_t>(a)];
      s.vector(a) = state.eigenvector(atom) + atomWeights_(atom);
    }
    r = largestEigenvalue(s.gram, s.vector, kTolerance, kMaxProducts, state.lastProducts);
    if (fromSignalSpace) {
      state.eigenvector.setZero();
    } else {
      for (int atom : previous) state.eigenvector(atom) = 0.0;
    }
    for (Eigen::Index a = 0; a < k; ++a) state.eigenvector(state.support[static_cast<size_t>(a)]) = s.vector(a);
  } else {
    // Signal space: A = D_S D_S^T, n x n.
    if (!fromSignalSpace) state.signalEigenvector.noalias() = D * state.eigenvector;  // u = D v
    if (updateSignalGram(state, previous)) {
      r = largestEigenvalue(state.signalGram, state.signalEigenvector, kTolerance, kMaxProducts, state.lastProducts);
    } else {
      // Matrix-free, u -> D_S (D_S^T u), when the memory budget is spent.
      s.atoms = D(Eigen::all, state.support);
      s.codes.resize(k);
      const auto apply = [&s](const Vector& in, Vector& out) {
        s.codes.noalias() = s.atoms.transpose() * in;
        out.noalias() = s.atoms * s.codes;
      };
      r = largestEigenvalue(apply, n, state.signalEigenvector, kTolerance, kMaxProducts, state.lastProducts);
    }
  }
  products_.fetch_add(r.products, std::memory_order_relaxed);
  state.lastProducts = r.products;
  state.lipschitz = r.eigenvalue;
  return state.lipschitz;
}

// D_S D_S^T for the new support, from the previous one by adding and subtracting the outer products of
// the atoms that entered and left: an iterate's support changes by a few atoms per iteration, and
// 2 n^2 flops per changed atom beat the 4 n k flops per product of the matrix-free form, ~20 times per
// recomputation. Rebuilt from scratch when more than half the support changed and every
// kMaxGramUpdates updates, so that rounding does not accumulate. Returns false (and keeps nothing) when
// the tracker's memory budget for these n x n matrices is spent.
bool SupportLipschitzTracker::updateSignalGram(SignalState& state, const std::vector<int>& previous) {
  Scratch& s = scratch();
  const Eigen::Index n = dictionary_.signalDimension();
  const auto k = static_cast<Eigen::Index>(state.support.size());
  if (state.gramUpdates >= 0) {
    supportChanges(previous, state.support, s.added, s.removed);
    const auto changes = static_cast<Eigen::Index>(s.added.size() + s.removed.size());
    if (2 * changes <= k && state.gramUpdates < kMaxGramUpdates) {
      // One product C S^T with C = [D_added D_removed] and S = [D_added -D_removed].
      const Matrix& D = dictionary_.atoms();
      const auto added = static_cast<Eigen::Index>(s.added.size());
      s.changed.resize(n, changes);
      s.signedChanged.resize(n, changes);
      for (Eigen::Index c = 0; c < changes; ++c) {
        const bool entered = c < added;
        const int atom = entered ? s.added[static_cast<size_t>(c)] : s.removed[static_cast<size_t>(c - added)];
        s.changed.col(c) = D.col(atom);
        s.signedChanged.col(c) = (entered ? 1.0 : -1.0) * D.col(atom);
      }
      if (changes > 0) state.signalGram.noalias() += s.changed * s.signedChanged.transpose();
      ++state.gramUpdates;
      return true;
    }
  } else {
    const auto bytes = static_cast<long long>(n * n * static_cast<Eigen::Index>(sizeof(double)));
    if (cachedBytes_.fetch_add(bytes) + bytes > gramBudget_) {
      cachedBytes_.fetch_sub(bytes);
      return false;
    }
  }
  s.atoms = dictionary_.atoms()(Eigen::all, state.support);
  state.signalGram.noalias() = s.atoms * s.atoms.transpose();
  state.gramUpdates = 0;
  return true;
}

void SupportLipschitzTracker::releaseSignalGram(SignalState& state) {
  if (state.gramUpdates < 0) return;
  cachedBytes_.fetch_sub(static_cast<long long>(state.signalGram.size() * static_cast<Eigen::Index>(sizeof(double))));
  state.signalGram.resize(0, 0);
  state.gramUpdates = -1;
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
