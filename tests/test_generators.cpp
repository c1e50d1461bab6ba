// Dictionaries and signals: seeded reproducibility, unit atoms, the equiregularization set, digits.
#include "base/input_error.h"
#include "experiments/digits_dataset.h"
#include "experiments/problem_generators.h"
#include "lasso/lasso.h"

#include <QtTest>

#include "error_of.h"

using namespace unfold;

class TestGenerators : public QObject {
  Q_OBJECT
 private slots:
  void sameSeedSameProblemOtherSeedOtherProblem() {
    QCOMPARE(gaussianDictionary(8, 16, 42), gaussianDictionary(8, 16, 42));
    QVERIFY(gaussianDictionary(8, 16, 42) != gaussianDictionary(8, 16, 43));
    const Matrix D = gaussianDictionary(8, 16, 1);
    QCOMPARE(makeSignals(SignalKind::Gaussian, D, 5, 9).X, makeSignals(SignalKind::Gaussian, D, 5, 9).X);
    QCOMPARE(digitsDictionary(30, 4), digitsDictionary(30, 4));
  }

  void gaussianAtomsAreOnTheUnitSphere() {
    const Matrix D = gaussianDictionary(64, 256, 0);
    QVERIFY((D.colwise().norm().array() - 1.0).abs().maxCoeff() < 1e-14);
    // Entries look standard normal before normalisation: mean ~0, n * var ~1 per atom.
    QVERIFY(std::abs(D.mean()) < 0.01);
  }

  void signalsLieOnTheEquiregularizationSet_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("gaussian") << int(SignalKind::Gaussian);
    QTest::newRow("dz") << int(SignalKind::DictionaryCodes);
    QTest::newRow("sparse") << int(SignalKind::Sparse);
  }
  void signalsLieOnTheEquiregularizationSet() {
    QFETCH(int, kind);
    const Matrix D = gaussianDictionary(20, 40, 2);
    const SignalSet s = makeSignals(static_cast<SignalKind>(kind), D, 50, 3);
    QCOMPARE(s.X.rows(), Eigen::Index(20));
    QCOMPARE(s.X.cols(), Eigen::Index(50));
    QVERIFY((lambdaMax(D, s.X).array() - 1.0).abs().maxCoeff() < 1e-12);
  }

  void sparseSignalsCarryTheirGroundTruth() {
    const Matrix D = gaussianDictionary(30, 60, 4);
    SparseSignalSettings settings;
    settings.nonZeros = 4;
    settings.noise = 0.0;
    const SignalSet s = makeSignals(SignalKind::Sparse, D, 25, 5, settings);
    QVERIFY(s.Z0.has_value());
    for (Eigen::Index j = 0; j < 25; ++j) QCOMPARE((s.Z0->col(j).array() != 0.0).count(), Eigen::Index(4));
    QVERIFY((D * *s.Z0 - s.X).cwiseAbs().maxCoeff() < 1e-12);  // x = D z0 exactly without noise
  }

  void digitsDatasetIsTheUciSet() {
    const DigitsDataset& data = digitsDataset();
    QCOMPARE(data.images.rows(), Eigen::Index(64));
    QCOMPARE(data.images.cols(), Eigen::Index(1797));
    QCOMPARE(data.images.minCoeff(), 0.0);
    QCOMPARE(data.images.maxCoeff(), 16.0);
    QCOMPARE(data.labels.front(), 0);  // the first image is a 0, as in scikit-learn's copy
    QCOMPARE(data.images(2, 0), 5.0);
  }

  void digitsAtomsAreCentredAndUnitNormed() {
    const Matrix D = digitsDictionary(256, 0);
    QCOMPARE(D.rows(), Eigen::Index(64));
    QVERIFY(D.colwise().mean().cwiseAbs().maxCoeff() < 1e-14);
    QVERIFY((D.colwise().norm().array() - 1.0).abs().maxCoeff() < 1e-14);
    const SignalSet s = makeSignals(SignalKind::Digits, D, 3000, 1);  // more than the data set: cycles
    QCOMPARE(s.X.cols(), Eigen::Index(3000));
    QVERIFY((lambdaMax(D, s.X).array() - 1.0).abs().maxCoeff() < 1e-12);
  }

  void badSizesAreRefusedWithAMessage() {
    QVERIFY(errorOf([] { gaussianDictionary(0, 5, 0); }).contains("positive sizes"));
    QVERIFY(errorOf([] { gaussianDictionary(100000, 100000, 0); }).contains("too large"));
    QVERIFY(errorOf([] { makeDictionary(DictionaryKind::Digits, 32, 10, 0); }).contains("n must be 64"));
    QVERIFY(errorOf([] { digitsDictionary(5000, 0); }).contains("between 1 and 1797"));
  }
};

QTEST_APPLESS_MAIN(TestGenerators)
#include "test_generators.moc"
