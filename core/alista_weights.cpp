#include "alista_weights.h"

#include "input_error.h"

namespace unfold {

Matrix alistaWeights(const Matrix& D) {
  const Matrix M = D * D.transpose();
  const Eigen::LLT<Matrix> cholesky(M);
  if (cholesky.info() != Eigen::Success) throw InputError("ALISTA needs a dictionary whose atoms span R^n (D D^T is singular)");
  Matrix W = cholesky.solve(D);  // M^{-1} d_i for every atom
  for (Eigen::Index i = 0; i < D.cols(); ++i) W.col(i) /= D.col(i).dot(W.col(i));
  return W;
}

}  // namespace unfold
