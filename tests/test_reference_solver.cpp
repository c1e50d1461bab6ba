// The reference solver: certified duality gaps, optimality conditions, agreement with a long FISTA run,
// on Gaussian and digits dictionaries and signal kinds.
#include "experiments/problem_generators.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "lasso/solver.h"
#include "linalg/dictionary.h"

#include <QtTest>

#include <algorithm>
#include <thread>
#include <vector>

using namespace unfold;

class TestReferenceSolver : public QObject {
  Q_OBJECT
 private slots:
  void certifiesTheGapOnThePaperSetting_data() {
    QTest::addColumn<QString>("dictionary");
    QTest::addColumn<QString>("signalKind");
    QTest::addColumn<double>("lambda");
    for (double lambda : {0.05, 0.1, 0.3, 0.8}) {
      QTest::addRow("gaussian lambda=%g", lambda) << "gaussian" << "gaussian" << lambda;
      QTest::addRow("dz lambda=%g", lambda) << "gaussian" << "dz" << lambda;
      QTest::addRow("digits lambda=%g", lambda) << "digits" << "digits" << lambda;
    }
  }
  void certifiesTheGapOnThePaperSetting() {
    QFETCH(QString, dictionary);
    QFETCH(QString, signalKind);
    QFETCH(double, lambda);
    const auto dictKind = *parseDictionaryKind(dictionary.toStdString());
    const Dictionary d(makeDictionary(dictKind, 64, 256, 11));
    const Matrix X = makeSignals(*parseSignalKind(signalKind.toStdString()), d.atoms(), 200, 12).X;
    const ReferenceSolution ref = solveReference(d, X, lambda);
    QCOMPARE(ref.uncertified, 0);
    QVERIFY2(ref.maxRelativeGap() <= 1e-12, qPrintable(QString::number(ref.maxRelativeGap())));
    // The certificate is recomputed independently from Z.
    const DualityGaps gaps = dualityGaps(d.atoms(), X, ref.Z, lambda);
    QVERIFY(((gaps.gap.array() - 1e-12 * ref.initialCost.array()) <= 0.0).all());
    QVERIFY(kktViolation(d.atoms(), X, ref.Z, lambda).maxCoeff() <= 1e-8);
    QVERIFY((ref.optimalCost - gaps.primal).cwiseAbs().maxCoeff() <= 1e-14);
  }

  void agreesWithALongFistaRun() {
    const Dictionary d(gaussianDictionary(20, 40, 13));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 30, 14).X;
    const ReferenceSolution ref = solveReference(d, X, 0.2);
    const Matrix Zf = runFista(d, X, 0.2, 20000, nullptr).Z;
    const Vector costF = lassoCosts(d.atoms(), X, Zf, 0.2);
    // FISTA is never below F*, and after 20,000 iterations it is within rounding of it.
    QVERIFY(((costF - ref.optimalCost).array() >= -1e-13).all());
    QVERIFY((costF - ref.optimalCost).maxCoeff() <= 1e-11);
    QVERIFY((Zf - ref.Z).cwiseAbs().maxCoeff() <= 1e-5);
  }

  void sameResultWithOneOrTwoThreads() {
    const Dictionary d(gaussianDictionary(64, 256, 15));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 300, 16).X;
    ReferenceSettings one;
    one.threads = 1;
    ReferenceSettings two;
    two.threads = 2;
    QCOMPARE(solveReference(d, X, 0.1, one).Z, solveReference(d, X, 0.1, two).Z);
  }

  // Progress reaches every signal in order on the calling thread, asked after every signal (a block of 128
  // signals at m = 1024 took seconds, which a newer request in the workbench waited for); asking to stop
  // ends the solve within a signal, marked as stopped; a reporter that never stops leaves the result as
  // without one.
  void reportsProgressAndStops() {
    const Dictionary d(gaussianDictionary(16, 32, 17));
    const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), 3000, 18).X;
    const std::thread::id caller = std::this_thread::get_id();
    std::vector<long> seen;
    bool onCaller = true;
    ReferenceSettings watched;
    watched.progress = [&](const ReferenceProgress& p) {
      seen.push_back(p.solved);
      onCaller = onCaller && std::this_thread::get_id() == caller && p.total == 3000;
      return false;
    };
    const ReferenceSolution full = solveReference(d, X, 0.2, watched);
    QVERIFY(onCaller);
    QVERIFY(!full.stopped);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()) && seen.front() >= 1 && seen.back() <= 3000);
    QVERIFY2(seen.size() > 3000 / 128 * 4, qPrintable(QString("%1 reports").arg(seen.size())));  // not one a block
    QCOMPARE(full.Z, solveReference(d, X, 0.2).Z);

    ReferenceSettings stopping;
    stopping.threads = 1;  // the calling thread alone: where it stops is then the first signal, whatever the load
    int calls = 0;
    stopping.progress = [&](const ReferenceProgress&) { return ++calls == 1; };
    const ReferenceSolution stopped = solveReference(d, X, 0.2, stopping);
    QVERIFY(stopped.stopped);
    QCOMPARE(calls, 1);
    // Stopped after the first signal of the first block: the unfinished block is not written, nothing is.
    QCOMPARE((stopped.Z.array() != 0.0).colwise().any().count(), Eigen::Index(0));
  }
};

QTEST_APPLESS_MAIN(TestReferenceSolver)
#include "test_reference_solver.moc"
