// The Lₛ/L plot's cloud (its panel fits the cloud; a click on a point inspects that point's signal,
// without a rerun), what the empty network plots say, and the networks' points in the cost plot.
#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/method_palette.h"
#include "plots/learned_steps_plot.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "window/main_window.h"
#include "window/settings_panel.h"
#include "shown_at.h"
#include "window_runs.h"

#include "linalg/largest_eigenvalue.h"

#include <QJsonObject>
#include <QtTest>

#include <array>
#include <cmath>
#include <memory>

using namespace unfold::ui;

namespace {

// ISTA's mean gap 4, 2, 1 at t = 0, 1, 2: a cost plot's solver beside the networks under test.
ConvergenceSnapshot istaSnapshot() {
  ConvergenceCurve ista;
  ista.method = "ISTA";
  ista.iteration = {0, 1, 2};
  ista.gapMean = ista.gapMedian = ista.gapQ10 = ista.gapQ90 = {4.0, 2.0, 1.0};
  ConvergenceSnapshot snapshot;
  snapshot.curves = {ista};
  return snapshot;
}

ConvergenceCurve oistaInspectingOne(int atoms) {
  ConvergenceCurve oista;
  oista.algorithm = unfold::Algorithm::Oista;
  oista.method = "OISTA";
  oista.inspected = 1;
  oista.atoms = atoms;
  return oista;
}

}  // namespace

class TestRatioAndNetworkPlots : public QObject {
  Q_OBJECT
 private slots:
  // The (|S|/m, L_S/L) panel fits its cloud: out to the first of 0.1, 0.2, 0.5 and 1 that leaves room
  // past the widest support, up to a fifth over the cloud and the law there (a sparse solution's supports
  // crowded the y axis of a 0-1 panel); a cloud spread wide, or none yet, keeps the whole 0-1 square.
  void theCloudsPanelFitsTheCloud_data() {
    QTest::addColumn<QVector<double>>("zeta");
    QTest::addColumn<QVector<double>>("ratio");
    QTest::addColumn<double>("across");
    QTest::addColumn<double>("up");
    const double law = unfold::marchenkoPasturRatio(0.1, 4.0);  // γ = 4 below
    QTest::newRow("sparse") << QVector<double>{0.01, 0.03, 0.06} << QVector<double>{0.12, 0.2, 0.3} << 0.1 << 1.2 * std::max(0.3, law);
    QTest::newRow("wider") << QVector<double>{0.1, 0.15} << QVector<double>{0.3, 0.5} << 0.2 << 0.6;
    QTest::newRow("none") << QVector<double>{} << QVector<double>{} << 1.0 << 1.05;
    QTest::newRow("wide") << QVector<double>{0.3, 0.9} << QVector<double>{0.5, 0.95} << 1.0 << 1.05;
  }
  void theCloudsPanelFitsTheCloud() {
    QFETCH(QVector<double>, zeta);
    QFETCH(QVector<double>, ratio);
    QFETCH(double, across);
    QFETCH(double, up);
    ConvergenceSnapshot snapshot;
    snapshot.gamma = 4.0;
    ConvergenceCurve oista = oistaInspectingOne(100);
    oista.sampleZeta = zeta;
    oista.sampleRatio = ratio;
    oista.sampleSignal = QVector<int>(zeta.size(), 0);
    snapshot.curves = {oista};
    SupportRatioPlot plot;
    plot.resize(600, 300);
    plot.showSignal(snapshot, unfold::Algorithm::Oista, -1);
    const QCPAxisRect* cloud = plot.axisRects().at(1);
    QCOMPARE(cloud->axis(QCPAxis::atBottom)->range().upper, across);
    QVERIFY(qFuzzyCompare(cloud->axis(QCPAxis::atLeft)->range().upper, up));
  }

  // A run of 1000 iterations whose support settles at t = 50 showed that in the axes' first 5 %: the
  // raster and the L_S/L panel end a little after it, say how far the run went, and the solution's marks
  // follow the last column. A sign that flips late keeps the whole run.
  void aLongRunEndsAfterItsSupportSettles_data() {
    QTest::addColumn<int>("lateFlip");
    QTest::newRow("settled at t = 50") << -1;
    QTest::newRow("a sign flips at t = 900") << 900;
  }
  void aLongRunEndsAfterItsSupportSettles() {
    QFETCH(int, lateFlip);
    const int T = 1000;
    auto history = std::make_shared<IterateHistory>(T, 1, 4);
    for (int t = 0; t <= T; ++t) {
      std::array<double, 4> z{t % 2 ? 1.0 : -1.0, 0.5, 0.0, 0.0};  // a sign changes at every t before 50
      if (t >= 50) z = {std::exp(-t / 100.0) + 1, 0.0, -1.0, 0.0};  // then only magnitudes do
      if (lateFlip > 0 && t >= lateFlip) z[0] = -1.0;
      history->record(t, 0, z.data(), t < 50 ? 0.3 + 0.1 * (t % 2) : lateFlip > 0 && t >= lateFlip ? 0.6 : 0.5, false);
    }
    ConvergenceSnapshot snapshot;
    snapshot.gamma = 4.0;
    snapshot.testSignals = 100;  // of which the run kept one signal's iterates (a long run's budget)
    snapshot.solution = {1.0, 0.0, lateFlip > 0 ? 1.0 : -1.0, 0.0};
    ConvergenceCurve oista = oistaInspectingOne(4);
    oista.history = history;
    for (int t = 0; t <= T; ++t) oista.iteration.append(t);
    snapshot.curves = {oista};
    SupportRasterPlot raster;
    SupportRatioPlot ratio;
    QVERIFY(shownAt(raster, QSize(600, 400)) && shownAt(ratio, QSize(600, 300)));
    raster.showSignal(snapshot, unfold::Algorithm::Oista, 0);
    ratio.showSignal(snapshot, unfold::Algorithm::Oista, 0);
    const int columns = raster.raster()->data()->keySize();
    // |S_t| steps where the raster's columns meet: the level of iterate t spans its column, t ± 1/2.
    const QCPGraph* sizes = nullptr;
    for (int i = 0; i < raster.graphCount(); ++i)
      if (raster.graph(i)->name() == "|Sₜ|") sizes = raster.graph(i);
    QVERIFY(sizes && sizes->lineStyle() == QCPGraph::lsStepLeft && sizes->data()->size() == T + 2);
    QCOMPARE(raster.raster()->data()->keyRange().lower, 0.0);  // column t is centred on t
    for (const int t : {0, 49, 50, T}) {
      QCOMPARE(sizes->data()->at(t)->key, t - 0.5);
      QCOMPARE(sizes->data()->at(t)->value, double(history->supportSize(t, 0)));
    }
    QCOMPARE(sizes->data()->at(T + 1)->key, T + 0.5);
    // Hovered, a level reads as its iterate's (by its own panel's axes, not the raster's).
    raster.replot();
    const QPointF level50(sizes->keyAxis()->coordToPixel(49.5), sizes->valueAxis()->coordToPixel(sizes->data()->at(50)->value));
    QVERIFY2(raster.readOut(level50).startsWith("|Sₜ|   t = 50,"), qPrintable(raster.readOut(level50)));
    const QCPGraph* marks = raster.graph(0);  // z* > 0
    QVERIFY(!marks->data()->isEmpty());
    QCOMPARE(marks->data()->begin()->key, columns + 1.0);
    for (WorkbenchPlot* plot : std::initializer_list<WorkbenchPlot*>{&raster, &ratio}) {
      plot->replot();
      const double end = plot->xAxis->range().upper;
      if (lateFlip < 0) {
        QVERIFY2(end > 55 && end < 65, qPrintable(QString::number(end)));
        // As long as the panel has room for: the L_S/L plot's two panels share 600 px.
        const QString label = plot->xAxis->label(), why = plot == &raster ? "the support unchanged" : "Lₛ / L settled";
        QVERIFY2(settledAxisLabels("iteration t", T, why).mid(0, 4).contains(label), qPrintable(label));
        QVERIFY2(QFontMetrics(plot->xAxis->labelFont()).horizontalAdvance(label) < plot->axisRect()->width() + 40, qPrintable(label + QString(" in %1 px").arg(plot->axisRect()->width())));
        if (plot == &raster) QCOMPARE(label, settledAxisLabels("iteration t", T, why).front());
      } else {
        QVERIFY2(end > T, qPrintable(QString::number(end)));
        QCOMPARE(plot->xAxis->label(), QString("iteration t"));
      }
    }
    if (lateFlip < 0) QVERIFY(columns >= 51 && columns <= 57);
    else QCOMPARE(columns, T + 1);
    QCOMPARE(ratio.curve(snapshot.signalName(0))->data()->size(), T + 1);  // the data stay whole (the CSV's too)
    // No dashed mean over one signal: its entry says why (it went missing without a word).
    QCOMPARE(ratio.curve(snapshot.signalName(0))->name(), snapshot.signalName(0) + " (the only one kept)");
    QVERIFY(ratio.toCsv().contains("\niterations,OISTA signal 0,1000,"));  // the data's series keeps its name

    // A new run computing F*: no word left of this run's end, and no numbers where nothing is drawn. The
    // L_S/L plot's law, known before the run, stands in its cloud panel with its numbers.
    const auto scaleRoom = [&raster] {  // the colour bar's room for its numbers, right of the bar
      const QCPColorScale* scale = raster.findChild<QCPColorScale*>();
      return scale->outerRect().right() - scale->axis()->axisRect()->rect().right();
    };
    const int roomWithData = scaleRoom();
    ConvergenceSnapshot preparing;
    preparing.generation = 2;
    preparing.phase = RunPhase::Preparing;
    preparing.gamma = 4.0;
    raster.showSignal(preparing, unfold::Algorithm::Oista, 0);
    ratio.showSignal(preparing, unfold::Algorithm::Oista, 0);
    raster.replot();
    ratio.replot();
    for (QCPAxisRect* panel : raster.axisRects()) QCOMPARE(panel->axis(QCPAxis::atBottom)->label(), QString("iteration t"));
    QCOMPARE(ratio.xAxis->label(), QString("iteration t"));
    QVERIFY(!ratio.xAxis->tickLabels() && !ratio.yAxis->tickLabels());
    QCOMPARE(ratio.xAxis->grid()->zeroLinePen().style(), Qt::NoPen);  // a line at t = 0 read as data
    QCPAxisRect* cloud = ratio.axisRects().at(1);
    QVERIFY(cloud->axis(QCPAxis::atBottom)->tickLabels() && cloud->axis(QCPAxis::atLeft)->tickLabels());
    QVERIFY(cloud->graphs().size() >= 2 && !cloud->graphs().front()->data()->isEmpty());  // the law and |S|/m
    // The empty colour bar keeps the room its numbers take (without them it slid to the edge, its label cut).
    QCOMPARE(scaleRoom(), roomWithData);
  }

  // A network plot with nothing to draw says why: a run that asks for networks trains them after its
  // solvers (after Reset too, where "train a network to see it" told the user to do what was asked);
  // a run without any asked says how to get one.
  void networkPlotsSayWhyTheyAreEmpty() {
    ConvergenceSnapshot asked;
    asked.request.networks = {unfold::Parametrization::Slista};
    LearnedStepsPlot steps;
    TrainingCurvesPlot training;
    steps.showSnapshot(asked);
    training.showSnapshot(asked);
    QCOMPARE(steps.title(), QString("Learned step sizes (the networks train after the solvers)"));
    QCOMPARE(training.title(), QString("Training (the networks train after the solvers)"));
    steps.showSnapshot(ConvergenceSnapshot{});
    training.showSnapshot(ConvergenceSnapshot{});
    QCOMPARE(steps.title(), QString("Learned step sizes (train a network to see it)"));
    QCOMPARE(training.title(), QString("Training (train a network to see it)"));
    CouplingPlot coupling;  // SLISTA alone draws no coupling; with LISTA-CP asked, it comes
    coupling.showSnapshot(asked);
    QCOMPARE(coupling.title(), QString("Weight coupling (train LISTA or LISTA-CP to see it)"));
    asked.request.networks.insert(unfold::Parametrization::ListaCp);
    coupling.showSnapshot(asked);
    QCOMPARE(coupling.title(), QString("Weight coupling (the networks train after the solvers)"));
  }

  // The solvers' plots likewise: while the run computes F* (seconds for a large problem) they say so, not
  // "run a solver", which asked for what was under way.
  void solverPlotsSayWhyTheyAreEmpty() {
    ConvergenceSnapshot preparing;
    preparing.generation = 3;
    preparing.phase = RunPhase::Preparing;
    SupportRasterPlot support;
    SupportRatioPlot ratio;
    support.showSignal(preparing, unfold::Algorithm::Oista, 0);
    ratio.showSignal(preparing, unfold::Algorithm::Oista, 0);
    QCOMPARE(support.title(), QString("Support evolution (computing the exact solution F* first)"));
    QCOMPARE(ratio.title(), QString("Lₛ / L (computing the exact solution F* first)"));
    support.showSignal(ConvergenceSnapshot{}, unfold::Algorithm::Oista, 0);
    ratio.showSignal(ConvergenceSnapshot{}, unfold::Algorithm::Oista, 0);
    QCOMPARE(support.title(), QString("Support evolution (run a solver to see it)"));
    QCOMPARE(ratio.title(), QString("Lₛ / L (run a solver to see it)"));
    CostDecreasePlot cost;  // the cost plot too, alone among them it said nothing
    cost.showSnapshot(preparing);
    QCOMPARE(cost.title(), QString("Cost decrease (computing the exact solution F* first)"));
    cost.showSnapshot(ConvergenceSnapshot{});
    QCOMPARE(cost.title(), QString("Cost decrease (run a solver to see it)"));
  }

  // Before a run the axes keep QCustomPlot's default ranges (L_S/L up to 5): an empty plot shows no numbers on
  // them, nor a zero line (a lone line at t = 0 in the empty cost plot), and both come with its first data.
  void anEmptyPlotShowsNoNumbers() {
    MainWindow window;
    QVERIFY(shownAt(window, QSize(1366, 768)));
    const auto numbered = [](WorkbenchPlot* plot) {
      plot->replot();
      for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes())
          if (axis->visible() && axis->tickLabels()) return true;
      return false;
    };
    const auto zeroLined = [](WorkbenchPlot* plot) {
      for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes())
          if (axis->grid()->visible() && axis->grid()->zeroLinePen().style() != Qt::NoPen) return true;
      return false;
    };
    for (WorkbenchPlot* plot : window.plots()) {
      QVERIFY2(!numbered(plot), qPrintable(plot->title()));
      QVERIFY2(!zeroLined(plot), qPrintable(plot->title()));
    }
    const QPen zeroLine = QCustomPlot().xAxis->grid()->zeroLinePen();  // QCustomPlot's own
    QVERIFY(zeroLine.style() != Qt::NoPen);
    QVERIFY(runIterations(window, 40));
    for (WorkbenchPlot* plot : std::initializer_list<WorkbenchPlot*>{window.costPlot(), window.supportPlot(), window.ratioPlot()})
      QVERIFY2(numbered(plot), qPrintable(plot->title()));
    QCOMPARE(window.costPlot()->xAxis->grid()->zeroLinePen(), zeroLine);  // back as it was
    QVERIFY(!numbered(window.trainingPlot()));  // no network was asked for
    QVERIFY(!zeroLined(window.trainingPlot()));
  }

  void clickingACloudPointInspectsItsSignal() {
    MainWindow window;
    window.show();
    QVERIFY(runIterations(window, 40));
    SupportRatioPlot* plot = window.ratioPlot();
    plot->replot();
    // A point of the cloud from a signal other than the one shown.
    const ConvergenceCurve& oista = window.shownSnapshot().curves.back();
    qsizetype k = 0;
    while (k < oista.sampleSignal.size() && oista.sampleSignal[k] == 0) ++k;
    QVERIFY(k < oista.sampleSignal.size());
    QCPAxisRect* cloud = plot->axisRects().at(1);
    const QPoint at(int(std::lround(cloud->axis(QCPAxis::atBottom)->coordToPixel(oista.sampleZeta[k]))),
                    int(std::lround(cloud->axis(QCPAxis::atLeft)->coordToPixel(oista.sampleRatio[k]))));
    const int expected = plot->signalAt(at);
    QVERIFY(expected > 0);  // the nearest point may be another one that close, but not signal 0's own
    const quint64 generation = window.latestGeneration();
    QTest::mouseClick(plot, Qt::LeftButton, {}, at);
    QCOMPARE(window.settingsPanel()->inspectedSignal(), expected);
    QVERIFY(window.supportPlot()->title().endsWith(QString("signal %1").arg(expected)));
    QVERIFY(!QTest::qWaitFor([&] { return window.latestGeneration() != generation; }, 300));  // inspecting never reruns
  }

  // A network that learned to output z = 0 lies flat at F(0) - F*: its legend entry says why, as the
  // training plot's does, and so does a stopped one; a network trained to the end says nothing more.
  void theLegendSaysANetworkCollapsedOrStopped() {
    CostDecreasePlot plot;
    ConvergenceSnapshot snapshot = istaSnapshot();
    NetworkCurve collapsed, stopped, trained;
    collapsed.method = "ALISTA", stopped.method = "LISTA-CP", trained.method = "SLISTA";
    for (NetworkCurve* n : {&collapsed, &stopped, &trained}) n->layers = 2, n->layerGap = {4.0, 4.0}, n->trained = true;
    collapsed.stopLabel = "collapsed to z = 0", collapsed.collapsedToZero = true;
    stopped.stopLabel = "stopped", stopped.stoppedByUser = true;
    trained.stopLabel = "budget used";
    snapshot.networks = {collapsed, stopped, trained};
    plot.showSnapshot(snapshot);
    QVERIFY(plot.curve("ALISTA (T = 2, collapsed to z = 0)"));
    QVERIFY(plot.curve("LISTA-CP (T = 2, stopped)"));
    QVERIFY(plot.curve("SLISTA (T = 2)"));
  }

  // A training that kept its start (no step lowered the test loss) says so: its losses may fall while the
  // network stays what it started as. A curve of one step draws its points.
  void aTrainingThatKeptItsStartSaysSo() {
    TrainingCurvesPlot plot;
    ConvergenceSnapshot snapshot;
    NetworkCurve n;
    n.method = "LISTA", n.trained = true, n.stopLabel = "budget used";
    n.trainIteration = {1, 2}, n.trainLoss = {1.2, 1.1}, n.testLoss = {1.4, 1.5};
    n.network.training = QJsonObject{{"best_test_loss", 1.3}, {"initial_test_loss", 1.3}};
    snapshot.networks = {n};
    plot.showSnapshot(snapshot);
    QVERIFY(plot.curve("LISTA: 2 steps, budget used, start kept (no step lowered the test loss)"));
    n.network.training["best_test_loss"] = 1.25;  // a step did: nothing more is said
    n.trainIteration = {1}, n.trainLoss = {1.2}, n.testLoss = {1.25};
    snapshot.networks = {n};
    plot.showSnapshot(snapshot);
    QCPGraph* one = plot.curve("LISTA: 1 step, budget used");
    QVERIFY(one);
    QCOMPARE(one->scatterStyle().shape(), QCPScatterStyle::ssDisc);
  }

  // Networks on the same points both show: each parametrization has its own mark, and LISTA's hollow
  // square, larger, rings LISTA-CP's disc (LISTA's curve vanished under LISTA-CP's, both starting as ISTA).
  void networksOnTheSamePointsBothShow() {
    CostDecreasePlot plot;
    ConvergenceSnapshot snapshot = istaSnapshot();
    for (const auto kind : ExperimentSettings::kParametrizations) {
      NetworkCurve n;
      n.kind = kind, n.method = methodLabel(kind), n.color = methodColor(kind), n.layers = 2, n.layerGap = {2.0, 1.0};
      n.trained = true;
      snapshot.networks << n;
    }
    plot.showSnapshot(snapshot);
    QSet<int> shapes;
    for (const auto kind : ExperimentSettings::kParametrizations)
      shapes << int(plot.curve(methodLabel(kind) + " (T = 2)")->scatterStyle().shape());
    QCOMPARE(shapes.size(), 4);
    const QCPScatterStyle lista = plot.curve("LISTA (T = 2)")->scatterStyle(), cp = plot.curve("LISTA-CP (T = 2)")->scatterStyle();
    QCOMPARE(lista.brush().style(), Qt::NoBrush);
    QVERIFY(lista.size() > cp.size() && cp.brush().style() != Qt::NoBrush);
  }

  // A layer coupled to rounding level (LISTA-CP's ISTA start, kept) is drawn a decade under the lowest
  // distance, with a downward triangle the legend explains: a log axis down to its 1e-18 drew noise as a
  // trend. The data keep the distance computed.
  void aLayerCoupledToRoundingLevelIsMarked() {
    CouplingPlot plot;
    ConvergenceSnapshot snapshot;
    NetworkCurve n;
    n.kind = unfold::Parametrization::ListaCp, n.method = "LISTA-CP", n.trained = true, n.layers = 3;
    n.coupling = {1e-18, 0.2, 0.05}, n.couplingRatio = {1.0, 0.9, 0.95};
    snapshot.networks = {n};
    plot.showSnapshot(snapshot);
    QCPGraph* distance = plot.curve("LISTA-CP");
    QVERIFY(distance);
    QCOMPARE(distance->data()->at(0)->value, 0.005);
    QVERIFY(plot.yAxis->range().lower >= 1e-3);
    QCPGraph* key = plot.curve("coupled to rounding level");
    QVERIFY(key);
    int marks = 0;
    for (int i = 0; i < plot.graphCount(); ++i) {
      const QCPGraph* g = plot.graph(i);
      if (g->name().isEmpty() && g->scatterStyle().shape() == QCPScatterStyle::ssTriangleInverted) {
        ++marks;
        QCOMPARE(g->data()->size(), 1);
        QCOMPARE(g->data()->at(0)->key, 1.0);
      }
    }
    QCOMPARE(marks, 1);
    QVERIFY2(plot.toCsv().contains("\nLISTA-CP,1,1.0000000000000001e-18,1\n"), qPrintable(plot.toCsv()));
    n.coupling = {1e-18, 3e-17, 0.0};  // every layer at rounding level: drawn there, not at a made-up distance
    snapshot.networks = {n};
    plot.showSnapshot(snapshot);
    QCOMPARE(plot.curve("LISTA-CP")->data()->at(2)->value, 1e-16);
    QVERIFY(shownAt(plot, QSize(260, 170)));  // small: the legend has too little room for both entries
    plot.showSnapshot(snapshot);
    plot.replot();
    // Not left out for room: it is what the plot says.
    QVERIFY(plot.legend->hasItemWithPlottable(plot.curve("coupled to rounding level")));
    QVERIFY(plot.yAxis->range().contains(1e-16) && plot.yAxis->range().upper < 1e-15);
    n.coupling = {0.1, 0.2, 0.05};  // nothing at rounding level: no mark, no key
    snapshot.networks = {n};
    plot.showSnapshot(snapshot);
    QVERIFY(!plot.curve("coupled to rounding level"));
    QCOMPARE(plot.curve("LISTA-CP")->data()->at(0)->value, 0.1);
  }
};

QTEST_MAIN(TestRatioAndNetworkPlots)
#include "test_ratio_and_network_plots.moc"
