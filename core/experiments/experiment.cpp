#include "experiments/experiment.h"

#include "base/input_error.h"

#include <QJsonArray>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace unfold {

namespace {

SignalSet signalsOf(const ProblemSpec& spec, const Matrix& D, Eigen::Index count, std::uint64_t seed) {
  if (count < 1) return {Matrix(D.rows(), 0), std::nullopt};
  return makeSignals(spec.signalKind, D, count, seed, spec.sparse);
}

// The losses along the training, as JSON arrays (the workbench's Training plot draws them for a network
// trained anywhere). JSON holds no NaN or Inf (a diverged step): null, read back as NaN.
QJsonObject curveRecord(const TrainingResult& result) {
  const auto value = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); };
  QJsonArray steps, train, test;
  for (const TrainingResult::CurvePoint& point : result.curve) {
    steps.append(point.step);
    train.append(value(point.trainLoss));
    test.append(value(point.testLoss));
  }
  return {{"step", steps}, {"train_loss", train}, {"test_loss", test}};
}

// `train`'s record of a training, kept in every network file.
QJsonObject trainingRecord(const NetworkSettings& settings, const TrainingData& data, const TrainingResult& result,
                           double seconds) {
  const TrainingSettings& t = settings.training;
  QJsonObject record{{"loss", QString::fromStdString(lossKindName(t.loss))},
                     {"optimizer", QString::fromStdString(optimizerName(t.optimizer))},
                     {"max_iter", t.maxIterations},
                     {"iterations", result.iterations},
                     {"layer_wise", t.layerWise},
                     {"seed", QString::number(t.seed)},
                     {"train_signals", static_cast<qint64>(data.trainX.cols())},
                     // Which signals: a session reopened on a changed signals file must not reuse the weights.
                     {"train_signals_sha256", QString::fromStdString(matrixHash(data.trainX))},
                     {"test_signals", static_cast<qint64>(data.testX.cols())},
                     {"initial_test_loss", result.initialTestLoss},
                     {"best_test_loss", result.bestTestLoss},
                     {"stopped", QString::fromStdString(stopReasonText(result.reason))},
                     {"seconds", seconds},
                     {"curve", curveRecord(result)}};
  if (t.couplingOffset > 0) record.insert("coupling_offset", t.couplingOffset);
  if (t.stallWindow > 0) {
    record.insert("stall_window", t.stallWindow);
    record.insert("stall_progress", t.stallProgress);
  }
  return record;
}

}  // namespace

Matrix specDictionary(const ProblemSpec& spec) { return makeDictionary(spec.dictionary, spec.n, spec.m, spec.seed); }

SignalSet specTrainingSignals(const ProblemSpec& spec, const Matrix& D) {
  return signalsOf(spec, D, spec.trainCount, spec.seed + 1);
}

SignalSet specTestSignals(const ProblemSpec& spec, const Matrix& D) {
  return signalsOf(spec, D, spec.testCount, spec.seed + 2);
}

ExperimentProblem makeProblem(const ProblemSpec& spec) {
  ExperimentProblem p;
  auto dictionary = std::make_unique<Dictionary>(specDictionary(spec));
  p.train = specTrainingSignals(spec, dictionary->atoms());
  p.test = specTestSignals(spec, dictionary->atoms());
  p.dictionary = std::move(dictionary);
  return p;
}

TrainingData trainingData(const Dictionary& dictionary, const SignalSet& train, const SignalSet& test, double lambda,
                          LossKind loss, const ReferenceSolution& testReference) {
  TrainingData data{train.X, {}, test.X, {}};
  if (loss == LossKind::Supervised) {
    if (!train.Z0 || !test.Z0)
      throw InputError("the supervised loss needs ground-truth codes z0 of the training and test signals");
    data.trainTargets = *train.Z0;
    data.testTargets = *test.Z0;
  } else if (loss == LossKind::SemiSupervised) {
    data.trainTargets = solveReference(dictionary, train.X, lambda).Z;
    data.testTargets = testReference.Z;
  }
  return data;
}

NetworkWeights deeperStart(const Dictionary& dictionary, const TrainingData& data, const NetworkSettings& settings,
                           const NetworkWeights& shallower) {
  if (shallower.kind != settings.kind || shallower.layerCount() < 1 || shallower.layerCount() > settings.layers)
    throw std::invalid_argument("deeperStart: not a shallower network of the same kind");
  const NetworkWeights ista = istaInitialization(settings.kind, dictionary.atoms(), dictionary.lipschitz(), settings.layers);
  UnfoldedNetwork network(dictionary, settings.lambda, shallower);
  for (int t = shallower.layerCount() + 1; t <= settings.layers; ++t)
    appendNextLayer(network, ista.layers[static_cast<size_t>(t - 1)], data, settings.training.loss);
  return network.weights();
}

TrainedNetwork trainNetwork(const Dictionary& dictionary, const TrainingData& data, const NetworkSettings& settings,
                            TrainingObserver* observer, const NetworkWeights* start) {
  UnfoldedNetwork network(dictionary, settings.lambda,
                          start ? *start
                                : istaInitialization(settings.kind, dictionary.atoms(), dictionary.lipschitz(), settings.layers));
  const auto begin = std::chrono::steady_clock::now();
  TrainedNetwork out;
  out.result = trainNetwork(network, data, settings.training, observer);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  out.file = NetworkFile{out.result.weights, dictionary.signalDimension(), dictionary.atomCount(), settings.lambda,
                         dictionaryHash(dictionary.atoms()), trainingRecord(settings, data, out.result, out.seconds), Matrix()};
  return out;
}

}  // namespace unfold
