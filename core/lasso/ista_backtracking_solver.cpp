// ISTA with a backtracking line search on the step (Beck & Teboulle 2009, Sec. 3), per signal: the trial
// step is the signal's last accepted step times kGrowth, halved until the quadratic upper bound of the
// smooth part holds at the new point,
//   f(z+) <= f(z) + g.(z+ - z) + |z+ - z|^2 / (2 s),   f(z) = |Dz - x|^2 / 2,  g = D^T (Dz - x).
// f is quadratic, so the bound is s |D (z+ - z)|^2 <= |z+ - z|^2, tested in that form: near the solution
// f(z+) and f(z) agree to many digits and their difference would be mostly rounding. Any s <= 1/L
// satisfies it, so a step of at most 1/L is accepted untested (the halving always ends), every accepted
// step is > 1/(2L), and F never increases. The first trial of a block of signals is one product D Z+ for
// the block (it also gives the next residual); a rejected signal is retried alone.
#include "lasso/solver_loop.h"
#include "linalg/dictionary_product.h"

#include <algorithm>

namespace unfold {

namespace {
constexpr double kGrowth = 2.0;         // the trial step over the last accepted one
constexpr double kMaxStepTimesL = 1e6;  // a cap on the growth where the bound never binds (z+ = 0)

// Whether the quadratic upper bound holds for the step from z (residual r) to z+ (residual r+ = D z+ - x).
bool boundHolds(const Eigen::Ref<const Vector>& r, const Eigen::Ref<const Vector>& rNext, const Eigen::Ref<const Vector>& move,
                double step) {
  return step * (rNext - r).squaredNorm() <= move.squaredNorm();
}
}  // namespace

SolveResult runIstaBacktracking(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                                SolverObserver* observer) {
  SolverRun run(dictionary, X, iterations, observer);
  const Matrix& D = run.D;
  const double L = dictionary.lipschitz();
  Matrix& Z = run.result.Z;
  Vector step = Vector::Constant(X.cols(), run.invL);  // each signal's last accepted step
  Matrix trialZ(D.cols(), X.cols()), trialResidual(D.rows(), X.cols());
  residualInParallel(D, Z, X, run.residual);
  for (int t = 0;; ++t) {
    if (run.endsAt(t)) break;
    forEachSignalBlock(X.cols(), [&](Eigen::Index begin, Eigen::Index count) {
      auto [z, r, g] = run.block(begin, count);
      auto zNext = trialZ.middleCols(begin, count);
      auto rNext = trialResidual.middleCols(begin, count);
      g.noalias() = D.transpose() * r;
      for (Eigen::Index j = 0; j < count; ++j) {
        const double s = std::min(step(begin + j) * kGrowth, kMaxStepTimesL / L);
        step(begin + j) = s;
        assignSoftThresholded(zNext.col(j), z.col(j) - s * g.col(j), lambda * s);
      }
      multiplyDictionary(D, zNext, rNext);
      rNext -= X.middleCols(begin, count);
      for (Eigen::Index j = 0; j < count; ++j) {
        double& s = step(begin + j);
        while (s > run.invL && !boundHolds(r.col(j), rNext.col(j), zNext.col(j) - z.col(j), s)) {
          s *= 0.5;
          assignSoftThresholded(zNext.col(j), z.col(j) - s * g.col(j), lambda * s);
          rNext.col(j).noalias() = D * zNext.col(j) - X.col(begin + j);
        }
        run.stepTimesL(begin + j) = s * L;
      }
      z = zNext;
      r = rNext;
    });
  }
  return std::move(run.result);
}

}  // namespace unfold
