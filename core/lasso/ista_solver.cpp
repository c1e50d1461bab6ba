// ISTA with step 1/L. One iteration per block of columns, split over the cores: a dense D^T R, a
// vectorised shrinkage and the next residual D Z - X with a sparse-aware D Z, all three while the block
// is in cache (a block's gradient never goes to memory).
#include "lasso/solver_loop.h"
#include "linalg/dictionary_product.h"

namespace unfold {

SolveResult runIsta(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                    SolverObserver* observer) {
  SolverRun run(dictionary, X, iterations, observer);
  const Matrix& D = run.D;
  Matrix& Z = run.result.Z;
  residualInParallel(D, Z, X, run.residual);
  for (int t = 0;; ++t) {
    if (run.endsAt(t)) break;
    forEachSignalBlock(X.cols(), [&](Eigen::Index begin, Eigen::Index count) {
      auto [z, r, g] = run.block(begin, count);
      g.noalias() = D.transpose() * r;
      assignSoftThresholded(z, z - run.invL * g, lambda * run.invL);
      multiplyDictionary(D, z, r);
      r -= X.middleCols(begin, count);
    });
  }
  return std::move(run.result);
}

}  // namespace unfold
