// What a person does to the problem on the real window: change m mid-run, turn the wheel over the form,
// import files (cancel, a bad one, then a good one), choose the supervised loss. After every action,
// storyProblems() checks that every plot, the status bar and the controls tell the story of the one
// snapshot shown.
#include "experiments/problem_generators.h"
#include "io/matrix_file.h"
#include "plots/support_raster_plot.h"
#include "teaching/lesson_panel.h"
#include "window/import_problem_dialog.h"
#include "dialog_answers.h"
#include "flow_steps.h"
#include "plots/plot_export.h"
#include "text_files.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>
#include <QSpontaneKeyEvent>

using namespace unfold::ui;

namespace {

// Runs the solvers alone for 20 iterations at λ = 0.1, seed 0, to their end; returns the settings.
ExperimentSettings runTwentyIterations(MainWindow& w) {
  ExperimentSettings settings = smallNetworks();
  settings.networks.clear();
  settings.iterations = 20;
  settings.lambda = 0.1;
  settings.seed = 0;
  w.settingsPanel()->setSettings(settings, SettingsPanel::Quietly);
  openActive(w);
  return runToCompletion(w) ? settings : ExperimentSettings{};
}

// Types `text` over the whole of `box`'s text, as a person who clicked it and selected all would.
bool typeOver(QAbstractSpinBox* box, const QString& text) {
  box->setFocus();
  if (!QTest::qWaitFor([box] { return box->hasFocus(); })) return false;
  box->selectAll();
  QTest::keyClicks(box, text);
  return true;
}

}  // namespace

class TestProblemFlows : public FlowTestCase {
  Q_OBJECT
 private slots:
  // A lesson loads a preset, another, then the first again: the first one's networks are not trained a
  // second time (only the last settings' were kept, and going back trained SLISTA again for 12 s).
  void goingBackToEarlierSettingsReusesTheirNetworks() {
    MainWindow w;
    w.setDialogsEnabled(false);
    ExperimentSettings first = smallNetworks(), second = smallNetworks();
    first.networks = second.networks = {unfold::Parametrization::Slista};
    second.lambda = 0.4;
    QVERIFY(runSettings(w, first));
    const unfold::NetworkFile trained = w.shownSnapshot().networks.front().network;
    QVERIFY(!w.shownSnapshot().networks.front().reused);
    QVERIFY(runSettings(w, second));
    QVERIFY(!w.shownSnapshot().networks.front().reused);  // other settings: trained
    QVERIFY(runSettings(w, first));
    const NetworkCurve& again = w.shownSnapshot().networks.front();
    QVERIFY(again.reused);
    QVERIFY(again.network.weights.flatten() == trained.weights.flatten());
    CHECK_STORY(w);
  }

  void changingMMidRunRedrawsEveryPlotForTheNewProblem() {
    MainWindow w;
    openActive(w);
    w.settingsPanel()->setSettings(longRun(), SettingsPanel::Quietly);
    w.startDefaultRun();
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.iteration() > 10; }));
    CHECK_STORY(w);
    spin(w, "m")->setValue(120);  // debounced: a new request with the new problem
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.request.m == 120 && s.iteration() > 10; }));
    CHECK_STORY(w);
    QCOMPARE(w.supportPlot()->raster()->data()->valueRange().upper, 119.0);  // atoms 0..119
    QVERIFY(w.statusText().contains("m = 120"));
    w.stop();
    QTRY_VERIFY(!w.running());
    CHECK_STORY(w);
  }

  void theWheelOverTheFormScrollsItAndChangesNothing() {
    MainWindow w;
    w.resize(1024, 700);
    openActive(w);
    auto* loss = w.settingsPanel()->findChild<QComboBox*>("loss");
    QSpinBox* n = spin(w, "n");
    auto* scroll = qobject_cast<QScrollArea*>(w.settingsPanel()->parentWidget()->parentWidget());
    QVERIFY(loss && scroll);
    QVERIFY2(scroll->verticalScrollBar()->maximum() > 0, "at 1024x700 the form scrolls");
    QVERIFY(scroll->viewport()->height() > 300);  // and shows more than a row
    QCOMPARE(scroll->verticalScrollBar()->value(), 0);
    // A wheel notch as the window system delivers it (spontaneous: Qt passes ignored ones to the parents).
    const auto notch = [](QWidget* target) {
      const QPointF at(target->rect().center());
      QWheelEvent down(at, target->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
      QSpontaneKeyEvent::setSpontaneous(&down);
      QApplication::sendEvent(target, &down);
    };
    const int nBefore = n->value();
    for (int k = 0; k < 3; ++k) notch(n);
    QCOMPARE(n->value(), nBefore);
    QVERIFY(scroll->verticalScrollBar()->value() > 0);  // the form scrolled instead
    const int before = loss->currentIndex();
    notch(loss);
    QCOMPARE(loss->currentIndex(), before);
    loss->setFocus();
    QTRY_VERIFY(loss->hasFocus());
    notch(loss);
    QVERIFY(loss->currentIndex() != before);  // a focused box takes the wheel
    // A slider does not, focused by a drag as it is: a wheel turned later to scroll the form moved λ.
    auto* lambda = w.settingsPanel()->findChild<QSlider*>("lambdaSlider");
    QVERIFY(lambda);
    lambda->setFocus();
    QTRY_VERIFY(lambda->hasFocus());
    const int lambdaBefore = lambda->value();
    scroll->verticalScrollBar()->setValue(0);
    notch(lambda);
    QCOMPARE(lambda->value(), lambdaBefore);
    QVERIFY(scroll->verticalScrollBar()->value() > 0);  // the form scrolled instead
  }

  // Typed out of range, a spin box shows its last value again on Enter: the status bar says why, and
  // nothing runs again (a person who typed 0 iterations saw nothing happen, and no word of why).
  void aValueOutOfRangeIsRefusedWithAWordOfWhy_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("message");
    QTest::newRow("iterations 0") << "iterations" << "0" << "iterations: 0 is not taken (1 to 100000); kept 20";
    QTest::newRow("λ 0") << "lambda" << "0" << "λ / λₘₐₓ: 0 is not taken (0.0001 to 1.5); kept 0.1";
    QTest::newRow("λ 2") << "lambda" << "2" << "λ / λₘₐₓ: 2 is not taken (0.0001 to 1.5)";
  }
  void aValueOutOfRangeIsRefusedWithAWordOfWhy() {
    QFETCH(QString, field);
    QFETCH(QString, typed);
    QFETCH(QString, message);
    MainWindow w;
    const ExperimentSettings settings = runTwentyIterations(w);
    const quint64 shown = w.shownGeneration();
    auto* box = w.settingsPanel()->findChild<QAbstractSpinBox*>(field);
    QVERIFY(box);
    QVERIFY(typeOver(box, typed));
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(w.statusBar()->currentMessage(), message);
    QCOMPARE(w.settingsPanel()->settings(), settings);
    QTest::keyClick(box, Qt::Key_Return);  // Enter again, nothing typed: nothing more to say
    QCOMPARE(w.statusBar()->currentMessage(), message);
    QVERIFY(!w.running());
    QCOMPARE(w.shownGeneration(), shown);
    CHECK_STORY(w);
  }

  // What the box does take from a refused text runs, and the sentence stays over the run's start: typing
  // 150000 iterations ran 15000 (the sixth digit refused), and "-5" seeded with 5, both without a word.
  void aValueTheBoxCutShortIsSaidAsItRuns_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("taken");
    QTest::addColumn<QString>("message");
    QTest::newRow("iterations 150000") << "iterations" << "150000" << 15000
                                       << "iterations: 150000 is not taken (1 to 100000)";
    QTest::newRow("seed -5") << "seed" << "-5" << 5 << "seed: a negative value is not taken (0 to 1000000)";
  }
  void aValueTheBoxCutShortIsSaidAsItRuns() {
    QFETCH(QString, field);
    QFETCH(QString, typed);
    QFETCH(int, taken);
    QFETCH(QString, message);
    MainWindow w;
    runTwentyIterations(w);
    const quint64 shown = w.shownGeneration();
    QSpinBox* box = spin(w, qPrintable(field));
    QVERIFY(typeOver(box, typed));
    QCOMPARE(w.statusBar()->currentMessage(), message);
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(box->value(), taken);
    QTRY_VERIFY(w.shownGeneration() > shown);  // the run of what the box took
    QCOMPARE(w.statusBar()->currentMessage(), message);
    w.stop();
    QTRY_VERIFY(!w.running());
    CHECK_STORY(w);
  }

  void importAsksOnceAndARefusedFileKeepsThePreviousProblem() {
    QTemporaryDir dir;
    const QString dPath = dir.filePath("D.csv"), good = dir.filePath("X.csv"), bad = dir.filePath("bad.csv");
    const unfold::Matrix D = unfold::gaussianDictionary(8, 20, 3);
    unfold::writeMatrixFile(dPath.toStdString(), D);
    unfold::writeSignalsFile(good.toStdString(), unfold::makeSignals(unfold::SignalKind::Gaussian, D, 30, 4).X);
    unfold::writeSignalsFile(bad.toStdString(), unfold::Matrix::Ones(5, 30));  // 5 entries per signal, D has 8 rows
    MainWindow w;
    w.setDialogsEnabled(false);
    openActive(w);
    QVERIFY(runToCompletion(w));
    const quint64 before = w.shownGeneration();
    const int formWidth = w.settingsPanel()->minimumSizeHint().width();
    auto* source = w.settingsPanel()->findChild<QComboBox*>("source");
    // Choosing Import opens one dialog for both files, no warning; Cancel keeps the problem.
    QTimer::singleShot(0, [] {
      auto* dialog = qobject_cast<ImportProblemDialog*>(QApplication::activeModalWidget());
      QVERIFY(dialog);
      dialog->reject();
    });
    source->setCurrentIndex(int(ProblemSource::Files));
    QCOMPARE(source->currentIndex(), int(ProblemSource::Gaussian));
    QVERIFY(!QTest::qWaitFor([&] { return w.latestGeneration() != before; }, 400));  // nothing ran
    // A refused file: the message names it, the form shows the problem the plots show.
    QSignalSpy failed(&w, &MainWindow::runFailed);
    QTimer::singleShot(0, [&] {
      auto* dialog = qobject_cast<ImportProblemDialog*>(QApplication::activeModalWidget());
      QVERIFY(dialog);
      dialog->dictionaryEdit()->setText(dPath);
      QVERIFY(!dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());  // one file only
      dialog->signalsEdit()->setText(bad);
      QVERIFY(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
      dialog->accept();
    });
    source->setCurrentIndex(int(ProblemSource::Files));
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.front().front().toString().contains("bad.csv"));
    QCOMPARE(w.settingsPanel()->settings().source, ProblemSource::Gaussian);
    QCOMPARE(w.shownGeneration(), before);
    QTRY_VERIFY(!w.running());
    CHECK_STORY(w);
    QVERIFY(w.statusText().contains("refused") && w.statusText().contains("previous problem"));
    // The good file: the dialog offers the files just refused, one is changed, the imported problem everywhere.
    QTimer::singleShot(0, [&] {
      auto* dialog = qobject_cast<ImportProblemDialog*>(QApplication::activeModalWidget());
      QVERIFY(dialog);
      QCOMPARE(dialog->files(), (ImportedFiles{dPath, bad, {}}));
      dialog->signalsEdit()->setText(good);
      dialog->accept();
    });
    // This time from the File menu, where a researcher looks first: the same dialog, the source box follows.
    QAction* import = menuAction(w, "&Import D and signals…");
    QVERIFY(import && import->shortcut() == QKeySequence("Ctrl+I"));
    import->trigger();
    QCOMPARE(source->currentIndex(), int(ProblemSource::Files));
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.complete; }, 30000));
    QTRY_VERIFY(!w.running());
    // The import's rows fit the form's width (its dock never scrolls sideways: a wider form was cut).
    QVERIFY2(w.settingsPanel()->minimumSizeHint().width() <= formWidth,
             qPrintable(QString("%1 px, was %2").arg(w.settingsPanel()->minimumSizeHint().width()).arg(formWidth)));
    CHECK_STORY(w);
    QVERIFY(w.statusText().contains("D from D.csv (8 x 20)"));
    // No save or export replaces a file the run reads; the file is left as it was.
    const QString dictionaryText = readText(dPath);
    const QString refused = saveSession(w, dPath);
    QVERIFY2(refused == dPath + " is the dictionary file the workbench imported: refusing to overwrite an input",
             qPrintable(refused));
    QVERIFY(writeTextFile(good, "x").contains("is the signals file the workbench imported"));
    QCOMPARE(readText(dPath), dictionaryText);
    // From a plot's menu: refused at once, not after the file dialog's "replace?" (Yes would then be refused).
    const QString signalsText = readText(good);
    const DialogSeen said = dialogAfterSavingAs(good, [&] { w.costPlot()->exportDataInteractively(); });
    QCOMPARE(said.title, QString("Export data"));
    QCOMPARE(said.text, good + " is the signals file the workbench imported: refusing to overwrite an input");
    QCOMPARE(readText(good), signalsText);
    // Another existing file: asked, and "No" leaves it.
    const QString other = QFileInfo(good).dir().filePath("other.csv");
    QVERIFY(writeTextFile(other, "mine\n").isEmpty());
    const DialogSeen asked = dialogAfterSavingAs(other, [&] { w.costPlot()->exportDataInteractively(); });
    QCOMPARE(asked.text, QString("other.csv already exists. Replace it?"));
    QCOMPARE(readText(other), QString("mine\n"));
    // The form asks no n and m for an import, and says what the files held: 30 signals, fewer than asked.
    auto* panel = w.settingsPanel();
    QVERIFY(!panel->findChild<QSpinBox*>("n")->isVisibleTo(panel) && !panel->findChild<QSpinBox*>("m")->isVisibleTo(panel));
    QCOMPARE(panel->findChild<QLabel*>("importedSizes")->text(), "read: n = 8, m = 20; 30 test signals");
    QCOMPARE(panel->settings().signalCount, 100);
    source->setCurrentIndex(int(ProblemSource::Gaussian));  // back: the generated problem's n and m again
    QVERIFY(panel->findChild<QSpinBox*>("n")->isVisibleTo(panel) && !panel->findChild<QLabel*>("importedSizes")->isVisibleTo(panel));
    QCOMPARE(panel->settings().n, 10);
  }

  void supervisedLossSaysItRedrawsTheSignals() {
    MainWindow w;
    openActive(w);
    ExperimentSettings s = tinySlista(5);
    s.loss = unfold::LossKind::Supervised;
    QVERIFY(runSettings(w, s));
    QVERIFY(w.settingsPanel()->findChild<QLabel*>("lossNote")->isVisible());
    QVERIFY(w.statusText().contains("x = D z0 + noise"));
    CHECK_STORY(w);
    s.loss = unfold::LossKind::Unsupervised;
    QVERIFY(runSettings(w, s));
    QVERIFY(!w.settingsPanel()->findChild<QLabel*>("lossNote")->isVisible());
    QVERIFY(!w.statusText().contains("z0"));
  }

  // Before the first run, a changed value only changes the form: a first-time user ticking a network saw
  // its training start at once, and the F5 the welcome asks for threw it away. F5 then runs it, once.
  void aValueChangedBeforeTheFirstRunWaitsForF5() {
    MainWindow w;
    openActive(w);
    QCheckBox* slista = nullptr;
    for (QCheckBox* box : w.settingsPanel()->findChildren<QCheckBox*>())
      if (box->text() == "SLISTA") slista = box;
    QVERIFY(slista && !slista->isChecked());
    slista->click();
    spin(w, "iterations")->setValue(40);
    QCOMPARE(w.latestGeneration(), quint64(0));
    QVERIFY(!action(w, "pause")->isEnabled());  // no run waits to start, paused or not
    QVERIFY2(w.statusText().startsWith("Ready: press Run (F5)"), qPrintable(w.statusText()));
    CHECK_STORY(w);
    QTest::keyClick(&w, Qt::Key_F5);
    QCOMPARE(w.latestGeneration(), quint64(1));
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.phase == RunPhase::Complete; }));
    QCOMPARE(w.latestGeneration(), quint64(1));
    QCOMPARE(w.shownSnapshot().request.iterations, 40);
    QCOMPARE(w.shownSnapshot().networks.size(), qsizetype(1));
    QVERIFY(w.shownSnapshot().networks[0].trained && !w.shownSnapshot().networks[0].reused);
    CHECK_STORY(w);
  }

  // After Reset, Start (F5, as Space) lets the run that waits at t = 0 go on: nothing is computed again.
  void f5StartsTheRunThatWaitsAfterReset() {
    MainWindow w;
    openActive(w);
    ExperimentSettings s;
    s.iterations = 60;
    w.settingsPanel()->setSettings(s);
    QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.paused && snap.iteration() == 0; }));
    CHECK_STORY(w);
    const quint64 waiting = w.latestGeneration();
    QTest::keyClick(&w, Qt::Key_F5);
    QCOMPARE(w.latestGeneration(), waiting);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.phase == RunPhase::Complete; }));
    CHECK_STORY(w);
  }

  // Paused at t = 3, a value changed: the new problem's run waits at t = 0, and the status says why the t
  // went back (a teacher's walk: the steps seemed thrown away without a word); its next step reads as any.
  void aValueChangedWhilePausedSaysTheRunStartedOver() {
    MainWindow w;
    openActive(w);
    w.settingsPanel()->setSettings(longRun(), SettingsPanel::Quietly);
    QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
    for (int k = 0; k < 3; ++k) QTest::keyClick(&w, Qt::Key_F10);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.paused && snap.iteration() == 3; }));
    spin(w, "iterations")->setValue(300);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.request.iterations == 300 && snap.paused; }));
    CHECK_STORY(w);
    QVERIFY2(w.statusText().startsWith("paused at t = 0 of 300 (a value changed, so the run started over): F10 steps, Space starts"),
             qPrintable(w.statusText()));
    QTest::keyClick(&w, Qt::Key_F10);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.paused && snap.iteration() == 1; }));
    QVERIFY2(w.statusText().startsWith("paused at t = 1 of 300: F10 steps, Space resumes"), qPrintable(w.statusText()));
    CHECK_STORY(w);
  }

  // A lesson's preset replaces a teacher's own problem: said, and Ctrl+Z brings it back while the preset
  // stands as loaded; after an edit, it would drop the edit too, and is greyed.
  void ctrlZBringsBackTheProblemALessonReplaced() {
    MainWindow w;
    openActive(w);
    const ExperimentSettings own = sizedProblem(ExperimentSettings{}.n, 40, ExperimentSettings{}.signalCount, 60);
    w.settingsPanel()->setSettings(own);
    QTest::keyClick(&w, Qt::Key_F5);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.request.m == 40 && snap.phase == RunPhase::Complete; }));
    w.showLessons();
    w.lessonPanel()->startLesson(0);  // its first step loads the oista preset (m = 50)
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.request.m == 50; }));
    QVERIFY2(w.statusBar()->currentMessage().contains("Ctrl+Z (File → Back to the earlier problem) brings yours back"),
             qPrintable(w.statusBar()->currentMessage()));
    QAction* back = w.findChild<QAction*>("backToEarlierProblem");
    QVERIFY(back && back->isEnabled());
    QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.request.m == 40 && snap.phase == RunPhase::Complete; }));
    QCOMPARE(w.settingsPanel()->settings(), own);
    QVERIFY(!w.costPlot()->median());  // the view it had too: the preset draws the median
    QVERIFY(!back->isEnabled());  // once: nothing earlier is kept
    CHECK_STORY(w);
    w.lessonPanel()->startLesson(0);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& snap) { return snap.request.m == 50; }));
    spin(w, "m")->setValue(60);  // an edit of the preset: going back would lose it
    QVERIFY(!back->isEnabled());
  }
};

QTEST_MAIN(TestProblemFlows)
#include "test_problem_flows.moc"
