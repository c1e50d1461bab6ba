#include "networks/network_loss.h"

namespace unfold {

Vector perSignalLoss(LossKind kind, const Matrix& D, double lambda, const Eigen::Ref<const Matrix>& X,
                     const Eigen::Ref<const Matrix>& Z, const Eigen::Ref<const Matrix>& targets, Matrix* gradient) {
  if (kind == LossKind::Unsupervised) {
    const Matrix residual = D * Z - X;
    if (gradient) {
      // A subgradient of lambda |z| at 0 is 0; the network's output is almost never exactly 0 where the
      // gradient matters, since ST sends those entries to 0 with zero derivative.
      *gradient = D.transpose() * residual;
      *gradient += lambda * Z.unaryExpr([](double v) { return double((v > 0) - (v < 0)); });
    }
    return 0.5 * residual.colwise().squaredNorm().transpose() + lambda * Z.cwiseAbs().colwise().sum().transpose();
  }
  const Matrix difference = Z - targets;
  if (gradient) *gradient = difference;
  return 0.5 * difference.colwise().squaredNorm().transpose();
}

}  // namespace unfold
