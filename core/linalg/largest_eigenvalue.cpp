#include "linalg/largest_eigenvalue.h"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <cstdint>
#include <limits>

namespace unfold {

namespace {

constexpr Eigen::Index kKrylovDimension = 24;  // basis size before a restart from the Ritz vector

// Largest eigenvalue of the symmetric tridiagonal matrix T with diagonal a and off-diagonal b (size n),
// by Laguerre's method on p(x) = det(T - xI) from Gershgorin's upper bound. p has only real roots, so
// from the right of the largest one Laguerre's iterates decrease monotonically to it, in a few steps
// (cubic convergence: 2-5 evaluations from a close start, where bisection to full precision needs ~50).
// Each evaluation is the LDL^T recurrence for the pivots d_i of T - xI and their first two derivatives in
// x, with one division per row: G = p'/p = sum d_i'/d_i and H = -(p'/p)' = sum (d_i'/d_i)^2 - d_i''/d_i.
// All pivots are negative exactly when x lies above every eigenvalue (Sturm), which guards against rounding.
bool laguerreSums(const double* a, const double* b, Eigen::Index n, double x, double& G, double& H,
                  double& lastDerivative) {
  double d = a[0] - x, d1 = -1.0, d2 = 0.0;
  bool above = true;
  G = 0.0;
  H = 0.0;
  for (Eigen::Index i = 0;; ++i) {
    if (!(d < 0.0)) {
      above = false;
      if (d == 0.0) d = -1e-300;
    }
    const double inverse = 1.0 / d;
    const double r1 = d1 * inverse, r2 = d2 * inverse;
    G += r1;
    H += r1 * r1 - r2;
    if (i + 1 == n) {
      lastDerivative = d1;
      return above;
    }
    const double bb = b[i] * b[i];
    const double bOverD2 = bb * inverse * inverse;
    const double next2 = bOverD2 * (d2 - 2.0 * d1 * d1 * inverse);
    d1 = -1.0 + bOverD2 * d1;
    d2 = next2;
    d = a[i + 1] - x - bb * inverse;
  }
}

// The top eigenvalue theta and an estimate of |y_n|, the last component of its unit eigenvector:
// y_n^2 = p_{n-1}(theta) / p_n'(theta) = -1 / d_n'(theta). The estimate loses accuracy when y_n falls
// towards sqrt(machine epsilon), far below where Lanczos decides convergence; it only screens, and a
// converged pair is confirmed with the eigenvector from inverse iteration.
struct TopEigenvalue {
  double theta = 0.0;
  double lastComponent = 1.0;
};

// `start`, when finite, is a guess above the top eigenvalue (the previous Ritz value plus its residual):
// close starts converge in one or two evaluations, and a start that turns out to be below is discarded.
TopEigenvalue topTridiagonalEigenvalue(const double* a, const double* b, Eigen::Index n, double start) {
  if (n == 1) return {a[0], 1.0};
  double hi = -std::numeric_limits<double>::infinity(), scale = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double radius = (i > 0 ? std::abs(b[i - 1]) : 0.0) + (i + 1 < n ? std::abs(b[i]) : 0.0);
    hi = std::max(hi, a[i] + radius);
    scale = std::max(scale, std::abs(a[i]) + radius);
  }
  const auto size = static_cast<double>(n);
  const double gershgorin = hi + 1e-12 * scale;
  double x = std::isfinite(start) && start < gershgorin ? start : gershgorin, above = gershgorin, derivative = -1.0;
  for (int it = 0; it < 200; ++it) {
    double G, H;
    if (!laguerreSums(a, b, n, x, G, H, derivative)) {
      if (x == start) {  // the guess was below: start again from Gershgorin's bound
        x = gershgorin;
        continue;
      }
      // Below the top eigenvalue: rounding in a final, tiny step (accept), or a lost step (bisect back).
      if (above - x <= 1e-6 * scale) break;
      x = 0.5 * (x + above);
      continue;
    }
    above = x;
    const double step = size / (G + std::sqrt(std::max(0.0, (size - 1.0) * (size * H - G * G))));
    if (!(step > 2e-16 * std::abs(x))) break;
    x -= step;
  }
  return {x, 1.0 / std::sqrt(std::max(1.0, -derivative))};
}

// Eigenvector for the top eigenvalue theta by inverse iteration with a shift just above it, where
// T - sigma I is negative definite and its LU factorisation needs no pivoting.
void topTridiagonalEigenvector(const double* a, const double* b, Eigen::Index n, double theta,
                               Vector& y, Vector& pivot) {
  const double sigma = theta + 1e-10 * std::max(std::abs(theta), 1e-300);
  y.setOnes(n);
  pivot.resize(n);
  for (int sweep = 0; sweep < 3; ++sweep) {
    // Forward elimination and back substitution for (T - sigma I) x = y.
    pivot(0) = a[0] - sigma;
    for (Eigen::Index i = 1; i < n; ++i) {
      const double l = b[i - 1] / pivot(i - 1);
      pivot(i) = a[i] - sigma - l * b[i - 1];
      y(i) -= l * y(i - 1);
    }
    y(n - 1) /= pivot(n - 1);
    for (Eigen::Index i = n - 2; i >= 0; --i) y(i) = (y(i) - b[i] * y(i + 1)) / pivot(i);
    y.normalize();
  }
}

// Steps after which the Ritz pair is checked. Without a hint: early (a good warm start converges in one or
// two products) and then at growing intervals, each check being a serial chain of divisions. With a hint
// (the products a similar matrix needed before): from a few steps ahead of it, every other step.
bool isCheckpoint(Eigen::Index steps, int expectedProducts) {
  if (expectedProducts > 0) {
    const Eigen::Index first = std::max(1, expectedProducts - 3);
    return steps >= first && (steps - first) % 2 == 0;
  }
  return steps == 1 || steps == 2 || steps == 3 || steps == 5 || steps == 8 || (steps >= 12 && steps % 4 == 0);
}

// A fixed start vector without a warm start: a Weyl-seeded linear congruential sequence (the 64-bit golden
// ratio as seed, Knuth's MMIX multiplier and increment), each entry in [0.5, 1.5): positive and generic.
// Not the all-ones vector: it is an eigenvector of every matrix with equal row sums, e.g. every 2 x 2
// Gram matrix of unit-norm atoms [1 c; c 1], where it belongs to the smallest eigenvalue when c < 0; the
// Krylov space is then invariant and the iteration "converges", to the wrong eigenvalue.
constexpr std::uint64_t kGoldenRatio64 = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio
constexpr std::uint64_t kMmixMultiplier = 6364136223846793005ull;
constexpr std::uint64_t kMmixIncrement = 1442695040888963407ull;
constexpr double kTwoToMinus53 = 0x1.0p-53;  // the top 53 bits of a state as a fraction in [0, 1)

void genericStartVector(Eigen::Index k, Vector& v) {
  v.resize(k);
  std::uint64_t state = kGoldenRatio64;
  for (Eigen::Index i = 0; i < k; ++i) {
    state = state * kMmixMultiplier + kMmixIncrement;
    v(i) = 0.5 + static_cast<double>(state >> 11) * kTwoToMinus53;
  }
}

// Called for thousands of supports per iteration: one set of buffers per thread, kept between calls.
struct LanczosWorkspace {
  Matrix basis;                           // Q: the Lanczos vectors in its first k rows
  Vector alpha, beta, w, y, pivot, column;  // T's diagonal and off-diagonal, the next vector, Ritz vector
  void prepare(Eigen::Index k) {
    if (basis.rows() < k) basis.resize(k, kKrylovDimension + 1);
    alpha.resize(kKrylovDimension);
    beta.resize(kKrylovDimension);
    w.resize(k);
  }
};
using Basis = Matrix::RowsBlockXpr;

// Step j of the three-term recurrence: alpha_j, beta_j, and in w the next basis vector times beta_j.
// w is made orthogonal to q_j once more (local reorthogonalisation). Full reorthogonalisation against all
// of Q costs two more (j x k) matrix-vector products per step for nothing here: in finite precision
// Lanczos loses orthogonality only in the directions of Ritz vectors that have converged (Paige), which
// makes copies of converged Ritz values but leaves the top one and its residual estimate sound, and the
// cycle stops as soon as the top one converges.
void lanczosStep(const SymmetricOperator& apply, Basis& Q, Eigen::Index j, LanczosWorkspace& ws) {
  Vector &alpha = ws.alpha, &beta = ws.beta, &w = ws.w;
  ws.column = Q.col(j);
  apply(ws.column, w);
  alpha(j) = Q.col(j).dot(w);
  w.noalias() -= alpha(j) * Q.col(j);
  if (j > 0) w.noalias() -= beta(j - 1) * Q.col(j - 1);
  const double correction = Q.col(j).dot(w);
  w.noalias() -= correction * Q.col(j);
  alpha(j) += correction;
  beta(j) = w.norm();
}

struct RitzCheck {
  bool accepted = false;   // the cycle ends here: the pair converged, or it had to stop
  bool converged = false;
  double rho = 0.0;        // the top Ritz value; its vector's coordinates in the basis are in ws.y
};

// The top Ritz pair after `steps` steps, accepted when it converged or when the cycle must stop anyway.
// ||A u - rho u|| = beta_j |y_j| for the Ritz vector u = Q y (exact in exact arithmetic). The eigenvalue
// error is at most the residual (Bauer-Fike) and about residual^2 / gap (Kato-Temple); the gap is bounded
// below by the distance to the second Ritz value only loosely, so the residual must also be small. The
// cheap estimate of y_j screens; only a pair that passes it gets its eigenvector. `guess` carries an upper
// bound of the next Ritz value from check to check.
RitzCheck checkRitzPair(LanczosWorkspace& ws, Eigen::Index steps, double tolerance, bool mustStop, double& guess) {
  const double betaJ = ws.beta(steps - 1);
  const TopEigenvalue top = topTridiagonalEigenvalue(ws.alpha.data(), ws.beta.data(), steps, guess);
  const double rho = top.theta;
  guess = rho + 2.0 * betaJ * top.lastComponent + 1e-14 * std::abs(rho);
  const auto converges = [&](double residual) {
    return rho > 0.0 && (residual <= tolerance * rho || residual * residual <= 1e-2 * tolerance * rho * rho);
  };
  if (!(converges(betaJ * top.lastComponent) || mustStop)) return {};
  topTridiagonalEigenvector(ws.alpha.data(), ws.beta.data(), steps, rho, ws.y, ws.pivot);
  const bool converged = converges(std::abs(betaJ * ws.y(steps - 1)));
  return {converged || mustStop, converged, rho};
}

// One Lanczos cycle from v; the top Ritz value grows monotonically towards the eigenvalue. Leaves the Ritz
// vector in v and its value in result; returns true when that is the answer, false to restart from v.
bool lanczosCycle(const SymmetricOperator& apply, Eigen::Index k, Vector& v, double tolerance, int maxProducts,
                  int expectedProducts, LanczosWorkspace& ws, EigenvalueResult& result) {
  const Eigen::Index basisSize = std::min(k, kKrylovDimension);
  Basis Q = ws.basis.topRows(k);
  Q.col(0) = v;
  double guess = std::numeric_limits<double>::quiet_NaN();  // above the next top Ritz value
  const int hint = result.products > 0 ? 0 : expectedProducts;  // the hint is for the first cycle
  for (Eigen::Index j = 0; j < basisSize; ++j) {
    lanczosStep(apply, Q, j, ws);
    ++result.products;
    const Eigen::Index steps = j + 1;
    const bool invariant = ws.beta(j) <= 1e-14 * std::abs(ws.alpha(0));
    const bool mustStop = invariant || steps == basisSize || result.products >= maxProducts;
    if (mustStop || isCheckpoint(steps, hint)) {
      const RitzCheck check = checkRitzPair(ws, steps, tolerance, mustStop, guess);
      if (check.accepted) {
        v.noalias() = Q.leftCols(steps) * ws.y;
        v.normalize();
        result.eigenvalue = check.rho;
        return check.rho <= 0.0 || check.converged || (invariant && steps == k);
      }
    }
    Q.col(j + 1) = ws.w / ws.beta(j);
  }
  return false;  // not reached: the last step always stops the cycle
}

// The budget ran out: the matrix, formed column by column, solved exactly.
void solveDense(const SymmetricOperator& apply, Eigen::Index k, Vector& v, LanczosWorkspace& ws,
                EigenvalueResult& result) {
  Matrix A(k, k);
  for (Eigen::Index i = 0; i < k; ++i) {
    ws.column = Vector::Unit(k, i);
    apply(ws.column, ws.w);
    A.col(i) = ws.w;
  }
  Eigen::SelfAdjointEigenSolver<Matrix> dense(A);
  result.eigenvalue = dense.eigenvalues()(k - 1);
  v = dense.eigenvectors().col(k - 1);
  result.usedFallback = true;
}

}  // namespace

EigenvalueResult largestEigenvalue(const Matrix& A, Vector& v, double tolerance, int maxProducts,
                                   int expectedProducts) {
  return largestEigenvalue([&A](const Vector& in, Vector& out) { out.noalias() = A * in; }, A.rows(), v,
                           tolerance, maxProducts, expectedProducts);
}

EigenvalueResult largestEigenvalue(const SymmetricOperator& apply, Eigen::Index k, Vector& v,
                                   double tolerance, int maxProducts, int expectedProducts) {
  EigenvalueResult result;
  if (k == 0) {
    v.resize(0);
    return result;
  }
  if (v.size() != k || !(v.squaredNorm() > 0.0) || !v.allFinite()) genericStartVector(k, v);
  v.normalize();
  thread_local LanczosWorkspace ws;
  ws.prepare(k);
  while (result.products < maxProducts)
    if (lanczosCycle(apply, k, v, tolerance, maxProducts, expectedProducts, ws, result)) return result;
  solveDense(apply, k, v, ws, result);
  return result;
}

double lipschitzConstant(const Matrix& D) {
  const Matrix gram = D.rows() <= D.cols() ? Matrix(D * D.transpose()) : Matrix(D.transpose() * D);
  Vector v;
  return largestEigenvalue(gram, v, 1e-12, 5000).eigenvalue;
}

double marchenkoPasturRatio(double zeta, double gamma) {
  const double r = (1.0 + std::sqrt(zeta * gamma)) / (1.0 + std::sqrt(gamma));
  return r * r;
}

}  // namespace unfold
