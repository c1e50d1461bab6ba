// What a person does with the workbench, action after action, on the real window: run, pause with a
// field focused, step, reset, run, stop; tick a network; stop during training; reopen a session; first
// launch and relaunch; a lesson from start to end (the problem's flows: test_problem_flows.cpp). After
// every action, storyProblems() checks that every plot, the status bar and the controls tell the story
// of the one snapshot shown.
#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "run/session_file.h"
#include "teaching/lesson_panel.h"
#include "window/main_window.h"
#include "window/settings_panel.h"
#include "flow_steps.h"
#include "pixel_colour.h"

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace unfold::ui;

class TestFlows : public FlowTestCase {
  Q_OBJECT
 private slots:
  // F5 from a box whose typed value is not yet confirmed (no Enter, the focus still there) runs what the
  // box shows, and the form, the status bar and the plots then say that value (it ran the old one).
  void f5RunsTheValueTypedInABox() {
    MainWindow w;
    openActive(w);
    for (const auto& [name, typed] : {std::pair{"n", "12"}, std::pair{"lambda", "0.25"}}) {
      auto* box = w.settingsPanel()->findChild<QAbstractSpinBox*>(name);
      box->setFocus();
      QTRY_VERIFY(box->hasFocus());
      box->selectAll();
      QTest::keyClicks(box, typed);
      QTest::keyClick(box, Qt::Key_F5);
      QVERIFY2(box->text().startsWith(typed), qPrintable(box->text()));  // as typed, not reverted
    }
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.request.n == 12 && s.request.lambda == 0.25 && s.phase == RunPhase::Complete; }));
    CHECK_STORY(w);
    QVERIFY2(w.statusText().contains("n = 12") && w.statusText().contains("λ = 0.25 λₘₐₓ"), qPrintable(w.statusText()));
    QCOMPARE(w.settingsPanel()->settings().n, 12);
  }

  void runPauseInAFieldStepResetRunStop() {
    MainWindow w;
    openActive(w);
    w.settingsPanel()->setSettings(longRun(), SettingsPanel::Quietly);
    QSpinBox* iterations = spin(w, "iterations");
    iterations->setFocus();
    QTRY_VERIFY(iterations->hasFocus());
    QTest::keyClick(iterations, Qt::Key_F5);  // run, the focus in a field
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.iteration() > 20; }));
    QTest::keyClick(iterations, Qt::Key_Space);  // pause: the field keeps its text
    QCOMPARE(iterations->text(), QString("20000"));
    QVERIFY(w.paused());
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.paused; }));
    const int held = w.shownSnapshot().iteration();
    CHECK_STORY(w);
    QVERIFY(w.statusText().contains(QString("paused at t = %1 of 20000").arg(held)));
    // Three quick presses: three iterations, not two, not four.
    for (int k = 0; k < 3; ++k) QTest::keyClick(iterations, Qt::Key_F10);
    QVERIFY(shows(w, [&](const ConvergenceSnapshot& s) { return s.paused && s.iteration() == held + 3; }));
    QVERIFY(!QTest::qWaitFor([&] { return w.shownSnapshot().iteration() > held + 3; }, 400));
    CHECK_STORY(w);
    QTest::keyClick(iterations, Qt::Key_F10);
    QVERIFY(shows(w, [&](const ConvergenceSnapshot& s) { return s.paused && s.iteration() == held + 4; }));
    CHECK_STORY(w);
    // Reset: t = 0 everywhere, sane axes, paused.
    QTest::keyClick(iterations, Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.paused && s.iteration() == 0; }));
    CHECK_STORY(w);
    // Nothing has run: Space or F5 starts it, and the toolbar's first button says Start; Pause is greyed.
    QVERIFY(w.statusText().contains("paused at t = 0 of 20000: F10 steps, Space starts"));
    QCOMPARE(action(w, "run")->text(), QString("Start"));
    QVERIFY(!action(w, "pause")->isEnabled() && action(w, "pause")->text() == "Pause");
    QCOMPARE(w.supportPlot()->raster()->data()->keySize(), 1);
    // Its iteration axes label t = 0 only: the z* marks to its right (at t = 2, whole inside the range)
    // stand at no iteration, and a label there read "iteration 2".
    w.supportPlot()->replot();
    w.costPlot()->replot();
    for (const QCPAxis* along : {w.supportPlot()->xAxis, w.supportPlot()->axisRects()[1]->axis(QCPAxis::atBottom), w.costPlot()->xAxis}) {
      QVector<double> shown;  // QCustomPlot makes a tick beyond each end too: those are not drawn
      for (const double t : along->tickVector()) if (along->range().contains(t)) shown << t;
      QCOMPARE(shown, QVector<double>{0.0});
    }
    const QCPGraph* marks = w.supportPlot()->graph(0)->data()->isEmpty() ? w.supportPlot()->graph(1) : w.supportPlot()->graph(0);
    QVERIFY(!marks->data()->isEmpty());
    QCOMPARE(marks->data()->begin()->key, 2.0);
    QVERIFY(w.supportPlot()->xAxis->range().upper > 2.0 && w.supportPlot()->xAxis->range().upper < 3.0);
    QCOMPARE(w.supportPlot()->raster()->data()->keyRange(), QCPRange(-0.5, 0.5));  // one column, not a block to t = 1
    // Its colours span the solution's largest |z*| already (they read ±1·10⁻¹² over the all-zero z_0).
    double largestSolution = 0;
    const int atoms = w.shownSnapshot().curves.front().atoms;
    for (int i = 0; i < atoms; ++i) largestSolution = std::max(largestSolution, std::abs(w.shownSnapshot().solution[i]));
    QVERIFY(largestSolution > 0);
    QCOMPARE(w.supportPlot()->raster()->dataRange(), QCPRange(-largestSolution, largestSolution));
    QVERIFY(w.costPlot()->xAxis->range().lower >= -1 && w.costPlot()->xAxis->range().upper <= 2);
    // Each method's t = 0 is drawn (one point draws no line): its colour around F(0) - F*.
    const QImage cost = w.costPlot()->toPixmap().toImage();
    for (int i = 0; i < w.costPlot()->graphCount(); ++i) {
      const QCPGraph* g = w.costPlot()->graph(i);
      if (g->name().isEmpty() || g->data()->size() != 1) continue;  // band edges, the bands' key
      const QPoint at(int(g->keyAxis()->coordToPixel(0)), int(g->valueAxis()->coordToPixel(g->data()->begin()->value)));
      const int nearest = nearestColourDistance(cost, at, 15, g->pen().color());
      QVERIFY2(nearest < 30, qPrintable(g->name() + ": " + QString::number(nearest)));
    }
    // Space starts it (F5 in test_workbench), then Esc: stopped, said with the t every plot shows.
    const quint64 waiting = w.latestGeneration();
    QTest::keyClick(iterations, Qt::Key_Space);
    QCOMPARE(w.latestGeneration(), waiting);  // the run that waited goes on: nothing is computed again
    QVERIFY(!w.paused());
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return !s.paused && s.iteration() > 50; }));
    CHECK_STORY(w);
    QTest::keyClick(iterations, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!w.running(), 5000);
    QCOMPARE(w.shownSnapshot().phase, RunPhase::Stopped);
    CHECK_STORY(w);
    QVERIFY2(w.statusText().contains(QString("stopped by the user at t = %1 of 20000").arg(w.shownSnapshot().iteration())),
             qPrintable(w.statusText()));
    QCOMPARE(iterations->text(), QString("20000"));
    // Nothing runs, Pause is disabled: Space still never types into the field.
    QTest::keyClick(iterations, Qt::Key_Space);
    QCOMPARE(iterations->text(), QString("20000"));
    QVERIFY(!w.running());
    // F10 on the finished run: again from the start, the press its first step (t = 1, not t = 0).
    QTest::keyClick(iterations, Qt::Key_F10);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.paused && s.iteration() == 1; }));
    CHECK_STORY(w);
    QVERIFY(action(w, "pause")->text() == "Resume" && action(w, "run")->text() == "Restart");  // t = 1 has run
    QVERIFY2(w.statusText().startsWith("paused at t = 1 of 20000 (the last run had ended, so F10 started a new one)"), qPrintable(w.statusText()));
    QVERIFY(!QTest::qWaitFor([&] { return w.shownSnapshot().iteration() != 1; }, 300));
    QTest::keyClick(iterations, Qt::Key_F10);  // the next step is one like any other, and said so
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return s.paused && s.iteration() == 2; }));
    QVERIFY2(w.statusText().startsWith("paused at t = 2 of 20000"), qPrintable(w.statusText()));
    QVERIFY2(w.statusBar()->currentMessage().isEmpty(), qPrintable(w.statusBar()->currentMessage()));  // nothing over it
  }

  void tickingANetworkKeepsTheLayout() {
    MainWindow w;
    openActive(w);
    QVERIFY(runToCompletion(w));
    QHash<QString, QRect> before;
    for (QDockWidget* dock : w.findChildren<QDockWidget*>()) before[dock->objectName()] = dock->geometry();
    ExperimentSettings s = w.settingsPanel()->settings();
    s.networks.insert(unfold::Parametrization::Slista);
    s.layers = 3;
    s.trainingIterations = 5;
    QVERIFY(runSettings(w, s));
    for (QDockWidget* dock : w.findChildren<QDockWidget*>())
      QCOMPARE(dock->geometry(), before[dock->objectName()]);
    CHECK_STORY(w);
  }

  void stopDuringTrainingSaysWhereAndWhy() {
    MainWindow w;
    openActive(w);
    ExperimentSettings s;
    s.n = 20;
    s.m = 60;
    s.iterations = 30;
    s.trainCount = 2000;
    s.networks.insert(unfold::Parametrization::ListaCp);
    s.layers = 20;
    s.trainingIterations = 100000;
    w.settingsPanel()->setSettings(s, SettingsPanel::Quietly);
    w.startDefaultRun();
    QVERIFY(shows(w, [](const ConvergenceSnapshot& s) { return !s.networks.isEmpty() && s.networks.back().trainIteration.size() > 2; }));
    QVERIFY(w.statusText().contains("training LISTA-CP (1 of 1) at step"));
    QVERIFY(w.statusText().contains("ETA"));
    QTest::keyClick(&w, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!w.running(), 5000);
    CHECK_STORY(w);
    const int stoppedAt = int(w.shownSnapshot().networks.back().trainIteration.back());
    QVERIFY2(w.statusText().contains(QString("stopped by the user while training LISTA-CP, at step %1 of ").arg(stoppedAt)) &&
                 w.statusText().count("stopped by the user") == 1,
             qPrintable(w.statusText()));
    QVERIFY(w.trainingPlot()->curve("LISTA-CP: " + QString::number(w.shownSnapshot().networks.back().trainIteration.back()) +
                                    " steps, stopped"));
    // The cost plot shows the stopped network too (its test gap per layer), as the other plots do.
    const QCPGraph* stoppedGaps = w.costPlot()->curve(QString("LISTA-CP (T = %1, stopped)").arg(s.layers));
    QVERIFY(stoppedGaps && stoppedGaps->data()->size() == s.layers);
    const double last = (stoppedGaps->data()->end() - 1)->value, atZero = w.costPlot()->curve("ISTA")->data()->begin()->value;
    QVERIFY2(last > 0 && last < atZero, qPrintable(QString("%1 after %2 layers, F(0) - F* = %3").arg(last).arg(s.layers).arg(atZero)));
  }

  void aReopenedSessionShowsItsTrainingCurves() {
    QTemporaryDir dir;
    const QString path = dir.filePath("s.json");
    const ExperimentSettings s = tinySlista(15);
    int steps = 0;
    QString ended;  // why its training ended ("budget used"): a reopened session's legend says the same
    {
      MainWindow w;
      openActive(w);
      QVERIFY(runSettings(w, s));
      steps = int(w.shownSnapshot().networks.front().trainIteration.size());
      ended = w.shownSnapshot().networks.front().stopLabel;
      QVERIFY(steps > 1 && !ended.isEmpty());
      QVERIFY(saveSession(w, path).isEmpty());
    }
    MainWindow w;
    openActive(w);
    QSignalSpy finished(&w, &MainWindow::runFinished);
    QVERIFY(openSession(w, path).isEmpty());
    QVERIFY(!finished.isEmpty() || finished.wait(30000));
    CHECK_STORY(w);
    const NetworkCurve& n = w.shownSnapshot().networks.front();
    QVERIFY(n.reused);
    QCOMPARE(int(n.trainIteration.size()), steps);
    QCPGraph* curve = w.trainingPlot()->curve(QString("SLISTA: %1 steps, %2").arg(n.trainIteration.back()).arg(ended));
    QVERIFY(curve);
    QCOMPARE(curve->data()->size(), steps);
    // Train and test curves lie inside the axis, none along its edge where it would be unseen.
    const QCPRange y = w.trainingPlot()->yAxis->range();
    for (int i = 0; i < w.trainingPlot()->graphCount(); ++i)
      for (const QCPGraphData& p : *w.trainingPlot()->graph(i)->data())
        QVERIFY2(p.value > y.lower + 0.01 * y.size() && p.value < y.upper - 0.01 * y.size(), "a loss on the axis line");
    const double lastStep = n.trainIteration.back();  // n is the shown snapshot's, replaced at the next redraw
    // F10 on the finished run: its first step shows the reused network already (the plots of what it
    // learned stayed blank until every solver was done), and the cost plot its layers.
    QTest::keyClick(&w, Qt::Key_F10);
    QVERIFY(shows(w, [](const ConvergenceSnapshot& shown) { return shown.paused && shown.iteration() == 1; }));
    CHECK_STORY(w);
    QCOMPARE(w.shownSnapshot().phase, RunPhase::Solving);
    QCOMPARE(w.shownSnapshot().networks.size(), 1);
    QVERIFY(w.shownSnapshot().networks.front().reused);
    QVERIFY(w.trainingPlot()->curve(QString("SLISTA: %1 steps, %2").arg(lastStep).arg(ended)));
    QVERIFY(w.stepsPlot()->curve("SLISTA") && w.costPlot()->curve("SLISTA (T = 3)"));
    QVERIFY(w.stepsPlot()->showsResults());
  }

  void theWindowTitleNamesTheSession() {
    QTemporaryDir dir;
    const QString titled = dir.filePath("titled.json"), plain = dir.filePath("plain.json");
    QTest::failOnWarning(QRegularExpression("placeholder"));  // a mark asked of a title without "[*]"
    MainWindow w;
    openActive(w);
    QCOMPARE(shownTitle(w), QString("Unfold Lab"));
    ExperimentSettings other = w.settingsPanel()->settings();
    other.seed += 1;
    w.settingsPanel()->setSettings(other);  // no session named: no mark
    QCOMPARE(shownTitle(w), QString("Unfold Lab"));
    QString error;
    const auto preset = readPreset("oista", &error);
    QVERIFY2(preset && !preset->title.isEmpty(), qPrintable(error));
    w.applySession(*preset);
    QCOMPARE(shownTitle(w), "Unfold Lab — " + preset->title);
    QVERIFY(saveSession(w, titled).isEmpty());
    QCOMPARE(readSessionFile(titled, &error)->title, preset->title);  // saved again, a session keeps its title
    // Other settings than the session's: the title's mark says so, and goes with the change or a save.
    ExperimentSettings changed = w.settingsPanel()->settings();
    changed.lambda = 0.3;
    w.settingsPanel()->setSettings(changed);
    QCOMPARE(shownTitle(w), "Unfold Lab — " + preset->title + " — titled.json *");  // and the file Ctrl+S writes
    w.settingsPanel()->setSettings(preset->settings);
    QCOMPARE(shownTitle(w), "Unfold Lab — " + preset->title + " — titled.json");
    // Saved over other settings, the session is the file's: the preset's title named what it does not hold.
    w.settingsPanel()->setSettings(changed);
    QVERIFY(saveSession(w, titled).isEmpty());
    QCOMPARE(shownTitle(w), QString("Unfold Lab — titled.json"));
    QVERIFY(readSessionFile(titled, &error)->title.isEmpty());
    w.applySession(Session{});
    QCOMPARE(shownTitle(w), QString("Unfold Lab"));
    QVERIFY(saveSession(w, plain).isEmpty());
    QCOMPARE(shownTitle(w), QString("Unfold Lab — plain.json"));  // untitled: named by its file
    QVERIFY(openSession(w, titled).isEmpty());
    QCOMPARE(shownTitle(w), QString("Unfold Lab — titled.json"));
    w.applySession(*preset);
    QVERIFY(openSession(w, plain).isEmpty());
    QCOMPARE(shownTitle(w), QString("Unfold Lab — plain.json"));  // not the title of the one before
    QVERIFY(readSessionFile(plain, &error)->title.isEmpty());
  }

  void firstLaunchWelcomesAndARelaunchWaitsForRun() {
    {
      MainWindow w;
      openActive(w);
      w.restoreLastSession();
      QVERIFY(w.welcome()->isVisible());
      QVERIFY(!w.running());
      QVERIFY(w.statusText().contains("press Run (F5)"));
      QVERIFY2(w.welcome()->text().contains("Run (F5) solves the problem on the left"), qPrintable(w.welcome()->text()));
      // Once a run has started, the welcome no longer asks for one (a preset or session starts one too).
      w.startDefaultRun();
      QVERIFY2(!w.welcome()->text().contains("Run (F5)") && w.welcome()->text().contains("F5 runs again"),
               qPrintable(w.welcome()->text()));
      QTRY_VERIFY_WITH_TIMEOUT(!w.running(), 30000);
      w.welcome()->findChild<QPushButton*>("welcomeDismiss")->click();
      QVERIFY(!w.welcome()->isVisible());
      ExperimentSettings s;
      s.networks.insert(unfold::Parametrization::Slista);
      w.settingsPanel()->setSettings(s, SettingsPanel::Quietly);
      w.close();  // remembers the settings
    }
    MainWindow w;
    openActive(w);
    w.restoreLastSession();
    QVERIFY(!w.welcome()->isVisible());  // dismissed once, gone for good
    QVERIFY(w.settingsPanel()->settings().chosen(unfold::Parametrization::Slista));
    QVERIFY(!w.running());  // training waits for the user
    QVERIFY(w.statusText().contains("press Run (F5)"));
  }

  void aLessonFromStartToEndKeepsOneStory() {
    MainWindow w;
    openActive(w);
    w.showLessons();
    w.lessonPanel()->startLesson(1);  // "Oracle steps": a preset, inspections, a reset, the 2-D view
    for (int step = 0; step < w.lessonPanel()->currentLesson().steps.size(); ++step) {
      if (step > 0) w.lessonPanel()->next();
      QCOMPARE(w.lessonPanel()->currentStep(), step);
      QVERIFY(QTest::qWaitFor([&] { return !w.running(); }, 60000));
      QCoreApplication::processEvents();
      CHECK_STORY(w);
    }
  }

  // From the keyboard alone: Return on the focused Next, Alt+arrows from anywhere in the window; a box
  // reached with Tab is ticked by Space while no run is in progress or about to start, one focused by a
  // click leaves Space to the run.
  void theKeyboardWalksTheLessonsAndTicksBoxes() {
    MainWindow w;
    openActive(w);
    w.showLessons();
    LessonPanel* lessons = w.lessonPanel();
    lessons->startLesson(0);
    QVERIFY(QTest::qWaitFor([&] { return !w.running(); }, 60000));
    QPushButton* next = nullptr;
    for (QPushButton* button : lessons->findChildren<QPushButton*>())
      if (button->text().startsWith("Next")) next = button;
    QVERIFY(next);
    next->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(next->hasFocus());
    QTest::keyClick(next, Qt::Key_Return);
    QCOMPARE(lessons->currentStep(), 1);
    QVERIFY(QTest::qWaitFor([&] { return !w.running(); }, 60000));
    QSpinBox* iterations = spin(w, "iterations");
    QTest::keyClick(iterations, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(lessons->currentStep(), 2);
    QVERIFY(QTest::qWaitFor([&] { return !w.running(); }, 60000));
    QTest::keyClick(iterations, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(lessons->currentStep(), 1);
    QVERIFY(QTest::qWaitFor([&] { return !w.running(); }, 60000));
    CHECK_STORY(w);
    // The ISTA box, reached with Tab from the widget before it.
    QCheckBox* ista = nullptr;
    for (QCheckBox* box : w.settingsPanel()->findChildren<QCheckBox*>())
      if (box->text() == "ISTA") ista = box;
    QVERIFY(ista);
    QWidget* before = ista->previousInFocusChain();
    while (!(before->focusPolicy() & Qt::TabFocus) || !before->isVisible() || !before->isEnabled()) before = before->previousInFocusChain();
    before->setFocus(Qt::MouseFocusReason);
    QTRY_VERIFY(before->hasFocus());
    QTest::keyClick(before, Qt::Key_Tab);
    QTRY_VERIFY(ista->hasFocus());
    const bool ticked = ista->isChecked();
    QTest::keyClick(ista, Qt::Key_Space);
    QCOMPARE(ista->isChecked(), !ticked);
    QVERIFY(!w.paused());
    // Clicked, the box keeps its focus, and Space is the run's again: it ticks nothing, and pauses the run
    // the click asks for (which starts paused). No event loop in between: the debounce waits.
    QVERIFY(QTest::qWaitFor([&] { return !w.running(); }, 60000));
    QTest::mouseClick(ista, Qt::LeftButton, {}, QPoint(4, ista->height() / 2));
    QCOMPARE(ista->isChecked(), ticked);
    QVERIFY(ista->hasFocus());
    QTest::keyClick(ista, Qt::Key_Space);
    QCOMPARE(ista->isChecked(), ticked);
    QVERIFY(w.running() && w.paused());
    QTest::keyClick(ista, Qt::Key_Space);
    QVERIFY(w.running() && !w.paused());
    // A number typed and Tab: the box is reached as the run the number asks for is about to start. Space
    // pauses that run; a tick would have thrown it away for another one.
    QVERIFY(QTest::qWaitFor([&] { return !w.running(); }, 60000));
    // No event loop from the edit to Space: the debounce cannot start the run before the key.
    QTest::keyClick(iterations, Qt::Key_Up);
    const QAction* pause = w.findChild<QAction*>("pause");
    QVERIFY(!w.running() && pause && pause->isEnabled());
    before->setFocus(Qt::MouseFocusReason);
    QTest::keyClick(before, Qt::Key_Tab);
    QVERIFY(ista->hasFocus());
    QTest::keyClick(ista, Qt::Key_Space);
    QCOMPARE(ista->isChecked(), ticked);
    QVERIFY(w.running() && w.paused());
    QTRY_VERIFY(w.statusText().startsWith("paused at t = 0"));
    CHECK_STORY(w);
  }
};

QTEST_MAIN(TestFlows)
#include "test_flows.moc"
