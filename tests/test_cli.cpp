// The headless command line, driven in-process: generate -> solve, the trace contract, --help, bench,
// and a clear message with exit code 2 for every kind of bad input.
#include "algorithm_rows.h"
#include "cli_runs.h"
#include "commands.h"
#include "csv_table.h"
#include "io/matrix_file.h"
#include "io/network_file.h"
#include "lasso/lasso.h"
#include "text_files.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace unfold;

class TestCli : public CliTestCase {
  Q_OBJECT

 private slots:
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
    QTemporaryDir fresh;  // not beside the set above (test_cli_outputs: generateNeverMixesTwoSets)
    QCOMPARE(run({"generate", "--dict", "digits", "--n", "64", "--m", "100", "--signals", "5", "--out", fresh.path()}).code, 0);
    QCOMPARE(readMatrixFile((fresh.path() + "/D.csv").toStdString()).cols(), Eigen::Index(100));
  }

  void solveWritesTraceAndCodes_data() {
    addAlgorithmRows("algo");
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
    QCOMPARE(lines[0], QString("iter,cost,gap,support_size,ls_over_l,step_times_l,accepted,gap_q10,gap_median,gap_q90"));
    QVERIFY(lines[1].startsWith("0,"));
    QVERIFY(lines[201].startsWith("200,"));
    const CsvTable csv = CsvTable::fromText(readText(trace));
    QCOMPARE(csv.rows[200].size(), 10);
    QVERIFY(csv.at(200, "gap_q10") <= csv.at(200, "gap_median") && csv.at(200, "gap_median") <= csv.at(200, "gap_q90"));
    const double gap0 = csv.at(0, "gap"), gapT = csv.at(200, "gap");
    QVERIFY(gap0 > 0.1 && gapT < 1e-3 * gap0 && gapT >= 0.0);
    QCOMPARE(csv.text(200, "accepted").isEmpty(), algo != "oista");
    if (algo == "ista") QCOMPARE(csv.at(200, "step_times_l"), 1.0);
    const Matrix Z = readMatrixFile(codes.toStdString());
    QCOMPARE(Z.rows(), Eigen::Index(40));
    QCOMPARE(Z.cols(), Eigen::Index(50));
  }

  // The man page is the help texts: every command's section holds its --help text, roff-escaped.
  void manPageIsMadeOfTheHelpTexts() {
    const Run page = run({"--man-page"});
    QCOMPARE(page.code, 0);
    QVERIFY(page.out.startsWith(".TH UNFOLDLAB 1"));
    for (const QString command : {"generate", "solve", "train", "eval", "bench"}) {
      QVERIFY2(page.out.contains("\n.SS " + command + "\n"), qPrintable(command));
      const Run help = run({command, "--help"});
      const QString firstLine = help.out.section('\n', 0, 0);
      QVERIFY2(page.out.contains(QString(firstLine).replace("\\", "\\e").replace("-", "\\-")), qPrintable(firstLine));
    }
    const Run version = run({"--version"});
    QVERIFY2(version.code == 0 && QRegularExpression("^unfoldlab \\d+\\.\\d+\\.\\d+").match(version.out).hasMatch(), qPrintable(version.out));
  }

  void badInputGivesAMessageAndExitCode2_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("no lambda") << QStringList{} << "--lambda is required";
    QTest::newRow("lambda empty") << QStringList{"--lambda", ""} << "solve: error: --lambda is empty (see unfoldlab solve --help)";
    QTest::newRow("lambda zero") << QStringList{"--lambda", "0"} << "--lambda must be > 0";
    QTest::newRow("lambda negative") << QStringList{"--lambda", "-0.1"} << "--lambda must be > 0";
    QTest::newRow("lambda word") << QStringList{"--lambda", "abc"} << "--lambda: not a number 'abc'";
    QTest::newRow("lambda nan") << QStringList{"--lambda", "nan"} << "--lambda: not a number 'nan'";
    QTest::newRow("algo") << QStringList{"--lambda", "0.1", "--algo", "newton"} << "--algo: unknown algorithm 'newton'";
    QTest::newRow("iters") << QStringList{"--lambda", "0.1", "--iters", "-5"} << "--iters must be between 0 and";
    QTest::newRow("unknown option") << QStringList{"--lambda", "0.1", "--speed", "3"} << "solve: error: Unknown option 'speed'.";
    QTest::newRow("extra argument") << QStringList{"--lambda", "0.1", "extra"} << "solve: error: unexpected argument 'extra' (see unfoldlab solve --help)";
    QTest::newRow("twice") << QStringList{"--lambda", "0.1", "--algo", "ista", "--algo", "fista"} << "--algo is given 2 times ('ista', 'fista'): give it once";
    QTest::newRow("no value") << QStringList{"--lambda", "0.1", "--codes", "--x.csv"} << "--codes has no value: it would take the option '--x.csv' as one";
    QTest::newRow("unknown escape") << QStringList{"--lambda", "0.1", "--\x1b[31m"} << "Unknown option '\\x1b[31m'.";
    // Terminal control sequences and long arguments are escaped and cut (at most ~80 characters quoted).
    QTest::newRow("algo escape") << QStringList{"--lambda", "0.1", "--algo", "\x1b[2J" + QString(200, 'a')}
                                 << "--algo: unknown algorithm '\\x1b[2J" + QString(73, 'a') + "'... (204 bytes) (ista";
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
    r = run({"generate", "--n", "1000", "--m", "10", "--signals", "100000", "--out", path("big")});  // 10^8 numbers
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("X.csv would be too large: 100000000 numbers, more than a matrix file may hold (2 GiB; --format npy"), qPrintable(r.err));
    QVERIFY(!QFile::exists(path("big/X.csv")));
    r = run({"generate", "--n", "3", "--m", "4", "--signals", "2", "--out", path("small")});  // --nonzeros 5 > m is moot
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = run({"generate", "--dict", "wavelets", "--out", path("w")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--dict: unknown dictionary 'wavelets'"));
    // Refused once the folder was made: the folder does not stay behind, empty.
    r = run({"generate", "--dict", "digits", "--n", "10", "--signals", "5", "--out", path("digits10")});
    QVERIFY2(r.code == 2 && r.err.contains("n must be 64") && !QFileInfo::exists(path("digits10")), qPrintable(r.err));
    QVERIFY(run({"generate", "--n", "5", "--m", "8", "--signals", "3", "--out", path("D.csv")}).err.contains("D.csv': not a folder"));
  }

  void trainSavesANetworkThatEvalReproduces() {
    const QString net = path("slista.json"), report = path("report.csv"), evalReport = path("eval.csv");
    Run r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                 "--net", "slista", "--layers", "6", "--max-iter", "30", "--out", net, "--report", report});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("SLISTA, 6 layers, unsupervised loss"));
    QVERIFY2(!r.err.contains('\r'), qPrintable(r.err));  // off a terminal: whole lines, never carriage returns
    r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
             "--net", "slista", "--layers", "6", "--max-iter", "30", "--out", net, "--report", report, "--progress"});
    QVERIFY2(r.err.contains("iter     30/30  layers  6") && r.err.contains("mean step x L "), qPrintable(r.err));
    const QStringList rows = readText(report).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 7);
    QCOMPARE(rows[0], QString("layer,test_cost,test_gap,ista_gap,fista_gap,step_times_l,coupling"));
    const CsvTable csv = CsvTable::fromText(readText(report));
    QVERIFY2(csv.at(5, "test_gap") < csv.at(5, "ista_gap"), qPrintable(rows[6]));  // trained SLISTA beats ISTA at T = 6
    QVERIFY(csv.at(5, "step_times_l") > 1.0);                                     // with steps larger than 1/L
    const QString codes = path("codes.csv");
    r = run({"eval", "--net", net, "--dict", path("D.csv"), "--signals", path("X_test.csv"), "--lambda", "0.3", "--report", evalReport,
             "--codes", codes});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readText(evalReport), readText(report));  // the same network on the same test set
    // The codes are the network's output: one row per test signal, whose mean Lasso cost is the
    // report's test cost at the last layer.
    const Matrix D = readMatrixFile(path("D.csv").toStdString());
    const Matrix X = readMatrixFile(path("X_test.csv").toStdString()).transpose();
    const Matrix Z = readMatrixFile(codes.toStdString()).transpose();
    QCOMPARE(Z.rows(), D.cols());
    QCOMPARE(Z.cols(), X.cols());
    const double meanCost = lassoCosts(D, X, Z, 0.3).mean(), reported = csv.at(5, "test_cost");
    QVERIFY2(std::abs(meanCost - reported) <= 1e-12 * reported, qPrintable(QString("%1 vs %2").arg(meanCost).arg(reported)));
    // The saved network holds D bit-exactly and its lambda, so eval needs neither --dict nor --lambda and
    // gives the same report.
    QCOMPARE(parseNetworkJson(readText(net).toStdString(), "net").dictionary, D);
    r = run({"eval", "--net", net, "--signals", path("X_test.csv"), "--report", "-"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, readText(report));
    QVERIFY2(!r.err.contains("warning"), qPrintable(r.err));
    // At another lambda eval still evaluates, and warns naming the network file and both lambdas.
    r = run({"eval", "--net", net, "--signals", path("X_test.csv"), "--lambda", "0.5", "--report", "-"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("warning: " + net + ": the network was trained for lambda = 0.3, not 0.5"), qPrintable(r.err));
    QVERIFY(r.out != readText(report));
  }

  // ALISTA at lambda = 0.8 lambda_max: the thresholds remove every code and the gradient vanishes with
  // them; the summary says so rather than only "converged", and why (test_networks checks the why).
  void trainSaysWhenANetworkCollapsedToZero() {
    const Run r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda",
                       "0.8", "--net", "alista", "--layers", "3", "--max-iter", "40", "--out", path("alista.json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("; collapsed: every test output is z = 0)"), qPrintable(r.out));
    QVERIFY2(r.out.contains("\nALISTA collapsed: its W is not D, so z* is not its fixed point (Lemma 4.3); try 0.1 lambda_max\n"), qPrintable(r.out));
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
    // A network file without D (as the reproduce protocol saves them) needs --dict, and says so.
    NetworkFile withoutD = parseNetworkJson(readText(path("small.json")).toStdString(), "small.json");
    withoutD.dictionary.resize(0, 0);
    QVERIFY(writeText(path("small-without-d.json"), QString::fromStdString(formatNetworkJson(withoutD))));
    r = run({"eval", "--net", path("small-without-d.json"), "--signals", path("X_test.csv"), "--lambda", "0.3"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("small-without-d.json: the file does not hold its dictionary (a reproduce checkpoint, or saved by an older "
                                   "version); give --dict"),
             qPrintable(r.err));
    r = run({"eval", "--net", path("small-without-d.json"), "--dict", path("D.csv"), "--signals", path("X_test.csv"), "--lambda", "0.3"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
  }

  void supervisedTrainingWithGroundTruth() {
    QTemporaryDir d;
    // The names in any case, as the labels show them; logs and files spell them one way.
    QCOMPARE(run({"generate", "--n", "10", "--m", "20", "--signals", "200", "--test", "50", "--signal-kind", "Sparse",
                  "--format", "CSV", "--out", d.path()}).code, 0);
    const Run solved = run({"solve", "--dict", d.path() + "/D.csv", "--signals", d.path() + "/X_test.csv", "--lambda", "0.1",
                            "--algo", "OISTA", "--iters", "5"});
    QVERIFY2(solved.code == 0 && solved.out.contains("\noista: 5 iterations"), qPrintable(solved.out + solved.err));
    const Run r = run({"train", "--dict", d.path() + "/D.csv", "--train", d.path() + "/X.csv", "--test", d.path() + "/X_test.csv",
                       "--train-codes", d.path() + "/Z0.csv", "--test-codes", d.path() + "/Z0_test.csv", "--lambda", "0.1",
                       "--net", "LISTA-CP", "--layers", "3", "--loss", "Supervised", "--optimizer", "Adam", "--max-iter", "20",
                       "--out", d.path() + "/net.json", "--progress"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("LISTA-CP, 3 layers, supervised loss"));
    QVERIFY2(r.err.contains("iter     20/20") && !r.err.contains("step x L"), qPrintable(r.err));  // LISTA-CP learns no step
    QVERIFY2(!r.err.contains("warning"), qPrintable(r.err));
    const Run same = run({"train", "--dict", d.path() + "/D.csv", "--train", d.path() + "/X.csv", "--test", d.path() + "/./X.csv",
                          "--lambda", "0.1", "--net", "slista", "--layers", "2", "--max-iter", "2", "--out", d.path() + "/same.json"});
    QVERIFY2(same.code == 0 && same.err.contains("warning: --train and --test are the same file"), qPrintable(same.err));
  }

  void endlessOrHugeInputIsRefusedNamingTheFile() {
    const Run r = run({"eval", "--net", "/dev/zero", "--dict", path("D.csv"), "--signals", path("X.csv"), "--lambda", "0.3"});
    QVERIFY2(r.code == 2 && r.err.contains("/dev/zero: byte 1 is NUL: not a text file"), qPrintable(r.err));
  }

  void numericFlagsAreValidated_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("noise nan") << QStringList{"--noise", "nan"} << "--noise: not a number 'nan'";
    QTest::newRow("noise inf") << QStringList{"--noise", "inf"} << "--noise: not a number 'inf'";
    QTest::newRow("noise huge") << QStringList{"--noise", "1e308"} << "--noise must be between 0 and 1e+06 (got 1e308)";
    QTest::newRow("noise word") << QStringList{"--noise", "abc"} << "--noise: not a number 'abc'";
    QTest::newRow("noise trailing") << QStringList{"--noise", "0.1x"} << "--noise: not a number '0.1x'";
    QTest::newRow("count word") << QStringList{"--test", "10abc"} << "--test: not an integer '10abc'";
    QTest::newRow("seed negative") << QStringList{"--seed", "-1"} << "--seed: not a non-negative integer '-1'";
  }
  void numericFlagsAreValidated() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir d;
    const Run r = run(QStringList{"generate", "--signal-kind", "sparse", "--n", "5", "--m", "8", "--signals", "3", "--out", d.path()} + arguments);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(d.path() + "/X.csv"));
    const Run lr = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
                        "--lr", "1e300", "--out", d.path() + "/n.json"});
    QCOMPARE(lr.code, 2);
    QVERIFY2(lr.err.contains("--lr must be at most 1e+06"), qPrintable(lr.err));
  }

  // Finite but extreme input: refused with a message, never a trace of inf/NaN with exit code 0.
  void extremeInputIsRefused() {
    QTemporaryDir d;
    const Matrix D = readMatrixFile(path("D.csv").toStdString());
    Matrix X = readMatrixFile(path("X.csv").toStdString());
    writeMatrixFile((d.path() + "/D_huge.csv").toStdString(), D * 1e160);
    writeMatrixFile((d.path() + "/D_zero.csv").toStdString(), Matrix::Zero(D.rows(), D.cols()));
    Matrix zeroAtom = D;
    zeroAtom.col(6).setZero();
    writeMatrixFile((d.path() + "/D_atom.csv").toStdString(), zeroAtom);
    X(3, 0) = 1e308;
    writeMatrixFile((d.path() + "/X_huge.csv").toStdString(), X);
    const auto solve = [&](const QString& dict, const QString& signalsFile) {
      return run({"solve", "--dict", dict, "--signals", signalsFile, "--lambda", "0.5", "--iters", "5", "--trace", d.path() + "/t.csv"});
    };
    Run r = solve(path("D.csv"), d.path() + "/X_huge.csv");
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("X_huge.csv: signal 4 has ||x|| = 1e+308, above 1e50"), qPrintable(r.err));
    r = solve(d.path() + "/D_huge.csv", path("X.csv"));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("D_huge.csv: the dictionary's scale") && r.err.contains("outside [1e-50, 1e50]: rescale D"), qPrintable(r.err));
    r = solve(d.path() + "/D_zero.csv", path("X.csv"));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("D_zero.csv: the dictionary D is all zero"), qPrintable(r.err));
    r = solve(d.path() + "/D_atom.csv", path("X.csv"));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("D_atom.csv: atom 7 (column 7 of D) is all zero"), qPrintable(r.err));
    r = run({"train", "--dict", d.path() + "/D_zero.csv", "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda", "0.3",
             "--layers", "2", "--max-iter", "2", "--out", d.path() + "/n.json"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("the dictionary D is all zero"), qPrintable(r.err));
    QVERIFY(!QFile::exists(d.path() + "/t.csv") && !QFile::exists(d.path() + "/n.json"));
  }

  void everySubcommandHasHelp() {
    for (const QString command : {"generate", "solve", "train", "eval", "attack", "export", "bench"}) {
      const Run r = run({command, "--help"});
      QCOMPARE(r.code, 0);
      QVERIFY2(r.out.startsWith("Usage: unfoldlab " + command), qPrintable(r.out));
      // An option's description wraps only where the next word would not fit on the line.
      const QStringList lines = r.out.section("Options:", 1).split('\n');
      for (qsizetype k = 0; k + 1 < lines.size(); ++k) {
        const bool continued = lines[k + 1].startsWith("    ") && !lines[k + 1].trimmed().startsWith('-');
        const QString nextWord = lines[k + 1].trimmed().section(' ', 0, 0);
        QVERIFY2(!continued || lines[k].size() + 1 + nextWord.size() > 76, qPrintable(command + ": " + lines[k]));
      }
    }
    QVERIFY(run({"--help"}).out.contains("unfoldlab solve"));
    const Run unknown = run({"frobnicate"});
    QCOMPARE(unknown.code, 2);
    QVERIFY(unknown.err.contains("unknown command 'frobnicate'"));
  }

  void benchChecksItsArgumentsBeforeMeasuring() {  // refused before a minute of measuring, without saying it starts
    const Run noFolder = run({"bench", "--quick", "--out", path("nodir/bench.txt")}), noGroup = run({"bench", "--quick", "--only", "gpu"});
    QVERIFY2(noFolder.code == 2 && noFolder.err.contains("--out " + path("nodir/bench.txt") + ": the folder " + path("nodir") + " does not exist"), qPrintable(noFolder.err));
    QVERIFY2(noGroup.code == 2 && noGroup.err.contains("--only: unknown group 'gpu'"), qPrintable(noGroup.err));
    QVERIFY2(!(noFolder.err + noGroup.err).contains("benchmarking"), qPrintable(noFolder.err + noGroup.err));
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
      QVERIFY2(!row.contains("target"), qPrintable(row["name"].toString()));  // goals hold at full size only
    }
    for (const char* expected : {"dense_DZ", "dense_DtR", "ista_iteration", "ista_over_dense_products", "oista_over_ista",
                                 "reference_solver", "ista_numpy_comparison", "slista_gradient", "lista_cp_over_slista"})
      QVERIFY2(names.contains(expected), expected);
  }

  // The training race: every optimizer's test gap against seconds, each gap above F* (> 0).
  void benchRacesTheOptimizers() {
    Run r = run({"bench", "--quick", "--curves", path("curves.csv")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--curves goes with --only training"), qPrintable(r.err));
    r = run({"bench", "--quick", "--only", "training", "--curves", path("curves.csv")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    for (const char* row : {"slista20_lbfgs_time_to_gd_gap", "lista-cp10_adam_final_gap_over_gd", "slista20_gd_seconds"})
      QVERIFY2(r.out.contains(row), row);
    const CsvTable curves = CsvTable::fromText(readText(path("curves.csv")));
    QCOMPARE(curves.header, QStringList({"network", "optimizer", "seconds", "test_gap"}));
    QMap<QString, double> lastSeconds;
    for (qsizetype i = 0; i < curves.rows.size(); ++i) {
      const QString curve = curves.text(i, "network") + " " + curves.text(i, "optimizer");
      QVERIFY(curves.at(i, "test_gap") > 0.0 && std::isfinite(curves.at(i, "test_gap")));
      QVERIFY(curves.at(i, "seconds") >= lastSeconds.value(curve, 0.0));
      lastSeconds[curve] = curves.at(i, "seconds");
    }
    QCOMPARE(lastSeconds.keys(), QStringList({"LISTA-CP T=10 adam", "LISTA-CP T=10 gd", "LISTA-CP T=10 lbfgs",
                                              "SLISTA T=20 adam", "SLISTA T=20 gd", "SLISTA T=20 lbfgs"}));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
