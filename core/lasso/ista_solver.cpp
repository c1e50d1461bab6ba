// ISTA with step 1/L. One iteration per block of columns, split over the cores: a dense D^T R, a
// vectorised shrinkage and the next residual D Z - X with a sparse-aware D Z, all three while the block
// is in cache (a block's gradient never goes to memory).
#include "base/parallel_for.h"
#include "lasso/solver_loop.h"
#include "linalg/dictionary_product.h"

#include <algorithm>

namespace unfold {

namespace {
constexpr long kBlockColumns = 128;  // m = 256: a 256 KB gradient block and its codes, at home in L2
}  // namespace

SolveResult runIsta(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                    SolverObserver* observer) {
  SolverRun run(dictionary, X, iterations, observer);
  const Matrix& D = run.D;
  Matrix& Z = run.result.Z;
  residualInParallel(D, Z, X, run.residual);
  for (int t = 0;; ++t) {
    if (run.endsAt(t)) break;
    parallelFor(static_cast<long>(X.cols()), kMinColumnsPerThread, [&](long begin, long end) {
      for (long block = begin; block < end; block += kBlockColumns) {
        const long count = std::min(kBlockColumns, end - block);
        auto z = Z.middleCols(block, count);
        auto g = run.gradient.middleCols(block, count);
        auto r = run.residual.middleCols(block, count);
        g.noalias() = D.transpose() * r;
        assignSoftThresholded(z, z - run.invL * g, lambda * run.invL);
        multiplyDictionary(D, z, r);
        r -= X.middleCols(block, count);
      }
    });
  }
  return std::move(run.result);
}

}  // namespace unfold
