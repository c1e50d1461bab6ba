#include "dictionary_product.h"

namespace unfold {

void multiplyDictionary(const Matrix& D, const Matrix& Z, Matrix& out) {
  const Eigen::Index nonZeros = (Z.array() != 0.0).count();
  const auto dense = static_cast<double>(Z.size());
  out.resize(D.rows(), Z.cols());
  if (static_cast<double>(nonZeros) > kSparseProductDensity * dense) {
    out.noalias() = D * Z;
    return;
  }
  for (Eigen::Index j = 0; j < Z.cols(); ++j) {
    auto column = out.col(j);
    column.setZero();
    const double* z = Z.col(j).data();
    for (Eigen::Index i = 0; i < Z.rows(); ++i)
      if (z[i] != 0.0) column.noalias() += z[i] * D.col(i);
  }
}

}  // namespace unfold
