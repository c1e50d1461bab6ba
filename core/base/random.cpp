#include "base/random.h"

#include <numeric>

namespace unfold {

Matrix Random::normal(Eigen::Index rows, Eigen::Index cols) {
  Matrix out(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) out(i, j) = normal_(engine_);
  return out;
}

std::vector<int> Random::sampleWithoutReplacement(int n, int k) {
  std::vector<int> all(static_cast<size_t>(n));
  std::iota(all.begin(), all.end(), 0);
  for (int i = 0; i < k; ++i) {
    std::uniform_int_distribution<int> pick(i, n - 1);
    std::swap(all[static_cast<size_t>(i)], all[static_cast<size_t>(pick(engine_))]);
  }
  all.resize(static_cast<size_t>(k));
  return all;
}

}  // namespace unfold
