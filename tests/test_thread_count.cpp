// The command line's results do not depend on the number of threads (UNFOLD_THREADS): the codes, the trace
// and a trained network are the same bits with 1, 2 or 3 threads, so that a result from a cluster's job is
// the one a laptop gives. Each run is a process of its own: the thread count is read once per process.
#include "cli_runs.h"
#include "text_files.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

class TestThreadCount : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

  // Runs the program with `threads` threads; fails the test unless it exits 0.
  void runWithThreads(int threads, const QStringList& arguments) const {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("UNFOLD_THREADS", QString::number(threads));
    process.setProcessEnvironment(environment);
    process.start(UNFOLDLAB_BINARY, arguments);
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             qPrintable(QString::fromUtf8(process.readAllStandardError())));
  }

 private slots:
  // 1,000 signals: with three threads the solvers' columns split at 334 (not a multiple of the matrix
  // product's column groups), and the loss is summed over seven chunks.
  void initTestCase() {
    const Run r = run({"generate", "--dict", "gaussian", "--n", "10", "--m", "30", "--signals", "1000", "--test", "300",
                       "--seed", "1", "--out", dir_.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
  }

  void solveGivesTheSameBits() {
    for (const int threads : {1, 2, 3}) {
      runWithThreads(threads, {"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.1", "--algo",
                               "fista", "--iters", "30", "--codes", path(QString("z%1.csv").arg(threads)), "--trace",
                               path(QString("trace%1.csv").arg(threads))});
      if (QTest::currentTestFailed()) return;
    }
    const QString codes = readText(path("z1.csv")), trace = readText(path("trace1.csv"));
    QVERIFY(codes.count('\n') == 1000 && trace.count('\n') > 30);
    for (const int threads : {2, 3}) {
      QVERIFY2(readText(path(QString("z%1.csv").arg(threads))) == codes, qPrintable(QString("%1 threads").arg(threads)));
      QVERIFY2(readText(path(QString("trace%1.csv").arg(threads))) == trace, qPrintable(QString("%1 threads").arg(threads)));
    }
  }

  void trainGivesTheSameNetwork_data() {
    QTest::addColumn<QString>("net");
    QTest::newRow("LISTA-CP") << "lista-cp";
    QTest::newRow("SLISTA") << "slista";
  }

  void trainGivesTheSameNetwork() {
    QFETCH(QString, net);
    QStringList networks;
    for (const int threads : {1, 2, 3}) {
      const QString out = path(QString("%1-%2.json").arg(net).arg(threads));
      runWithThreads(threads, {"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"),
                               "--lambda", "0.1", "--net", net, "--layers", "3", "--optimizer", "lbfgs", "--max-iter", "10",
                               "--out", out});
      if (QTest::currentTestFailed()) return;
      networks << readText(out).remove(QRegularExpression("\"seconds\": [0-9.e+-]+"));  // all but the duration
    }
    QVERIFY(networks[0].contains("\"weights\""));
    QVERIFY2(networks[1] == networks[0], "2 threads");
    QVERIFY2(networks[2] == networks[0], "3 threads");
  }
};

QTEST_GUILESS_MAIN(TestThreadCount)
#include "test_thread_count.moc"
