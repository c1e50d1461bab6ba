#include "lasso/lasso.h"

#include "base/input_error.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace unfold {

void softThresholdInPlace(Eigen::Ref<Matrix> values, double threshold) {
  values = values.unaryExpr([threshold](double v) { return softThreshold(v, threshold); });
}

Vector lassoCostsFromResidual(const Matrix& residual, const Matrix& Z, double lambda) {
  return 0.5 * residual.colwise().squaredNorm().transpose() +
         lambda * Z.cwiseAbs().colwise().sum().transpose();
}

Vector lassoCosts(const Matrix& D, const Matrix& X, const Matrix& Z, double lambda) {
  const Matrix residual = D * Z - X;
  return lassoCostsFromResidual(residual, Z, lambda);
}

Vector lambdaMax(const Matrix& D, const Matrix& X) {
  return (D.transpose() * X).cwiseAbs().colwise().maxCoeff().transpose();
}

DualityGaps dualityGaps(const Matrix& D, const Matrix& X, const Matrix& Z, double lambda) {
  const Matrix r = X - D * Z;
  const Vector correlation = (D.transpose() * r).cwiseAbs().colwise().maxCoeff().transpose();
  DualityGaps out;
  out.primal = 0.5 * r.colwise().squaredNorm().transpose() +
               lambda * Z.cwiseAbs().colwise().sum().transpose();
  out.dual.resize(X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double scale = correlation(j) > lambda ? lambda / correlation(j) : 1.0;
    // nu = scale * r: 1/2||x||^2 - 1/2||x - nu||^2 = nu.x - 1/2||nu||^2
    out.dual(j) = scale * r.col(j).dot(X.col(j)) - 0.5 * scale * scale * r.col(j).squaredNorm();
  }
  out.gap = out.primal - out.dual;
  return out;
}

Vector kktViolation(const Matrix& D, const Matrix& X, const Matrix& Z, double lambda) {
  const Matrix g = D.transpose() * (D * Z - X);
  Vector worst = Vector::Zero(Z.cols());
  for (Eigen::Index j = 0; j < Z.cols(); ++j) {
    for (Eigen::Index i = 0; i < Z.rows(); ++i) {
      const double z = Z(i, j);
      const double v = z != 0.0 ? std::abs(g(i, j) + (z > 0 ? lambda : -lambda))
                                : std::max(std::abs(g(i, j)) - lambda, 0.0);
      worst(j) = std::max(worst(j), v);
    }
  }
  return worst;
}

void validateProblem(const Matrix& D, const Matrix& X, double lambda, const std::string& dictionaryFile,
                     const std::string& signalsFile) {
  const auto in = [](const std::string& file, const std::string& text) { return file.empty() ? text : file + ": " + text; };
  if (!(lambda > 0.0) || !std::isfinite(lambda)) {
    throw InputError("lambda must be a finite number > 0 (got " + std::to_string(lambda) + ")");
  }
  if (D.size() == 0) throw InputError(in(dictionaryFile, "the dictionary D is empty"));
  if (X.cols() == 0) throw InputError(in(signalsFile, "there are no signals"));
  if (X.rows() != D.rows()) {
    throw InputError("shape mismatch: D has n = " + std::to_string(D.rows()) +
                     " rows but the signals have dimension " + std::to_string(X.rows()));
  }
  if (!D.allFinite()) throw InputError(in(dictionaryFile, "the dictionary D contains NaN or Inf"));
  if (!X.allFinite()) throw InputError(in(signalsFile, "the signals contain NaN or Inf"));
  // stableNorm: the plain norm of entries near 1e200 overflows while computing the check itself.
  const double dNorm = D.stableNorm();
  if (dNorm == 0.0) throw InputError(in(dictionaryFile, "the dictionary D is all zero"));
  for (Eigen::Index j = 0; j < D.cols(); ++j)
    if ((D.col(j).array() == 0.0).all())
      throw InputError(in(dictionaryFile, "atom " + std::to_string(j + 1) + " (column " + std::to_string(j + 1) +
                                              " of D) is all zero; every atom needs a non-zero entry"));
  char text[200];
  if (!(dNorm >= 1.0 / kProblemScale && dNorm <= kProblemScale)) {
    std::snprintf(text, sizeof text, "the dictionary's scale ||D||_F = %.3g is outside [1e-50, 1e50]: rescale D", dNorm);
    throw InputError(in(dictionaryFile, text));
  }
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double xNorm = X.col(j).stableNorm();
    if (xNorm > kProblemScale) {
      std::snprintf(text, sizeof text, "signal %lld has ||x|| = %.3g, above 1e50: rescale the signals",
                    static_cast<long long>(j + 1), xNorm);
      throw InputError(in(signalsFile, text));
    }
  }
}

}  // namespace unfold
