#include "lasso/feature_sign_search.h"

#include <cmath>
#include <vector>

namespace unfold {

namespace {

// Q(w) = 1/2 w^T G_A w - c_A^T w + lambda ||w||_1: F_x on the active set, up to the constant ||x||^2/2.
double activeObjective(const Matrix& GA, const Vector& cA, double lambda, const Vector& w) {
  return 0.5 * w.dot(GA * w) - cA.dot(w) + lambda * w.lpNorm<1>();
}

}  // namespace

bool featureSignSearch(const Matrix& G, const Eigen::Ref<const Vector>& c, double lambda,
                       Eigen::Ref<Vector> z, int maxSteps) {
  const Eigen::Index m = z.size();
  std::vector<int> active;
  Vector theta = Vector::Zero(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    if (z(i) != 0.0) {
      active.push_back(static_cast<int>(i));
      theta(i) = z(i) > 0 ? 1.0 : -1.0;
    }
  }
  const double nonZeroTolerance = 1e-11 * std::max(lambda, c.cwiseAbs().maxCoeff());
  Vector g(m);
  Matrix GA;
  Vector cA, zA, zNew, w;
  Eigen::LDLT<Matrix> ldlt;
  bool solvedOnActive = false;  // the last step was a full Newton step: no need to re-check the support
  for (int step = 0; step < maxSteps; ++step) {
    g = -c;
    for (int i : active)
      if (z(i) != 0.0) g.noalias() += z(i) * G.col(i);
    bool activeOptimal = solvedOnActive;
    if (!activeOptimal) {
      double worst = 0.0;
      for (int i : active) worst = std::max(worst, std::abs(g(i) + lambda * theta(i)));
      activeOptimal = worst <= nonZeroTolerance;
    }
    if (activeOptimal) {
      Eigen::Index best = -1;
      double bestValue = lambda * (1.0 + 1e-13);
      for (Eigen::Index i = 0; i < m; ++i) {
        if (z(i) == 0.0 && theta(i) == 0.0 && std::abs(g(i)) > bestValue) {
          bestValue = std::abs(g(i));
          best = i;
        }
      }
      if (best < 0) return true;  // every zero coefficient satisfies |g_i| <= lambda: optimal
      active.push_back(static_cast<int>(best));
      theta(best) = g(best) > 0 ? -1.0 : 1.0;
    }
    // Feature-sign step: minimise the quadratic on the orthant of theta, then line-search back over the
    // points where a coefficient changes sign.
    const auto k = static_cast<Eigen::Index>(active.size());
    GA = G(active, active);
    cA = c(active);
    zA = z(active);
    ldlt.compute(GA);
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) return false;
    zNew = ldlt.solve(cA - lambda * theta(active));
    if (!zNew.allFinite()) return false;
    // A singular G_A (e.g. more active atoms than n) shows up as a huge residual.
    if ((GA * zNew - (cA - lambda * theta(active))).norm() > 1e-8 * (1.0 + cA.norm())) return false;
    double bestT = 1.0;
    double bestObjective = activeObjective(GA, cA, lambda, zNew);
    Eigen::Index crossing = -1;
    for (Eigen::Index a = 0; a < k; ++a) {
      if (zA(a) != 0.0 && zA(a) * zNew(a) <= 0.0) {
        const double t = zA(a) / (zA(a) - zNew(a));
        w = zA + t * (zNew - zA);
        w(a) = 0.0;
        const double objective = activeObjective(GA, cA, lambda, w);
        if (objective < bestObjective) {
          bestObjective = objective;
          bestT = t;
          crossing = a;
        }
      }
    }
    if (!(bestObjective <= activeObjective(GA, cA, lambda, zA) + 1e-15 * std::abs(bestObjective)))
      return false;  // no descent: rounding has taken over
    w = zA + bestT * (zNew - zA);
    if (crossing >= 0) w(crossing) = 0.0;
    solvedOnActive = crossing < 0;
    std::vector<int> kept;
    kept.reserve(active.size());
    for (Eigen::Index a = 0; a < k; ++a) {
      const int i = active[static_cast<size_t>(a)];
      z(i) = w(a);
      if (w(a) != 0.0) {
        theta(i) = w(a) > 0 ? 1.0 : -1.0;
        kept.push_back(i);
      } else {
        theta(i) = 0.0;
      }
    }
    active.swap(kept);
  }
  return false;
}

}  // namespace unfold
