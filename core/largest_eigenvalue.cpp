#include "largest_eigenvalue.h"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <cstdint>
#include <limits>

namespace unfold {

namespace {

constexpr Eigen::Index kKrylovDimension = 24;  // basis size before a restart from the Ritz vector

// Largest eigenvalue of the symmetric tridiagonal matrix with diagonal a and off-diagonal b (size n),
// by bisection on the Sturm sequence count; O(n) per probe, exact to rounding.
// `lowerBound` is a known lower bound (the previous, smaller Ritz value), which shortens the search.
double topTridiagonalEigenvalue(const double* a, const double* b, Eigen::Index n, double lowerBound) {
  double lo = a[0], hi = a[0];
  for (Eigen::Index i = 0; i < n; ++i) {
    const double radius = (i > 0 ? std::abs(b[i - 1]) : 0.0) + (i + 1 < n ? std::abs(b[i]) : 0.0);
    lo = std::min(lo, a[i] - radius);
    hi = std::max(hi, a[i] + radius);
  }
  lo = std::max(lo, std::min(lowerBound, hi));
  const double scale = std::max(std::abs(lo), std::abs(hi));
  for (int it = 0; it < 200 && hi - lo > 4e-16 * scale; ++it) {
    const double x = 0.5 * (lo + hi);
    // Number of eigenvalues below x = number of negative pivots of T - xI.
    Eigen::Index below = 0;
    double q = 1.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      q = a[i] - x - (i > 0 ? b[i - 1] * b[i - 1] / q : 0.0);
      if (q == 0.0) q = -1e-300;
      if (q < 0.0) ++below;
    }
    (below == n ? hi : lo) = x;
  }
  return hi;
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

bool isCheckpoint(Eigen::Index steps) {
  return steps == 1 || steps == 2 || steps == 3 || steps == 5 || steps == 8 || (steps >= 12 && steps % 4 == 0);
}

}  // namespace

EigenvalueResult largestEigenvalue(const Matrix& A, Vector& v, double tolerance, int maxProducts) {
  return largestEigenvalue([&A](const Vector& in, Vector& out) { out.noalias() = A * in; }, A.rows(), v,
                           tolerance, maxProducts);
}

EigenvalueResult largestEigenvalue(const SymmetricOperator& apply, Eigen::Index k, Vector& v,
                                   double tolerance, int maxProducts) {
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
  thread_local Vector alpha, beta, w, h, y, pivot, column;
  if (Qbuffer.rows() < k) Qbuffer.resize(k, kKrylovDimension + 1);
  alpha.resize(kKrylovDimension);
  beta.resize(kKrylovDimension);
  w.resize(k);
  auto Q = Qbuffer.topRows(k);
  while (result.products < maxProducts) {
    // One Lanczos cycle from v; the top Ritz value grows monotonically towards the eigenvalue.
    Q.col(0) = v;
    double previous = -std::numeric_limits<double>::infinity();
    for (Eigen::Index j = 0; j < basisSize; ++j) {
      column = Q.col(j);
      apply(column, w);
      ++result.products;
      alpha(j) = Q.col(j).dot(w);
      // Full reorthogonalisation; a second pass only when the first removed most of w (Kahan's
      // "twice is enough" test), which keeps the basis orthogonal to rounding at half the cost.
      const double before = w.norm();
      h.noalias() = Q.leftCols(j + 1).transpose() * w;
      w.noalias() -= Q.leftCols(j + 1) * h;
      beta(j) = w.norm();
      if (beta(j) < 0.7 * before) {
        h.noalias() = Q.leftCols(j + 1).transpose() * w;
        w.noalias() -= Q.leftCols(j + 1) * h;
        beta(j) = w.norm();
      }
      const Eigen::Index steps = j + 1;
      const bool invariant = beta(j) <= 1e-14 * std::abs(alpha(0));
      const bool last = steps == basisSize || result.products >= maxProducts;
      // The Ritz pair is checked early (a good warm start converges in one or two products) and then
      // at growing intervals: the bisection is a serial chain of divisions.
      if (!(invariant || last || isCheckpoint(steps))) {
        Q.col(j + 1) = w / beta(j);
        continue;
      }
      const double rho = topTridiagonalEigenvalue(alpha.data(), beta.data(), steps, previous);
      previous = rho;
      topTridiagonalEigenvector(alpha.data(), beta.data(), steps, rho, y, pivot);
      // ||A u - rho u|| for the Ritz vector u = Q y (exact in exact arithmetic). The eigenvalue error is
      // at most the residual (Bauer-Fike) and about residual^2 / gap (Kato-Temple); the gap is bounded
      // below by the distance to the second Ritz value only loosely, so the residual must also be small.
      const double residual = std::abs(beta(j) * y(steps - 1));
      const bool converged = rho > 0.0 && (residual <= tolerance * rho ||
                                           residual * residual <= 1e-2 * tolerance * rho * rho);
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
