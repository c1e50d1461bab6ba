// ISTA with step 1/L. One iteration: a sparse-aware D Z, a dense D^T R and a vectorised shrinkage, each
// split by columns over the cores.
#include "base/parallel_for.h"
#include "lasso/solver.h"
#include "linalg/dictionary_product.h"

namespace unfold {

SolveResult runIsta(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                    SolverObserver* observer) {
  const Matrix& D = dictionary.atoms();
  const double invL = 1.0 / dictionary.lipschitz();
  SolveResult result;
  Matrix& Z = result.Z;
  Z.setZero(D.cols(), X.cols());
  Matrix residual(D.rows(), X.cols());
  Matrix gradient(D.cols(), X.cols());
  const Vector stepTimesL = Vector::Ones(X.cols());
  for (int t = 0;; ++t) {
    residualInParallel(D, Z, X, residual);
    result.iterations = t;
    if (observer && observer->onIteration({t, Z, residual, t > 0 ? &stepTimesL : nullptr, nullptr})) {
      result.stopped = t < iterations;
      break;
    }
    if (t == iterations) break;
    parallelFor(static_cast<long>(X.cols()), kMinColumnsPerThread, [&](long begin, long end) {
      auto z = Z.middleCols(begin, end - begin);
      auto g = gradient.middleCols(begin, end - begin);
      g.noalias() = D.transpose() * residual.middleCols(begin, end - begin);
      assignSoftThresholded(z, z - invL * g, lambda * invL);
    });
  }
  return result;
}

}  // namespace unfold
