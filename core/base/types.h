// Matrix conventions shared by the whole core: D is n x m (atoms are columns), a batch of signals is
// n x N and a batch of codes is m x N (one signal or code per column).
#pragma once

#include <Eigen/Dense>

namespace unfold {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

}  // namespace unfold
