#include "networks/network_parameters.h"

#include "base/enum_names.h"

#include <algorithm>
#include <limits>
#include <random>

namespace unfold {

namespace {
constexpr NameTable<Parametrization, 4> kNames{{{Parametrization::Lista, "lista", "LISTA"},
                                                {Parametrization::ListaCp, "lista-cp", "LISTA-CP"},
                                                {Parametrization::Alista, "alista", "ALISTA"},
                                                {Parametrization::Slista, "slista", "SLISTA"}}};
}  // namespace

std::optional<Parametrization> parseParametrization(std::string_view name) { return valueNamed(kNames, name); }
std::string parametrizationName(Parametrization kind) { return nameOf(kNames, kind); }
std::string parametrizationLabel(Parametrization kind) { return labelOf(kNames, kind); }

namespace {

// Visits every learned block of a layer in a fixed order; f(pointer, count).
template <typename Layer, typename F>
void forEachBlock(Parametrization kind, Layer& layer, F&& f) {
  switch (kind) {
    case Parametrization::Lista:
      f(layer.Wz.data(), layer.Wz.size());
      f(layer.Wx.data(), layer.Wx.size());
      f(layer.theta.data(), layer.theta.size());
      break;
    case Parametrization::ListaCp:
      f(layer.W.data(), layer.W.size());
      f(layer.theta.data(), layer.theta.size());
      break;
    case Parametrization::Alista:
      f(&layer.step, Eigen::Index(1));
      f(layer.theta.data(), layer.theta.size());
      break;
    case Parametrization::Slista:
      f(&layer.step, Eigen::Index(1));
      break;
  }
}

}  // namespace

Eigen::Index layerParameterCount(Parametrization kind, Eigen::Index n, Eigen::Index m) {
  switch (kind) {
    case Parametrization::Lista: return m * m + m * n + m;
    case Parametrization::ListaCp: return n * m + m;
    case Parametrization::Alista: return 2;
    case Parametrization::Slista: return 1;
  }
  return 0;
}

Eigen::Index NetworkWeights::parameterCount() const {
  Eigen::Index count = 0;
  for (const LayerWeights& layer : layers) forEachBlock(kind, layer, [&](const double*, Eigen::Index n) { count += n; });
  return count;
}

Vector NetworkWeights::flatten() const {
  Vector out(parameterCount());
  Eigen::Index at = 0;
  for (const LayerWeights& layer : layers) {
    forEachBlock(kind, layer, [&](const double* p, Eigen::Index n) {
      std::copy(p, p + n, out.data() + at);
      at += n;
    });
  }
  return out;
}

void NetworkWeights::unflatten(const Vector& values) {
  Eigen::Index at = 0;
  for (LayerWeights& layer : layers) {
    forEachBlock(kind, layer, [&](double* p, Eigen::Index n) {
      std::copy(values.data() + at, values.data() + at + n, p);
      at += n;
    });
  }
}

NetworkWeights NetworkWeights::zerosLike() const {
  NetworkWeights out = *this;
  out.setZero();
  return out;
}

void NetworkWeights::setZero() {
  for (LayerWeights& layer : layers) forEachBlock(kind, layer, [](double* p, Eigen::Index n) { std::fill(p, p + n, 0.0); });
}

void NetworkWeights::addTo(Vector& flat) const {
  Eigen::Index at = 0;
  for (const LayerWeights& layer : layers) {
    forEachBlock(kind, layer, [&](const double* p, Eigen::Index n) {
      flat.segment(at, n) += Eigen::Map<const Vector>(p, n);
      at += n;
    });
  }
}

void NetworkWeights::project(double minimumStep) {
  for (LayerWeights& layer : layers) {
    if (layer.theta.size() > 0) layer.theta = layer.theta.cwiseMax(0.0);
    if (kind == Parametrization::Alista || kind == Parametrization::Slista) layer.step = std::max(layer.step, minimumStep);
  }
}

Vector NetworkWeights::lowerBounds(double minimumStep) const {
  NetworkWeights bounds = *this;
  bounds.unflatten(Vector::Constant(parameterCount(), -std::numeric_limits<double>::infinity()));
  bounds.project(minimumStep);
  return bounds.flatten();
}

NetworkWeights istaInitialization(Parametrization kind, const Matrix& D, double L, int layers) {
  NetworkWeights out;
  out.kind = kind;
  const Eigen::Index m = D.cols();
  LayerWeights layer;
  switch (kind) {
    case Parametrization::Lista:
      layer.Wz = Matrix::Identity(m, m) - D.transpose() * D / L;
      layer.Wx = D.transpose() / L;
      layer.theta = Vector::Constant(m, 1.0 / L);
      break;
    case Parametrization::ListaCp:
      layer.W = D / L;
      layer.theta = Vector::Constant(m, 1.0 / L);
      break;
    case Parametrization::Alista:
      layer.step = 1.0 / L;
      layer.theta = Vector::Constant(1, 1.0 / L);
      break;
    case Parametrization::Slista:
      layer.step = 1.0 / L;
      break;
  }
  out.layers.assign(static_cast<size_t>(layers), layer);
  return out;
}

void appendCopyOfLastLayer(NetworkWeights& weights) {
  if (!weights.layers.empty()) weights.layers.push_back(weights.layers.back());
}

void moveAwayFromCoupling(LayerWeights& layer, const Matrix& D, double offset, std::uint64_t seed) {
  if (offset <= 0 || layer.W.size() == 0) return;
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal;
  const Matrix direction = Matrix::NullaryExpr(layer.W.rows(), layer.W.cols(), [&] { return normal(random); });
  layer.W += (offset * D.norm() / direction.norm()) * direction;
}

}  // namespace unfold
