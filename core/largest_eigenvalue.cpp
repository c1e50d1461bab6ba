#include "largest_eigenvalue.h"

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
// (cubic convergence: 2-5 evaluations from a close start, where bisection to full precision needed ~50). Each evaluation
// is the LDL^T recurrence for the pivots d_i of T - xI and their first two derivatives in x, with one
// division per row: G = p'/p = sum d_i'/d_i and H = -(p'/p)' = sum (d_i'/d_i)^2 - d_i''/d_i. All pivots are
// negative exactly when x lies above every eigenvalue (Sturm), which guards against rounding.
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
  if (v.size() != k || !(v.squaredNorm() > 0.0) || !v.allFinite()) {
    // No warm start: a fixed but generic vector. Not the all-ones vector: it is an eigenvector of every
    // matrix with equal row sums, e.g. every 2 x 2 Gram matrix of unit-norm atoms [1 c; c 1], where it
    // belongs to the smallest eigenvalue when c < 0; the Krylov space is then invariant and the iteration
    // "converges", to the wrong eigenvalue.
    v.resize(k);
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    for (Eigen::Index i = 0; i < k; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      v(i) = 0.5 + static_cast<double>(state >> 11) * 0x1.0p-53;  // in [0.5, 1.5): positive, not constant
    }
  }
  v.normalize();
  const Eigen::Index basisSize = std::min(k, kKrylovDimension);
  // Called for thousands of supports per iteration: keep the buffers between calls.
  thread_local Matrix Qbuffer;
  thread_local Vector alpha, beta, w, y, pivot, column;
  if (Qbuffer.rows() < k) Qbuffer.resize(k, kKrylovDimension + 1);
  alpha.resize(kKrylovDimension);
  beta.resize(kKrylovDimension);
  w.resize(k);
  auto Q = Qbuffer.topRows(k);
  while (result.products < maxProducts) {
    // One Lanczos cycle from v; the top Ritz value grows monotonically towards the eigenvalue.
    Q.col(0) = v;
    double guess = std::numeric_limits<double>::quiet_NaN();  // above the next top Ritz value
    for (Eigen::Index j = 0; j < basisSize; ++j) {
      column = Q.col(j);
      apply(column, w);
      ++result.products;
      alpha(j) = Q.col(j).dot(w);
      // The three-term recurrence, with w made orthogonal to q_j once more (local reorthogonalisation).
      // Full reorthogonalisation against all of Q cost two more (j x k) matrix-vector products per step for
      // nothing here: in finite precision Lanczos loses orthogonality only in the directions of Ritz
      // vectors that have converged (Paige), which makes copies of converged Ritz values but leaves the
      // top one and its residual estimate sound, and the cycle stops as soon as the top one converges.
      w.noalias() -= alpha(j) * Q.col(j);
      if (j > 0) w.noalias() -= beta(j - 1) * Q.col(j - 1);
      const double correction = Q.col(j).dot(w);
      w.noalias() -= correction * Q.col(j);
      alpha(j) += correction;
      beta(j) = w.norm();
      const Eigen::Index steps = j + 1;
      const bool invariant = beta(j) <= 1e-14 * std::abs(alpha(0));
      const bool last = steps == basisSize || result.products >= maxProducts;
      if (!(invariant || last || isCheckpoint(steps, result.products > steps ? 0 : expectedProducts))) {
        Q.col(j + 1) = w / beta(j);
        continue;
      }
      const TopEigenvalue top = topTridiagonalEigenvalue(alpha.data(), beta.data(), steps, guess);
      const double rho = top.theta;
      guess = rho + 2.0 * beta(j) * top.lastComponent + 1e-14 * std::abs(rho);
      // ||A u - rho u|| = beta_j |y_j| for the Ritz vector u = Q y (exact in exact arithmetic). The
      // eigenvalue error is at most the residual (Bauer-Fike) and about residual^2 / gap (Kato-Temple); the
      // gap is bounded below by the distance to the second Ritz value only loosely, so the residual must
      // also be small.
      const auto converges = [&](double residual) {
        return rho > 0.0 && (residual <= tolerance * rho || residual * residual <= 1e-2 * tolerance * rho * rho);
      };
      if (!(converges(beta(j) * top.lastComponent) || invariant || last)) {
        Q.col(j + 1) = w / beta(j);
        continue;
      }
      topTridiagonalEigenvector(alpha.data(), beta.data(), steps, rho, y, pivot);
      const bool converged = converges(std::abs(beta(j) * y(steps - 1)));
      if (!(converged || invariant || last)) {
        Q.col(j + 1) = w / beta(j);
        continue;
      }
      v.noalias() = Q.leftCols(steps) * y;
      v.normalize();
      result.eigenvalue = rho;
      if (rho <= 0.0 || converged || (invariant && steps == k)) return result;
      break;  // restart from the Ritz vector
    }
  }
  Matrix A(k, k);  // the budget ran out: form the matrix column by column and solve exactly
  for (Eigen::Index i = 0; i < k; ++i) {
    column = Vector::Unit(k, i);
    apply(column, w);
    A.col(i) = w;
  }
  Eigen::SelfAdjointEigenSolver<Matrix> dense(A);
  result.eigenvalue = dense.eigenvalues()(k - 1);
  v = dense.eigenvectors().col(k - 1);
  result.usedFallback = true;
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
