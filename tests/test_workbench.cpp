// The workbench's runs beyond the solvers: networks trained in the GUI (plots hold the core's numbers),
// pause / step / resume in lockstep, stop and close during training,
// closing during a run or training, sessions that carry trained networks (digits and imported problems:
// test_imported_problems.cpp; the run gate on its own: test_run_gate.cpp; the window's layout: test_window_layout.cpp; the Lₛ/L cloud and
// the empty network plots: test_ratio_and_network_plots.cpp).
#include "csv_table.h"
#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "run/session_file.h"
#include "run/workbench_problem.h"
#include "ui_latency_benchmark.h"
#include "window/main_window.h"
#include "window/settings_panel.h"
#include "window_runs.h"

#include "base/input_error.h"
#include "experiments/problem_generators.h"
#include "io/matrix_file.h"
#include "io/network_file.h"
#include "lasso/reference_solver.h"
#include "linalg/largest_eigenvalue.h"
#include "networks/network_diagnostics.h"
#include "networks/network_trainer.h"

#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace unfold::ui;

namespace {


// Waits until the window shows a snapshot satisfying `ready`.
template <typename Predicate>
bool waitForShown(MainWindow& window, Predicate ready, int milliseconds = 30000) {
  return QTest::qWaitFor([&] { return ready(window.shownSnapshot()); }, milliseconds);
}

const NetworkCurve* network(const ConvergenceSnapshot& s, const QString& method) {
  for (const NetworkCurve& n : s.networks)
    if (n.method == method) return &n;
  return nullptr;
}

}  // namespace

class TestWorkbench : public QObject {
  Q_OBJECT
 private slots:
  void networksTrainInTheWindowAndThePlotsHoldTheCoresNumbers() {
    MainWindow window;
    window.show();
    const ExperimentSettings s = smallNetworks();
    QVERIFY(runSettings(window, s));
    const ConvergenceSnapshot& shown = window.shownSnapshot();
    QVERIFY(shown.complete);
    QCOMPARE(shown.networks.size(), 2);
    // The same training in the core (deterministic: same data, same settings, bit-identical weights).
    const WorkbenchProblem problem = buildProblem(s);
    const unfold::ReferenceSolution reference = unfold::solveReference(*problem.dictionary, problem.test.X, s.lambda);
    unfold::UnfoldedNetwork net(*problem.dictionary, s.lambda,
                                unfold::istaInitialization(unfold::Parametrization::Slista, problem.dictionary->atoms(),
                                                           problem.dictionary->lipschitz(), s.layers));
    unfold::TrainingSettings training;
    training.maxIterations = s.trainingIterations;
    const unfold::TrainingResult trained = unfold::trainNetwork(net, {problem.train.X, {}, problem.test.X, {}}, training);
    const auto layers = unfold::diagnoseNetwork(net, problem.train.X, problem.test.X, reference.optimalCost);
    const NetworkCurve* slista = network(shown, "SLISTA");
    QVERIFY(slista && slista->trained);
    QCOMPARE(slista->layerGap.size(), s.layers);
    // Cost plot: one point per layer, the core's test gap.
    QCPGraph* points = window.costPlot()->curve("SLISTA (T = 5)");
    QVERIFY(points);
    QCOMPARE(points->data()->size(), s.layers);
    for (int t = 0; t < s.layers; ++t) QCOMPARE(points->data()->at(t)->value, layers[size_t(t)].testGap);
    // Learned steps: the core's alpha x L per layer, and the 1/L_S median.
    QCPGraph* steps = window.stepsPlot()->curve("SLISTA");
    QVERIFY(steps);
    for (int t = 0; t < s.layers; ++t) QCOMPARE(steps->data()->at(t)->value, *layers[size_t(t)].stepTimesL);
    QCPGraph* median = window.stepsPlot()->curve("median 1/Lₛ (SLISTA)");
    QVERIFY(median);
    for (int t = 0; t < s.layers; ++t) QCOMPARE(median->data()->at(t)->value, layers[size_t(t)].inverseLsQ50);
    // The grey band has its own legend entry, which hides and shows the band and only the band.
    QCPGraph* bandKey = window.stepsPlot()->curve("1/Lₛ, 10–90 % of signals");
    QCPGraph* bandTop = window.stepsPlot()->curve("1/Lₛ, 90 %");
    QVERIFY(bandKey && bandTop && window.stepsPlot()->legend->hasItemWithPlottable(bandKey));
    QCOMPARE(bandTop->data()->at(0)->value, layers[0].inverseLsQ90);
    QCPGraph* bandBottom = window.stepsPlot()->curve("1/Lₛ, 10 %");
    QVERIFY(bandBottom && bandBottom->data()->at(0)->value == layers[0].inverseLsQ10);
    window.stepsPlot()->toggleCurve(bandKey);
    QVERIFY(!bandTop->visible() && !bandBottom->visible() && median->visible());
    window.stepsPlot()->toggleCurve(bandKey);
    window.stepsPlot()->toggleCurve(median);  // the median's entry hides the median alone
    QVERIFY(bandTop->visible() && bandBottom->visible() && !median->visible());
    window.stepsPlot()->toggleCurve(median);
    // The data keeps the plain notation scripts match, whatever the legend's typography.
    QVERIFY(window.stepsPlot()->toCsv().contains(QString("\nmedian 1/L_S (SLISTA),1,%1\n").arg(layers[0].inverseLsQ50, 0, 'g', 17)));
    QVERIFY(window.stepsPlot()->curve("1/L"));
    // 1/L is drawn over the networks' lines (LISTA-CP's learned step lies on it and hid it).
    QVERIFY(window.stepsPlot()->curve("1/L")->layer()->index() > window.stepsPlot()->layer("main")->index());
    // SLISTA learned to beat ISTA at depth T (the paper's claim, on this small problem).
    QVERIFY(layers.back().testGap < layers.back().istaGap);
    // Coupling of LISTA-CP: the core's distance for the weights the window trained.
    const NetworkCurve* cp = network(shown, "LISTA-CP");
    QVERIFY(cp && cp->trained);
    const auto coupling = unfold::layerCoupling(cp->network.weights, problem.dictionary->atoms(), problem.dictionary->lipschitz());
    QCPGraph* distance = window.couplingPlot()->curve("LISTA-CP");
    QVERIFY(distance);
    for (int t = 0; t < s.layers; ++t) QCOMPARE(distance->data()->at(t)->value, coupling[size_t(t)].distance);
    QVERIFY(!window.couplingPlot()->curve("SLISTA"));  // coupled by construction: nothing to show
    // Training curves: one point per optimizer step, the test loss never below the best kept.
    QCPGraph* train = window.trainingPlot()->curve(QString("SLISTA: %1 steps, %2").arg(slista->trainIteration.back()).arg(slista->stopLabel));
    QVERIFY(train);
    QCOMPARE(train->data()->size(), slista->trainIteration.size());
    QVERIFY(slista->trainIteration.size() >= 2 && slista->trainIteration.size() <= s.trainingIterations);
    // The circle marks the kept weights: the lowest test loss of the curve, which the kept network has.
    QCPGraph* kept = window.trainingPlot()->curve("SLISTA: weights kept (lowest test loss)");
    QVERIFY(kept);
    QCOMPARE(kept->data()->size(), 1);
    QCOMPARE(kept->data()->at(0)->value, trained.bestTestLoss);
    QCOMPARE(net.loss(training.loss, problem.test.X, {}), trained.bestTestLoss);
    const qsizetype keptAt = TrainingCurvesPlot::keptStep(*slista);
    QCOMPARE(kept->data()->at(0)->key, slista->trainIteration[keptAt]);
    QCOMPARE(*std::min_element(slista->testLoss.begin(), slista->testLoss.end()), trained.bestTestLoss);
    // Every kept circle (9 px) lies whole inside the axes, also at the first or last step.
    const QRect axes = window.trainingPlot()->axisRect()->rect();
    for (const char* method : {"LISTA-CP", "SLISTA"}) {
      const QCPGraph* circle = window.trainingPlot()->curve(QString("%1: weights kept (lowest test loss)").arg(method));
      QVERIFY(circle);
      const double x = window.trainingPlot()->xAxis->coordToPixel(circle->data()->at(0)->key);
      QVERIFY2(x >= axes.left() + 5 && x <= axes.right() - 5, qPrintable(QString("%1 at x = %2 in %3..%4").arg(method).arg(x).arg(axes.left()).arg(axes.right())));
    }
    window.trainingPlot()->toggleCurve(train);  // hidden from the legend: the marker with its curves
    QVERIFY(!kept->visible());
    window.trainingPlot()->toggleCurve(train);
    QVERIFY(kept->visible());
    QVERIFY(window.trainingPlot()->toCsv().startsWith("network,step,train_loss,test_loss\nLISTA-CP,1,"));
    // The cost CSV carries the networks as columns, by layer.
    const QStringList csv = window.costPlot()->toCsv().split('\n', Qt::SkipEmptyParts);
    QVERIFY2(csv[0].contains(",lista-cp_gap_mean,slista_gap_mean"), qPrintable(csv[0]));
    QCOMPARE(CsvTable::fromText(window.costPlot()->toCsv()).at(s.layers, "slista_gap_mean"), layers.back().testGap);
    QVERIFY(!window.progressBar()->isVisible());  // done: no progress bar left
    // Run again with the same settings: the weights are reused, not trained again; the legend keeps why
    // their training ended.
    const unfold::Vector before = slista->network.weights.flatten();  // slista dangles after the rerun
    const QString ended = slista->stopLabel;
    QVERIFY(runToCompletion(window));
    const NetworkCurve* again = network(window.shownSnapshot(), "SLISTA");
    QVERIFY(again && again->reused && again->network.weights.flatten() == before);
    QVERIFY(!ended.isEmpty() && ended != "trained earlier");
    QVERIFY(window.trainingPlot()->curve(QString("SLISTA: %1 steps, %2").arg(again->trainIteration.back()).arg(ended)));
  }

  void pauseStepAndResumeKeepTheSolversInLockstep() {
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));  // shortcuts go to the active window
    ExperimentSettings s;
    s.iterations = 60;
    window.settingsPanel()->setSettings(s);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QTest::keyClick(&window, Qt::Key_F5, Qt::ShiftModifier);  // Reset: paused at t = 0
    QVERIFY(window.paused());
    const auto iterates = [](const ConvergenceSnapshot& snap, qsizetype count) {
      if (!snap.paused || snap.curves.size() != 3) return false;
      for (const ConvergenceCurve& c : snap.curves)
        if (c.iteration.size() != count) return false;
      return true;
    };
    QVERIFY(waitForShown(window, [&](const ConvergenceSnapshot& snap) { return iterates(snap, 1); }));
    QVERIFY(!QTest::qWaitFor([&] { return !iterates(window.shownSnapshot(), 1); }, 200));  // still held at t = 0
    QTest::keyClick(&window, Qt::Key_F10);
    QVERIFY(waitForShown(window, [&](const ConvergenceSnapshot& snap) { return iterates(snap, 2); }));
    QTest::keyClick(&window, Qt::Key_F10);
    QVERIFY(waitForShown(window, [&](const ConvergenceSnapshot& snap) { return iterates(snap, 3); }));
    // Every snapshot carries the iterates: the inspector follows the steps.
    QCOMPARE(window.supportPlot()->raster()->data()->keySize(), 3);
    QCOMPARE(window.shownSnapshot().pausedAt, 2);
    QCOMPARE(finished.count(), 0);
    QTest::keyClick(&window, Qt::Key_Space);  // resume: runs to the end
    QVERIFY(!window.paused());
    QVERIFY(finished.wait(60000));
    for (const ConvergenceCurve& c : window.shownSnapshot().curves) QCOMPARE(c.iteration.size(), s.iterations + 1);
    // The stepped run gives the same numbers as a run straight through.
    const QString stepped = window.costPlot()->toCsv();
    window.startDefaultRun();
    QVERIFY(finished.wait(60000));
    QCOMPARE(window.costPlot()->toCsv(), stepped);
  }

  void pauseStepAndStopDuringTraining() {
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ExperimentSettings s = smallNetworks();
    s.networks.erase(unfold::Parametrization::ListaCp);
    s.n = 20;
    s.m = 60;
    s.trainCount = 2000;
    s.layers = 20;
    s.trainingIterations = 100000;  // far more than the test waits for
    window.settingsPanel()->setSettings(s);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startDefaultRun();
    QVERIFY(waitForShown(window, [](const ConvergenceSnapshot& snap) {
      return !snap.networks.isEmpty() && snap.networks.back().trainIteration.size() >= 3;
    }));
    QVERIFY(window.progressBar()->isVisible());
    QVERIFY(window.progressBar()->format().contains("SLISTA"));
    QTest::keyClick(&window, Qt::Key_Space);  // pause: the step under way finishes, then it holds
    QVERIFY(waitForShown(window, [](const ConvergenceSnapshot& snap) { return snap.paused; }));
    const qsizetype held = window.shownSnapshot().networks.back().trainIteration.size();
    // Longer than the slowest redraw pace: nothing moves.
    QVERIFY(!QTest::qWaitFor([&] { return window.shownSnapshot().networks.back().trainIteration.size() != held; }, 800));
    QTest::keyClick(&window, Qt::Key_F10);  // one training step
    QVERIFY(waitForShown(window, [&](const ConvergenceSnapshot& snap) {
      return snap.networks.back().trainIteration.size() == held + 1;
    }));
    QVERIFY(!QTest::qWaitFor([&] { return window.shownSnapshot().networks.back().trainIteration.size() != held + 1; }, 200));
    // Stop while paused in training: done within the 200 ms the issue asks for (plus the event loop).
    QElapsedTimer clock;
    clock.start();
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(finished.wait(5000));
    QVERIFY2(clock.elapsed() < 400, qPrintable(QString::number(clock.elapsed())));
    // Stop while training runs.
    window.startDefaultRun();
    QVERIFY(waitForShown(window, [&](const ConvergenceSnapshot& snap) {
      return snap.generation == window.latestGeneration() && !snap.networks.isEmpty();
    }));
    clock.restart();
    window.stop();
    QVERIFY(finished.wait(5000));
    QVERIFY2(clock.elapsed() < 400, qPrintable(QString::number(clock.elapsed())));
  }

  // F* for a large problem takes half a minute: the status line counts its signals, and Stop, or a new
  // run, ends it within a signal (a new run showed "starting the new run…" until it was done).
  void computingFStarSaysHowFarAndStops() {
    MainWindow window;
    window.setDialogsEnabled(false);
    window.show();
    ExperimentSettings s = sizedProblem(256, 1024, 1000, 200);
    s.lambda = 0.05;
    window.settingsPanel()->setSettings(s, SettingsPanel::Quietly);
    window.startDefaultRun();
    QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains(QRegularExpression("exact solution F\\* \\(reference solver\\): [1-9][0-9]* of 1000 signals")), 30000);
    QVERIFY(window.statusBar()->findChild<QProgressBar*>()->isVisible());
    s.seed += 1;  // a new problem: its F* begins at once
    window.settingsPanel()->setSettings(s, SettingsPanel::Quietly);
    window.startDefaultRun();
    QTRY_VERIFY(window.shownSnapshot().generation == window.latestGeneration());
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.stop();
    QVERIFY(finished.wait(5000));
    QVERIFY2(window.statusText().startsWith("stopped by the user while computing the exact solution F* ("), qPrintable(window.statusText()));
    QCOMPARE(window.shownSnapshot().phase, RunPhase::Stopped);
  }

  void closingDuringARunIsClean() {
    auto* window = new MainWindow;
    window->show();
    window->startDefaultRun();
    QTRY_VERIFY(window->shownSnapshot().iteration() >= 0);
    delete window;  // cancels and joins the worker: must neither crash nor hang
    MainWindow next;  // and the next window runs as usual
    next.show();
    QVERIFY(runToCompletion(next));
    QVERIFY(next.shownSnapshot().complete);
  }

  void closingDuringTrainingIsClean() {
    auto* window = new MainWindow;
    window->show();
    ExperimentSettings s = smallNetworks();
    s.trainingIterations = 100000;
    window->settingsPanel()->setSettings(s);
    window->startDefaultRun();
    QVERIFY(waitForShown(*window, [](const ConvergenceSnapshot& snap) { return !snap.networks.isEmpty(); }));
    delete window;  // cancels training between layers and joins: no crash, no hang
  }

  void sessionsCarryTrainedNetworks() {
    QTemporaryDir dir;
    const QString path = dir.filePath("nets.json");
    QVector<double> gaps, losses;
    {
      MainWindow window;
      window.show();
      QVERIFY(runSettings(window, smallNetworks()));
      gaps = network(window.shownSnapshot(), "SLISTA")->layerGap;
      losses = network(window.shownSnapshot(), "SLISTA")->trainLoss;
      QCOMPARE(saveSession(window, path), QString());
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("\"networks\"") && text.contains("\"SLISTA\"") && text.contains("unfoldlab-network"));
    MainWindow students;
    students.show();
    QSignalSpy finished(&students, &MainWindow::runFinished);
    QCOMPARE(openSession(students, path), QString());
    QVERIFY(finished.wait(60000));
    const NetworkCurve* slista = network(students.shownSnapshot(), "SLISTA");
    QVERIFY(slista && slista->trained);
    QVERIFY(slista->reused);  // not trained again
    // Its training curve came with it, identical (the Training plot is not empty).
    QVERIFY(!losses.isEmpty());
    QCOMPARE(slista->trainLoss, losses);
    QCOMPARE(slista->layerGap, gaps);  // the same results on the students' screens
  }

  void trainedWeightsAreTaggedWithTheRequestTheyAnswer() {
    MainWindow window;
    window.show();
    const ExperimentSettings asked = smallNetworks();
    window.settingsPanel()->setSettings(asked, SettingsPanel::Quietly);
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startDefaultRun();
    // An edit while the run goes on (as inside the debounce, before it becomes a request).
    ExperimentSettings edited = asked;
    edited.lambda = 0.3;
    window.settingsPanel()->setSettings(edited, SettingsPanel::Quietly);
    QVERIFY(finished.wait(60000));
    QVERIFY(window.shownSnapshot().request == asked);
    QTemporaryDir dir;
    QString error;
    // The weights answer lambda = 0.2: a session of the edited form does not carry them...
    QCOMPARE(saveSession(window, dir.filePath("edited.json")), QString());
    const auto withEdit = readSessionFile(dir.filePath("edited.json"), &error);
    QVERIFY2(withEdit, qPrintable(error));
    QCOMPARE(withEdit->settings.lambda, 0.3);
    QVERIFY(withEdit->networks.empty());
    // ...and one of the settings that trained them carries them, the very values the run produced.
    window.settingsPanel()->setSettings(asked, SettingsPanel::Quietly);
    QCOMPARE(saveSession(window, dir.filePath("asked.json")), QString());
    const auto withWeights = readSessionFile(dir.filePath("asked.json"), &error);
    QVERIFY2(withWeights, qPrintable(error));
    QCOMPARE(withWeights->networks.size(), size_t(2));
    const NetworkCurve* slista = network(window.shownSnapshot(), "SLISTA");
    QVERIFY(slista);
    const unfold::NetworkWeights& saved = withWeights->networks.at(unfold::Parametrization::Slista).weights;
    QCOMPARE(saved.layerCount(), asked.layers);
    for (int t = 0; t < asked.layers; ++t) QCOMPARE(saved.layers[size_t(t)].step, slista->network.weights.layers[size_t(t)].step);
  }

  void latencyBenchmarkMeasuresARealRun() {
    const UiLatencyResult r = measureUiLatency(latencyBenchmarkSettings(true));
    QVERIFY(r.redraws >= 1);  // the window drew the run
    QVERIFY(r.worstLatencyMs >= 0.0 && r.worstLatencyMs < 10000.0);
    QVERIFY(r.windowedSeconds > 0.0 && r.headlessSeconds > 0.0);
    // Networks train while it is measured.
    QVERIFY((r.settings.networks == std::set{unfold::Parametrization::ListaCp, unfold::Parametrization::Slista}));
  }
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
