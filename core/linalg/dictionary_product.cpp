#include "linalg/dictionary_product.h"

#include "base/parallel_for.h"

#include <vector>

namespace unfold {

namespace {

constexpr Eigen::Index kRowBlock = 32;  // accumulators that stay in registers (4 AVX-512 vectors)

// out_j = sum over the non-zeros k of z_kj d_k, a block of rows at a time so that the partial sums stay
// in registers instead of being loaded and stored once per non-zero.
void sparseColumn(const Matrix& D, const int* index, const double* value, int count, double* out) {
  const Eigen::Index n = D.rows();
  const double* atoms = D.data();
  Eigen::Index r0 = 0;
  using Block = Eigen::Matrix<double, kRowBlock, 1>;
  for (; r0 + kRowBlock <= n; r0 += kRowBlock) {
    Block acc = Block::Zero();
    for (int k = 0; k < count; ++k)
      acc.noalias() += value[k] * Eigen::Map<const Block, Eigen::Unaligned>(atoms + static_cast<Eigen::Index>(index[k]) * n + r0);
    Eigen::Map<Block, Eigen::Unaligned>(out + r0) = acc;
  }
  for (Eigen::Index r = r0; r < n; ++r) {
    double acc = 0.0;
    for (int k = 0; k < count; ++k) acc += value[k] * atoms[static_cast<Eigen::Index>(index[k]) * n + r];
    out[r] = acc;
  }
}

}  // namespace

void multiplyDictionary(const Matrix& D, const Eigen::Ref<const Matrix>& Z, Eigen::Ref<Matrix> out) {
  const Eigen::Index nonZeros = (Z.array() != 0.0).count();
  if (static_cast<double>(nonZeros) > kSparseProductDensity * static_cast<double>(Z.size())) {
    out.noalias() = D * Z;
    return;
  }
  const Eigen::Index m = Z.rows();
  thread_local std::vector<int> index;
  thread_local std::vector<double> value;
  index.resize(static_cast<size_t>(m));
  value.resize(static_cast<size_t>(m));
  for (Eigen::Index j = 0; j < Z.cols(); ++j) {
    const double* z = Z.col(j).data();
    int count = 0;
    for (Eigen::Index i = 0; i < m; ++i) {  // branch-free compaction of the non-zeros
      index[static_cast<size_t>(count)] = static_cast<int>(i);
      value[static_cast<size_t>(count)] = z[i];
      count += z[i] != 0.0;
    }
    sparseColumn(D, index.data(), value.data(), count, out.col(j).data());
  }
}

void residualInParallel(const Matrix& D, const Matrix& Z, const Matrix& X, Matrix& out) {
  out.resize(D.rows(), Z.cols());
  parallelFor(static_cast<long>(Z.cols()), kMinColumnsPerThread, [&](long begin, long end) {
    const Eigen::Index count = end - begin;
    multiplyDictionary(D, Z.middleCols(begin, count), out.middleCols(begin, count));
    out.middleCols(begin, count) -= X.middleCols(begin, count);
  });
}

}  // namespace unfold
