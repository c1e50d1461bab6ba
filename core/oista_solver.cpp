// OISTA: per signal, the step 1/L_S on S = supp(z_t). Off the support z is zero, so the candidate
// ST(z - g/L_S, lambda/L_S) keeps its support inside S exactly when |g_i| <= lambda for every i outside S,
// whatever the step: the oracle test costs one pass over g, and L_S is only needed (and computed) for the
// signals that pass it. Early on, when supports are large and change every iteration, most signals fail
// the test and cost nothing extra.
#include "dictionary_product.h"
#include "parallel_for.h"
#include "solver.h"
#include "support_lipschitz.h"

#include <algorithm>
#include <cmath>

namespace unfold {

SolveResult runOista(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                     SolverObserver* observer) {
  const Matrix& D = dictionary.atoms();
  const double L = dictionary.lipschitz();
  const Eigen::Index m = D.cols();
  const Eigen::Index N = X.cols();
  SolveResult result;
  Matrix& Z = result.Z;
  Z.setZero(m, N);
  Matrix residual(D.rows(), N);
  Matrix gradient(m, N);
  Vector stepTimesL = Vector::Ones(N);
  std::vector<char> accepted(static_cast<size_t>(N), 0);
  SupportLipschitzTracker tracker(dictionary, N);
  for (int t = 0;; ++t) {
    residualInParallel(D, Z, X, residual);
    result.iterations = t;
    if (observer && observer->onIteration({t, Z, residual, t > 0 ? &stepTimesL : nullptr,
                                           t > 0 ? &accepted : nullptr})) {
      result.stopped = t < iterations;
      break;
    }
    if (t == iterations) break;
    // Per signal: the oracle test, L_S where it passes, the step. Independent across signals, and the
    // L_S computations dominate, so the batch is split over the cores.
    parallelFor(static_cast<long>(N), kMinColumnsPerThread, [&](long begin, long end) {
      gradient.middleCols(begin, end - begin).noalias() = D.transpose() * residual.middleCols(begin, end - begin);
      for (Eigen::Index j = begin; j < end; ++j) {
        auto z = Z.col(j);
        const auto g = gradient.col(j);
        bool keep = false;  // at z = 0 the support is empty and the step is 1/L
        for (Eigen::Index i = 0; i < m; ++i) {
          if (z(i) != 0.0) {
            keep = true;
          } else if (std::abs(g(i)) > lambda) {
            keep = false;
            break;
          }
        }
        double step = 1.0 / L;
        // L_S <= L in exact arithmetic; the clamp keeps rounding from ever shrinking the step below 1/L.
        if (keep) step = 1.0 / std::min(tracker.update(j, z), L);
        assignSoftThresholded(z, z - step * g, lambda * step);
        accepted[static_cast<size_t>(j)] = keep ? 1 : 0;
        stepTimesL(j) = step * L;
      }
    });
  }
  return result;
}

}  // namespace unfold
