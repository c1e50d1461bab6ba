// FISTA (Beck & Teboulle 2009). D y is obtained from D z_k and D z_{k-1} by linearity, so an iteration
// costs the same two products as ISTA.
#include "lasso/solver_loop.h"
#include "linalg/dictionary_product.h"

#include <cmath>

namespace unfold {

SolveResult runFista(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                     SolverObserver* observer) {
  SolverRun run(dictionary, X, iterations, observer);
  const Matrix& D = run.D;
  const double invL = run.invL;
  Matrix previousZ = run.result.Z;
  Matrix Y(D.cols(), X.cols());
  Matrix DZ(D.rows(), X.cols());
  Matrix previousDZ = Matrix::Zero(D.rows(), X.cols());
  double tk = 1.0;
  for (int t = 0;; ++t) {
    DZ.resize(D.rows(), X.cols());
    forEachSignalBlock(X.cols(), [&](Eigen::Index begin, Eigen::Index count) {
      auto [z, r, g] = run.block(begin, count);
      multiplyDictionary(D, z, DZ.middleCols(begin, count));
      r = DZ.middleCols(begin, count) - X.middleCols(begin, count);
    });
    if (run.endsAt(t)) break;
    // z_t is z_k with k = t (z_0 = 0 = y_1). Momentum (t_k - 1)/t_{k+1} applied to z_k - z_{k-1}.
    const double tNext = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * tk * tk));
    const double beta = t == 0 ? 0.0 : (tk - 1.0) / tNext;
    if (t > 0) tk = tNext;
    forEachSignalBlock(X.cols(), [&](Eigen::Index begin, Eigen::Index count) {
      auto [z, r, g] = run.block(begin, count);
      auto y = Y.middleCols(begin, count);
      auto zPrevious = previousZ.middleCols(begin, count);
      y = z + beta * (z - zPrevious);
      r = (1.0 + beta) * DZ.middleCols(begin, count) - beta * previousDZ.middleCols(begin, count) -
          X.middleCols(begin, count);  // D y - x
      g.noalias() = D.transpose() * r;
      zPrevious = z;
      assignSoftThresholded(z, y - invL * g, lambda * invL);
    });
    previousDZ.swap(DZ);
  }
  return std::move(run.result);
}

}  // namespace unfold
