// The exact solution F* in the workbench: computed once for a problem and λ, and reused by Reset,
// Restart and a change of the solvers' iterations (F* of 1000 signals took seconds each time, half a
// minute at a large size); another λ computes it again. The gaps are the same, to the last bit.
#include "window_runs.h"

#include <QtTest>

using namespace unfold;
using namespace unfold::ui;

class TestExactSolution : public QObject {
  Q_OBJECT

 private slots:
  void theSameProblemReusesItsExactSolution() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ExperimentSettings settings = sizedProblem(64, 256, 1000, 20);  // F*: a second or two
    settings.lambda = 0.1;
    QVERIFY(runSettings(w, settings));
    const QVector<double> first = w.shownSnapshot().curves.value(0).gapMean;
    QVERIFY(!first.isEmpty());
    // Whether a snapshot drawn of the latest run counted F* under way.
    bool computed = false;
    connect(&w, &MainWindow::redrawn, this, [&] {
      const ConvergenceSnapshot& s = w.shownSnapshot();
      if (s.generation == w.latestGeneration() && s.phase == RunPhase::Preparing && s.referenceSolved < s.testSignals) computed = true;
    });
    w.reset();  // at t = 0, ready to step
    QTRY_VERIFY(w.shownSnapshot().generation == w.latestGeneration() && !w.shownSnapshot().curves.isEmpty());
    QVERIFY(!computed);
    QVERIFY(runToCompletion(w));  // Start, to the end
    QVERIFY(!computed);
    QCOMPARE(w.shownSnapshot().curves.value(0).gapMean, first);
    settings.iterations = 30;
    QVERIFY(runSettings(w, settings));
    QVERIFY(!computed);
    QCOMPARE(w.shownSnapshot().curves.value(0).gapMean.mid(0, first.size()), first);
    settings.lambda = 0.05;  // another problem: F* again (seconds: its progress is drawn)
    QVERIFY(runSettings(w, settings));
    QVERIFY(computed);
  }
};

QTEST_MAIN(TestExactSolution)
#include "test_exact_solution.moc"
