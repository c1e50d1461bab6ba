// unfoldlab attack: the attacked signals and the report (checked against solve and eval on the same
// files), and bad input refused with a message naming it, exit code 2, nothing written.
#include "cli_runs.h"
#include "csv_table.h"
#include "io/matrix_file.h"
#include "text_files.h"

#include <QtTest>

using namespace unfold;

class TestCliAttack : public CliTestCase {
  Q_OBJECT

 private slots:
  // The files, and a network trained on them.
  void initTestCase() {
    generateFiles();
    if (QTest::currentTestFailed()) return;
    const Run r = run({"train", "--dict", path("D.csv"), "--train", path("X.csv"), "--test", path("X_test.csv"), "--lambda",
                       "0.3", "--net", "slista", "--layers", "6", "--optimizer", "lbfgs", "--max-iter", "60", "--out", path("net.json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
  }

  void attackWritesSignalsEveryCommandReadsAndItsReport() {
    const QString adv = path("adv.csv"), report = path("attack.csv");
    // Without --lambda: the one the network was trained for (0.3).
    Run r = run({"attack", "--net", path("net.json"), "--signals", path("X_test.csv"), "--out", adv, "--steps", "20",
                 "--report", report});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("20 steps: mean F(z_T) - F* "), qPrintable(r.out));
    const CsvTable csv = CsvTable::fromFile(report);
    QCOMPARE(csv.header.join(','), QString("signal,gap_before,gap_after,support_before,support_after,off_support_layer_before,"
                                           "off_support_layer_after,ls_over_l_before,ls_over_l_after,"
                                           "layers_past_2_over_ls_before,layers_past_2_over_ls_after"));
    QCOMPARE(csv.rows.size(), 10);
    double before = 0.0, after = 0.0;
    for (qsizetype j = 0; j < csv.rows.size(); ++j) {
      QCOMPARE(csv.at(j, "signal"), double(j + 1));
      QVERIFY(csv.at(j, "gap_after") >= csv.at(j, "gap_before"));
      before += csv.at(j, "gap_before");
      after += csv.at(j, "gap_after");
    }
    QVERIFY2(after > 2.0 * before, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
    // The attacked signals are on the equiregularization set and eval, run on them, finds the same mean gap
    // at the last layer as the report.
    const Matrix D = readMatrixFile(path("D.csv").toStdString());
    const Matrix X = readMatrixFile(adv.toStdString()).transpose();
    QCOMPARE(X.cols(), Eigen::Index(10));
    for (Eigen::Index j = 0; j < X.cols(); ++j) QVERIFY(std::abs((D.transpose() * X.col(j)).cwiseAbs().maxCoeff() - 1.0) <= 1e-12);
    r = run({"eval", "--net", path("net.json"), "--signals", adv, "--lambda", "0.3", "--report", "-"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const CsvTable evaluated = CsvTable::fromText(r.out);
    QVERIFY(std::abs(evaluated.at(5, "test_gap") - after / 10) <= 1e-9 * after);
  }

  void badInputIsRefusedAndNothingWritten_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("no steps") << QStringList{"--steps", "0"} << "--steps";
    QTest::addRow("another lambda") << QStringList{"--lambda", "0.5"} << "net.json: the network was trained for lambda = 0.3, not 0.5";
    QTest::addRow("signals of another size") << QStringList{"--signals", "D.csv"} << "D.csv";
    QTest::addRow("another dictionary") << QStringList{"--dict", "other/D.csv"} << "trained for another dictionary";
    QTest::addRow("output over an input") << QStringList{"--out", "X_test.csv"} << "X_test.csv";
  }
  void badInputIsRefusedAndNothingWritten() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QCOMPARE(run({"generate", "--n", "10", "--m", "50", "--signals", "5", "--seed", "9", "--out", path("other")}).code, 0);
    QMap<QString, QString> given{{"--net", "net.json"}, {"--signals", "X_test.csv"}, {"--lambda", "0.3"},
                                 {"--out", "refused.csv"}, {"--report", "refused-report.csv"}};
    for (qsizetype k = 0; k + 1 < arguments.size(); k += 2) given[arguments[k]] = arguments[k + 1];
    QStringList command{"attack"};
    for (auto it = given.begin(); it != given.end(); ++it)
      command << it.key() << (it.key() == "--lambda" || it.key() == "--steps" ? it.value() : path(it.value()));
    const QString inputBefore = readText(path("X_test.csv"));
    const Run r = run(command);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(path("refused.csv")));
    QVERIFY(!QFile::exists(path("refused-report.csv")));
    QCOMPARE(readText(path("X_test.csv")), inputBefore);
  }
};

QTEST_GUILESS_MAIN(TestCliAttack)
#include "test_cli_attack.moc"
