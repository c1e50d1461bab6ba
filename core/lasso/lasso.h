// The Lasso F_x(z) = 1/2 ||x - Dz||^2 + lambda ||z||_1 evaluated on batches (signals are columns),
// with the quantities every solver and diagnostic needs: soft-thresholding, lambda_max = ||D^T x||_inf
// (z* = 0 iff lambda >= lambda_max) and the duality gap, which certifies how far z is from optimal.
#pragma once

#include <string>

#include "base/types.h"

namespace unfold {

// ST(v, t) = sign(v) max(|v| - t, 0), the proximal operator of t ||.||_1.
inline double softThreshold(double v, double t) {
  return v > t ? v - t : (v < -t ? v + t : 0.0);
}
void softThresholdInPlace(Eigen::Ref<Matrix> values, double threshold);

// Per-signal costs F_x(z) given the residual R = DZ - X (solvers already have it).
Vector lassoCostsFromResidual(const Matrix& residual, const Matrix& Z, double lambda);
Vector lassoCosts(const Matrix& D, const Matrix& X, const Matrix& Z, double lambda);

// Per-signal lambda_max(x) = ||D^T x||_inf.
Vector lambdaMax(const Matrix& D, const Matrix& X);

// Duality gap for each signal, with the dual point nu = r * min(1, lambda / ||D^T r||_inf), r = x - Dz,
// feasible for the dual max_nu 1/2||x||^2 - 1/2||x - nu||^2 s.t. ||D^T nu||_inf <= lambda.
struct DualityGaps {
  Vector primal;  // F_x(z)
  Vector dual;    // dual objective at nu
  Vector gap;     // primal - dual >= 0, zero iff z is optimal
};
DualityGaps dualityGaps(const Matrix& D, const Matrix& X, const Matrix& Z, double lambda);

// Largest violation of the Lasso optimality (KKT) conditions for each signal, with g = D^T(Dz - x):
// |g_i + lambda sign(z_i)| on the support, max(|g_i| - lambda, 0) off it.
Vector kktViolation(const Matrix& D, const Matrix& X, const Matrix& Z, double lambda);

// Throws InputError naming the problem if shapes disagree, values are not finite or lambda <= 0, an atom
// (column of D) is all zero (naming it), or the scale would overflow the computation: ||D||_F and every
// ||x|| must lie within kProblemScale of 1 (||D||_F in [1e-50, 1e50], ||x|| at most 1e50): the codes
// then scale at most like ||x|| / ||D|| <= 1e100, so that L = ||D||_2^2, costs ||x||^2 and ||z||^2, steps
// 1/L and the reference solver's Gram matrices stay finite and non-zero (with D at 1e-100 and x at 1e99,
// each finite, the reference solver lost all precision and ISTA reached F - F* = 1e244).
constexpr double kProblemScale = 1e50;
// `dictionaryFile` and `signalsFile`, where given, name the files in the messages about them.
void validateProblem(const Matrix& D, const Matrix& X, double lambda, const std::string& dictionaryFile = {},
                     const std::string& signalsFile = {});

}  // namespace unfold
