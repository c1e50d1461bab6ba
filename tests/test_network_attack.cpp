// Adversarial signals: the networks' input-gradient and grad F*(x) = x - D z*(x) against central finite
// differences, and the attack's promises (on the set to 1e-12, the gap never falls, it grows on a trained
// network, the per-signal facts it reports).
#include "base/input_error.h"
#include "base/log_bins.h"
#include "base/random.h"
#include "experiments/experiment.h"
#include "experiments/network_attack.h"
#include "experiments/problem_generators.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "linalg/support_lipschitz.h"

#include <QtTest>

#include <numeric>

using namespace unfold;

Q_DECLARE_METATYPE(unfold::Parametrization)

namespace {

// A random point near ISTA's initialization, away from it so that every weight matters.
UnfoldedNetwork perturbedNetwork(const Dictionary& d, Parametrization kind, double lambda, int layers) {
  UnfoldedNetwork net(d, lambda, istaInitialization(kind, d.atoms(), d.lipschitz(), layers));
  Random random(19);
  Vector p = net.weights().flatten();
  p += 0.05 * p.cwiseAbs().maxCoeff() * random.normal(p.size(), 1).col(0);
  net.weights().unflatten(p);
  net.weights().project(1e-3);
  return net;
}

double maxCorrelation(const Matrix& D, const Vector& x) { return (D.transpose() * x).cwiseAbs().maxCoeff(); }

}  // namespace

class TestNetworkAttack : public QObject {
  Q_OBJECT
 private slots:
  void inputGradientMatchesFiniteDifferences_data() {
    QTest::addColumn<Parametrization>("kind");
    for (auto kind : {Parametrization::Lista, Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista})
      QTest::addRow("%s", parametrizationName(kind).c_str()) << kind;
  }
  void inputGradientMatchesFiniteDifferences() {
    QFETCH(Parametrization, kind);
    const Dictionary d(gaussianDictionary(6, 12, 3));
    const double lambda = 0.1;
    const UnfoldedNetwork net = perturbedNetwork(d, kind, lambda, 5);
    const SignalSet batch = makeSignals(SignalKind::Gaussian, d.atoms(), 7, 4);
    const UnfoldedNetwork::InputGradient g = net.lossInputGradient(LossKind::Unsupervised, batch.X, Matrix());
    const Vector costs = lassoCosts(d.atoms(), batch.X, net.forward(batch.X), lambda);
    QVERIFY((g.loss - costs).cwiseAbs().maxCoeff() <= 1e-14 * costs.cwiseAbs().maxCoeff());
    Random random(5);
    for (Eigen::Index j = 0; j < batch.X.cols(); ++j) {
      const Vector direction = random.normal(batch.X.rows(), 1).col(0);
      const double h = 1e-6;
      const auto at = [&](double s) {
        Matrix x = batch.X.col(j) + s * direction;
        return lassoCosts(d.atoms(), x, net.forward(x), lambda)(0);
      };
      const double numeric = (at(h) - at(-h)) / (2 * h);
      const double analytic = g.gradient.col(j).dot(direction);
      QVERIFY2(std::abs(numeric - analytic) <= 1e-6 * std::max(1.0, std::abs(analytic)),
               qPrintable(QString("signal %1: numeric %2 analytic %3").arg(j).arg(numeric, 0, 'g', 12).arg(analytic, 0, 'g', 12)));
    }
  }

  // The envelope theorem: F*(x) = min_z F_x(z) has gradient x - D z*(x).
  void optimalCostGradientIsTheResidual() {
    const Dictionary d(gaussianDictionary(8, 20, 11));
    const double lambda = 0.2;
    const SignalSet batch = makeSignals(SignalKind::Gaussian, d.atoms(), 5, 12);
    const ReferenceSolution reference = solveReference(d, batch.X, lambda);
    Random random(13);
    for (Eigen::Index j = 0; j < batch.X.cols(); ++j) {
      const Vector x = batch.X.col(j);
      const Vector direction = random.normal(x.size(), 1).col(0);
      const double h = 1e-5;
      const auto at = [&](double s) { return solveReference(d, Matrix(x + s * direction), lambda).optimalCost(0); };
      const double numeric = (at(h) - at(-h)) / (2 * h);
      const double analytic = (x - d.atoms() * reference.Z.col(j)).dot(direction);
      QVERIFY2(std::abs(numeric - analytic) <= 1e-6 * std::max(1.0, std::abs(analytic)),
               qPrintable(QString("signal %1: numeric %2 analytic %3").arg(j).arg(numeric, 0, 'g', 12).arg(analytic, 0, 'g', 12)));
    }
  }

  // On a trained SLISTA: every attacked signal on the set, no gap lower than before, the mean gap raised
  // many times, and the report's facts recomputed from scratch.
  void attackRaisesTheGapOnTheSet() {
    const ProblemSpec spec{.n = 10, .m = 30, .trainCount = 400, .testCount = 40, .sparse = {}};
    const ExperimentProblem problem = makeProblem(spec);
    const double lambda = 0.1;
    const ReferenceSolution testReference = solveReference(*problem.dictionary, problem.test.X, lambda);
    NetworkSettings settings;
    settings.kind = Parametrization::Slista;
    settings.layers = 8;
    settings.lambda = lambda;
    settings.training.optimizer = Optimizer::Lbfgs;
    settings.training.maxIterations = 150;
    const TrainingData data = trainingData(*problem.dictionary, problem.train, problem.test, lambda,
                                           LossKind::Unsupervised, testReference);
    const TrainedNetwork trained = trainNetwork(*problem.dictionary, data, settings);
    const UnfoldedNetwork net(*problem.dictionary, lambda, trained.file.weights);

    int calls = 0;
    AttackSettings attack;
    attack.steps = 40;
    attack.progress = [&](const AttackProgress& p) {
      ++calls;
      return p.step != calls;  // never stops; a step out of order would
    };
    const AttackResult result = attackNetwork(net, problem.test.X, attack);
    QCOMPARE(calls, 40);
    QCOMPARE(result.stepsDone, 40);
    QVERIFY(!result.stopped);
    const Matrix& D = problem.dictionary->atoms();
    const ReferenceSolution after = solveReference(*problem.dictionary, result.X, lambda);
    const Vector costs = lassoCosts(D, result.X, net.forward(result.X), lambda);
    double meanBefore = 0.0, meanAfter = 0.0;
    for (Eigen::Index j = 0; j < result.X.cols(); ++j) {
      const size_t s = static_cast<size_t>(j);
      QVERIFY(std::abs(maxCorrelation(D, result.X.col(j)) - 1.0) <= 1e-12);
      QVERIFY(result.after[s].gap >= result.before[s].gap);
      // A signal no move raised keeps its gap; one whose gap rose had a move kept.
      QCOMPARE(result.movesKept[s] == 0, result.after[s].gap == result.before[s].gap);
      QVERIFY(std::abs(result.after[s].gap - (costs(j) - after.optimalCost(j))) <= 1e-9 * costs(j));
      std::vector<int> support;
      for (Eigen::Index i = 0; i < D.cols(); ++i)
        if (after.Z(i, j) != 0.0) support.push_back(static_cast<int>(i));
      QCOMPARE(result.after[s].supportSize, static_cast<int>(support.size()));
      if (!support.empty())
        QVERIFY(std::abs(result.after[s].lsOverL - supportLipschitz(*problem.dictionary, support) / problem.dictionary->lipschitz()) <= 1e-8);
      meanBefore += result.before[s].gap;
      meanAfter += result.after[s].gap;
    }
    QVERIFY2(meanAfter >= 2.0 * meanBefore, qPrintable(QString("mean gap %1 -> %2").arg(meanBefore).arg(meanAfter)));
    // The test signals were on the set already: before, the gaps are the network's test gaps.
    const Vector testCosts = lassoCosts(D, problem.test.X, net.forward(problem.test.X), lambda);
    QVERIFY(std::abs(meanBefore / 40 - (testCosts - testReference.optimalCost).mean()) <= 1e-9 * testCosts.mean());

    const std::string csv = formatAttackReportCsv(result);
    QVERIFY(csv.starts_with("signal,gap_before,gap_after,support_before,support_after,off_support_layer_before,"));
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 41);
  }

  // The first layer off the solution's support, checked against the layer outputs on one signal.
  void offSupportLayerIsTheFirstLayerLeavingTheSupport() {
    const Dictionary d(gaussianDictionary(6, 12, 21));
    const UnfoldedNetwork net = perturbedNetwork(d, Parametrization::Slista, 0.1, 6);
    const SignalSet batch = makeSignals(SignalKind::Gaussian, d.atoms(), 20, 22);
    const ReferenceSolution reference = solveReference(d, batch.X, 0.1);
    const std::vector<SignalRobustness> assessed = assessSignals(net, batch.X, reference);
    std::vector<Matrix> layers;
    net.forward(batch.X, &layers);
    int seen = 0;
    for (Eigen::Index j = 0; j < batch.X.cols(); ++j) {
      int expected = 0;
      for (size_t t = 0; t < layers.size() && !expected; ++t)
        if ((layers[t].col(j).array() != 0.0 && reference.Z.col(j).array() == 0.0).any()) expected = static_cast<int>(t) + 1;
      QCOMPARE(assessed[static_cast<size_t>(j)].offSupportLayer, expected);
      seen += expected > 0;
    }
    QVERIFY(seen > 0);  // the check above was not vacuous
  }

  void aSignalOrthogonalToEveryAtomIsRefused() {
    Matrix D = Matrix::Zero(3, 4);
    D(0, 0) = D(0, 1) = D(1, 2) = D(1, 3) = 1.0;
    const Dictionary d(D);
    const UnfoldedNetwork net(d, 0.1, istaInitialization(Parametrization::Slista, D, d.lipschitz(), 2));
    Matrix X = Matrix::Zero(3, 1);
    X(2, 0) = 1.0;
    QVERIFY_THROWS_EXCEPTION(InputError, attackNetwork(net, X));
  }

  // A histogram's bins: every value counted once, in the bin whose edges hold it; as fine as the spread
  // asks (gaps within one decade get tenths of decades, not two half-decade bars).
  void logBinsFollowTheSpread_data() {
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<int>("perDecade");
    QTest::newRow("five decades") << 1e-7 << 1e-2 << 2;
    QTest::newRow("two decades") << 1e-4 << 1e-2 << 4;
    QTest::newRow("within a decade") << 1.5e-3 << 1.2e-2 << 10;
    QTest::newRow("under half a decade") << 2e-3 << 5.5e-3 << 20;
  }
  void logBinsFollowTheSpread() {
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(int, perDecade);
    std::vector<double> values;
    for (int j = 0; j <= 200; ++j) values.push_back(low * std::pow(high / low, j / 200.0));
    values.push_back(0.0);  // an exact solution: in the first bin
    const LogBins bins = LogBins::forSpread(values);
    QCOMPARE(bins.perDecade(), perDecade);
    QVERIFY(bins.count() >= perDecade);  // at least a decade
    const std::vector<int> counts = bins.counts(values);
    QCOMPARE(std::accumulate(counts.begin(), counts.end(), 0), int(values.size()));
    for (size_t j = 0; j + 1 < values.size(); ++j) {
      const int b = bins.binOf(values[j]);
      QVERIFY(std::log10(values[j]) >= bins.lowEdge(b) - 1e-12 && std::log10(values[j]) < bins.lowEdge(b + 1) + 1e-12);
    }
    int spanned = 0;
    for (int c : counts) spanned += c > 0;
    QVERIFY2(spanned >= 8, qPrintable(QString("%1 bins hold values").arg(spanned)));
  }
};

QTEST_GUILESS_MAIN(TestNetworkAttack)
#include "test_network_attack.moc"
