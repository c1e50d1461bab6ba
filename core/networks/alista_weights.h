// The analytic weight matrix of ALISTA (Liu, Chen, Wang & Yin, ICLR 2019): W (n x m) minimising the
// mutual coherence with D, min sum_{i != j} (w_i^T d_j)^2 subject to w_i^T d_i = 1. Under the constraint
// the objective is w_i^T (D D^T) w_i - 1, so w_i = M^{-1} d_i / (d_i^T M^{-1} d_i) with M = D D^T.
#pragma once

#include "base/types.h"

namespace unfold {

// With the pseudo-inverse of D D^T when D does not span R^n (digits atoms). Throws InputError for a zero atom.
Matrix alistaWeights(const Matrix& D);

}  // namespace unfold
