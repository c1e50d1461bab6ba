// One experiment, the same for every caller (the workbench, `generate` + `train`, `reproduce`, the 2-D
// view): a problem spec makes the data, trainingData() adds the targets the loss needs, trainNetwork()
// trains one unfolded network from ISTA's initialization and returns its weights with the record that
// `train` saves. The seed convention is `generate`'s, a command-line contract: D from the seed, the
// training signals from seed + 1, the test signals from seed + 2, each a stream of its own, so that the
// size of one set never changes the other.
#pragma once

#include "experiments/problem_generators.h"
#include "io/network_file.h"
#include "lasso/reference_solver.h"
#include "linalg/dictionary.h"
#include "networks/network_trainer.h"

#include <memory>

namespace unfold {

struct ProblemSpec {
  DictionaryKind dictionary = DictionaryKind::Gaussian;
  SignalKind signalKind = SignalKind::Gaussian;
  Eigen::Index n = 64, m = 256;  // digits: n is 64
  Eigen::Index trainCount = 1000, testCount = 1000;  // 0: that set stays empty
  SparseSignalSettings sparse;   // SignalKind::Sparse
  std::uint64_t seed = 0;
  bool operator==(const ProblemSpec&) const = default;
};

Matrix specDictionary(const ProblemSpec& spec);
// The training (seed + 1) and test (seed + 2) signals of the spec for the dictionary D.
SignalSet specTrainingSignals(const ProblemSpec& spec, const Matrix& D);
SignalSet specTestSignals(const ProblemSpec& spec, const Matrix& D);

// A problem ready for training. The dictionary lives on the heap: networks keep a reference to it.
struct ExperimentProblem {
  std::unique_ptr<const Dictionary> dictionary;
  SignalSet train, test;
};
ExperimentProblem makeProblem(const ProblemSpec& spec);

// The sets with the targets of the loss: z0 for the supervised loss (InputError if a set has none), z* of
// every signal for the semi-supervised one (the test set's taken from `testReference`, computed once by
// the caller, who needs F* anyway).
TrainingData trainingData(const Dictionary& dictionary, const SignalSet& train, const SignalSet& test, double lambda,
                          LossKind loss, const ReferenceSolution& testReference);

// What one trained network is: its parametrization, depth, lambda and how it is trained.
struct NetworkSettings {
  Parametrization kind = Parametrization::Slista;
  int layers = 10;
  double lambda = 0.1;
  TrainingSettings training;
  bool operator==(const NetworkSettings&) const = default;
};

struct TrainedNetwork {
  NetworkFile file;       // the best weights, with the record of their training (`train`'s JSON record)
  TrainingResult result;
  double seconds = 0.0;
};

// The start of a network of settings.layers layers from a trained shallower one of the same kind (the
// Fig. 6 protocol trains depth T from the trained depth T' < T): its layers, then one layer at a time the
// better of a copy of the last and an ISTA step (appendNextLayer).
NetworkWeights deeperStart(const Dictionary& dictionary, const TrainingData& data, const NetworkSettings& settings,
                           const NetworkWeights& shallower);

// Trains from ISTA's initialization, or from `start` (a checkpoint of the same shape), and keeps the
// best weights by test loss. Bit-reproducible: the same dictionary, data and settings give the same bits.
TrainedNetwork trainNetwork(const Dictionary& dictionary, const TrainingData& data, const NetworkSettings& settings,
                            TrainingObserver* observer = nullptr, const NetworkWeights* start = nullptr);

}  // namespace unfold
