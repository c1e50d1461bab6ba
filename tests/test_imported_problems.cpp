// Problems from other sources: digits atoms, and D and signals imported from files (which rows train and
// which test, the problem line, bad files named), and a session reopened on files that changed since it
// was saved (its networks are trained again, and the window says why).
#include "run/workbench_problem.h"
#include "window/main_window.h"
#include "window_runs.h"

#include "base/input_error.h"
#include "experiments/problem_generators.h"
#include "io/matrix_file.h"
#include "linalg/dictionary.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace unfold::ui;

class TestImportedProblems : public QObject {
  Q_OBJECT
 private slots:
  void digitsAndImportedProblems() {
    MainWindow window;
    window.show();
    ExperimentSettings digits;
    digits.source = ProblemSource::Digits;
    digits.m = 30;
    digits.signalCount = 40;
    digits.iterations = 20;
    QVERIFY(runSettings(window, digits));
    QVERIFY(window.shownSnapshot().problem.startsWith("digits D, n = 64, m = 30"));
    QCOMPARE(window.shownSnapshot().atoms, 30);
    // Files: D and signals written by the core, read back by the workbench: the same L.
    QTemporaryDir dir;
    const unfold::Matrix D = unfold::gaussianDictionary(8, 24, 3);
    const unfold::Matrix X = unfold::makeSignals(unfold::SignalKind::Gaussian, D, 60, 4).X;
    unfold::writeMatrixFile(dir.filePath("D.csv").toStdString(), D);
    unfold::writeSignalsFile(dir.filePath("X.npy").toStdString(), X);
    ExperimentSettings files;
    files.source = ProblemSource::Files;
    files.dictionaryFile = dir.filePath("D.csv");
    files.signalsFile = dir.filePath("X.npy");
    files.iterations = 20;
    QVERIFY(runSettings(window, files));
    QVERIFY(window.shownSnapshot().problem.contains("D from D.csv (8 x 24)"));
    QVERIFY(std::abs(window.shownSnapshot().lipschitz - unfold::Dictionary(D).lipschitz()) < 1e-12);
    QVERIFY2(window.shownSnapshot().problem.contains("60 test signals (X.npy rows 0–59, each scaled to ‖Dᵀx‖∞ = 1)"),
             qPrintable(window.shownSnapshot().problem));
    // The inspected signal's titles name its row in the file (it had to be worked out from the problem line).
    QCOMPARE(window.shownSnapshot().signalName(1), QString("signal 1, X.npy row 1"));
    // The test rows do not move when a network is asked for: the first `trainCount` rows train, the next
    // ones test, either way (ticking one moved the solvers to other rows without a word).
    ExperimentSettings split = files;
    split.trainCount = 40;
    split.signalCount = 15;
    const WorkbenchProblem solversOnly = buildProblem(split);
    split.networks.insert(unfold::Parametrization::Slista);
    const WorkbenchProblem withNetwork = buildProblem(split);
    QCOMPARE(solversOnly.test.X.cols(), 15);
    QVERIFY(solversOnly.test.X == withNetwork.test.X);
    unfold::Matrix rows = X.middleCols(40, 15);
    unfold::scaleToEquiregularization(D, rows);
    QVERIFY((withNetwork.test.X - rows).cwiseAbs().maxCoeff() < 1e-12);  // rows 40-54, scaled
    QCOMPARE(withNetwork.train.X.cols(), 40);
    QCOMPARE(withNetwork.testSignalNames.value(2), QString("signal 2, X.npy row 42"));
    QVERIFY2(withNetwork.description.contains("15 test and 40 training signals (X.npy rows 0–39 train, 40–54 test,"),
             qPrintable(withNetwork.description));
    // A file no longer than the training rows holds test signals only; a network to train is refused.
    split.trainCount = 60;
    try {
      buildProblem(split);
      QFAIL("a network was trained with no test signal left");
    } catch (const unfold::InputError& e) {
      QVERIFY2(QString(e.what()).contains("X.npy holds 60 signals: its first 60 (train signals) would leave none to test"), e.what());
    }
    split.networks.clear();
    unfold::Matrix firstRows = X.leftCols(15);
    unfold::scaleToEquiregularization(D, firstRows);
    const WorkbenchProblem allTest = buildProblem(split);
    QVERIFY(allTest.test.X.cols() == 15 && (allTest.test.X - firstRows).cwiseAbs().maxCoeff() < 1e-12);
    // Bad inputs name the problem (the window shows them in a dialog).
    files.signalsFile = dir.filePath("missing.csv");
    QVERIFY_THROWS_EXCEPTION(unfold::InputError, buildProblem(files));
    ExperimentSettings wrong = files;
    unfold::writeSignalsFile(dir.filePath("Y.csv").toStdString(), unfold::Matrix::Ones(5, 10));
    wrong.signalsFile = dir.filePath("Y.csv");
    try {
      buildProblem(wrong);
      QFAIL("a shape mismatch was accepted");
    } catch (const unfold::InputError& e) {
      QVERIFY2(QString(e.what()).contains("have 5 entries, but D has n = 8 rows"), e.what());
    }
    ExperimentSettings supervisedDigits = digits;
    supervisedDigits.networks.insert(unfold::Parametrization::Slista);
    supervisedDigits.loss = unfold::LossKind::Supervised;
    QVERIFY_THROWS_EXCEPTION(unfold::InputError, buildProblem(supervisedDigits));
  }

  // A session saved with networks trained on imported signals, reopened after the signals file changed
  // (its rows shuffled): the saved weights are not reused, and the window says so (they were reused, with
  // their old training curves, and the numbers changed without a word). Unchanged, they are reused.
  void aSessionOnChangedSignalsTrainsItsNetworksAgainAndSaysWhy() {
    QTemporaryDir dir;
    const unfold::Matrix D = unfold::gaussianDictionary(5, 10, 3);
    const unfold::Matrix X = unfold::makeSignals(unfold::SignalKind::Gaussian, D, 130, 4).X;
    unfold::writeMatrixFile(dir.filePath("D.csv").toStdString(), D);
    unfold::writeSignalsFile(dir.filePath("X.csv").toStdString(), X);
    ExperimentSettings files = smallNetworks();
    files.source = ProblemSource::Files;
    files.dictionaryFile = dir.filePath("D.csv");
    files.signalsFile = dir.filePath("X.csv");
    const QString session = dir.filePath("session.json");
    {
      MainWindow window;
      window.show();
      QVERIFY(runSettings(window, files));
      QCOMPARE(saveSession(window, session), QString());
    }
    const auto reopen = [&](QStringList* notices) {
      MainWindow window;
      window.setDialogsEnabled(false);
      window.show();
      QSignalSpy noticed(&window, &MainWindow::noticed);
      QSignalSpy finished(&window, &MainWindow::runFinished);
      if (!openSession(window, session).isEmpty() || (finished.isEmpty() && !finished.wait(60000))) return QStringList{"(not run)"};
      for (const QList<QVariant>& said : noticed) *notices << said.front().toString();
      QStringList labels;
      for (const NetworkCurve& n : window.shownSnapshot().networks) labels << n.method + (n.reused ? ": reused" : ": trained");
      return labels;
    };
    QStringList notices;
    QCOMPARE(reopen(&notices), (QStringList{"LISTA-CP: reused", "SLISTA: reused"}));
    QVERIFY2(notices.isEmpty(), qPrintable(notices.join('|')));
    unfold::Matrix shuffled = X;
    shuffled.col(0).swap(shuffled.col(1));  // two training signals change places
    unfold::writeSignalsFile(dir.filePath("X.csv").toStdString(), shuffled);
    const QStringList labels = reopen(&notices);
    QVERIFY2(!labels.join('|').contains("reused"), qPrintable(labels.join('|')));
    QCOMPARE(notices.size(), 1);  // once for the run, both networks in it
    QCOMPARE(notices.front(), QString("LISTA-CP is trained again: the saved weights could not be reused, as they were trained on other "
                                      "training signals.\nSLISTA is trained again: the saved weights could not be reused, as they "
                                      "were trained on other training signals."));
  }
};

QTEST_MAIN(TestImportedProblems)
#include "test_imported_problems.moc"
