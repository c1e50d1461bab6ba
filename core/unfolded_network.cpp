#include "unfolded_network.h"

#include "alista_weights.h"
#include "dictionary_product.h"
#include "parallel_for.h"

#include <cmath>

namespace unfold {

// What the backward pass needs from the forward pass, per layer t: its input z_t, its pre-activation
// U_t and, for ALISTA and SLISTA, the update direction V_t (U_t = z_t - step V_t), kept rather than
// recovered from U_t so that the step's gradient does not lose digits when step V_t << z_t.
struct UnfoldedNetwork::Cache {
  std::vector<Matrix> input, preActivation, direction;
};

UnfoldedNetwork::UnfoldedNetwork(const Dictionary& dictionary, double lambda, NetworkWeights weights)
    : dictionary_(dictionary), lambda_(lambda), weights_(std::move(weights)) {
  if (weights_.kind == Parametrization::Alista) alistaW_ = alistaWeights(dictionary.atoms());
}

void UnfoldedNetwork::threshold(const LayerWeights& layer, Vector& perAtom) const {
  const Eigen::Index m = dictionary_.atomCount();
  switch (weights_.kind) {
    case Parametrization::Lista:
    case Parametrization::ListaCp: perAtom = lambda_ * layer.theta; break;
    case Parametrization::Alista: perAtom = Vector::Constant(m, lambda_ * layer.theta(0)); break;
    case Parametrization::Slista: perAtom = Vector::Constant(m, lambda_ * layer.step); break;
  }
}

void UnfoldedNetwork::forwardChunk(const Eigen::Ref<const Matrix>& X, Cache* cache,
                                   std::vector<Matrix>* layerOutputs, Matrix& Z) const {
  const Matrix& D = dictionary_.atoms();
  const Eigen::Index m = D.cols(), N = X.cols();
  Z.setZero(m, N);
  Matrix U(m, N), V(m, N), R(D.rows(), N);
  Vector tau;
  for (const LayerWeights& layer : weights_.layers) {
    if (cache) cache->input.push_back(Z);
    switch (weights_.kind) {
      case Parametrization::Lista:
        multiplyDictionary(layer.Wz, Z, U);  // Z is sparse: only the columns of W_z it selects
        U.noalias() += layer.Wx * X;
        break;
      case Parametrization::ListaCp:
        multiplyDictionary(D, Z, R);
        R -= X;
        U = Z;
        U.noalias() -= layer.W.transpose() * R;
        break;
      case Parametrization::Alista:
      case Parametrization::Slista:
        multiplyDictionary(D, Z, R);
        R -= X;
        V.noalias() = (weights_.kind == Parametrization::Alista ? alistaW_ : D).transpose() * R;
        U = Z - layer.step * V;
        if (cache) cache->direction.push_back(V);
        break;
    }
    threshold(layer, tau);
    for (Eigen::Index j = 0; j < N; ++j) Z.col(j) = U.col(j) - U.col(j).cwiseMax(-tau).cwiseMin(tau);
    if (cache) cache->preActivation.push_back(U);
    if (layerOutputs) layerOutputs->push_back(Z);
  }
}

Matrix UnfoldedNetwork::forward(const Matrix& X, std::vector<Matrix>* layerOutputs) const {
  Matrix Z(dictionary_.atomCount(), X.cols());
  if (layerOutputs) {
    layerOutputs->assign(static_cast<size_t>(layerCount()), Matrix(dictionary_.atomCount(), X.cols()));
  }
  parallelFor(static_cast<long>(X.cols()), kMinColumnsPerThread, [&](long begin, long end) {
    const Eigen::Index count = end - begin;
    Matrix Zc;
    std::vector<Matrix> outputs;
    forwardChunk(X.middleCols(begin, count), nullptr, layerOutputs ? &outputs : nullptr, Zc);
    Z.middleCols(begin, count) = Zc;
    if (layerOutputs)
      for (size_t t = 0; t < outputs.size(); ++t) (*layerOutputs)[t].middleCols(begin, count) = outputs[t];
  });
  return Z;
}

double UnfoldedNetwork::lossChunk(LossKind kind, const Eigen::Ref<const Matrix>& X,
                                  const Eigen::Ref<const Matrix>& targets, NetworkWeights* gradient) const {
  const Matrix& D = dictionary_.atoms();
  const Eigen::Index N = X.cols();
  Cache cache;
  Matrix Z;
  forwardChunk(X, gradient ? &cache : nullptr, nullptr, Z);
  Matrix G;
  const double total = perSignalLoss(kind, D, lambda_, X, Z, targets, gradient ? &G : nullptr).sum();
  if (!gradient) return total;

  Matrix GU, R, back, product;
  Vector tau;
  for (int t = layerCount() - 1; t >= 0; --t) {
    const LayerWeights& layer = weights_.layers[static_cast<size_t>(t)];
    LayerWeights& g = gradient->layers[static_cast<size_t>(t)];
    const Matrix& U = cache.preActivation[static_cast<size_t>(t)];
    const Matrix& input = cache.input[static_cast<size_t>(t)];
    threshold(layer, tau);
    // Through ST(U, tau): dZ+/dU = 1 where |U| > tau, and dZ+/dtau = -sign(U) there.
    GU.resize(U.rows(), N);
    Vector dTau = Vector::Zero(U.rows());
    for (Eigen::Index j = 0; j < N; ++j) {
      for (Eigen::Index i = 0; i < U.rows(); ++i) {
        const double u = U(i, j);
        const bool active = std::abs(u) > tau(i);
        GU(i, j) = active ? G(i, j) : 0.0;
        if (active) dTau(i) -= u > 0 ? G(i, j) : -G(i, j);
      }
    }
    const bool needInputGradient = t > 0;
    switch (weights_.kind) {
      case Parametrization::Lista:
        g.Wz.noalias() += GU * input.transpose();
        g.Wx.noalias() += GU * X.transpose();
        g.theta += lambda_ * dTau;
        if (needInputGradient) G.noalias() = layer.Wz.transpose() * GU;
        break;
      case Parametrization::ListaCp:
        R.resize(D.rows(), N);
        multiplyDictionary(D, input, R);
        R -= X;
        g.W.noalias() -= R * GU.transpose();
        g.theta += lambda_ * dTau;
        if (needInputGradient) {
          product.resize(D.rows(), N);
          multiplyDictionary(layer.W, GU, product);  // GU is as sparse as the layer's output
          G = GU;
          G.noalias() -= D.transpose() * product;
        }
        break;
      case Parametrization::Alista:
      case Parametrization::Slista: {
        const Matrix& V = cache.direction[static_cast<size_t>(t)];
        const double dStep = -(V.array() * GU.array()).sum();
        const bool alista = weights_.kind == Parametrization::Alista;
        if (alista) {
          g.step += dStep;
          g.theta(0) += lambda_ * dTau.sum();
        } else {
          g.step += dStep + lambda_ * dTau.sum();  // SLISTA's threshold is lambda * alpha
        }
        if (needInputGradient) {
          product.resize(D.rows(), N);
          multiplyDictionary(alista ? alistaW_ : D, GU, product);
          G = GU;
          G.noalias() -= layer.step * (D.transpose() * product);
        }
        break;
      }
    }
  }
  return total;
}

double UnfoldedNetwork::loss(LossKind kind, const Matrix& X, const Matrix& targets, NetworkWeights* gradient) const {
  const long N = static_cast<long>(X.cols());
  const int chunks = static_cast<int>(std::clamp<long>(N / kMinColumnsPerThread, 1, defaultThreadCount()));
  std::vector<double> totals(static_cast<size_t>(chunks), 0.0);
  std::vector<NetworkWeights> gradients;
  if (gradient) gradients.assign(static_cast<size_t>(chunks), weights_.zerosLike());
  const long size = (N + chunks - 1) / chunks;
  // One chunk per thread, in a fixed layout, summed in a fixed order: the same bits at every run.
  parallelFor(chunks, 1, [&](long first, long last) {
    for (long c = first; c < last; ++c) {
      const long begin = c * size, end = std::min(N, begin + size);
      if (begin >= end) continue;
      const Eigen::Index count = end - begin;
      const auto targetColumns = targets.size() > 0 ? targets.middleCols(begin, count) : targets.middleCols(0, 0);
      totals[static_cast<size_t>(c)] =
          lossChunk(kind, X.middleCols(begin, count), targetColumns, gradient ? &gradients[static_cast<size_t>(c)] : nullptr);
    }
  });
  double total = 0.0;
  for (double t : totals) total += t;
  if (gradient) {
    Vector sum = Vector::Zero(weights_.parameterCount());
    for (const NetworkWeights& g : gradients) sum += g.flatten();
    *gradient = weights_;
    gradient->unflatten(sum / static_cast<double>(N));
  }
  return total / static_cast<double>(N);
}

}  // namespace unfold
