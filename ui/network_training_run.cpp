#include "network_training_run.h"

#include "input_error.h"
#include "method_palette.h"
#include "network_diagnostics.h"
#include "network_file.h"
#include "network_trainer.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace unfold::ui {

namespace {

constexpr int kPublishMs = 40;

// Per layer: the (effective) step and mean threshold x L, and for LISTA / LISTA-CP the coupling.
void describeLayers(const NetworkWeights& weights, const std::vector<LayerCoupling>& coupling, double L, NetworkCurve& c) {
  c.stepTimesL.clear();
  c.thresholdTimesL.clear();
  c.coupling.clear();
  c.couplingRatio.clear();
  for (size_t t = 0; t < weights.layers.size(); ++t) {
    const LayerWeights& layer = weights.layers[t];
    double step = layer.step * L, threshold = layer.step * L;  // SLISTA: threshold lambda alpha
    if (weights.kind == Parametrization::Alista) threshold = layer.theta(0) * L;
    if (t < coupling.size()) {
      step = coupling[t].stepTimesL;
      threshold = layer.theta.mean() * L;
      c.coupling.append(coupling[t].distance);
      c.couplingRatio.append(threshold > 0 ? step / threshold : qQNaN());
    }
    c.stepTimesL.append(step);
    c.thresholdTimesL.append(threshold);
  }
}

class WorkbenchTrainingObserver : public TrainingObserver {
 public:
  WorkbenchTrainingObserver(NetworkCurve& curve, double L, RunGate& gate, const std::function<bool()>& abandoned,
                            const std::function<void(const NetworkCurve&)>& publish)
      : curve_(curve), L_(L), gate_(gate), abandoned_(abandoned), publish_(publish) {
    clock_.start();
  }
  bool onIteration(const TrainingProgress& p) override {
    curve_.trainIteration.append(p.iteration);
    curve_.trainLoss.append(p.trainLoss);
    curve_.testLoss.append(p.testLoss);
    curve_.trainingSeconds = p.elapsedSeconds;
    // Holding the gate shows this step before the next one is computed.
    if (gate_.paused() || clock_.elapsed() >= kPublishMs || p.iteration == p.maxIterations) {
      describeLayers(p.weights, p.coupling, L_, curve_);
      publish_(curve_);
      clock_.restart();
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
  QElapsedTimer clock_;
};

QString shortStopReason(StopReason reason) {
  switch (reason) {
    case StopReason::MaxIterations: return "budget used";
    case StopReason::TimeLimit: return "time limit";
    case StopReason::Stagnation: return "stopped improving";
    case StopReason::Cancelled: return "stopped";
    case StopReason::Diverged: return "diverged";
    case StopReason::LineSearchFailed: return "converged";
  }
  return {};
}

// The training curves travel with the weights in sessions, so that a reopened session shows them.
void saveTrainingCurve(const NetworkCurve& curve, QJsonObject& record) {
  const auto array = [](const QVector<double>& values) {
    QJsonArray out;
    for (double v : values) out.append(v);
    return out;
  };
  record.insert("curve", QJsonObject{{"step", array(curve.trainIteration)},
                                     {"train_loss", array(curve.trainLoss)},
                                     {"test_loss", array(curve.testLoss)}});
}

void restoreTrainingCurve(const QJsonObject& record, NetworkCurve& curve) {
  const QJsonObject saved = record.value("curve").toObject();
  const QJsonArray steps = saved.value("step").toArray(), train = saved.value("train_loss").toArray(),
                   test = saved.value("test_loss").toArray();
  if (steps.size() != train.size() || steps.size() != test.size()) return;  // damaged: no curve rather than a wrong one
  for (qsizetype k = 0; k < steps.size(); ++k) {
    curve.trainIteration.append(steps[k].toDouble());
    curve.trainLoss.append(train[k].toDouble());
    curve.testLoss.append(test[k].toDouble());
  }
}

// The session's weights, if they fit this problem.
std::optional<NetworkFile> usablePretrained(const QString& json, Parametrization kind, const NetworkRunInputs& in) {
  if (json.isEmpty()) return std::nullopt;
  try {
    const NetworkFile file = parseNetworkJson(json.toStdString(), "session");
    checkDictionary(file, in.problem.dictionary->atoms(), "session");
    if (file.weights.kind != kind || file.weights.layerCount() != in.layers || file.lambda != in.lambda) return std::nullopt;
    return file;
  } catch (const InputError&) {
    return std::nullopt;  // trained for something else: train anew
  }
}

}  // namespace

NetworkCurve runNetwork(Parametrization kind, const NetworkRunInputs& in, const QString& pretrainedJson,
                        RunGate& gate, const std::function<bool()>& abandoned,
                        const std::function<void(const NetworkCurve&)>& publish) {
  const Dictionary& d = *in.problem.dictionary;
  const double L = d.lipschitz();
  NetworkCurve curve;
  curve.method = QString::fromStdString(parametrizationLabel(kind));
  curve.color = methodColor(curve.method);
  curve.layers = in.layers;
  curve.maxIterations = in.budget;
  UnfoldedNetwork network(d, in.lambda, istaInitialization(kind, d.atoms(), L, in.layers));
  QJsonObject record{{"loss", QString::fromStdString(lossKindName(in.loss))}, {"optimizer", "gd"}, {"max_iter", in.budget}};
  if (const auto pretrained = usablePretrained(pretrainedJson, kind, in)) {
    network.weights() = pretrained->weights;
    restoreTrainingCurve(pretrained->training, curve);
    curve.stopReason = "loaded from the session";
    curve.stopLabel = "from session";
    record = pretrained->training;
  } else {
    TrainingSettings settings;
    settings.loss = in.loss;
    settings.maxIterations = in.budget;
    settings.layerWise = in.layerWise;
    TrainingData data{in.problem.trainX, in.trainTargets, in.problem.testX, in.testTargets};
    WorkbenchTrainingObserver observer(curve, L, gate, abandoned, publish);
    const TrainingResult result = trainNetwork(network, data, settings, &observer);
    if (abandoned()) return curve;
    curve.stopReason = QString::fromStdString(stopReasonText(result.reason));
    curve.stopLabel = shortStopReason(result.reason);
    record.insert("iterations", result.iterations);
    record.insert("best_test_loss", result.bestTestLoss);
    saveTrainingCurve(curve, record);
  }
  const std::vector<LayerDiagnostics> layers =
      diagnoseNetwork(network, in.problem.trainX, in.problem.testX, in.testOptimalCost);
  describeLayers(network.weights(), layerCoupling(network.weights(), d.atoms(), L), L, curve);
  for (const LayerDiagnostics& row : layers) {
    curve.layerGap.append(row.testGap);
    curve.inverseLsQ10.append(row.inverseLsQ10);
    curve.inverseLsQ50.append(row.inverseLsQ50);
    curve.inverseLsQ90.append(row.inverseLsQ90);
  }
  NetworkFile file{network.weights(), d.signalDimension(), d.atomCount(), in.lambda, dictionaryHash(d.atoms()), record};
  curve.weightsJson = QString::fromStdString(formatNetworkJson(file));
  curve.trained = true;
  return curve;
}

}  // namespace unfold::ui
