// The headless command line, driven in-process: generate -> solve, the trace contract, --help, bench,
// and a clear message with exit code 2 for every kind of bad input.
#include "commands.h"
#include "matrix_file.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>

using namespace unfold;

namespace {

struct Run {
  int code = -1;
  QString out, err;
};

Run run(const QStringList& arguments) {
  std::ostringstream out, err;
  Run r;
  r.code = cli::runCommandLine(arguments, out, err);
  r.out = QString::fromStdString(out.str());
  r.err = QString::fromStdString(err.str());
  return r;
}

QString readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.path() + "/" + name; }

 private slots:
  void initTestCase() {
    const Run r = run({"generate", "--dict", "gaussian", "--n", "10", "--m", "50", "--signals", "40", "--test", "10",
                       "--seed", "0", "--out", dir_.path()});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("D is 10 x 50"));
  }

  void generateWritesTheFilesWithTheConventions() {
    QCOMPARE(readMatrixFile(path("D.csv").toStdString()).rows(), Eigen::Index(10));
    QCOMPARE(readMatrixFile(path("D.csv").toStdString()).cols(), Eigen::Index(50));
    const Matrix X = readMatrixFile(path("X.csv").toStdString());
    QCOMPARE(X.rows(), Eigen::Index(40));  // one signal per row
    QCOMPARE(X.cols(), Eigen::Index(10));
    QCOMPARE(readMatrixFile(path("X_test.csv").toStdString()).rows(), Eigen::Index(10));
  }

  void generateIsReproducible() {
    QTemporaryDir other;
    QCOMPARE(run({"generate", "--n", "10", "--m", "50", "--signals", "40", "--test", "10", "--seed", "0", "--out", other.path()}).code, 0);
    QCOMPARE(readText(other.path() + "/X.csv"), readText(path("X.csv")));
    QCOMPARE(readText(other.path() + "/D.csv"), readText(path("D.csv")));
  }

  void generateSparseAndDigitsAndNpy() {
    QTemporaryDir other;
    QCOMPARE(run({"generate", "--n", "12", "--m", "30", "--signals", "8", "--signal-kind", "sparse", "--nonzeros", "3",
                  "--format", "npy", "--out", other.path()}).code, 0);
    const Matrix Z0 = readMatrixFile((other.path() + "/Z0.npy").toStdString());
    QCOMPARE(Z0.rows(), Eigen::Index(8));
    QCOMPARE(Z0.cols(), Eigen::Index(30));
    QCOMPARE((Z0.array() != 0.0).count(), Eigen::Index(24));
    QCOMPARE(run({"generate", "--dict", "digits", "--n", "64", "--m", "100", "--signals", "5", "--out", other.path()}).code, 0);
    QCOMPARE(readMatrixFile((other.path() + "/D.csv").toStdString()).cols(), Eigen::Index(100));
  }

  void solveWritesTraceAndCodes_data() {
    QTest::addColumn<QString>("algo");
    QTest::newRow("ista") << "ista";
    QTest::newRow("fista") << "fista";
    QTest::newRow("oista") << "oista";
  }
  void solveWritesTraceAndCodes() {
    QFETCH(QString, algo);
    const QString trace = path("trace_" + algo + ".csv"), codes = path("Z_" + algo + ".npy");
    const Run r = run({"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.5", "--algo", algo,
                       "--iters", "200", "--trace", trace, "--codes", codes});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(algo + ": 200 iterations"));
    const QStringList lines = readText(trace).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 202);
    QCOMPARE(lines[0], QString("iter,cost,gap,support_size,ls_over_l,step_times_l,accepted"));
    QVERIFY(lines[1].startsWith("0,"));
    QVERIFY(lines[201].startsWith("200,"));
    const QStringList last = lines[201].split(',');
    QCOMPARE(last.size(), 7);
    const double gap0 = lines[1].split(',')[2].toDouble(), gapT = last[2].toDouble();
    QVERIFY(gap0 > 0.1 && gapT < 1e-3 * gap0 && gapT >= 0.0);
    QCOMPARE(last[6].isEmpty(), algo != "oista");
    if (algo == "ista") QCOMPARE(last[5].toDouble(), 1.0);
    const Matrix Z = readMatrixFile(codes.toStdString());
    QCOMPARE(Z.rows(), Eigen::Index(40));
    QCOMPARE(Z.cols(), Eigen::Index(50));
  }

  void badInputGivesAMessageAndExitCode2_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("no lambda") << QStringList{} << "--lambda is required";
    QTest::newRow("lambda zero") << QStringList{"--lambda", "0"} << "--lambda must be > 0";
    QTest::newRow("lambda negative") << QStringList{"--lambda", "-0.1"} << "--lambda must be > 0";
    QTest::newRow("lambda word") << QStringList{"--lambda", "abc"} << "--lambda: not a number 'abc'";
    QTest::newRow("lambda nan") << QStringList{"--lambda", "nan"} << "--lambda: not a number 'nan'";
    QTest::newRow("algo") << QStringList{"--lambda", "0.1", "--algo", "newton"} << "--algo: unknown algorithm 'newton'";
    QTest::newRow("iters") << QStringList{"--lambda", "0.1", "--iters", "-5"} << "--iters must be between 0 and";
    QTest::newRow("unknown option") << QStringList{"--lambda", "0.1", "--speed", "3"} << "Unknown option 'speed'";
  }
  void badInputGivesAMessageAndExitCode2() {
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    const QString trace = path("never.csv");
    const Run r = run(QStringList{"solve", "--dict", path("D.csv"), "--signals", path("X.csv"), "--trace", trace} + extra);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(trace));
  }

  void badFilesAreNamedInTheMessage() {
    QFile bad(path("bad.csv"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("1,2,3,4,5,6,7,8,9,10\n1,2,x,4,5,6,7,8,9,10\n");
    bad.close();
    Run r = run({"solve", "--dict", path("D.csv"), "--signals", path("bad.csv"), "--lambda", "0.1"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("bad.csv, line 2, column 3: not a number 'x'"), qPrintable(r.err));
    r = run({"solve", "--dict", path("D.csv"), "--signals", path("D.csv"), "--lambda", "0.1"});  // 50 columns, n = 10
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("shape mismatch"), qPrintable(r.err));
    r = run({"solve", "--dict", path("nope.csv"), "--signals", path("X.csv"), "--lambda", "0.1"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("nope.csv: no such file"));
    r = run({"generate", "--n", "100000", "--m", "100000", "--out", path("huge")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("too large"), qPrintable(r.err));
    r = run({"generate", "--dict", "wavelets", "--out", path("w")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--dict: unknown dictionary 'wavelets'"));
  }

  void trainSavesANetworkThatEvalReproduces() {
    const QString net = path("slista.json"), report = path("report.csv"), evalReport = path("eval.csv");
    Run r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                 "--net", "slista", "--layers", "6", "--max-iter", "30", "--out", net, "--report", report});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("SLISTA, 6 layers, unsupervised loss"));
    QVERIFY(r.err.contains("iter "));  // the progress line
    const QStringList rows = readText(report).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 7);
    QCOMPARE(rows[0], QString("layer,test_cost,test_gap,ista_gap,fista_gap,step_times_l,coupling"));
    const QStringList last = rows[6].split(',');
    QVERIFY2(last[2].toDouble() < last[3].toDouble(), qPrintable(rows[6]));  // trained SLISTA beats ISTA at T = 6
    QVERIFY(last[5].toDouble() > 1.0);                                         // with steps larger than 1/L
    r = run({"eval", "--net", net, "--dict", path("D.csv"), "--signals", path("X_test.csv"), "--lambda", "0.3", "--report", evalReport});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readText(evalReport), readText(report));  // the same network on the same test set
  }

  void trainAndEvalRefuseBadInput() {
    Run r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                 "--net", "resnet", "--out", path("x.json")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--net: unknown network 'resnet'"));
    r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
             "--loss", "supervised", "--out", path("x.json")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("needs --train-codes and --test-codes"));
    QVERIFY(!QFile::exists(path("x.json")));
    QTemporaryDir other;
    QCOMPARE(run({"generate", "--n", "10", "--m", "50", "--signals", "5", "--seed", "9", "--out", other.path()}).code, 0);
    QCOMPARE(run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                  "--layers", "2", "--max-iter", "2", "--out", path("small.json")}).code, 0);
    r = run({"eval", "--net", path("small.json"), "--dict", other.path() + "/D.csv", "--signals", path("X_test.csv"), "--lambda", "0.3"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("trained for another dictionary"), qPrintable(r.err));
  }

  void supervisedTrainingWithGroundTruth() {
    QTemporaryDir d;
    QCOMPARE(run({"generate", "--n", "10", "--m", "20", "--signals", "200", "--test", "50", "--signal-kind", "sparse",
                  "--out", d.path()}).code, 0);
    const Run r = run({"train", "--dict", d.path() + "/D.csv", "--train", d.path() + "/X.csv", "--test", d.path() + "/X_test.csv",
                       "--train-codes", d.path() + "/Z0.csv", "--test-codes", d.path() + "/Z0_test.csv", "--lambda", "0.1",
                       "--net", "lista-cp", "--layers", "3", "--loss", "supervised", "--optimizer", "adam", "--max-iter", "20",
                       "--out", d.path() + "/net.json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("LISTA-CP, 3 layers, supervised loss"));
  }

  void everySubcommandHasHelp() {
    for (const QString command : {"generate", "solve", "train", "eval", "bench"}) {
      const Run r = run({command, "--help"});
      QCOMPARE(r.code, 0);
      QVERIFY2(r.out.startsWith("Usage: unfoldlab " + command), qPrintable(r.out));
    }
    QVERIFY(run({"--help"}).out.contains("unfoldlab solve"));
    const Run unknown = run({"frobnicate"});
    QCOMPARE(unknown.code, 2);
    QVERIFY(unknown.err.contains("unknown command 'frobnicate'"));
  }

  void benchReportsJson() {
    const Run r = run({"bench", "--quick", "--json"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(root["quick"].toBool());
    QStringList names;
    for (const QJsonValue& v : root["results"].toArray()) {
      const QJsonObject row = v.toObject();
      names << row["name"].toString();
      QVERIFY2(row["value"].toDouble() > 0.0, qPrintable(row["name"].toString()));
    }
    for (const char* expected : {"dense_DZ", "dense_DtR", "ista_iteration", "ista_over_dense_products", "oista_over_ista",
                                 "reference_solver", "ista_numpy_comparison", "slista_gradient", "lista_cp_over_slista"})
      QVERIFY2(names.contains(expected), expected);
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
