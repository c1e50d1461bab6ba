// What the status bar says, from a snapshot and the window's run controls (describeRun): where the run is
// first, the statistic the cost plot shows, rounding said as rounding, the running seconds, and why a
// trained network collapsed.
#include "run/run_status.h"
#include "window/status_line.h"

#include <QApplication>

#include <QtTest>

#include <cmath>

using namespace unfold;
using namespace unfold::ui;

namespace {

// A run the window has going for a second.
struct Going {
  bool paused = false, median = false;
  double seconds = 1.0;
};
RunControls running(Going going = {}) {
  RunControls controls;
  controls.running = true;
  controls.paused = going.paused;
  controls.median = going.median;
  controls.elapsedSeconds = going.seconds;
  return controls;
}

}  // namespace

class TestRunStatus : public QObject {
  Q_OBJECT
 private slots:
  // While F* is computed a pause (or Reset) leaves it going: the status counts its signals, without the
  // run's seconds (its clock stands), and says what comes next, as the toolbar's Start does.
  void aPauseWhileFStarIsComputedSaysWhatComesNext() {
    ConvergenceSnapshot s;
    s.generation = 1;
    s.phase = RunPhase::Preparing;
    s.testSignals = 1000;
    s.referenceSolved = 820;
    QCOMPARE(describeRun(s, true, running({.paused = true, .seconds = 2.4})).text,
             QString("computing the exact solution F* (reference solver): 820 of 1000 signals; then the run holds at t = 0: Space starts it"));
    QVERIFY(describeRun(s, true, running({.seconds = 2.4})).text.endsWith("820 of 1000 signals, 2.4 s"));
    // Every signal certified, or known from the last run on the same problem: no progress bar.
    s.referenceSolved = 1000;
    const RunStatus known = describeRun(s, true, running());
    QCOMPARE(known.text, QString("the exact solution F* is known: starting the solvers"));
    QVERIFY(known.progress < 0);
  }

  void theStatusBarSaysRoundingAsRounding() {
    QCOMPARE(formatGap(-2e-17), QString("≤ 1e-15 (rounding)"));
    QCOMPARE(formatGap(3e-16), QString("≤ 1e-15 (rounding)"));
    QCOMPARE(formatGap(1.5e-3), QString("1.50e-03"));
    ConvergenceSnapshot s;
    s.generation = 1;
    s.problem = "p";
    s.request.iterations = 100;
    s.phase = RunPhase::Solving;
    ConvergenceCurve c;
    c.iteration = {0, 1, 2};
    c.gapMean = {1, 0.5, -2e-17};
    s.curves = {c};
    // Where the run is comes first (a narrow window cuts the end of the status bar).
    QVERIFY(describeRun(s, true, running()).text.startsWith("running: t = 2 of 100"));
    c.method = "ISTA";
    s.curves = {c};
    // At rounding level no method is "best" (noise): the one that got there first is named, as the cost
    // plot's first triangle shows it; a tie names both.
    QVERIFY(describeRun(s, true, running()).text.contains("best mean F − F* ≤ 1e-15 (rounding), first ISTA at t = 2   "));
    ConvergenceSnapshot both = s;
    both.curves << c;
    both.curves[1].method = "OISTA";
    both.curves[1].gapMean = {1, 1e-16, 0.0};
    QVERIFY(describeRun(both, true, running()).text.contains("(rounding), first OISTA at t = 1   "));
    both.curves[1].gapMean[1] = -2e-17;
    both.curves[0].gapMean[1] = 1e-15;  // at the plot's floor: its triangle stands there
    QVERIFY(describeRun(both, true, running()).text.contains("(rounding), first ISTA and OISTA at t = 1   "));
    // The statistic the cost plot shows: its lowest last point is the status's number.
    ConvergenceSnapshot skewed = s;
    skewed.curves[0].gapMean = {1, 0.5, 1e-2};
    skewed.curves[0].gapMedian = {1, 0.4, 3e-3};
    QVERIFY(describeRun(skewed, true, running({.median = true})).text.contains("best median F − F* = 3.00e-03"));
    QVERIFY(describeRun(skewed, true, running()).text.contains("best mean F − F* = 1.00e-02"));
    // And whose it is: a network reused from the last run is there from the solvers' first step.
    skewed.curves[0].method = "ISTA";
    QVERIFY(describeRun(skewed, true, running()).text.contains("best mean F − F* = 1.00e-02 by ISTA   "));
    NetworkCurve slista;
    slista.method = "SLISTA", slista.layerGap = {1e-2, 1.29e-6};
    skewed.networks = {slista};
    QVERIFY(describeRun(skewed, true, running()).text.contains("best mean F − F* = 1.29e-06 by SLISTA   "));
    // A tie names no one: at t = 0 every method is at F(0) - F*.
    ConvergenceSnapshot atStart = skewed;
    atStart.networks.clear();
    atStart.curves << atStart.curves[0];
    atStart.curves[1].method = "FISTA";
    QVERIFY(describeRun(atStart, true, running()).text.contains("best mean F − F* = 1.00e-02   "));
    // A network whose last layer is NaN (a session's, say) hides no solver's gap.
    skewed.networks.front().layerGap = {1e-2, std::nan("")};
    QVERIFY(describeRun(skewed, true, running()).text.contains("best mean F − F* = 1.00e-02 by ISTA   "));
    // Done after pauses or steps: the seconds are the running ones, and the status says so.
    ConvergenceSnapshot done = s;
    done.phase = RunPhase::Complete;
    done.seconds = 0.04;
    QVERIFY(describeRun(done, true, {}).text.startsWith("done in " + formatDuration(0.04) + "   "));
    done.pausedSeconds = 3.0;
    QVERIFY(describeRun(done, true, {}).text.startsWith("done in " + formatDuration(0.04) + ", not counting pauses and steps   "));
    // Space pressed, the paused solvers' snapshot not drawn yet: the status does not claim a t the plots lack.
    QVERIFY(describeRun(s, true, running({.paused = true})).text.contains("pausing at t ≥ 2…"));
    s.paused = true;
    QVERIFY(describeRun(s, true, running({.paused = true})).text.contains("paused at t = 2 of 100"));
    s.phase = RunPhase::Stopped;
    QVERIFY(describeRun(s, true, {}).text.startsWith("stopped by the user at t = 2 of 100"));
    QCOMPARE(describeRun(s, true, {}).progress, -1.0);
    RunControls refused;
    refused.failure = "D.csv: bad";
    QVERIFY(describeRun(s, true, refused).text.contains("refused: D.csv: bad"));
    // λ ≥ λₘₐₓ: every method starts at z* = 0. Not "best ≤ 1e-15 (rounding)", as if a method had got there.
    done.curves[0].gapMean = {0.0, 0.0, 0.0};
    const QString atTheSolution = describeRun(done, true, {}).text;
    QVERIFY2(atTheSolution.contains("   λ ≥ λₘₐₓ: z* = 0 = z₀ for every signal, nothing to descend   ") &&
             !atTheSolution.contains("best"), qPrintable(atTheSolution));
  }

  // ALISTA collapses in the networks preset (0.8 lambda_max, the paper's Fig. 6); the legend says "collapsed
  // to z = 0", and the status says why and what to change, before the problem's facts (which a narrow
  // status bar drops first). A network that did not collapse is not mentioned.
  // A run of 40 ms was "done in 0.0 s", as if nothing had run.
  void durationsKeepTheirDigits_data() {
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("said");
    QTest::newRow("no time") << 0.0002 << "under 1 ms";
    QTest::newRow("milliseconds") << 0.0436 << "44 ms";
    QTest::newRow("just under a second") << 0.9996 << "1.0 s";
    QTest::newRow("seconds") << 5.46 << "5.5 s";
    QTest::newRow("minutes") << 125.0 << "2 min 5 s";
  }
  void durationsKeepTheirDigits() {
    QFETCH(double, seconds);
    QFETCH(QString, said);
    QCOMPARE(formatDuration(seconds), said);
  }

  void aCollapsedNetworkIsExplained() {
    ConvergenceSnapshot s;
    s.generation = 1;
    s.problem = "Gaussian D, n = 64, m = 256";
    s.phase = RunPhase::Complete;
    NetworkCurve alista, slista;
    alista.method = "ALISTA", alista.kind = Parametrization::Alista, alista.trained = true, alista.collapsedToZero = true;
    slista.method = "SLISTA", slista.kind = Parametrization::Slista, slista.trained = true;
    s.networks = {slista, alista};
    const QStringList parts = describeRun(s, true, {}).text.split(kStatusSeparator);
    QCOMPARE(parts.size(), 6);
    QVERIFY2(parts[2].startsWith("ALISTA collapsed to z = 0: its W is not D"), qPrintable(parts[2]));
    QVERIFY2(parts[2].endsWith("try 0.1 λₘₐₓ"), qPrintable(parts[2]));
    QCOMPARE(parts[3], s.problem);
    // Whole in a 1024-px window's status bar beside a finished run's state and best gap (the label there
    // is ~1000 px wide), in the app's font.
    ConvergenceCurve oista;
    oista.method = "OISTA", oista.iteration = {0, 20}, oista.gapMean = {1e-2, 1.09e-8};
    s.curves = {oista};
    s.seconds = 9.6;
    const QString finished = describeRun(s, true, {}).text;
    QVERIFY2(statusForWidth(finished, QFontMetrics(QApplication::font()), 1000).contains("try 0.1 λₘₐₓ"), qPrintable(finished));
    // Beside a paused run's longer state, the collapse is still said, with what of its reason fits.
    s.phase = RunPhase::Solving, s.paused = true, s.request.iterations = 20;
    const QString paused = describeRun(s, true, running({.paused = true, .seconds = 0.0})).text;
    QVERIFY2(paused.startsWith("paused at t = 1 of 20: F10 steps, Space resumes"), qPrintable(paused));
    const QString shown = statusForWidth(paused, QFontMetrics(QApplication::font()), 1000);
    QVERIFY2(shown.contains("ALISTA collapsed to z = 0: its W is not D"), qPrintable(shown));
    s.request.lambda = 0.1;  // already small: no advice to try what is set
    s.networks = {slista, alista};
    QVERIFY(describeRun(s, true, {}).text.contains("its fixed point (Lemma 4.3)   "));
    s.networks = {slista};
    QVERIFY(!describeRun(s, true, {}).text.contains("collapsed"));
  }

  // The ETA of a run that trains one network and reuses another: the reused one, trained in no time,
  // counts for nothing (it had counted as a whole budget done, and the ETA ran short).
  void theProgressLeavesReusedNetworksOut() {
    ConvergenceSnapshot s;
    s.generation = 1;
    s.problem = "p";
    s.phase = RunPhase::Training;
    s.request.trainingIterations = 100;
    s.networksPlanned = 2;
    NetworkCurve reused, training;
    reused.method = "SLISTA", reused.trained = true, reused.reused = true, reused.maxIterations = 100;
    training.method = "LISTA-CP", training.maxIterations = 100, training.trainIteration = {0, 25}, training.trainingSeconds = 5;
    s.networks = {reused, training};
    const RunStatus status = describeRun(s, true, running({.seconds = 5.0}));
    QCOMPARE(status.progress, 0.25);
    QVERIFY2(status.text.contains("ETA 15 s"), qPrintable(status.text));
  }
};

QTEST_MAIN(TestRunStatus)
#include "test_run_status.moc"
