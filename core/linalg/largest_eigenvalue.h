// Largest eigenvalue of a symmetric positive semi-definite matrix, warm-started: the power iteration
// v, Av, A^2 v, ... with Rayleigh-Ritz extraction over the Krylov space it spans (restarted Lanczos with
// local reorthogonalisation). Same matrix-vector products and warm start as the power iteration, but the
// error falls with sqrt of the eigen-gap, not the gap: a 50-atom support Gram matrix whose top eigenvalues
// are close needs ~30 products instead of ~800. Stops when the residual r = ||A v - rho v|| is at most
// tolerance * rho (an eigenvalue within tolerance * rho, Bauer-Fike), or when r^2 <= 1e-2 tolerance rho^2,
// which bounds the error by tolerance * rho (Kato-Temple) when the largest eigenvalue is at least 1 %
// above the next one; two top eigenvalues closer than ~1e-6 (relative) are only resolved to within their
// distance. Falls back to Eigen's dense solver if the budget of products runs out.
#pragma once

#include "base/types.h"

#include <functional>

namespace unfold {

struct EigenvalueResult {
  double eigenvalue = 0.0;
  int products = 0;          // matrix-vector products used
  bool usedFallback = false;
};

// `vector` is the warm start on entry (any non-zero vector; an empty or zero one is replaced) and the
// leading eigenvector on exit.
// `expectedProducts`, when positive, is how many products a similar problem took (the same support
// before a small change): convergence is then checked only from a few steps before that, every other step.
EigenvalueResult largestEigenvalue(const Matrix& symmetric, Vector& vector, double tolerance = 1e-10,
                                   int maxProducts = 1000, int expectedProducts = 0);

// The same for a matrix known only through its product out = A in (A symmetric PSD, size x size), e.g.
// A = D_S D_S^T applied as D_S (D_S^T u) without forming it.
using SymmetricOperator = std::function<void(const Vector& in, Vector& out)>;
EigenvalueResult largestEigenvalue(const SymmetricOperator& apply, Eigen::Index size, Vector& vector,
                                   double tolerance = 1e-10, int maxProducts = 1000, int expectedProducts = 0);

// L = ||D||_2^2, the Lipschitz constant of the gradient of 1/2||x - Dz||^2, from the smaller Gram matrix.
double lipschitzConstant(const Matrix& D);

// Marchenko-Pastur prediction of L_S / L for a Gaussian n x m dictionary and a random support of size
// zeta * m: ((1 + sqrt(zeta gamma)) / (1 + sqrt(gamma)))^2 with gamma = m / n.
double marchenkoPasturRatio(double zeta, double gamma);

}  // namespace unfold
