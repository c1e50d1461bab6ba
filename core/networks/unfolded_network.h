// An unfolded network (network_parameters.h) applied to batches of signals: the forward pass, the loss,
// and its gradient with respect to every weight by hand-written reverse-mode backpropagation through the
// layers (no autodiff library). Signals are columns; the batch is split over the cores, each thread
// running the whole pass on its columns, and partial gradients are summed in a fixed order so that the
// result is the same at every run.
#pragma once

#include "linalg/dictionary.h"
#include "networks/network_loss.h"
#include "networks/network_parameters.h"

#include <functional>
#include <vector>

namespace unfold {

class UnfoldedNetwork {
 public:
  // `dictionary` must outlive the network. ALISTA's fixed W is computed here.
  UnfoldedNetwork(const Dictionary& dictionary, double lambda, NetworkWeights weights);

  const Dictionary& dictionary() const { return dictionary_; }
  double lambda() const { return lambda_; }
  const NetworkWeights& weights() const { return weights_; }
  NetworkWeights& weights() { return weights_; }
  int layerCount() const { return weights_.layerCount(); }

  // z_T for every column of X; with `layerOutputs`, also z_1 .. z_T (layerOutputs[t-1] = z_t).
  Matrix forward(const Matrix& X, std::vector<Matrix>* layerOutputs = nullptr) const;

  // Mean loss over the signals and, if `gradient` is given, its gradient (same shapes as the weights).
  // `targets` (m x N): z* or z0 for the (semi-)supervised losses; ignored (may be empty) otherwise.
  // `stop`, if given, is asked between layers (from worker threads); once it says true the pass is
  // abandoned and the result is NaN.
  double loss(LossKind kind, const Matrix& X, const Matrix& targets, NetworkWeights* gradient = nullptr,
              const std::function<bool()>* stop = nullptr) const;

  // Per signal (not the mean), the loss and its gradient with respect to the signal x (n x N) through
  // every layer, the weights and the targets held fixed: what an attack on the network ascends.
  struct InputGradient {
    Vector loss;
    Matrix gradient;
  };
  InputGradient lossInputGradient(LossKind kind, const Matrix& X, const Matrix& targets) const;

 private:
  struct Cache;
  // Both return false (forward) / NaN (loss) if `stop` said true between two layers.
  bool forwardChunk(const Eigen::Ref<const Matrix>& X, Cache* cache, std::vector<Matrix>* layerOutputs, Matrix& Z,
                    const std::function<bool()>* stop = nullptr) const;
  double lossChunk(LossKind kind, const Eigen::Ref<const Matrix>& X, const Eigen::Ref<const Matrix>& targets,
                   NetworkWeights* gradient, const std::function<bool()>* stop, InputGradient* input = nullptr) const;
  void threshold(const LayerWeights& layer, Vector& perAtom) const;

  const Dictionary& dictionary_;
  double lambda_;
  NetworkWeights weights_;
  Matrix alistaW_;
};

}  // namespace unfold
