// The Robustness dock as a person uses it: train, see the test gaps, attack, stop an attack, click a bar to
// inspect its worst signal under the network and under OISTA, move the out-of-distribution sliders, and
// pick a solver's signal again. After every action the whole window tells one story (story_check.h), and
// the numbers are checked against the core computed independently.
#include "experiments/network_attack.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "robustness_bars.h"
#include "run/workbench_problem.h"
#include "shown_at.h"
#include "story_check.h"
#include "teaching/lesson_panel.h"
#include "window/robustness_panel.h"
#include "window_runs.h"

using namespace unfold;
using namespace unfold::ui;

namespace {

// Mean F(z_T) - F* of the run's network on its test signals at lambda, from scratch.
double meanTestGap(const ExperimentSettings& settings, const NetworkFile& network, double lambda) {
  const WorkbenchProblem problem = buildProblem(settings);
  const UnfoldedNetwork net(*problem.dictionary, lambda, network.weights);
  const ReferenceSolution reference = solveReference(*problem.dictionary, problem.test.X, lambda);
  return (lassoCosts(problem.dictionary->atoms(), problem.test.X, net.forward(problem.test.X), lambda) - reference.optimalCost).mean();
}

}  // namespace

class TestRobustness : public QObject {
  Q_OBJECT

 private slots:
  void attackInspectAndShiftAFlow() {
    MainWindow w;
    w.setDialogsEnabled(false);
    w.show();
    ExperimentSettings settings = smallNetworks();
    settings.networks = {Parametrization::Slista};
    settings.layers = 6;
    settings.trainingIterations = 150;
    QVERIFY(runSettings(w, settings));
    QCOMPARE(storyProblems(w), QString());
    RobustnessPanel& panel = *w.robustnessPanel();
    // Every control in sight: the dock scrolls up and down, never sideways.
    w.findChild<QDockWidget*>("robustness")->raise();
    QTRY_VERIFY(panel.isVisible());
    auto* scroll = qobject_cast<QScrollArea*>(w.findChild<QDockWidget*>("robustness")->widget());
    QTRY_VERIFY2(panel.width() <= scroll->viewport()->width(),
             qPrintable(QString("panel %1 px wide (needs %2) in %3").arg(panel.width()).arg(panel.minimumSizeHint().width()).arg(scroll->viewport()->width())));

    // Evaluated on the run's test signals: the mean gap is the network's last-layer test gap.
    QTRY_COMPARE_WITH_TIMEOUT(panel.shown().testGap.size(), 100, 20000);
    const NetworkCurve& trained = w.shownSnapshot().networks.back();
    const double testGap = panel.shown().meanTestGap();
    QVERIFY2(std::abs(testGap - trained.layerGap.back()) <= 1e-9 * testGap,
             qPrintable(QString("%1 vs %2").arg(testGap).arg(trained.layerGap.back())));
    QCOMPARE(storyProblems(w), QString());

    // Attack: every signal's gap at least what it was, the mean many times higher. Its progress stands in
    // the steps box's place meanwhile (a row of its own pushed the histogram's axis below a laptop dock's
    // fold), and the focus goes to Stop, not to the steps box, whose selected text a key would replace.
    auto* attack = panel.findChild<QPushButton*>("attack");
    auto* steps = panel.findChild<QSpinBox*>("attackSteps");
    auto* progress = panel.findChild<QProgressBar*>();
    QVERIFY(progress->isHidden() && !steps->isHidden());
    steps->setValue(25);
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::mouseClick(attack, Qt::LeftButton);
    QVERIFY(panel.attacking() && !progress->isHidden() && steps->isHidden());
    QTRY_VERIFY(panel.findChild<QPushButton*>("stopAttack")->hasFocus());
    QCOMPARE(storyProblems(w), QString());
    QTRY_VERIFY_WITH_TIMEOUT(panel.shown().complete && panel.shown().attackedGap.size() == 100, 30000);
    const RobustnessSnapshot attacked = panel.shown();
    QCOMPARE(attacked.attackStep, 25);
    // Done: the steps box is back, and the summary says what was done.
    QVERIFY(progress->isHidden() && !steps->isHidden());
    QVERIFY(panel.findChild<QLabel*>("robustnessSummary")->text().contains("attacked (step 25/25, orange)"));
    for (qsizetype j = 0; j < 100; ++j) QVERIFY(attacked.attackedGap[j] >= attacked.testGap[j]);
    QVERIFY2(attacked.meanAttackedGap() >= 2 * attacked.meanTestGap(),
             qPrintable(QString("%1 -> %2").arg(attacked.meanTestGap()).arg(attacked.meanAttackedGap())));
    QCOMPARE(storyProblems(w), QString());

    // Click the attacked bar of the highest bin: its worst signal, under SLISTA's layers, then OISTA.
    RobustnessPlot& plot = *panel.plot();
    const auto highestBar = [&plot](QCPBars* bars) {  // the middle of the non-empty bar furthest right
      const QCPBarsData* highest = nullptr;
      for (const QCPBarsData& d : *bars->data())
        if (d.value > 0) highest = &d;
      return highest ? QPoint(static_cast<int>(plot.xAxis->coordToPixel(highest->key)),
                              static_cast<int>(plot.yAxis->coordToPixel(highest->value / 2)))
                     : QPoint(-1, -1);
    };
    const QPoint at = highestBar(plot.attackedBars());
    const RobustnessPlot::Pick pick = plot.signalAt(at);
    QVERIFY(pick.attacked);
    const auto worst = std::max_element(attacked.attackedGap.begin(), attacked.attackedGap.end()) - attacked.attackedGap.begin();
    QCOMPARE(pick.signal, static_cast<int>(worst));  // the highest bin holds the worst signal
    // A mark over its bar, which may be a pixel high, names it; a click under the mark picks it.
    QCOMPARE(plot.worstMark()->data()->size(), 1);
    QVERIFY(plot.worstMark()->name().startsWith(QString("worst attacked: signal %1 (").arg(worst)));
    QVERIFY(plot.legend->hasItemWithPlottable(plot.worstMark()));  // the legend names the mark
    const QPointF mark(plot.xAxis->coordToPixel(plot.worstMark()->data()->at(0)->key),
                       plot.yAxis->coordToPixel(plot.worstMark()->data()->at(0)->value));
    QCOMPARE(plot.signalAt(mark).signal, static_cast<int>(worst));
    QVERIFY(plot.signalAt(mark).attacked);
    const int formWidth = w.settingsPanel()->minimumSizeHint().width();
    QVERIFY2(barsUnderLegend(plot).isEmpty(), qPrintable(barsUnderLegend(plot).join("; ")));
    QTest::mouseClick(&plot, Qt::LeftButton, {}, at);
    QTRY_VERIFY(w.inspectingRobustness());
    QVERIFY2(barsUnderLegend(plot).isEmpty(), qPrintable(barsUnderLegend(plot).join("; ")));  // nor its outline
    QVERIFY2(w.supportPlot()->title().contains(QString("SLISTA, attacked signal %1").arg(worst)), qPrintable(w.supportPlot()->title()));
    // The form says what the plots show without growing wider than its dock.
    QVERIFY2(w.settingsPanel()->minimumSizeHint().width() <= formWidth,
             qPrintable(QString("%1 px, was %2").arg(w.settingsPanel()->minimumSizeHint().width()).arg(formWidth)));
    QCOMPARE(w.supportPlot()->raster()->data()->keySize(), 7);  // z_0 .. z_6
    QCOMPARE(storyProblems(w), QString());
    const QString said = panel.findChild<QLabel*>("robustnessInspection")->text();
    QVERIFY2(said.startsWith(QString("attacked signal %1: SLISTA F − F* = ").arg(worst)) && !said.contains("Unchanged"), qPrintable(said));
    // A signal the attack could not move (its numbers are the clean signal's) is said to be so.
    const auto same = std::find(attacked.attackMovesKept.begin(), attacked.attackMovesKept.end(), 0);
    QVERIFY(same != attacked.attackMovesKept.end());
    QCOMPARE(attacked.attackedGap[same - attacked.attackMovesKept.begin()], attacked.testGap[same - attacked.attackMovesKept.begin()]);
    panel.inspect(true, int(same - attacked.attackMovesKept.begin()));
    QTRY_VERIFY(panel.findChild<QLabel*>("robustnessInspection")->text().endsWith("Unchanged by the attack: no move raised its gap."));
    panel.inspect(true, int(worst));
    QTRY_COMPARE(panel.findChild<QLabel*>("robustnessInspection")->text(), said);
    // The network's last layer on that signal is the attack's gap for it.
    const ConvergenceCurve* layers = nullptr;
    for (const ConvergenceCurve& c : w.robustnessInspection()->curves)
      if (c.network) layers = &c;
    QVERIFY(layers);
    QVERIFY(std::abs(layers->gapMean.back() - attacked.attackedGap[worst]) <= 1e-8 * attacked.attackedGap[worst]);
    panel.findChild<QComboBox*>("inspectUnder")->setCurrentIndex(1);
    QCOMPARE(w.supportPlot()->raster()->data()->keySize(), 101);  // OISTA's 100 iterations
    QVERIFY(w.supportPlot()->title().contains("OISTA, attacked signal"));
    QCOMPARE(w.ratioPlot()->title(), QString("Lₛ / L: OISTA"));
    QVERIFY(w.ratioPlot()->toCsv().contains("scatter,OISTA iterates,"));
    QVERIFY(!w.ratioPlot()->toCsv().contains("scatter,SLISTA iterates,"));  // the cloud of the method shown
    QCOMPARE(storyProblems(w), QString());

    // Stop a long attack: it ends where it is and says so. Attacking again replaces the attacked signals:
    // the inspection of one of them ends and the plots go back to the run's.
    panel.findChild<QSpinBox*>("attackSteps")->setValue(1000);
    QTest::mouseClick(attack, Qt::LeftButton);
    QVERIFY(!w.inspectingRobustness());
    QVERIFY2(!w.supportPlot()->title().contains("attacked"), qPrintable(w.supportPlot()->title()));
    QCOMPARE(panel.findChild<QLabel*>("robustnessInspection")->text(), QString());
    QCOMPARE(storyProblems(w), QString());
    QTRY_VERIFY_WITH_TIMEOUT(panel.shown().attackStep >= 1 && panel.shown().request.attackSteps == 1000, 30000);
    QTest::mouseClick(panel.findChild<QPushButton*>("stopAttack"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.shown().stopped, 30000);
    QVERIFY(!panel.attacking());
    QVERIFY(panel.shown().attackStep < 1000);
    QVERIFY(panel.findChild<QLabel*>("robustnessSummary")->text().contains(", stopped, orange)"));
    QCOMPARE(storyProblems(w), QString());

    // A test signal inspected outlives an attack on the same signals, not a shift of them.
    QTest::mouseClick(&plot, Qt::LeftButton, {}, highestBar(plot.testBars()));
    QTRY_VERIFY(w.inspectingRobustness());
    QVERIFY2(w.supportPlot()->title().contains("test signal"), qPrintable(w.supportPlot()->title()));
    panel.findChild<QSpinBox*>("attackSteps")->setValue(2);
    QTest::mouseClick(attack, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.shown().complete && panel.shown().request.attackSteps == 2, 30000);
    QVERIFY(w.inspectingRobustness());
    QVERIFY2(w.supportPlot()->title().contains("test signal"), qPrintable(w.supportPlot()->title()));
    QCOMPARE(storyProblems(w), QString());
    // Out of distribution: lambda twice the trained one, evaluated live, equals the core's number.
    panel.setShift(std::nullopt, 0.0, 2.0);
    QTRY_VERIFY(!w.inspectingRobustness());
    QVERIFY2(!w.supportPlot()->title().contains("test signal"), qPrintable(w.supportPlot()->title()));
    QCOMPARE(panel.findChild<QLabel*>("robustnessInspection")->text(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(std::abs(panel.shown().lambda - 2 * settings.lambda) < 1e-12 && panel.shown().complete, 20000);
    const double shifted = meanTestGap(settings, trained.network, 2 * settings.lambda);
    QVERIFY2(std::abs(panel.shown().meanTestGap() - shifted) <= 1e-9 * shifted,
             qPrintable(QString("%1 vs %2").arg(panel.shown().meanTestGap()).arg(shifted)));
    QVERIFY(panel.shown().attackedGap.isEmpty());  // a new evaluation, not yet attacked, and the summary says why
    const QLabel* summary = panel.findChild<QLabel*>("robustnessSummary");
    QVERIFY2(summary->text().endsWith("(blue); Attack again for the shifted signals"), qPrintable(summary->text()));
    // In two lines of a laptop's 330-px column (it took three, pushing the histogram down).
    QVERIFY2(summary->heightForWidth(300) <= 2 * summary->fontMetrics().lineSpacing() + 2,
             qPrintable(QString("%1 px high at 300 px wide").arg(summary->heightForWidth(300))));
    QVERIFY(!plot.legend->hasItemWithPlottable(plot.worstMark()));  // no mark, no entry
    QCOMPARE(storyProblems(w), QString());
    // Noisy sparse signals: another evaluation, named as shifted in the legend.
    panel.setShift(SignalKind::Sparse, 0.2, 1.0);
    QTRY_VERIFY_WITH_TIMEOUT(panel.shown().request.signalKind == SignalKind::Sparse && panel.shown().request.noise == 0.2 &&
                                 panel.shown().complete, 20000);
    QVERIFY(panel.plot()->testBars()->name().startsWith("shifted signals"));
    QCOMPARE(storyProblems(w), QString());

    // Picking a solver's signal in the form takes the inspector back. (A shifted signal is named so.)
    QTest::mouseClick(&plot, Qt::LeftButton, {}, highestBar(plot.testBars()));
    QTRY_VERIFY(w.inspectingRobustness());
    QVERIFY2(w.supportPlot()->title().contains("shifted signal"), qPrintable(w.supportPlot()->title()));
    w.settingsPanel()->setInspection(Algorithm::Oista, 3);
    QVERIFY(!w.inspectingRobustness());
    QVERIFY(w.supportPlot()->title().contains("OISTA, signal 3"));
    QCOMPARE(storyProblems(w), QString());
  }

  // "What SLISTA learns", steps 5 and 6: the lesson trains SLISTA, attacks it and shows its worst attacked
  // signal under its layers, then under OISTA, whose checked steps keep decreasing the cost there.
  void theLessonShowsANetworkFailingWhereOistaDoesNot() {
    MainWindow w;
    w.setDialogsEnabled(false);
    w.resize(1600, 950);  // the designed layout, as a first-time user sees it
    w.show();
    w.showLessons();
    LessonPanel& lesson = *w.lessonPanel();
    lesson.startLesson(2);
    QCOMPARE(lesson.currentLesson().title, QString("What SLISTA learns"));
    while (lesson.currentStep() < 3) lesson.next();
    // Step 4 loads the networks preset (0.8 λₘₐₓ): its SLISTA evaluated in the dock.
    RobustnessPanel& panel = *w.robustnessPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!w.running() && !panel.shown().testGap.isEmpty(), 120000);
    QCOMPARE(storyProblems(w), QString());
    // Step 5 loads the learned-steps preset, whose SLISTA trains first: meanwhile the dock shows no
    // network of the preset before (it had shown it, at its λ, beside plots of the new problem).
    lesson.next();
    QTRY_VERIFY(w.running() && w.shownSnapshot().generation == w.latestGeneration());
    QCOMPARE(storyProblems(w), QString());
    QVERIFY(panel.shown().testGap.isEmpty());
    QCOMPARE(panel.findChild<QLabel*>("robustnessSummary")->text(), QString("The networks of the run under way show here once trained."));
    QCOMPARE(lesson.currentLesson().steps[4].attackSteps, 30);
    QTRY_VERIFY_WITH_TIMEOUT(w.inspectingRobustness(), 120000);
    QCOMPARE(panel.shown().request.attackSteps, 30);
    QVERIFY(panel.shown().complete);
    QCOMPARE(panel.shown().request.network.weights.kind, Parametrization::Slista);
    const RobustnessSnapshot attacked = panel.shown();
    const auto worst = std::max_element(attacked.attackedGap.begin(), attacked.attackedGap.end()) - attacked.attackedGap.begin();
    QVERIFY2(w.supportPlot()->title().contains(QString("SLISTA, attacked signal %1").arg(worst)), qPrintable(w.supportPlot()->title()));
    const int layers = w.settingsPanel()->settings().layers;
    QCOMPARE(w.supportPlot()->raster()->data()->keySize(), layers + 1);
    // The step's "show": the Robustness tab in front, not taken back by the run's networks appearing.
    // (Qt moves a tab behind another out of the window rather than hiding it.)
    QVERIFY(!w.findChild<QDockWidget*>("robustness")->visibleRegion().isEmpty());
    QVERIFY(w.findChild<QDockWidget*>("steps")->visibleRegion().isEmpty());
    QCOMPARE(storyProblems(w), QString());
    QVERIFY2(barsUnderLegend(*panel.plot()).isEmpty(), qPrintable(barsUnderLegend(*panel.plot()).join("; ")));

    // Under OISTA the same signal: the cost decreases at every iteration and ends below the network's.
    lesson.next();
    QCOMPARE(panel.inspectedMethod(), MethodKey(Algorithm::Oista));
    QVERIFY2(w.supportPlot()->title().contains(QString("OISTA, attacked signal %1").arg(worst)), qPrintable(w.supportPlot()->title()));
    QCOMPARE(w.supportPlot()->raster()->data()->keySize(), 101);
    const ConvergenceCurve* oista = nullptr;
    for (const ConvergenceCurve& c : w.robustnessInspection()->curves)
      if (!c.network) oista = &c;
    QVERIFY(oista);
    for (qsizetype t = 1; t < oista->gapMean.size(); ++t)
      QVERIFY2(oista->gapMean[t] <= oista->gapMean[t - 1] + 1e-12, qPrintable(QString("iteration %1").arg(t)));
    QVERIFY2(oista->gapMean[layers] < attacked.attackedGap[worst],
             qPrintable(QString("OISTA after %1: %2, SLISTA %3").arg(layers).arg(oista->gapMean[layers]).arg(attacked.attackedGap[worst])));
    QCOMPARE(storyProblems(w), QString());

    // The next lesson is about something else: the plots show the run's own signals again.
    lesson.startLesson(3);
    QVERIFY(!w.inspectingRobustness());
    QVERIFY2(!w.supportPlot()->title().contains("attacked"), qPrintable(w.supportPlot()->title()));
    QCOMPARE(storyProblems(w), QString());
  }

  void withoutANetworkTheDockSaysWhatToDo() {
    MainWindow w;
    w.setDialogsEnabled(false);
    QVERIFY(runIterations(w, 20));
    RobustnessPanel& panel = *w.robustnessPanel();
    QVERIFY(panel.shown().testGap.isEmpty());
    QVERIFY(!panel.findChild<QPushButton*>("attack")->isEnabled());
    QVERIFY(panel.findChild<QLabel*>("robustnessSummary")->text().startsWith("Train a network"));
    QCOMPARE(storyProblems(w), QString());
    // A wheel turned over the dock's boxes and slider changes nothing (as over the Experiment form).
    auto* kind = panel.findChild<QComboBox*>("shiftKind");
    auto* noise = panel.findChild<QSlider*>("shiftNoise");
    const int kindBefore = kind->currentIndex(), noiseBefore = noise->value();
    for (QWidget* target : {static_cast<QWidget*>(kind), static_cast<QWidget*>(noise)}) {
      const QPointF at(target->rect().center());
      QWheelEvent notch(at, target->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
      QSpontaneKeyEvent::setSpontaneous(&notch);
      QApplication::sendEvent(target, &notch);
    }
    QCOMPARE(kind->currentIndex(), kindBefore);
    QCOMPARE(noise->value(), noiseBefore);
    // A wheel turned out over the histogram zooms out, but never to a negative count of signals.
    RobustnessPlot& histogram = *panel.plot();
    histogram.resize(300, 200);
    for (int k = 0; k < 5; ++k) {
      const QPointF at(histogram.axisRect()->rect().center());
      QWheelEvent out(at, histogram.mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
      QApplication::sendEvent(&histogram, &out);
    }
    QVERIFY(histogram.userView());
    QVERIFY2(histogram.yAxis->range().lower >= 0 && histogram.yAxis->range().size() > 1,
             qPrintable(QString("%1 to %2").arg(histogram.yAxis->range().lower).arg(histogram.yAxis->range().upper)));
  }
};

QTEST_MAIN(TestRobustness)
#include "test_robustness.moc"
