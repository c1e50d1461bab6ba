// The weights of an unfolded network of T layers for the Lasso with dictionary D (n x m) and lambda.
// Layer t maps z to z+ = ST(U, lambda theta) with the pre-activation U:
//  - LISTA (Gregor & LeCun 2010):   U = W_z z + W_x x             W_z m x m, W_x m x n, theta per atom
//  - LISTA-CP (Chen et al. 2018):   U = z - W^T (D z - x)         W n x m, theta per atom
//  - ALISTA (Liu et al. 2019):      U = z - gamma W^T (D z - x)   W fixed (alista_weights.h), gamma, theta scalars
//  - SLISTA (Ablin et al. 2019):    U = z - alpha D^T (D z - x)   alpha scalar, threshold lambda alpha
// The same type holds a gradient (same shapes), so optimizers work on it as a flat vector.
#pragma once

#include <cstdint>

#include "base/types.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unfold {

enum class Parametrization { Lista, ListaCp, Alista, Slista };

constexpr int kMostLayers = 1000;  // the deepest network trained or read (the paper's go to 40)

std::optional<Parametrization> parseParametrization(std::string_view name);  // lista, lista-cp, alista, slista
std::string parametrizationName(Parametrization kind);
std::string parametrizationLabel(Parametrization kind);  // LISTA, LISTA-CP, ALISTA, SLISTA

struct LayerWeights {
  Matrix Wz;          // LISTA
  Matrix Wx;          // LISTA
  Matrix W;           // LISTA-CP
  Vector theta;       // LISTA, LISTA-CP (per atom); ALISTA (size 1)
  double step = 0.0;  // ALISTA gamma, SLISTA alpha
};

struct NetworkWeights {
  Parametrization kind = Parametrization::Slista;
  std::vector<LayerWeights> layers;

  int layerCount() const { return static_cast<int>(layers.size()); }
  Eigen::Index parameterCount() const;
  Vector flatten() const;                  // all learned values, layer by layer
  void unflatten(const Vector& values);    // the inverse, into the existing shapes
  NetworkWeights zerosLike() const;
  void setZero();                          // every learned value 0, in place
  void addTo(Vector& flat) const;          // flat += flatten(), without the copy
  // Keeps steps > 0 and thresholds >= 0 (called after every optimizer step).
  void project(double minimumStep);
  // Per flattened parameter, the lower bound project() enforces: minimumStep for a step, 0 for a
  // threshold, -inf for a weight matrix entry.
  Vector lowerBounds(double minimumStep) const;
};

// The learned values of one layer for a dictionary of n x m (what parameterCount() counts a layer),
// known before any weights exist: LISTA's m x m + m x n + m, LISTA-CP's n x m + m, ALISTA's 2, SLISTA's 1.
Eigen::Index layerParameterCount(Parametrization kind, Eigen::Index n, Eigen::Index m);

// T layers that reproduce T iterations of ISTA exactly (ALISTA: gamma = theta = 1/L with its fixed W).
NetworkWeights istaInitialization(Parametrization kind, const Matrix& D, double L, int layers);

// One more layer initialised as a copy of the last one (layer-wise training).
void appendCopyOfLastLayer(NetworkWeights& weights);

// LISTA-CP: moves the layer's W by offset * ||D||_F in a random direction (a Gaussian matrix from `seed`),
// the units of the coupling distance ||W - D diag(theta)||_F / ||D||_F: an ISTA layer (distance 0) ends
// exactly `offset` from coupling. Other parametrizations are left as they are.
void moveAwayFromCoupling(LayerWeights& layer, const Matrix& D, double offset, std::uint64_t seed);

}  // namespace unfold
