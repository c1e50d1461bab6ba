// ISTA with step 1/L. One iteration: a sparse-aware D Z, a dense D^T R and a vectorised shrinkage.
#include "dictionary_product.h"
#include "solver.h"

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
    multiplyDictionary(D, Z, residual);
    residual -= X;
    result.iterations = t;
    if (observer && observer->onIteration({t, Z, residual, t > 0 ? &stepTimesL : nullptr, nullptr})) {
      result.stopped = t < iterations;
      break;
    }
    if (t == iterations) break;
    gradient.noalias() = D.transpose() * residual;
    assignSoftThresholded(Z, Z - invL * gradient, lambda * invL);
  }
  return result;
}

}  // namespace unfold
