// The feature-sign search of Lee, Battle, Raina & Ng, "Efficient sparse coding algorithms" (NIPS 2007):
// an active-set method for one Lasso problem that, from any starting point, reaches the exact solution
// in a finite number of steps. Works on the Gram matrix G = D^T D and c = D^T x.
#pragma once

#include "base/types.h"

namespace unfold {

// Refines z in place. Returns false if it gave up (singular active Gram matrix, step limit): z is then
// still a valid point no worse than the start, but not certified optimal.
bool featureSignSearch(const Matrix& gram, const Eigen::Ref<const Vector>& correlation, double lambda,
                       Eigen::Ref<Vector> z, int maxSteps);

}  // namespace unfold
