// ISTA with step 1/L. One iteration: a sparse-aware D Z, a dense D^T R and a vectorised shrinkage, each
// split by columns over the cores.
#include "base/parallel_for.h"
#include "lasso/solver_loop.h"
#include "linalg/dictionary_product.h"

namespace unfold {

SolveResult runIsta(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                    SolverObserver* observer) {
  SolverRun run(dictionary, X, iterations, observer);
  Matrix& Z = run.result.Z;
  for (int t = 0;; ++t) {
    residualInParallel(run.D, Z, X, run.residual);
    if (run.endsAt(t)) break;
    parallelFor(static_cast<long>(X.cols()), kMinColumnsPerThread, [&](long begin, long end) {
      auto z = Z.middleCols(begin, end - begin);
      auto g = run.gradient.middleCols(begin, end - begin);
      g.noalias() = run.D.transpose() * run.residual.middleCols(begin, end - begin);
      assignSoftThresholded(z, z - run.invL * g, lambda * run.invL);
    });
  }
  return std::move(run.result);
}

}  // namespace unfold
