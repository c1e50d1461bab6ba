// Unfolded networks: ISTA initialisation, ALISTA's analytic weights, and the hand-written gradients of
// every parametrization and loss against central finite differences.
#include "base/random.h"
#include "experiments/problem_generators.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "lasso/solver.h"
#include "linalg/dictionary.h"
#include "networks/alista_weights.h"
#include "networks/unfolded_network.h"

#include <QtTest>

using namespace unfold;

Q_DECLARE_METATYPE(unfold::Parametrization)
Q_DECLARE_METATYPE(unfold::LossKind)

class TestNetworks : public QObject {
  Q_OBJECT
 private slots:
  void untrainedNetworkIsIsta_data() {
    QTest::addColumn<Parametrization>("kind");
    QTest::newRow("lista") << Parametrization::Lista;
    QTest::newRow("lista-cp") << Parametrization::ListaCp;
    QTest::newRow("slista") << Parametrization::Slista;
  }
  void untrainedNetworkIsIsta() {
    QFETCH(Parametrization, kind);
    const Dictionary d(gaussianDictionary(16, 40, 1));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 300, 2).X;  // two threads' worth
    for (int T : {1, 5, 20}) {
      const UnfoldedNetwork net(d, 0.2, istaInitialization(kind, d.atoms(), d.lipschitz(), T));
      const Matrix ista = runIsta(d, X, 0.2, T, nullptr).Z;
      QVERIFY2((net.forward(X) - ista).cwiseAbs().maxCoeff() <= 1e-12, qPrintable(QString("T=%1").arg(T)));
    }
  }

  void layerOutputsAreTheIntermediateIterates() {
    const Dictionary d(gaussianDictionary(10, 20, 3));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 7, 4).X;
    const UnfoldedNetwork net(d, 0.2, istaInitialization(Parametrization::Slista, d.atoms(), d.lipschitz(), 6));
    std::vector<Matrix> outputs;
    const Matrix Z = net.forward(X, &outputs);
    QCOMPARE(outputs.size(), size_t(6));
    QCOMPARE(outputs.back(), Z);
    QVERIFY((outputs[2] - runIsta(d, X, 0.2, 3, nullptr).Z).cwiseAbs().maxCoeff() <= 1e-12);
  }

  void alistaWeightsSatisfyConstraintAndOptimality() {
    const Matrix D = gaussianDictionary(12, 30, 5);
    const Matrix W = alistaWeights(D);
    const Matrix M = D * D.transpose();
    for (Eigen::Index i = 0; i < D.cols(); ++i) {
      QVERIFY(std::abs(W.col(i).dot(D.col(i)) - 1.0) < 1e-12);
      // Stationarity of min w^T M w s.t. d_i^T w = 1: M w_i is parallel to d_i.
      const Vector Mw = M * W.col(i);
      const double mu = Mw.dot(D.col(i)) / D.col(i).squaredNorm();
      QVERIFY((Mw - mu * D.col(i)).norm() <= 1e-10 * Mw.norm());
    }
    // Feasible perturbations never do better on sum_{j != i} (w^T d_j)^2.
    Random random(6);
    const auto coherence = [&](const Vector& w, Eigen::Index i) {
      const Vector c = D.transpose() * w;
      return c.squaredNorm() - c(i) * c(i);
    };
    for (int trial = 0; trial < 20; ++trial) {
      Vector p = random.normal(12, 1).col(0);
      p -= p.dot(D.col(3)) / D.col(3).squaredNorm() * D.col(3);  // keeps d_3^T w = 1
      QVERIFY(coherence(W.col(3) + 1e-2 * p, 3) >= coherence(W.col(3), 3));
    }
  }

  // The reason the app gives when ALISTA collapses (collapseReason): an ISTA step keeps the Lasso solution
  // fixed, and a layer with ALISTA's W in place of D does not (Lemma 4.3), at any step. In the paper's
  // Fig. 6 setting, 0.8 lambda_max, where the workbench's networks preset sees ALISTA collapse.
  void alistaLayersMoveTheLassoSolution() {
    const Dictionary d(gaussianDictionary(64, 256, 0));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 20, 1).X;
    const double lambda = 0.8;
    const ReferenceSolution solution = solveReference(d, X, lambda);
    QVERIFY(solution.gap.maxCoeff() <= 1e-12);
    const Matrix& Z = solution.Z;
    const Matrix residual = d.atoms() * Z - X;
    const auto layer = [&](const Matrix& W, double step) {
      Matrix out = Z - step * W.transpose() * residual;
      softThresholdInPlace(out, lambda * step);
      return out;
    };
    const Matrix W = alistaWeights(d.atoms());
    for (const double stepTimesL : {0.01, 0.1, 1.0}) {
      const double step = stepTimesL / d.lipschitz();
      QVERIFY2((layer(d.atoms(), step) - Z).norm() <= 1e-6 * Z.norm(), "an ISTA step keeps z* fixed");
      QVERIFY2((layer(W, step) - Z).norm() >= 0.1 * stepTimesL * Z.norm(), qPrintable(QString::number((layer(W, step) - Z).norm() / Z.norm())));
    }
  }

  void gradientsMatchFiniteDifferences_data() {
    QTest::addColumn<Parametrization>("kind");
    QTest::addColumn<LossKind>("loss");
    for (auto kind : {Parametrization::Lista, Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista})
      for (auto loss : {LossKind::Unsupervised, LossKind::SemiSupervised, LossKind::Supervised})
        QTest::addRow("%s %s", parametrizationName(kind).c_str(), lossKindName(loss).c_str()) << kind << loss;
  }
  void gradientsMatchFiniteDifferences() {
    QFETCH(Parametrization, kind);
    QFETCH(LossKind, loss);
    const Dictionary d(gaussianDictionary(6, 10, 7));
    SparseSignalSettings sparse;
    sparse.nonZeros = 2;
    const SignalSet batch = makeSignals(SignalKind::Sparse, d.atoms(), 9, 8, sparse);
    const double lambda = 0.1;
    Matrix targets;
    if (loss == LossKind::SemiSupervised) targets = solveReference(d, batch.X, lambda).Z;
    if (loss == LossKind::Supervised) targets = *batch.Z0;
    // A random point near the ISTA initialisation, away from it so that every weight matters.
    UnfoldedNetwork net(d, lambda, istaInitialization(kind, d.atoms(), d.lipschitz(), 4));
    Random random(9);
    Vector p = net.weights().flatten();
    p += 0.05 * p.cwiseAbs().maxCoeff() * random.normal(p.size(), 1).col(0);
    net.weights().unflatten(p);
    net.weights().project(1e-3);
    p = net.weights().flatten();
    NetworkWeights gradient;
    net.loss(loss, batch.X, targets, &gradient);
    const Vector g = gradient.flatten();
    // Directional derivatives along random directions, one per parameter block and one overall.
    const NetworkWeights blocks = net.weights();
    const Eigen::Index count = p.size();
    for (int trial = 0; trial < 6; ++trial) {
      Vector direction = random.normal(count, 1).col(0);
      if (trial < 5) {  // restrict to one block: W_z, W_x, W, theta or the step of a random layer
        NetworkWeights mask = blocks.zerosLike();
        LayerWeights& layer = mask.layers[static_cast<size_t>(trial % mask.layerCount())];
        switch (trial % 3) {
          case 0: if (layer.Wz.size()) layer.Wz.setOnes(); else if (layer.W.size()) layer.W.setOnes(); else layer.step = 1; break;
          case 1: if (layer.Wx.size()) layer.Wx.setOnes(); else if (layer.theta.size()) layer.theta.setOnes(); else layer.step = 1; break;
          default: if (layer.theta.size()) layer.theta.setOnes(); else layer.step = 1; break;
        }
        direction = direction.cwiseProduct(mask.flatten());
      }
      const double h = 1e-6 * std::max(1.0, p.cwiseAbs().maxCoeff());
      const auto at = [&](double s) {
        UnfoldedNetwork moved = net;
        moved.weights().unflatten(p + s * direction);
        return moved.loss(loss, batch.X, targets);
      };
      const double numeric = (at(h) - at(-h)) / (2 * h);
      const double analytic = g.dot(direction);
      QVERIFY2(std::abs(numeric - analytic) <= 1e-6 * std::max(std::abs(analytic), 1e-3 * g.norm() * direction.norm()),
               qPrintable(QString("trial %1: numeric %2 analytic %3").arg(trial).arg(numeric, 0, 'g', 12).arg(analytic, 0, 'g', 12)));
    }
  }

  void flattenRoundTripsAndProjectKeepsConstraints() {
    const Dictionary d(gaussianDictionary(6, 10, 10));
    for (auto kind : {Parametrization::Lista, Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista}) {
      NetworkWeights w = istaInitialization(kind, d.atoms(), d.lipschitz(), 3);
      const Vector p = w.flatten();
      NetworkWeights copy = w.zerosLike();
      copy.unflatten(p);
      QCOMPARE(copy.flatten(), p);
      Vector negative = -p;
      w.unflatten(negative);
      w.project(1e-6);
      for (const LayerWeights& layer : w.layers) {
        if (layer.theta.size()) QVERIFY(layer.theta.minCoeff() >= 0.0);
        if (kind == Parametrization::Alista || kind == Parametrization::Slista) QVERIFY(layer.step >= 1e-6);
      }
    }
    QCOMPARE(istaInitialization(Parametrization::Slista, d.atoms(), 2.0, 5).parameterCount(), Eigen::Index(5));
    QCOMPARE(istaInitialization(Parametrization::ListaCp, d.atoms(), 2.0, 2).parameterCount(), Eigen::Index(2 * (60 + 10)));
  }
};

QTEST_APPLESS_MAIN(TestNetworks)
#include "test_networks.moc"
