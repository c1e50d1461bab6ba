// out = D Z for a batch of codes, skipping the zeros of Z when Z is sparse enough for that to pay:
// the iterates of ISTA-like solvers are mostly zero, so D Z costs 2 n nnz(Z) flops instead of 2 n m N.
#pragma once

#include "base/types.h"

namespace unfold {

// Below this fraction of non-zeros the column-by-column sparse product beats the dense GEMM
// (measured with `unfoldlab bench` at n=64, m=256).
inline constexpr double kSparseProductDensity = 0.2;

// `out` must already be n x N.
void multiplyDictionary(const Matrix& D, const Eigen::Ref<const Matrix>& Z, Eigen::Ref<Matrix> out);

// out = D Z - X, split by columns over the cores (each column is independent).
void residualInParallel(const Matrix& D, const Matrix& Z, const Matrix& X, Matrix& out);

}  // namespace unfold
