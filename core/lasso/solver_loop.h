// What every batched solver iterates on, and the head of its loop: z_t from z = 0 (kept in the result it
// returns), the residual D z_t - x and the gradient's buffer; each iterate is reported to the observer
// with its residual (and, from t = 1, the step that produced it), and the run ends after `iterations`
// steps or when the observer asks.
#pragma once

#include "base/parallel_for.h"
#include "lasso/solver.h"

#include <algorithm>
#include <vector>

namespace unfold {

class SolverRun {
 public:
  SolverRun(const Dictionary& dictionary, const Matrix& X, int iterations, SolverObserver* observer)
      : D(dictionary.atoms()), invL(1.0 / dictionary.lipschitz()), residual(D.rows(), X.cols()),
        gradient(D.cols(), X.cols()), stepTimesL(Vector::Ones(X.cols())), iterations_(iterations),
        observer_(observer) {
    result.Z.setZero(D.cols(), X.cols());
  }

  // True when the run ends at z_t (result.Z); records t and whether the observer stopped it early.
  // `accepted`: OISTA's per-signal oracle outcome of the last step.
  bool endsAt(int t, const std::vector<char>* accepted = nullptr) {
    result.iterations = t;
    if (observer_ && observer_->onIteration({t, result.Z, residual, t > 0 ? &stepTimesL : nullptr, t > 0 ? accepted : nullptr})) {
      result.stopped = t < iterations_;
      return true;
    }
    return t == iterations_;
  }

  // Signals [begin, begin + count) of z_t, the residual and the gradient.
  struct Block {
    Matrix::ColsBlockXpr z, residual, gradient;
  };
  Block block(Eigen::Index begin, Eigen::Index count) {
    return {result.Z.middleCols(begin, count), residual.middleCols(begin, count), gradient.middleCols(begin, count)};
  }

  const Matrix& D;
  const double invL;   // ISTA's step 1/L
  SolveResult result;
  Matrix residual;     // D z_t - x, n x N
  Matrix gradient;     // m x N
  Vector stepTimesL;   // per signal, step x L of the last step (1 for a fixed step 1/L)

 private:
  int iterations_;
  SolverObserver* observer_;
};

// Calls body(begin, count) on blocks of at most 128 signals covering [0, signals), the blocks split over the
// cores: an iteration's products and shrinkage on a block (m = 256: a 256 KB gradient and its codes) run
// while it is in L2, so a block's gradient never goes to memory.
template <typename Body>
void forEachSignalBlock(Eigen::Index signals, const Body& body) {
  constexpr long kBlockColumns = 128;
  parallelFor(static_cast<long>(signals), kMinColumnsPerThread, [&](long begin, long end) {
    for (long block = begin; block < end; block += kBlockColumns)
      body(Eigen::Index{block}, Eigen::Index{std::min(kBlockColumns, end - block)});
  });
}

}  // namespace unfold
