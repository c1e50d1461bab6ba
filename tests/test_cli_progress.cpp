// The command line's progress lines on stderr: quick runs print only their result; --progress shows the
// line from the start (a long run shows it after 2 s). Off a terminal (here: a string) every update is a
// whole line, and the last one says where a phase ended, also when it ended before its last step.
#include "cli_runs.h"

#include <QRegularExpression>
#include <QtTest>

class TestCliProgress : public CliTestCase {
  Q_OBJECT

 private slots:
  // The reference phase, then the iterations, each ending at its total.
  void solveShowsProgress() {
    const QStringList solve{"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--iters", "300"};
    Run r = run(solve);
    QVERIFY2(r.code == 0 && !r.err.contains("iteration"), qPrintable(r.err));
    r = run(solve + QStringList{"--progress"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // Not a terminal (a log file): whole lines, no carriage returns.
    QVERIFY2(r.err.contains("reference: 40/40 signals, ") && r.err.contains("\nista: iteration 300/300, "), qPrintable(r.err));
    QVERIFY2(!r.err.contains('\r') && r.err.endsWith(" s\n"), qPrintable(r.err));
    QVERIFY(r.out.contains("ista: 300 iterations"));
  }

  // A training stopped before its last step (here it converges to rounding within its 1-s time limit) ends
  // its log at the step it stopped at, which the summary names; the first line was at step 1, and the next
  // would have been 10 s later.
  void trainStoppedEarlyEndsItsLogWhereItStopped() {
    const Run r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                       "--net", "slista", "--layers", "6", "--optimizer", "gd", "--max-iter", "100000000", "--time-limit", "1",
                       "--out", path("early.json"), "--progress"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QRegularExpressionMatch summary = QRegularExpression(" loss: (\\d+) iterations in ").match(r.out);
    QVERIFY2(summary.hasMatch(), qPrintable(r.out));
    const int iterations = summary.captured(1).toInt();
    QVERIFY2(iterations > 1 && iterations < 100000000, qPrintable(r.out));
    const QStringList lines = r.err.split('\n', Qt::SkipEmptyParts);
    QVERIFY2(!lines.isEmpty() && lines.back().startsWith(QString("iter %1/100000000 ").arg(iterations, 6)), qPrintable(r.err));
    QVERIFY2(!r.err.contains('\r'), qPrintable(r.err));
  }

  // The summary says when no step lowered the test loss (here Adam's steps of 100 overshoot): "test loss
  // a -> a" read as a training that did nothing, while the network is its start, ISTA's weights.
  void aTrainingThatKeptItsStartSaysSo() {
    const QStringList train{"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                            "--net", "lista", "--layers", "3", "--optimizer", "adam", "--max-iter", "2", "--out", path("kept.json")};
    const Run overshot = run(train + QStringList{"--lr", "100"});
    QVERIFY2(overshot.code == 0, qPrintable(overshot.err));
    QVERIFY2(overshot.out.contains("no step lowered the test loss: the network keeps its starting weights\n"), qPrintable(overshot.out));
    const Run learned = run(train + QStringList{"--lr", "0.001"});
    QVERIFY2(learned.code == 0 && !learned.out.contains("no step lowered"), qPrintable(learned.out));
  }
};

QTEST_GUILESS_MAIN(TestCliProgress)
#include "test_cli_progress.moc"
