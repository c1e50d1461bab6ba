// Training: the line search only keeps decreasing steps, training beats the ISTA initialisation, runs
// are reproducible, constraints hold, and every stop condition works.
#include "experiments/problem_generators.h"
#include "linalg/dictionary.h"
#include "networks/network_diagnostics.h"
#include "networks/network_trainer.h"
#include "training_problem.h"

#include <QtTest>

#include <atomic>

using namespace unfold;
using unfold::testing::Problem;
using unfold::testing::Recorder;
using unfold::testing::NetworkTrainedOnProblem;

namespace {

// Asks a training run to stop after three steps, or in the middle of the first pass (the sixth poll).
enum class StopRequest { None, AfterThreeSteps, MidPass };
struct StopMidPass : TrainingObserver {
  std::atomic<int> polls = 0;
  bool onIteration(const TrainingProgress&) override { return false; }
  bool stopRequested() override { return ++polls >= 6; }
};

}  // namespace

Q_DECLARE_METATYPE(unfold::Parametrization)
Q_DECLARE_METATYPE(unfold::TrainingSettings)
Q_DECLARE_METATYPE(unfold::StopReason)
Q_DECLARE_METATYPE(StopRequest)

class TestTraining : public QObject {
  Q_OBJECT
 private slots:
  void lineSearchKeepsOnlyDecreasingSteps() {
    const Problem p;
    const NetworkTrainedOnProblem slista(p, Parametrization::Slista, 10, {.maxIterations = 60});
    const std::vector<double>& train = slista.steps.train;
    const TrainingResult& r = slista.result;
    QVERIFY(train.size() >= 30);
    for (size_t i = 1; i < train.size(); ++i) QVERIFY(train[i] < train[i - 1]);
    QVERIFY2(r.bestTestLoss < 0.99 * r.initialTestLoss, qPrintable(QString("%1 -> %2").arg(r.initialTestLoss).arg(r.bestTestLoss)));
    // The network is left with the best weights.
    QCOMPARE(slista.net.loss(LossKind::Unsupervised, p.data.testX, Matrix()), r.bestTestLoss);
  }

  void everyParametrizationLearnsSomething_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("optimizer");
    for (auto kind : {Parametrization::Lista, Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista})
      for (auto optimizer : {Optimizer::GradientDescent, Optimizer::Adam, Optimizer::Lbfgs})
        QTest::addRow("%s %s", parametrizationName(kind).c_str(), optimizerName(optimizer).c_str()) << int(kind) << int(optimizer);
  }
  void everyParametrizationLearnsSomething() {
    QFETCH(int, kind);
    QFETCH(int, optimizer);
    const Problem p;
    UnfoldedNetwork net = p.network(static_cast<Parametrization>(kind), 5);
    TrainingSettings s;
    s.optimizer = static_cast<Optimizer>(optimizer);
    s.maxIterations = s.optimizer == Optimizer::Adam ? 300 : 40;
    s.batchSize = 50;
    const TrainingResult r = trainNetwork(net, p.data, s);
    QVERIFY2(r.bestTestLoss < r.initialTestLoss, qPrintable(QString("%1 -> %2").arg(r.initialTestLoss).arg(r.bestTestLoss)));
  }

  // Quasi-Newton steps on a smooth loss: for the same number of steps, L-BFGS gets further than GD, and
  // every step it reports lowered the training loss.
  void lbfgsGetsFurtherThanGradientDescentInAsManySteps() {
    const Problem p;
    const auto train = [&](Optimizer optimizer, Recorder* recorder) {
      UnfoldedNetwork net = p.network(Parametrization::Slista, 10);
      return trainNetwork(net, p.data, {.optimizer = optimizer, .maxIterations = 50, .patience = 0}, recorder);
    };
    Recorder rec;
    const TrainingResult lbfgs = train(Optimizer::Lbfgs, &rec), gd = train(Optimizer::GradientDescent, nullptr);
    QCOMPARE(lbfgs.iterations, 50);
    QCOMPARE(int(rec.train.size()), 50);
    for (size_t i = 1; i < rec.train.size(); ++i) QVERIFY(rec.train[i] < rec.train[i - 1]);
    QVERIFY2(lbfgs.bestTestLoss < gd.bestTestLoss,
             qPrintable(QString("L-BFGS %1, GD %2 (initial %3)").arg(lbfgs.bestTestLoss).arg(gd.bestTestLoss).arg(gd.initialTestLoss)));
  }

  // Adam tests once an epoch; until its first test the progress reports the starting test loss, never a
  // placeholder (a 0 there would read as a perfect network on the training plot and in the bench's race).
  void adamReportsTheStartingTestLossBeforeItsFirstTest() {
    const Problem p;
    const NetworkTrainedOnProblem adam(p, Parametrization::Slista, 5, {.optimizer = Optimizer::Adam, .maxIterations = 20, .batchSize = 32});
    const std::vector<double>& test = adam.steps.test;
    QCOMPARE(test.size(), size_t(20));
    for (int step = 0; step < 8; ++step) QCOMPARE(test[size_t(step)], adam.result.initialTestLoss);  // an epoch is 300 / 32 = 9 steps
    QVERIFY(test[8] != adam.result.initialTestLoss);
  }

  // The bounds L-BFGS-B keeps: the minimum step for a step, 0 for a threshold, none for a weight.
  void lowerBoundsAreTheConstraints() {
    const Problem p;
    const double inf = std::numeric_limits<double>::infinity();
    for (auto kind : {Parametrization::Lista, Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista}) {
      NetworkWeights bounds = istaInitialization(kind, p.dictionary.atoms(), p.dictionary.lipschitz(), 2);
      bounds.unflatten(bounds.lowerBounds(1e-3));
      for (const LayerWeights& layer : bounds.layers) {
        if (kind == Parametrization::Alista || kind == Parametrization::Slista) QCOMPARE(layer.step, 1e-3);
        if (layer.theta.size()) QVERIFY(layer.theta.isZero(0.0));
        for (const Matrix* weights : {&layer.W, &layer.Wz, &layer.Wx})
          if (weights->size()) QVERIFY((weights->array() == -inf).all());
      }
    }
  }

  // An error of the observer's (a checkpoint that cannot be written) leaves L-BFGS as it leaves GD: thrown,
  // not taken for a failed line search.
  void lbfgsPassesOnTheObserversErrors() {
    const Problem p;
    struct Failing : TrainingObserver {
      bool onIteration(const TrainingProgress&) override { throw std::runtime_error("disk full"); }
    } failing;
    for (auto optimizer : {Optimizer::GradientDescent, Optimizer::Lbfgs}) {
      UnfoldedNetwork net = p.network(Parametrization::Slista, 4);
      QVERIFY_THROWS_EXCEPTION(std::runtime_error, trainNetwork(net, p.data, {.optimizer = optimizer, .maxIterations = 10}, &failing));
    }
  }

  void couplingIsReportedWhileListaCpTrains() {
    const Problem p;
    const NetworkTrainedOnProblem listaCp(p, Parametrization::ListaCp, 3, {.maxIterations = 10});
    QCOMPARE(listaCp.steps.firstLayerCoupling.size(), listaCp.steps.train.size());
    QVERIFY(listaCp.steps.firstLayerCoupling.back() > 0.0);  // training moved W away from D diag(theta)
  }

  // The control for Fig. 5: an ISTA layer (coupled, distance 0) moved `offset` away lands exactly there,
  // and the trainer moves every layer before its first test.
  void couplingOffsetStartsEveryLayerThatFarFromCoupling() {
    const Problem p;
    const Matrix& D = p.dictionary.atoms();
    const double L = p.dictionary.lipschitz();
    NetworkWeights w = istaInitialization(Parametrization::ListaCp, D, L, 3);
    for (const LayerCoupling& c : layerCoupling(w, D, L)) QCOMPARE(c.distance, 0.0);
    for (size_t t = 0; t < 3; ++t) moveAwayFromCoupling(w.layers[t], D, 0.5, 100 + t);
    for (const LayerCoupling& c : layerCoupling(w, D, L)) QVERIFY2(std::abs(c.distance - 0.5) <= 1e-12, qPrintable(QString::number(c.distance, 'g', 17)));
    QVERIFY(w.layers[0].W != w.layers[1].W);  // each layer its own direction
    NetworkWeights slista = istaInitialization(Parametrization::Slista, D, L, 1);
    const Vector before = slista.flatten();
    moveAwayFromCoupling(slista.layers[0], D, 0.5, 1);
    QCOMPARE(slista.flatten(), before);  // no W: nothing to move

    const TrainingSettings s{.maxIterations = 1, .seed = 4, .couplingOffset = 0.5};
    UnfoldedNetwork net = p.network(Parametrization::ListaCp, 3);
    const TrainingResult r = trainNetwork(net, p.data, s);
    NetworkWeights moved = istaInitialization(Parametrization::ListaCp, D, L, 3);
    for (size_t t = 0; t < 3; ++t) moveAwayFromCoupling(moved.layers[t], D, 0.5, 4 + t + 1);
    const UnfoldedNetwork start(p.dictionary, 0.2, moved), ista = p.network(Parametrization::ListaCp, 3);
    QCOMPARE(r.initialTestLoss, start.loss(LossKind::Unsupervised, p.data.testX, {}));
    QVERIFY(r.initialTestLoss > ista.loss(LossKind::Unsupervised, p.data.testX, {}));  // away from a good start
  }

  void sameSeedSameBitsOtherSeedOtherBits() {
    const Problem p;
    const TrainingSettings s{.optimizer = Optimizer::Adam, .maxIterations = 50, .batchSize = 32};
    const auto train = [&](std::uint64_t seed) {
      UnfoldedNetwork net = p.network(Parametrization::ListaCp, 4);
      TrainingSettings with = s;
      with.seed = seed;
      return trainNetwork(net, p.data, with).weights.flatten();
    };
    QCOMPARE(train(7), train(7));
    QVERIFY(train(7) != train(8));
    const TrainingSettings gd{.maxIterations = 20};
    UnfoldedNetwork a = p.network(Parametrization::Slista, 6), b = p.network(Parametrization::Slista, 6);
    QCOMPARE(trainNetwork(a, p.data, gd).weights.flatten(), trainNetwork(b, p.data, gd).weights.flatten());
  }

  void stepsStayPositiveAndThresholdsNonNegative() {
    const Problem p;
    for (auto kind : {Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista})
      for (auto optimizer : {Optimizer::Adam, Optimizer::Lbfgs}) {
        UnfoldedNetwork net = p.network(kind, 4);
        // Wild steps (Adam at learning rate 10; L-BFGS, which has no rate, from its own line searches): the
        // constraints must hold.
        const TrainingSettings s{.optimizer = optimizer, .maxIterations = 30, .learningRate = 10.0, .patience = 0};
        const TrainingResult r = trainNetwork(net, p.data, s);
        for (const LayerWeights& layer : r.weights.layers) {
          if (layer.theta.size()) QVERIFY(layer.theta.minCoeff() >= 0.0);
          if (kind != Parametrization::ListaCp) QVERIFY(layer.step > 0.0);
        }
        QVERIFY(r.bestTestLoss <= r.initialTestLoss);  // the best weights, never worse than the start
      }
  }

  void divergenceIsDetectedAndTheBestWeightsKept() {
    Problem p;
    p.data.trainX *= 1e200;  // finite inputs whose loss overflows to Inf
    for (auto optimizer : {Optimizer::GradientDescent, Optimizer::Lbfgs}) {
      UnfoldedNetwork net = p.network(Parametrization::Slista, 3);
      const Vector before = net.weights().flatten();
      const TrainingResult r = trainNetwork(net, p.data, {.optimizer = optimizer, .maxIterations = 10});
      QCOMPARE(r.reason, StopReason::Diverged);
      QCOMPARE(r.weights.flatten(), before);
      QVERIFY(QString::fromStdString(stopReasonText(r.reason)).contains("kept the best weights"));
    }
  }

  void everyStopReasonHasASentenceAndAShortLabel_data() {
    QTest::addColumn<StopReason>("reason");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("label");
    QTest::newRow("budget") << StopReason::MaxIterations << "reached the maximum number of iterations" << "budget used";
    QTest::newRow("time") << StopReason::TimeLimit << "reached the time limit" << "time limit";
    QTest::newRow("stagnation") << StopReason::Stagnation << "the test loss stopped improving" << "stopped improving";
    QTest::newRow("cancelled") << StopReason::Cancelled << "cancelled" << "stopped";
    QTest::newRow("diverged") << StopReason::Diverged << "diverged (NaN or Inf); kept the best weights" << "diverged";
    QTest::newRow("line search") << StopReason::LineSearchFailed
                                 << "the line search could not decrease the loss (converged to rounding)" << "converged";
  }

  // The sentence goes to the CLI and the status bar, the label to the training plot's legend.
  void everyStopReasonHasASentenceAndAShortLabel() {
    QFETCH(StopReason, reason);
    QFETCH(QString, text);
    QFETCH(QString, label);
    QCOMPARE(QString::fromStdString(stopReasonText(reason)), text);
    QCOMPARE(QString::fromStdString(stopReasonLabel(reason)), label);
    QVERIFY(label.count(' ') <= 1);  // two words at most
    QCOMPARE(parseStopReasonText(text.toStdString()), std::optional<StopReason>(reason));  // from a file's record
  }

  void stopConditions_data() {
    QTest::addColumn<Parametrization>("network");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<TrainingSettings>("settings");
    QTest::addColumn<StopRequest>("request");
    QTest::addColumn<StopReason>("reason");
    QTest::addColumn<int>("fewestIterations");
    QTest::addColumn<int>("mostIterations");
    TrainingSettings cancelled;
    cancelled.maxIterations = 1000;
    // Stops at the first check after the request.
    QTest::newRow("cancelled after 3 steps") << Parametrization::Slista << 0.2 << cancelled << StopRequest::AfterThreeSteps
                                             << StopReason::Cancelled << 3 << 3;
    // A stop that arrives in the middle of a pass is seen between two layers: the pass is abandoned.
    QTest::newRow("cancelled mid-pass") << Parametrization::Lista << 0.2 << TrainingSettings() << StopRequest::MidPass
                                        << StopReason::Cancelled << 0 << 0;
    TrainingSettings timed;
    timed.maxIterations = 100000000;
    timed.timeLimitSeconds = 0.2;
    timed.patience = 0;
    QTest::newRow("time limit") << Parametrization::Slista << 0.2 << timed << StopRequest::None << StopReason::TimeLimit
                                << 0 << timed.maxIterations - 1;
    TrainingSettings stagnant;
    stagnant.optimizer = Optimizer::Adam;
    stagnant.learningRate = 1e-15;  // no measurable progress
    stagnant.patience = 3;
    stagnant.batchSize = 300;
    stagnant.maxIterations = 1000;
    QTest::newRow("stagnation") << Parametrization::Slista << 0.2 << stagnant << StopRequest::None << StopReason::Stagnation
                                << 1 << 9;
    // lambda above lambda_max = 1: every output is 0, no step can lower the loss, and the line search
    // must give up at once instead of halving forever.
    TrainingSettings hundred;
    hundred.maxIterations = 100;
    QTest::newRow("line search cannot decrease") << Parametrization::Slista << 1.5 << hundred << StopRequest::None
                                                 << StopReason::LineSearchFailed << 0 << 0;
    TrainingSettings seven;
    seven.maxIterations = 7;
    QTest::newRow("budget used") << Parametrization::Slista << 0.2 << seven << StopRequest::None << StopReason::MaxIterations
                                 << 7 << 7;
    // L-BFGS stops the same ways.
    const auto lbfgs = [](TrainingSettings settings) {
      settings.optimizer = Optimizer::Lbfgs;
      return settings;
    };
    QTest::newRow("lbfgs cancelled after 3 steps") << Parametrization::Slista << 0.2 << lbfgs(cancelled)
                                                   << StopRequest::AfterThreeSteps << StopReason::Cancelled << 3 << 3;
    QTest::newRow("lbfgs cancelled mid-pass") << Parametrization::Lista << 0.2 << lbfgs(TrainingSettings())
                                              << StopRequest::MidPass << StopReason::Cancelled << 0 << 0;
    // (LISTA: SLISTA's 5 steps converge in well under 0.2 s.)
    QTest::newRow("lbfgs time limit") << Parametrization::Lista << 0.2 << lbfgs(timed) << StopRequest::None
                                      << StopReason::TimeLimit << 0 << timed.maxIterations - 1;
    TrainingSettings patient = lbfgs(hundred);
    patient.patience = 1;  // the first step that does not improve the test loss ends it
    patient.maxIterations = 100000;
    QTest::newRow("lbfgs stagnation") << Parametrization::Lista << 0.2 << patient << StopRequest::None
                                      << StopReason::Stagnation << 1 << 99999;
    QTest::newRow("lbfgs nothing to decrease") << Parametrization::Slista << 1.5 << lbfgs(hundred) << StopRequest::None
                                               << StopReason::LineSearchFailed << 0 << 0;
    QTest::newRow("lbfgs budget used") << Parametrization::Slista << 0.2 << lbfgs(seven) << StopRequest::None
                                       << StopReason::MaxIterations << 7 << 7;
  }

  void stopConditions() {
    QFETCH(Parametrization, network);
    QFETCH(double, lambda);
    QFETCH(TrainingSettings, settings);
    QFETCH(StopRequest, request);
    QFETCH(StopReason, reason);
    QFETCH(int, fewestIterations);
    QFETCH(int, mostIterations);
    const Problem p;
    UnfoldedNetwork net = p.network(network, network == Parametrization::Lista ? 10 : 5, lambda);
    const Vector before = net.weights().flatten();
    Recorder afterThree;
    afterThree.stopAfter = 3;
    StopMidPass midPass;
    TrainingObserver* observer = request == StopRequest::AfterThreeSteps ? static_cast<TrainingObserver*>(&afterThree)
                                 : request == StopRequest::MidPass        ? &midPass
                                                                          : nullptr;
    const TrainingResult r = trainNetwork(net, p.data, settings, observer);
    QCOMPARE(r.reason, reason);
    QVERIFY2(r.iterations >= fewestIterations && r.iterations <= mostIterations, qPrintable(QString::number(r.iterations)));
    if (request == StopRequest::MidPass) {
      QVERIFY(midPass.polls < 20);  // not a whole pass (10 layers forward, 10 backward, per thread)
      QCOMPARE(net.weights().flatten(), before);
    }
  }
};

QTEST_APPLESS_MAIN(TestTraining)
#include "test_training.moc"
