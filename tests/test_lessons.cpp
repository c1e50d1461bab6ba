// The lessons: they ship and parse, every one sets up its run at its first step, and their steps drive
// the window (presets, plots raised, inspections, an attack, the 2-D view beside the lesson); the
// welcome banner's link starts the first one.
#include "lasso/lasso_plane.h"
#include "teaching/lasso_plane_view.h"
#include "teaching/lesson_panel.h"
#include "window/main_window.h"
#include "window/settings_panel.h"
#include "plots/cost_decrease_plot.h"
#include "window/welcome_banner.h"
#include "pixel_colour.h"
#include "shown_at.h"
#include "window_runs.h"

#include <QComboBox>
#include <QDockWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QTextBrowser>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using namespace unfold;
using namespace unfold::ui;

class TestLessons : public QObject {
  Q_OBJECT
 private slots:
  void aLessonStepOpensAFreshPlaneBesideTheLesson() {
    MainWindow window;
    window.show();
    window.showLessons();
    LessonPanel* panel = window.lessonPanel();
    panel->startLesson(1);  // "Oracle steps"; its step 5 opens the 2-D view
    for (int k = 0; k < 4; ++k) panel->next();
    QCOMPARE(panel->currentStep(), 4);
    const PlaneSettings named = window.lessonPanel()->currentLesson().steps[4].planeStart;
    QCOMPARE(named.n, 1);
    QCOMPARE(named.lambda, 0.3);
    LassoPlaneView* plane = window.openPlaneView();
    QVERIFY(plane->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(plane->picture().generation > 0 && plane->picture().settings == named, true, 20000);
    // Beside the lessons: neither the dock nor its Next button is under the 2-D window.
    QDockWidget* lessons = window.findChild<QDockWidget*>("lessons");
    QVERIFY(lessons->isVisible() && panel->nextButton()->isVisible());
    const QRect next(panel->nextButton()->mapToGlobal(QPoint(0, 0)), panel->nextButton()->size());
    const QRect dock(lessons->mapToGlobal(QPoint(0, 0)), lessons->size());
    QVERIFY(!plane->frameGeometry().intersects(next));
    QVERIFY(!plane->frameGeometry().intersects(dock));
    // Earlier manual steps, another lambda, steps shown: the step starts again from what it names.
    QSignalSpy shown(plane, &LassoPlaneView::pictureShown);
    plane->setLambda(0.6);
    QVERIFY(shown.wait(20000));
    QSignalSpy stepped(plane, &LassoPlaneView::manualStepShown);
    plane->setManualStep(2.0);
    for (int k = 0; k < 2; ++k) {
      plane->takeManualStep();
      QVERIFY(stepped.wait(5000));
    }
    plane->stepForward();
    QCOMPARE(plane->manualPath().size(), 2);
    panel->back();
    panel->next();
    QCOMPARE(plane->manualPath().size(), 0);
    QCOMPARE(plane->shownSteps(), 0);
    QCOMPARE(plane->manualStep(), 1.0);
    QVERIFY(plane->settings() == named);
    QVERIFY(shown.wait(20000));
    QVERIFY(plane->picture().settings == named);
    QVERIFY(plane->manualPath().isEmpty());
    QVERIFY(!plane->frameGeometry().intersects(next));
    // The 2-D view has the focus (it is a window of its own): Alt+← still pages the lesson.
    plane->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(plane));
    QTest::keyClick(plane, Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(panel->currentStep(), 3);
  }

  void lessonsShipAndParse() {
    QString error;
    const QVector<Lesson> lessons = loadLessons(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(lessons.size(), 4);
    QCOMPARE(lessons[0].title, QString("Why 1/L is conservative"));
    QCOMPARE(lessons[1].title, QString("Oracle steps"));
    QCOMPARE(lessons[2].title, QString("What SLISTA learns"));
    QCOMPARE(lessons[3].title, QString("Weight coupling"));
    for (const Lesson& lesson : lessons) {
      QVERIFY2(lesson.steps.size() >= 3 && lesson.steps.size() <= 6, qPrintable(lesson.title));
      // The first step sets up the lesson's run: reached from the lesson before, the plots showed its run.
      QVERIFY2(!lesson.steps[0].preset.isEmpty(), qPrintable(lesson.title));
      for (const LessonStep& step : lesson.steps)
        if (!step.preset.isEmpty()) QVERIFY2(readPreset(step.preset, &error), qPrintable(error));
    }
    QVERIFY(!parseLesson("{ nope", "x.json", &error));
    QVERIFY(error.startsWith("x.json: not valid JSON"));
    QVERIFY(!parseLesson(R"({"title": "t", "steps": [{"text": "a"}, {"text": "b", "show": "nowhere"}]})", "y.json", &error));
    QVERIFY2(error.contains("y.json: 'show': unknown plot 'nowhere' (one of cost,"), qPrintable(error));
    // Untrusted text is quoted short and escaped, never echoed whole.
    QVERIFY(!parseLesson(QString(R"({"title": "t", "steps": [{"text": "a"}, {"text": "b", "show": "%1"}]})")
                             .arg("\\u001b[31m" + QString(5000, 'x')).toUtf8(), "v.json", &error));
    QVERIFY2(error.size() < 200 && !error.contains(QChar(0x1b)) && error.contains("\\x1b"), qPrintable(error));
    const auto planeStep = parseLesson(R"({"title": "t", "steps": [{"text": "a"}, {"text": "b", "plane": {"n": 2, "lambda": 0.7, "seed": 4}}]})", "z.json", &error);
    QVERIFY(planeStep && planeStep->steps[1].plane);
    QVERIFY((planeStep->steps[1].planeStart == PlaneSettings{2, 0.7, 4, 8}));
    QVERIFY(!parseLesson(R"({"title": "t", "steps": [{"text": "a"}, {"text": "b", "plane": {"n": 3}}]})", "w.json", &error));
    QVERIFY(error.contains("n must be 1 or 2"));
  }

  // What lesson 1 asks the reader to watch in 2-D happens there: four steps in, OISTA has taken ISTA's
  // steps while both atoms were active, then a longer one that lands on z* while ISTA is still far off.
  // (On the problem it first opened, OISTA took ISTA's steps throughout, and the text said it jumped.)
  void lessonOnesPlaneShowsOistaJump() {
    QString error;
    const QVector<Lesson> lessons = loadLessons(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const LessonStep& step = lessons[0].steps.back();
    QVERIFY(step.plane && step.text.contains("four times"));
    const PlaneProblem problem = planeProblem(step.planeStart.n, step.planeStart.lambda, step.planeStart.seed);
    const std::vector<PlaneStep> ista = planePath(problem, PlaneMethod::Ista, 4), oista = planePath(problem, PlaneMethod::Oista, 4);
    QCOMPARE(oista.size(), size_t(4));
    const double optimum = planeCost(problem, planeSolution(problem));
    QCOMPARE(oista.front().stepTimesL, 1.0);  // z = 0: the step is 1/L
    const auto jump = std::find_if(oista.begin(), oista.end(), [](const PlaneStep& s) { return s.stepTimesL > 1.5; });
    QVERIFY(jump != oista.end());
    for (auto s = oista.begin(); s != jump; ++s) QVERIFY((s->from.array() != 0).all() || s == oista.begin());  // both atoms active
    QVERIFY(((jump->from.array() == 0).count()) == 1);  // one atom dropped out
    QVERIFY(planeCost(problem, oista.back().to) - optimum < 1e-12);
    QVERIFY(planeCost(problem, ista.back().to) - optimum > 1e-5);
  }

  void aLessonInspectsASolverByName() {
    QString error;
    const auto lesson = parseLesson(R"({"title": "t", "steps": [{"text": "a", "inspect": {"method": "fista", "signal": 2}},
                                    {"text": "b", "inspect": {"signal": 5}}]})", "i.json", &error);
    QVERIFY2(lesson, qPrintable(error));
    QCOMPARE(lesson->steps[0].inspectMethod, std::optional(Algorithm::Fista));
    QCOMPARE(lesson->steps[0].inspectSignal, 2);
    QVERIFY(!lesson->steps[1].inspectMethod);  // the signal only: the method inspected stays
    QVERIFY(!parseLesson(R"({"title": "t", "steps": [{"text": "a", "inspect": {"method": "SLISTA", "signal": 0}},
                         {"text": "b"}]})", "j.json", &error));
    QVERIFY2(error.contains("j.json: 'inspect': unknown method 'SLISTA' (ISTA, FISTA or OISTA)"), qPrintable(error));
  }

  void aLessonStepAttacksTheNetwork() {
    QString error;
    const auto lesson = parseLesson(R"({"title": "t", "steps": [{"text": "a", "show": "robustness", "robustness": {"attack": 30, "under": "network"}},
                                    {"text": "b", "robustness": {"under": "oista"}}]})", "r.json", &error);
    QVERIFY2(lesson, qPrintable(error));
    QCOMPARE(lesson->steps[0].attackSteps, 30);
    QCOMPARE(lesson->steps[0].inspectUnderNetwork, std::optional(true));
    QCOMPARE(lesson->steps[1].attackSteps, 0);
    QCOMPARE(lesson->steps[1].inspectUnderNetwork, std::optional(false));
    QVERIFY(!parseLesson(R"({"title": "t", "steps": [{"text": "a", "robustness": {"attack": 0}}, {"text": "b"}]})", "s.json", &error));
    QVERIFY2(error.contains("s.json: 'robustness': attack must be 1 to 1000 steps"), qPrintable(error));
    QVERIFY(!parseLesson(R"({"title": "t", "steps": [{"text": "a", "robustness": {"attack": 2.5}}, {"text": "b"}]})", "s.json", &error));
    QVERIFY2(error.contains("attack must be 1 to 1000 steps"), qPrintable(error));
    QVERIFY(!parseLesson(R"({"title": "t", "steps": [{"text": "a", "robustness": {"under": "LISTA"}}, {"text": "b"}]})", "u.json", &error));
    QVERIFY2(error.contains("u.json: 'robustness': under must be \"network\" or \"oista\""), qPrintable(error));
  }

  void lessonStepsDriveTheWindow() {
    MainWindow window;
    window.show();
    window.showLessons();
    LessonPanel* panel = window.lessonPanel();
    QVERIFY(panel->isVisible());
    const quint64 before = window.latestGeneration();
    panel->startLesson(1);  // "Oracle steps": loads the oista preset
    QVERIFY(window.latestGeneration() > before);
    QCOMPARE(window.settingsPanel()->settings().lambda, 0.5);
    panel->next();  // inspects OISTA, signal 0
    QCOMPARE(window.settingsPanel()->inspectedMethod(), MethodKey(unfold::Algorithm::Oista));
    panel->next();  // ISTA
    QCOMPARE(window.settingsPanel()->inspectedMethod(), MethodKey(unfold::Algorithm::Ista));
    panel->next();
    panel->next();  // the last step opens the 2-D view
    QCOMPARE(panel->currentStep(), 4);
    QPointer<LassoPlaneView> plane = window.openPlaneView();
    QVERIFY(plane && plane->isVisible());
    panel->back();
    QCOMPARE(panel->currentStep(), 3);
    // The next lesson starts without the 2-D view the last one opened; from its first step, Back is the
    // lesson before, from its start.
    panel->next();
    QCOMPARE(panel->nextButton()->text(), QString("Next lesson"));
    panel->nextButton()->click();
    QCOMPARE(panel->currentLesson().title, QString("What SLISTA learns"));
    QTRY_VERIFY(!plane);
    QCOMPARE(panel->backButton()->text(), QString("Previous lesson"));
    panel->backButton()->click();
    QCOMPARE(panel->currentLesson().title, QString("Oracle steps"));
    QCOMPARE(panel->currentStep(), 0);
    QCOMPARE(panel->backButton()->text(), QString("Previous lesson"));
    QCOMPARE(window.settingsPanel()->settings().lambda, 0.5);  // its preset again
    // A 2-D view the user opened stays when a lesson starts.
    plane = window.openPlaneView();
    panel->startLesson(0);
    QVERIFY(plane && plane->isVisible());
    QVERIFY(!panel->backButton()->isEnabled());
  }

  // While the lesson's run has networks to train, a line under the step says so (Next is quicker than the
  // training: a step described plots still empty); it goes once they are trained.
  void theLessonSaysWhileItsNetworksTrain() {
    MainWindow window;
    window.setDialogsEnabled(false);
    window.show();
    window.showLessons();
    LessonPanel* panel = window.lessonPanel();
    panel->startLesson(1);  // the oista preset: solvers only
    QCOMPARE(panel->runNote(), QString());
    window.settingsPanel()->setSettings(smallNetworks(), SettingsPanel::Quietly);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startDefaultRun();
    QVERIFY2(panel->runNote().startsWith("The run has not trained its networks yet"), qPrintable(panel->runNote()));
    QVERIFY(finished.wait(120000));
    QCOMPARE(panel->runNote(), QString());
  }

  // Lesson 1, step 4 asks to drag λ up: the Experiment form, above the lesson and short, scrolled away
  // from it (a student at 1024 x 700 saw no λ anywhere); the step scrolls the form to its row.
  void aStepThatAsksForASettingShowsIt() {
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showLessons();
    LessonPanel* panel = window.lessonPanel();
    panel->startLesson(0);
    auto* scroll = qobject_cast<QScrollArea*>(window.findChild<QDockWidget*>("experiment")->widget());
    auto* slider = window.settingsPanel()->findChild<QSlider*>("lambdaSlider");
    QVERIFY(scroll && slider);
    const auto inSight = [&] {
      const QRect shown(slider->mapTo(scroll->viewport(), QPoint(0, 0)), slider->size());
      return scroll->viewport()->rect().contains(shown);
    };
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());  // scrolled away
    QVERIFY(!inSight());
    for (int k = 0; k < 3; ++k) panel->next();
    QCOMPARE(panel->currentLesson().steps[panel->currentStep()].field, QString("lambda"));
    QVERIFY(inSight());
    QVERIFY(!parseLesson(R"({"title": "t", "steps": [{"text": "a"}, {"text": "b", "field": "lambada"}]})", "f.json", nullptr));
  }

  // Reopened, the window brings the lesson back at the step it was at, over the problem as the person left
  // it (the step's own plot and inspection, not the preset of the lesson's first step again); a lessons
  // dock the person closed stays closed.
  void theLessonComesBackAtItsStepUntilClosed() {
    QSettings().clear();
    ExperimentSettings edited;
    {
      MainWindow window;
      QVERIFY(shownAt(window, QSize(1366, 768)));
      window.restoreLastSession();
      window.showLessons();
      window.lessonPanel()->startLesson(1);  // "Oracle steps": the oista preset, then inspections
      window.lessonPanel()->next();
      window.lessonPanel()->next();  // step 3: ISTA's signal 0 on the support plot
      edited = window.settingsPanel()->settings();
      QVERIFY(edited.lambda != 0.25);
      edited.lambda = 0.25;  // what a student tries
      window.settingsPanel()->setSettings(edited, SettingsPanel::Quietly);
      window.settingsPanel()->setInspection(Algorithm::Oista, 3);
      window.close();
    }
    {
      MainWindow window;
      QVERIFY(shownAt(window, QSize(1366, 768)));
      window.restoreLastSession();
      QVERIFY(window.lessonPanel()->isVisible());
      QCOMPARE(window.lessonPanel()->currentLesson().title, QString("Oracle steps"));
      QCOMPARE(window.lessonPanel()->currentStep(), 2);
      QCOMPARE(window.settingsPanel()->settings(), edited);  // the preset was not loaded again
      QCOMPARE(window.settingsPanel()->inspectedMethod(), MethodKey(Algorithm::Ista));  // the step's own
      QCOMPARE(window.settingsPanel()->inspectedSignal(), 0);
      QVERIFY(!window.welcome()->isVisible());
      QTRY_VERIFY(window.findChild<QDockWidget*>("lessons")->height() > window.height() / 2);  // a lesson's room, as opened
      window.close();
    }
    {
      // A launch with a preset of its own (--preset networks) never shows the lesson: the next one does
      // not resume it over the preset's problem.
      MainWindow window;
      QVERIFY(shownAt(window, QSize(1366, 768)));
      QString error;
      window.applySession(*readPreset("oista", &error));
      QVERIFY(!window.lessonPanel()->isVisible());
      edited = window.settingsPanel()->settings();
      window.close();
    }
    {
      MainWindow window;
      QVERIFY(shownAt(window, QSize(1366, 768)));
      window.restoreLastSession();
      QVERIFY(!window.lessonPanel()->isVisible());
      QCOMPARE(window.settingsPanel()->settings(), edited);
      // A lesson the person closes is not resumed either.
      window.showLessons();
      window.lessonPanel()->startLesson(1);
      window.findChild<QDockWidget*>("lessons")->close();
      window.close();
    }
    MainWindow window;
    QVERIFY(shownAt(window, QSize(1366, 768)));
    window.restoreLastSession();
    QVERIFY(!window.lessonPanel()->isVisible());
  }

  // Opened, the panel's box already names the first lesson: its text says Next starts that one.
  void anOpenedPanelSaysWhichLessonNextStarts() {
    LessonPanel panel;
    QCOMPARE(panel.findChild<QComboBox*>()->currentText(), QString("Why 1/L is conservative"));
    QCOMPARE(panel.findChild<QTextBrowser*>()->toPlainText(), QString("Press Next to start Why 1/L is conservative, or choose another lesson above."));
  }

  // The welcome's text changes once a run starts, at the same height: the plots under it moved down a line
  // the moment the first results showed.
  void theWelcomeKeepsItsHeightWhenTheFirstRunStarts_data() {
    addSizeRows({QSize(1024, 700), QSize(1280, 720), QSize(1366, 768), QSize(1600, 950), QSize(1920, 1080)});
  }
  void theWelcomeKeepsItsHeightWhenTheFirstRunStarts() {
    QFETCH(QSize, size);
    QSettings().clear();  // a first launch
    MainWindow window;
    QVERIFY(shownAt(window, size));
    auto* welcome = qobject_cast<WelcomeBanner*>(window.welcome());
    QVERIFY(welcome && welcome->isVisible());
    // The window's layout settles over a few rounds of events (the docks, then the banner's text).
    QTRY_COMPARE(welcome->height(), welcome->heightForWidth(welcome->width()));
    const QString before = welcome->text();
    const int height = welcome->height();
    const int costTop = window.costPlot()->mapTo(&window, QPoint()).y();
    QVERIFY(runIterations(window, 20));
    QVERIFY2(welcome->text() != before, qPrintable(welcome->text()));
    QCOMPARE(welcome->height(), height);
    QCOMPARE(window.costPlot()->mapTo(&window, QPoint()).y(), costTop);
  }

  // The welcome banner's lesson link starts the first lesson and the banner goes: it has done its job.
  void theWelcomesLessonLinkStartsTheFirstLesson() {
    QSettings().clear();  // a first launch (test-mode settings outlive the test run)
    MainWindow window;
    window.show();
    auto* welcome = qobject_cast<WelcomeBanner*>(window.welcome());
    QVERIFY(welcome && welcome->isVisible());
    emit welcome->lessonRequested();
    QVERIFY(window.lessonPanel()->isVisible());
    QCOMPARE(window.lessonPanel()->currentStep(), 0);
    QVERIFY(!welcome->isVisible());
    QVERIFY(WelcomeBanner::dismissedBefore());
    // Lessons opened from the Teach menu take its place as well: it offered the first lesson.
    QSettings().clear();
    MainWindow other;
    other.show();
    QVERIFY(other.welcome()->isVisible());
    QAction* lessons = menuAction(other, "&Lessons");
    QVERIFY(lessons);
    lessons->trigger();
    QVERIFY(other.lessonPanel()->isVisible());
    QVERIFY(!other.welcome()->isVisible());
  }
};

QTEST_MAIN(TestLessons)
#include "test_lessons.moc"
