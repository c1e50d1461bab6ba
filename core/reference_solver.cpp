#include "reference_solver.h"

#include "feature_sign_search.h"
#include "lasso.h"
#include "parallel_for.h"
#include "solver.h"

#include <cmath>

namespace unfold {

namespace {

// Stops FISTA on one signal once its duality gap reaches the target (checked every 50 iterations).
class GapTarget : public SolverObserver {
 public:
  GapTarget(const Matrix& D, const Matrix& x, double lambda, double target)
      : D_(D), x_(x), lambda_(lambda), target_(target) {}
  bool onIteration(const IterationState& s) override {
    if (s.iteration == 0 || s.iteration % 50 != 0) return false;
    return dualityGaps(D_, x_, s.Z, lambda_).gap(0) <= target_;
  }

 private:
  const Matrix& D_;
  const Matrix& x_;
  double lambda_, target_;
};

constexpr int kFallbackIterations = 200000;

}  // namespace

double ReferenceSolution::maxRelativeGap() const {
  double worst = 0.0;
  for (Eigen::Index j = 0; j < gap.size(); ++j)
    worst = std::max(worst, gap(j) / std::max(initialCost(j), 1e-300));
  return worst;
}

ReferenceSolution solveReference(const Dictionary& dictionary, const Matrix& X, double lambda,
                                 const ReferenceSettings& settings) {
  const Matrix& D = dictionary.atoms();
  const Eigen::Index N = X.cols();
  const Eigen::Index m = D.cols();
  ReferenceSolution out;
  out.Z.setZero(m, N);
  const int activeSetSteps = static_cast<int>(10 * m + 100);

  parallelFor(static_cast<long>(N), 64, [&](long begin, long end) {
    const Matrix Xc = X.middleCols(begin, end - begin);
    Matrix Zc = runFista(dictionary, Xc, lambda, settings.warmStartIterations, nullptr).Z;
    if (dictionary.hasGram()) {
      const Matrix C = D.transpose() * Xc;
      for (Eigen::Index j = 0; j < Zc.cols(); ++j) {
        // A warm start with more than n non-zeros makes the active Gram matrix singular; the search
        // from z = 0 only ever grows the support as far as it needs to.
        const Vector warm = Zc.col(j);
        if (featureSignSearch(dictionary.gram(), C.col(j), lambda, Zc.col(j), activeSetSteps)) continue;
        Zc.col(j).setZero();
        if (!featureSignSearch(dictionary.gram(), C.col(j), lambda, Zc.col(j), activeSetSteps))
          Zc.col(j) = warm;  // left to the certified fallback below
      }
    }
    out.Z.middleCols(begin, end - begin) = Zc;
  }, settings.threads);

  DualityGaps gaps = dualityGaps(D, X, out.Z, lambda);
  out.initialCost = 0.5 * X.colwise().squaredNorm().transpose();
  for (Eigen::Index j = 0; j < N; ++j) {
    const double target = settings.relativeGap * out.initialCost(j);
    if (gaps.gap(j) <= target) continue;
    // Degenerate signal (singular active set, rounding): long FISTA, then one more exact finish.
    const Matrix x = X.col(j);
    GapTarget stop(D, x, lambda, target);
    Matrix z = runFista(dictionary, x, lambda, kFallbackIterations, &stop).Z;
    if (dictionary.hasGram()) {
      Matrix candidate = z;
      const Vector c = D.transpose() * x;
      featureSignSearch(dictionary.gram(), c, lambda, candidate.col(0), activeSetSteps);
      if (dualityGaps(D, x, candidate, lambda).gap(0) < dualityGaps(D, x, z, lambda).gap(0))
        z = candidate;
    }
    const DualityGaps g = dualityGaps(D, x, z, lambda);
    if (g.gap(0) < gaps.gap(j)) {
      out.Z.col(j) = z;
      gaps.primal(j) = g.primal(0);
      gaps.gap(j) = g.gap(0);
    }
  }
  out.optimalCost = gaps.primal;
  out.gap = gaps.gap.cwiseMax(0.0);
  for (Eigen::Index j = 0; j < N; ++j)
    if (out.gap(j) > settings.relativeGap * out.initialCost(j)) ++out.uncertified;
  return out;
}

}  // namespace unfold
