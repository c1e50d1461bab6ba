// What the training tests share: a small problem (D 10 x 20, 300 training and 200 test signals), an
// observer that records every step's losses, depth and first-layer coupling, and a network trained on the
// problem with its record.
#pragma once

#include "experiments/problem_generators.h"
#include "linalg/dictionary.h"
#include "networks/network_trainer.h"

#include <atomic>
#include <vector>

namespace unfold::testing {

struct Recorder : TrainingObserver {
  std::vector<double> train, test;
  std::vector<int> layers;
  int stopAfter = -1;
  std::atomic<int> calls = 0;
  std::vector<double> firstLayerCoupling;
  bool onIteration(const TrainingProgress& p) override {
    if (!p.coupling.empty()) firstLayerCoupling.push_back(p.coupling.front().distance);
    train.push_back(p.trainLoss);
    test.push_back(p.testLoss);
    layers.push_back(p.layers);
    ++calls;
    return false;
  }
  bool stopRequested() override { return stopAfter >= 0 && calls >= stopAfter; }
};

struct Problem {
  Dictionary dictionary{gaussianDictionary(10, 20, 1)};
  TrainingData data;
  Problem() {
    data.trainX = makeSignals(SignalKind::Gaussian, dictionary.atoms(), 300, 2).X;
    data.testX = makeSignals(SignalKind::Gaussian, dictionary.atoms(), 200, 3).X;
  }
  UnfoldedNetwork network(Parametrization kind, int layers, double lambda = 0.2) const {
    return UnfoldedNetwork(dictionary, lambda, istaInitialization(kind, dictionary.atoms(), dictionary.lipschitz(), layers));
  }
};

// A network of `layers` layers from ISTA's initialisation, trained on `problem` with `settings`, and every
// step it reported. The network refers to the problem's dictionary: the problem must outlive it.
struct NetworkTrainedOnProblem {
  NetworkTrainedOnProblem(const Problem& problem, Parametrization kind, int layers, const TrainingSettings& settings)
      : net(problem.network(kind, layers)), result(trainNetwork(net, problem.data, settings, &steps)) {}
  UnfoldedNetwork net;
  Recorder steps;
  TrainingResult result;
};

}  // namespace unfold::testing
