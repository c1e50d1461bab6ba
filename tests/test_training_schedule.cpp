// Training over depth and when it ends on its own: layer-wise growth, a deeper network started from a
// trained shallower one (the Fig. 6 protocol's chain), and the stall rule on the test gap.
#include "experiments/experiment.h"
#include "lasso/reference_solver.h"
#include "training_problem.h"

#include <QtTest>

#include <stdexcept>

using namespace unfold;
using unfold::testing::Problem;
using unfold::testing::NetworkTrainedOnProblem;

Q_DECLARE_METATYPE(unfold::StopReason)

class TestTrainingSchedule : public QObject {
  Q_OBJECT
 private slots:
  void layerWiseGrowsTheNetworkToFullDepth() {
    const Problem p;
    const NetworkTrainedOnProblem layerWise(p, Parametrization::Slista, 4, {.maxIterations = 40, .layerWise = true, .patience = 0});
    QCOMPARE(layerWise.result.weights.layerCount(), 4);
    QCOMPARE(layerWise.net.layerCount(), 4);
    const std::vector<int>& depths = layerWise.steps.layers;
    QCOMPARE(depths.front(), 1);
    QCOMPARE(depths.back(), 4);
    QVERIFY(std::is_sorted(depths.begin(), depths.end()));
    QCOMPARE(layerWise.result.iterations, 40);  // the budget shared: 10 steps a layer
  }

  // A budget under the depth is one step a layer: the last layer took the whole budget after one step for
  // each of the others (10 steps for a budget of 4 and 7 layers).
  void aLayerWiseBudgetUnderTheDepthIsOneStepALayer() {
    const Problem p;
    const NetworkTrainedOnProblem layerWise(p, Parametrization::Slista, 7, {.maxIterations = 4, .layerWise = true, .patience = 0});
    QCOMPARE(layerWise.result.weights.layerCount(), 7);
    QCOMPARE(layerWise.result.iterations, 7);
  }

  // Depth T starts from a trained shallower network: its layers as they are, then each new layer a copy of
  // the last one if that lowers the training loss without raising the test loss, else an ISTA step.
  void aDeeperNetworkStartsFromTheTrainedShallowerOne() {
    const Problem p;
    UnfoldedNetwork shallow = p.network(Parametrization::ListaCp, 2);
    trainNetwork(shallow, p.data, {.maxIterations = 30, .patience = 0});
    const NetworkSettings settings{Parametrization::ListaCp, 4, 0.2, {}};
    const NetworkWeights start = deeperStart(p.dictionary, p.data, settings, shallow.weights());
    QCOMPARE(start.layerCount(), 4);
    const auto flat = [](const NetworkWeights& w, int from, int count) {
      NetworkWeights part{w.kind, {w.layers.begin() + from, w.layers.begin() + from + count}};
      return part.flatten();
    };
    QCOMPARE(flat(start, 0, 2), flat(shallow.weights(), 0, 2));
    const NetworkWeights ista = istaInitialization(Parametrization::ListaCp, p.dictionary.atoms(), p.dictionary.lipschitz(), 4);
    const auto loss = [&](NetworkWeights w, const Matrix& X) {
      return UnfoldedNetwork(p.dictionary, 0.2, std::move(w)).loss(LossKind::Unsupervised, X, Matrix());
    };
    bool sawCopy = false;
    for (int t = 2; t < 4; ++t) {
      NetworkWeights prefix{start.kind, {start.layers.begin(), start.layers.begin() + t}}, copy = prefix, fresh = prefix;
      copy.layers.push_back(start.layers[size_t(t - 1)]);
      fresh.layers.push_back(ista.layers[size_t(t)]);
      const bool isCopy = flat(start, t, 1) == flat(copy, t, 1);
      QVERIFY(isCopy || flat(start, t, 1) == flat(fresh, t, 1));
      const bool copyIsBetter = loss(copy, p.data.trainX) < loss(fresh, p.data.trainX) && loss(copy, p.data.testX) <= loss(fresh, p.data.testX);
      QCOMPARE(isCopy, copyIsBetter);
      sawCopy |= isCopy;
    }
    QVERIFY(sawCopy);
    // A deeper start is never worse on the test signals than the trained shallower network.
    QVERIFY(loss(start, p.data.testX) <= loss(shallow.weights(), p.data.testX));  // a trained layer applied again beats ISTA's step here
    NetworkSettings shallower = settings;
    shallower.layers = 1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, deeperStart(p.dictionary, p.data, shallower, shallow.weights()));
  }

  // The stall rule: training ends at the first test evaluation where the best test loss's excess over the
  // floor (F*, so the excess is the test gap) fell by at most the fraction over the window, and not before.
  void stallRuleEndsTrainingWhenTheGapStopsFalling() {
    const Problem p;
    const double floor = solveReference(p.dictionary, p.data.testX, 0.2).optimalCost.mean();
    const int window = 5;
    const double progress = 0.05;
    const NetworkTrainedOnProblem slista(
        p, Parametrization::Slista, 5,
        {.maxIterations = 3000, .patience = 0, .stallWindow = window, .stallProgress = progress, .testLossFloor = floor});
    const TrainingResult& r = slista.result;
    const std::vector<double>& test = slista.steps.test;
    QCOMPARE(r.reason, StopReason::Stagnation);
    QVERIFY2(test.size() > size_t(window) && test.size() < 3000, qPrintable(QString::number(test.size())));
    std::vector<double> excess;  // the best test loss's excess after each step (GD tests every step)
    double best = r.initialTestLoss;
    for (const double t : test) excess.push_back((best = std::min(best, t)) - floor);
    const auto stalls = [&](size_t k) { return excess[k - window] - excess[k] <= progress * excess[k]; };
    for (size_t k = window; k + 1 < excess.size(); ++k) QVERIFY2(!stalls(k), qPrintable(QString("step %1").arg(k + 1)));
    QVERIFY(stalls(excess.size() - 1));
    QCOMPARE(r.bestTestLoss, best);
    QVERIFY(excess.back() > 0 && excess.back() < 0.9 * (r.initialTestLoss - floor));  // it did learn first
  }
};

QTEST_MAIN(TestTrainingSchedule)
#include "test_training_schedule.moc"
