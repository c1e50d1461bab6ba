#include "networks/alista_weights.h"

#include "base/input_error.h"

#include <Eigen/Eigenvalues>

namespace unfold {

Matrix alistaWeights(const Matrix& D) {
  // M^+ d_i with the pseudo-inverse of M = D D^T: the same as M^{-1} d_i when D spans R^n, and still the
  // solution when it does not (centred images span a subspace; every atom lies in range(M)).
  const Eigen::SelfAdjointEigenSolver<Matrix> eigen(D * D.transpose());
  if (eigen.info() != Eigen::Success) throw InputError("ALISTA: the eigendecomposition of D D^T failed (NaN in D?)");
  const Vector& values = eigen.eigenvalues();
  const double cutoff = values.maxCoeff() * 1e-12 * static_cast<double>(D.rows());
  const Vector inverse = values.unaryExpr([cutoff](double v) { return v > cutoff ? 1.0 / v : 0.0; });
  const Matrix& V = eigen.eigenvectors();
  Matrix W = V * (inverse.asDiagonal() * (V.transpose() * D));
  for (Eigen::Index i = 0; i < D.cols(); ++i) {
    const double scale = D.col(i).dot(W.col(i));
    if (!(scale > 0)) throw InputError("ALISTA: atom " + std::to_string(i) + " is zero or outside the span of D");
    W.col(i) /= scale;
  }
  return W;
}

}  // namespace unfold
