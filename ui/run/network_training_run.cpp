#include "run/network_training_run.h"

#include "base/input_error.h"
#include "base/progress_throttle.h"
#include "lasso/lasso.h"
#include "lasso/trace_recorder.h"
#include "networks/network_diagnostics.h"
#include "plots/method_palette.h"

#include <QJsonArray>

namespace unfold::ui {

namespace {

constexpr int kPublishMs = 40;

// Core's per-layer description as the plots' columns; the ratio step / threshold is 1 for a layer that
// is an ISTA step (Lemma 4.3), which the coupling plot marks.
void describeLayers(const NetworkWeights& weights, const std::vector<LayerCoupling>& coupling, double L, NetworkCurve& c) {
  c.stepTimesL.clear();
  c.thresholdTimesL.clear();
  c.coupling.clear();
  c.couplingRatio.clear();
  for (const LayerDescription& layer : layerDescriptions(weights, coupling, L)) {
    c.stepTimesL.append(layer.stepTimesL);
    c.thresholdTimesL.append(layer.thresholdTimesL);
    if (!layer.coupling) continue;
    c.coupling.append(*layer.coupling);
    c.couplingRatio.append(layer.thresholdTimesL > 0 ? layer.stepTimesL / layer.thresholdTimesL : qQNaN());
  }
}

class WorkbenchTrainingObserver : public TrainingObserver {
 public:
  WorkbenchTrainingObserver(NetworkCurve& curve, double L, RunGate& gate, const std::function<bool()>& abandoned,
                            const std::function<void(const NetworkCurve&)>& publish)
      : curve_(curve), L_(L), gate_(gate), abandoned_(abandoned), publish_(publish), startSeconds_(gate.runningSeconds()) {}
  bool onIteration(const TrainingProgress& p) override {
    curve_.trainIteration.append(p.iteration);
    curve_.trainLoss.append(p.trainLoss);
    curve_.testLoss.append(p.testLoss);
    // The run's clock, not the trainer's: time paused is not training time (the ETA divides by it).
    curve_.trainingSeconds = gate_.runningSeconds() - startSeconds_;
    // Holding the gate shows this step before the next one is computed.
    if (throttle_.due(gate_.paused() || p.iteration == p.maxIterations)) {
      describeLayers(p.weights, p.coupling, L_, curve_);
      publish_(curve_);
    }
    return !gate_.pass(p.iteration + 1, abandoned_);
  }
  bool stopRequested() override { return abandoned_(); }

 private:
  NetworkCurve& curve_;
  double L_;
  RunGate& gate_;
  const std::function<bool()>& abandoned_;
  const std::function<void(const NetworkCurve&)>& publish_;
  double startSeconds_;  // on the gate's clock, when this network's training began
  ProgressThrottle throttle_{std::chrono::milliseconds(kPublishMs), ProgressThrottle::First::AfterInterval};
};

// The losses along the training, from a network file's record (core writes them there: experiment.cpp).
void restoreTrainingCurve(const QJsonObject& record, NetworkCurve& curve) {
  const QJsonObject saved = record.value("curve").toObject();
  const QJsonArray steps = saved.value("step").toArray(), train = saved.value("train_loss").toArray(),
                   test = saved.value("test_loss").toArray();
  if (steps.size() != train.size() || steps.size() != test.size()) return;  // damaged: no curve rather than a wrong one
  for (qsizetype k = 0; k < steps.size(); ++k) {
    curve.trainIteration.append(steps[k].toDouble());
    curve.trainLoss.append(train[k].toDouble(qQNaN()));  // null: a diverged step
    curve.testLoss.append(test[k].toDouble(qQNaN()));
  }
}

// Whether weights trained earlier (for these settings) were trained on other data than this problem's:
// what differs, or empty, so that a session reopened on changed files says why it trains them again.
constexpr const char* kOtherTrainingSignals = "they were trained on other training signals";
QString trainedOnOtherData(const NetworkFile& file, const NetworkProblem& problem) {
  try {
    checkDictionary(file, problem.dictionary.atoms(), "session");
  } catch (const InputError&) {
    return "they were trained for another dictionary D";
  }
  const QString signalsHash = file.training.value("train_signals_sha256").toString();  // absent in older files
  if (!signalsHash.isEmpty() && signalsHash.toStdString() != matrixHash(problem.data.trainX)) return kOtherTrainingSignals;
  return {};
}

// A network stopped mid-training or mid-diagnosis: its test gap per layer, so that the cost plot shows it
// as the training and coupling plots do. A forward pass only (milliseconds: Stop stays quick); the 1/L_S
// quantiles of the full diagnosis would take longer and are left out.
void gapsPerLayer(const NetworkProblem& problem, const NetworkSettings& settings, NetworkCurve& curve) {
  const UnfoldedNetwork network(problem.dictionary, settings.lambda, curve.network.weights);
  std::vector<Matrix> layers;
  network.forward(problem.data.testX, &layers);
  for (const Matrix& Z : layers) {
    const Vector gaps = lassoCosts(problem.dictionary.atoms(), problem.data.testX, Z, settings.lambda) - problem.testOptimalCost;
    std::vector<double> sorted(gaps.begin(), gaps.end());
    curve.layerGap.append(gaps.mean());
    curve.layerGapMedian.append(quantile(sorted, 0.5));
    curve.layerGapQ10.append(quantile(sorted, 0.1));
    curve.layerGapQ90.append(quantile(sorted, 0.9));
  }
}

// Per layer: the test gap and the 1/L_S quantiles of the trained weights. Stopped meanwhile, the test
// gaps alone (the learned-steps plot then draws no 1/L_S for it).
void diagnose(const NetworkProblem& problem, const NetworkSettings& settings, NetworkCurve& curve,
              const std::function<bool()>& stopped) {
  const Dictionary& d = problem.dictionary;
  const UnfoldedNetwork network(d, settings.lambda, curve.network.weights);
  const std::vector<LayerDiagnostics> layers =
      diagnoseNetwork(network, problem.data.trainX, problem.data.testX, problem.testOptimalCost, stopped);
  describeLayers(curve.network.weights, layerCoupling(curve.network.weights, d.atoms(), d.lipschitz()), d.lipschitz(), curve);
  if (layers.empty()) {
    gapsPerLayer(problem, settings, curve);
    return;
  }
  for (const LayerDiagnostics& row : layers) {
    curve.layerGap.append(row.testGap);
    curve.layerGapMedian.append(row.testGapMedian);
    curve.layerGapQ10.append(row.testGapQ10);
    curve.layerGapQ90.append(row.testGapQ90);
    curve.inverseLsQ10.append(row.inverseLsQ10);
    curve.inverseLsQ50.append(row.inverseLsQ50);
    curve.inverseLsQ90.append(row.inverseLsQ90);
  }
  if (collapsedToZero(layers)) {
    curve.stopReason += QString("; ") + kCollapsedToZero;
    curve.stopLabel = "collapsed to z = 0";
    curve.collapsedToZero = true;
  }
}

NetworkCurve newCurve(const NetworkSettings& settings) {
  NetworkCurve curve;
  curve.kind = settings.kind;
  curve.method = methodLabel(settings.kind);
  curve.color = methodColor(settings.kind);
  curve.layers = settings.layers;
  curve.maxIterations = settings.training.maxIterations;
  return curve;
}

}  // namespace

std::optional<NetworkCurve> reusedNetwork(const NetworkProblem& problem, const NetworkSettings& settings,
                                          const NetworkFile* pretrained, const std::function<bool()>& stopped,
                                          QString* whyNot) {
  if (!pretrained || pretrained->weights.kind != settings.kind || pretrained->weights.layerCount() != settings.layers ||
      pretrained->lambda != settings.lambda)
    return std::nullopt;
  // A network opened from a file is the one the user asked to see: on other training signals than the
  // run's (the same D), it is scored as it stands, and says so. Trained again, the weights opened would be
  // gone. A session's own networks are trained again on changed files (it reproduces what it saved).
  const QString reason = trainedOnOtherData(*pretrained, problem);
  const bool opened = pretrained->training.contains("opened_from");
  if (!reason.isEmpty() && !(opened && reason == kOtherTrainingSignals)) {
    if (whyNot) *whyNot = reason;
    return std::nullopt;
  }
  NetworkCurve curve = newCurve(settings);
  curve.network = *pretrained;
  curve.otherTrainingSignals = !reason.isEmpty();
  restoreTrainingCurve(pretrained->training, curve);
  // A rerun does not train again, and says so; its legends keep why its training ended (a figure's reader
  // learns nothing from "reused").
  curve.stopReason = curve.otherTrainingSignals
                         ? "not trained again: the weights of the network file opened, trained on other signals than this run's"
                         : "not trained again: the weights trained earlier for these settings (last run, session or network file)";
  const auto ended = parseStopReasonText(pretrained->training.value("stopped").toString().toStdString());
  curve.stopLabel = ended ? QString::fromStdString(stopReasonLabel(*ended)) : QString("trained earlier");
  curve.reused = true;
  diagnose(problem, settings, curve, stopped);
  curve.trained = true;
  return curve;
}

NetworkCurve runNetwork(const NetworkProblem& problem, const NetworkSettings& settings, RunGate& gate,
                        const std::function<bool()>& abandoned, const std::function<void(const NetworkCurve&)>& publish) {
  NetworkCurve curve = newCurve(settings);
  WorkbenchTrainingObserver observer(curve, problem.dictionary.lipschitz(), gate, abandoned, publish);
  const TrainedNetwork trained = trainNetwork(problem.dictionary, problem.data, settings, &observer);
  if (abandoned()) {
    curve.network = trained.file;  // the best weights it reached
    if (!curve.trainIteration.isEmpty()) gapsPerLayer(problem, settings, curve);
    return curve;
  }
  curve.stopReason = QString::fromStdString(stopReasonText(trained.result.reason));
  curve.stopLabel = QString::fromStdString(stopReasonLabel(trained.result.reason));
  curve.network = trained.file;  // its record holds the curve, for a session
  diagnose(problem, settings, curve, abandoned);
  curve.trained = true;
  return curve;
}

}  // namespace unfold::ui
