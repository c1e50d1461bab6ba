// A dictionary D (n x m, atoms are columns) with what the solvers precompute once: the Gram matrix D^T D
// (when m is small enough to hold it) and L = ||D^T D||_2. Immutable after construction, so one instance
// can be shared by solvers on several threads.
#pragma once

#include "base/types.h"

namespace unfold {

class Dictionary {
 public:
  explicit Dictionary(Matrix atoms);

  const Matrix& atoms() const { return atoms_; }
  Eigen::Index signalDimension() const { return atoms_.rows(); }  // n
  Eigen::Index atomCount() const { return atoms_.cols(); }        // m
  double lipschitz() const { return lipschitz_; }                 // L
  bool hasGram() const { return gram_.size() > 0; }
  const Matrix& gram() const { return gram_; }  // D^T D, empty when m > kMaxGramAtoms

  // Above this many atoms the m x m Gram matrix is not stored (it would not pay and may not fit).
  static constexpr Eigen::Index kMaxGramAtoms = 4096;

 private:
  Matrix atoms_;
  Matrix gram_;
  double lipschitz_ = 0.0;
};

}  // namespace unfold
