#include "networks/unfolded_network.h"

#include "base/parallel_for.h"
#include "linalg/dictionary_product.h"
#include "networks/alista_weights.h"

#include <cmath>
#include <limits>

namespace unfold {

namespace {
// The most chunks a loss is summed over, and so the most threads it runs on: each chunk's gradient is added
// to the sum, a LISTA's (T m (m + n) values) at a memory cost that more chunks would not repay.
constexpr long kLossChunks = 8;
}  // namespace

// What the backward pass needs from the forward pass, per layer t: its input z_t (and z_T), its pre-activation
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

bool UnfoldedNetwork::forwardChunk(const Eigen::Ref<const Matrix>& X, Cache* cache,
                                   std::vector<Matrix>* layerOutputs, Matrix& Z,
                                   const std::function<bool()>* stop) const {
  const Matrix& D = dictionary_.atoms();
  const Eigen::Index m = D.cols(), N = X.cols();
  const auto layers = static_cast<size_t>(layerCount());
  // Per-thread buffers, kept between calls (the worker threads persist): no allocation per pass. With a
  // cache, every layer writes straight into its slots: input[t] is z_t (input[0] = 0, input[T] = z_T).
  thread_local Matrix ownU, ownV, ownZ, ownNext, R;
  thread_local Vector tau;
  if (cache) {
    cache->input.resize(layers + 1);
    cache->preActivation.resize(layers);
    cache->direction.resize(layers);
  }
  Matrix* current = cache ? &cache->input[0] : &ownZ;
  current->setZero(m, N);
  R.resize(D.rows(), N);
  for (size_t t = 0; t < layers; ++t) {
    if (stop && (*stop)()) return false;
    const LayerWeights& layer = weights_.layers[t];
    const Matrix& z = *current;
    Matrix& U = cache ? cache->preActivation[t] : ownU;
    U.resize(m, N);
    switch (weights_.kind) {
      case Parametrization::Lista:
        multiplyDictionary(layer.Wz, z, U);  // z is sparse: only the columns of W_z it selects
        U.noalias() += layer.Wx * X;
        break;
      case Parametrization::ListaCp:
        multiplyDictionary(D, z, R);
        R -= X;
        U = z;
        U.noalias() -= layer.W.transpose() * R;
        break;
      case Parametrization::Alista:
      case Parametrization::Slista: {
        Matrix& V = cache ? cache->direction[t] : ownV;
        multiplyDictionary(D, z, R);
        R -= X;
        V.noalias() = (weights_.kind == Parametrization::Alista ? alistaW_ : D).transpose() * R;
        break;
      }
    }
    threshold(layer, tau);
    Matrix& next = cache ? cache->input[t + 1] : (current == &ownZ ? ownNext : ownZ);
    next.resize(m, N);
    const bool direction = weights_.kind == Parametrization::Alista || weights_.kind == Parametrization::Slista;
    const Matrix& V = cache ? cache->direction[t] : ownV;
    for (Eigen::Index j = 0; j < N; ++j) {  // one pass per column: U (for ALISTA/SLISTA) and ST(U)
      if (direction) U.col(j) = z.col(j) - layer.step * V.col(j);
      next.col(j) = U.col(j) - U.col(j).cwiseMax(-tau).cwiseMin(tau);
    }
    current = &next;
    if (layerOutputs) layerOutputs->push_back(next);
  }
  Z = *current;
  return true;
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
                                  const Eigen::Ref<const Matrix>& targets, NetworkWeights* gradient,
                                  const std::function<bool()>* stop, InputGradient* in) const {
  const Matrix& D = dictionary_.atoms();
  const Eigen::Index N = X.cols();
  thread_local Cache cache;
  thread_local Matrix Z, G, R, product;
  thread_local Vector tau, dTau;
  const double abandoned = std::numeric_limits<double>::quiet_NaN();
  const bool backward = gradient || in;
  if (!forwardChunk(X, backward ? &cache : nullptr, nullptr, Z, stop)) return abandoned;
  const Vector losses = perSignalLoss(kind, D, lambda_, X, Z, targets, backward ? &G : nullptr);
  if (!backward) return losses.sum();
  if (in) {
    in->loss = losses;
    // The loss's own dependence on x (unsupervised: d/dx 1/2 ||x - D z||^2 = x - D z); the targets of the
    // other losses are held fixed.
    if (kind == LossKind::Unsupervised) in->gradient = X - D * Z;
    else in->gradient.setZero(X.rows(), N);
  }

  for (int t = layerCount() - 1; t >= 0; --t) {
    if (stop && (*stop)()) return abandoned;
    const LayerWeights& layer = weights_.layers[static_cast<size_t>(t)];
    LayerWeights* g = gradient ? &gradient->layers[static_cast<size_t>(t)] : nullptr;
    const Matrix& U = cache.preActivation[static_cast<size_t>(t)];
    const Matrix& input = cache.input[static_cast<size_t>(t)];  // z_t
    threshold(layer, tau);
    // Through ST(U, tau): dZ+/dU = 1 where |U| > tau, and dZ+/dtau = -sign(U) there.
    // G becomes the gradient with respect to U (masked in place).
    // One contiguous pass per column: mask, dZ+/dtau = -sign(U) on the active entries and, for ALISTA
    // and SLISTA, dU/dstep = -V.
    const bool hasDirection = weights_.kind == Parametrization::Alista || weights_.kind == Parametrization::Slista;
    dTau.setZero(U.rows());
    double dStep = 0.0;
    for (Eigen::Index j = 0; j < N; ++j) {
      auto gj = G.col(j).array();
      const auto u = U.col(j).array();
      gj = (u.abs() > tau.array()).select(gj, 0.0);
      dTau.array() -= u.sign() * gj;
      if (hasDirection) dStep -= (cache.direction[static_cast<size_t>(t)].col(j).array() * gj).sum();
    }
    const Matrix& GU = G;
    const bool needInputGradient = t > 0;
    // Every layer reads x: U = W_x x + ... (LISTA), U = z - c W^T (D z - x) (the others, c = 1, gamma or
    // alpha), so dx gains W_x^T G_U, resp. c W G_U.
    switch (weights_.kind) {
      case Parametrization::Lista:
        if (g) {
          g->Wz.noalias() += GU * input.transpose();
          g->Wx.noalias() += GU * X.transpose();
          g->theta += lambda_ * dTau;
        }
        if (in) in->gradient.noalias() += layer.Wx.transpose() * GU;
        if (needInputGradient) {
          product.noalias() = layer.Wz.transpose() * GU;
          G.swap(product);
        }
        break;
      case Parametrization::ListaCp:
        if (g) {
          R.resize(D.rows(), N);
          multiplyDictionary(D, input, R);
          R -= X;
          g->W.noalias() -= R * GU.transpose();
          g->theta += lambda_ * dTau;
        }
        if (needInputGradient || in) {
          product.resize(D.rows(), N);
          multiplyDictionary(layer.W, GU, product);  // GU is as sparse as the layer's output
          if (in) in->gradient += product;
          if (needInputGradient) G.noalias() -= D.transpose() * product;
        }
        break;
      case Parametrization::Alista:
      case Parametrization::Slista: {
        const bool alista = weights_.kind == Parametrization::Alista;
        if (g && alista) {
          g->step += dStep;
          g->theta(0) += lambda_ * dTau.sum();
        } else if (g) {
          g->step += dStep + lambda_ * dTau.sum();  // SLISTA's threshold is lambda * alpha
        }
        if (needInputGradient || in) {
          product.resize(D.rows(), N);
          multiplyDictionary(alista ? alistaW_ : D, GU, product);
          if (in) in->gradient += layer.step * product;
          if (needInputGradient) G.noalias() -= layer.step * (D.transpose() * product);
        }
        break;
      }
    }
  }
  return losses.sum();
}

double UnfoldedNetwork::loss(LossKind kind, const Matrix& X, const Matrix& targets, NetworkWeights* gradient,
                             const std::function<bool()>* stop) const {
  // Summed over chunks of signals laid out by the signal count alone, and added in the chunks' order: the
  // same bits with any number of threads, so that a network trained on a cluster's cores is the one trained
  // on a laptop's. The chunks run `threads` at a time, each into its own gradient (a LISTA's weights are
  // large: no more of them in memory than threads).
  const long N = static_cast<long>(X.cols());
  const long chunks = std::clamp<long>(N / kMinColumnsPerThread, 1, kLossChunks);
  const long size = ((N + chunks - 1) / chunks + kColumnGroup - 1) / kColumnGroup * kColumnGroup;
  const int threads = static_cast<int>(std::min<long>(defaultThreadCount(), chunks));
  std::vector<NetworkWeights> partial(gradient ? static_cast<size_t>(threads) : 0, weights_);
  std::vector<double> totals(static_cast<size_t>(threads));
  Vector sum = gradient ? Vector::Zero(weights_.parameterCount()) : Vector();
  double total = 0.0;
  for (long first = 0; first < chunks && !std::isnan(total); first += threads) {
    const int running = static_cast<int>(std::min<long>(threads, chunks - first));
    runChunks(running, [&](int slot) {
      const long begin = (first + slot) * size, end = std::min(N, begin + size);
      const auto s = static_cast<size_t>(slot);
      totals[s] = 0.0;
      if (gradient) partial[s].setZero();
      if (begin >= end) return;
      const Eigen::Index count = end - begin;
      const auto targetColumns = targets.size() > 0 ? targets.middleCols(begin, count) : targets.middleCols(0, 0);
      totals[s] = lossChunk(kind, X.middleCols(begin, count), targetColumns, gradient ? &partial[s] : nullptr, stop);
    });
    for (int slot = 0; slot < running; ++slot) {
      total += totals[static_cast<size_t>(slot)];
      if (gradient) partial[static_cast<size_t>(slot)].addTo(sum);
    }
  }
  if (gradient) {
    *gradient = weights_;
    gradient->unflatten(sum / static_cast<double>(N));
  }
  return total / static_cast<double>(N);
}

UnfoldedNetwork::InputGradient UnfoldedNetwork::lossInputGradient(LossKind kind, const Matrix& X,
                                                                  const Matrix& targets) const {
  InputGradient result{Vector(X.cols()), Matrix(X.rows(), X.cols())};
  parallelFor(static_cast<long>(X.cols()), kMinColumnsPerThread, [&](long begin, long end) {
    const Eigen::Index count = end - begin;
    const auto targetColumns = targets.size() > 0 ? targets.middleCols(begin, count) : targets.middleCols(0, 0);
    InputGradient chunk;
    lossChunk(kind, X.middleCols(begin, count), targetColumns, nullptr, nullptr, &chunk);
    result.loss.segment(begin, count) = chunk.loss;
    result.gradient.middleCols(begin, count) = chunk.gradient;
  });
  return result;
}

}  // namespace unfold
