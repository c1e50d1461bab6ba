// Linear axes carry as many tick labels as their length has room for: one per 25 px (70 px across), at
// least two, never more (QCustomPlot's readability rounding drew five labels in a 75-px panel); log axes
// mark each decade between labels several decades apart.
#include "plots/axis_ticks.h"
#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/support_ratio_plot.h"
#include "shown_at.h"
#include "window/main_window.h"
#include "window_runs.h"

#include <QMenu>
#include <QtTest>

using namespace unfold::ui;

namespace {

// The most labels a vertical axis of this height may carry: the count asked for (one per 25 px, 2 to 5)
// and one more where a tick falls on each end of the range.
int mostLabels(int pixels) { return std::clamp(pixels / 25, 2, 5) + 1; }

QString describe(const QCPAxis* axis) {
  const QVector<QString> labels = axis->tickVectorLabels();
  return QString("%1 px from %2 to %3: %4").arg(axis->axisRect()->height()).arg(axis->range().lower).arg(axis->range().upper)
      .arg(QStringList(labels.begin(), labels.end()).join(" | "));
}

}  // namespace

class TestAxisTicks : public QObject {
  Q_OBJECT
 private slots:
  // The cost plot's iteration axis: a run of 1000 iterations in which every curve lands on the floor by t = 80 squeezed them into the
  // axis's first tenth: the axis ends soon after the last point above the floor, and says how far the run
  // went. A curve (or a band's edge) still above the floor keeps the whole run in view.
  void anAxisEndsWhereEveryCurveHasLanded() {
    CostDecreasePlot plot;
    QVERIFY(shownAt(plot, QSize(600, 400)));
    const auto landingAt = [](int t, int iterations) {
      QVector<double> gaps;
      for (int k = 0; k < iterations; ++k) gaps.append(k < t ? std::pow(10.0, -15.0 * k / t) * 0.5 : 1e-16);
      return gaps;
    };
    ConvergenceSnapshot snapshot;
    for (const auto& [method, landing] : {std::pair{"OISTA", 40}, std::pair{"ISTA", 80}}) {
      ConvergenceCurve curve;
      curve.method = method;
      for (int t = 0; t < 1000; ++t) curve.iteration.append(t);
      curve.gapMean = curve.gapMedian = curve.gapQ10 = curve.gapQ90 = landingAt(landing, 1000);
      snapshot.curves.append(curve);
    }
    plot.showSnapshot(snapshot);
    QVERIFY2(plot.xAxis->range().upper > 80 && plot.xAxis->range().upper < 100, qPrintable(QString::number(plot.xAxis->range().upper)));
    QCOMPARE(plot.xAxis->label(), QString("iteration t (the run went on to t = 999, every curve at rounding level)"));
    // A new problem's first snapshot (F* is being computed) has no curve: nor has the label that run's t.
    ConvergenceSnapshot next;
    next.phase = RunPhase::Preparing;
    plot.showSnapshot(next);
    QCOMPARE(plot.xAxis->label(), QString("iteration t"));
    plot.showSnapshot(snapshot);
    // ISTA's band still above the floor at t = 500: the axis runs there.
    snapshot.curves[1].gapQ90 = landingAt(500, 1000);
    plot.setInspectedMethod(snapshot.curves[1].key());
    plot.showSnapshot(snapshot);
    QVERIFY2(plot.xAxis->range().upper > 500 && plot.xAxis->range().upper < 600, qPrintable(QString::number(plot.xAxis->range().upper)));
    // A curve above the floor at the last iterate: the whole run, and the plain label.
    snapshot.curves[1].gapMedian = snapshot.curves[1].gapMean = landingAt(2000, 1000);
    plot.showSnapshot(snapshot);
    QVERIFY(plot.xAxis->range().upper >= 999);
    QCOMPARE(plot.xAxis->label(), QString("iteration t"));
  }

  void shortAxesKeepTheirLabelsApart_data() {
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");
    QTest::addColumn<int>("height");
    for (const int height : {70, 100, 150, 320}) {
      const auto row = [&](const char* name, double lower, double upper) {
        QTest::addRow("%s, a plot %d px tall", name, height) << lower << upper << height;
      };
      row("L_S/L", 0.0, 1.05);  // five labels in 75 px before
      row("an awkward span", 0.26, 0.78);  // rounding up alone leaves one tick in it
      row("negative to positive", -3.0, 12.5);
      row("tiny", 1e-6, 3e-6);
      row("iterations", 0.0, 200.0);
    }
  }
  void shortAxesKeepTheirLabelsApart() {
    QFETCH(double, lower);
    QFETCH(double, upper);
    QFETCH(int, height);
    QCustomPlot plot;
    QVERIFY(shownAt(plot, QSize(400, height)));
    QObject::connect(&plot, &QCustomPlot::afterLayout, &plot, [&plot] { fitLinearTickCounts(plot, 70, 25); });
    plot.yAxis->setRange(lower, upper);
    plot.replot();  // one: the ticks drawn follow this replot's layout, not the one before
    const QVector<QString> labels = plot.yAxis->tickVectorLabels();
    const int pixels = plot.axisRect()->height();
    QVERIFY2(labels.size() >= 2 && labels.size() <= mostLabels(pixels), qPrintable(describe(plot.yAxis)));
    QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
  }

  // Across a narrow panel, wide labels stand apart: the Lₛ/L plot's iteration axis, 100 px wide over a
  // 51,000-iteration run, read "0 2000040000" (three labels at the least count of two ticks).
  void narrowAxesKeepWideLabelsApart_data() {
    QTest::addColumn<double>("upper");
    QTest::addColumn<int>("width");
    QTest::newRow("51,038 iterations in 100 px") << 51038.0 << 100;
    QTest::newRow("200 iterations in 100 px") << 200.0 << 100;
    QTest::newRow("1,000,000 in 160 px") << 1e6 << 160;
    QTest::newRow("51,038 iterations in 400 px") << 51038.0 << 400;
  }
  void narrowAxesKeepWideLabelsApart() {
    QFETCH(double, upper);
    QFETCH(int, width);
    QCustomPlot plot;
    plot.axisRect()->setAutoMargins(QCP::msNone);
    plot.axisRect()->setMargins(QMargins(40, 10, 40, 30));
    QVERIFY(shownAt(plot, QSize(width + 80, 200)));
    QObject::connect(&plot, &QCustomPlot::afterLayout, &plot, [&plot] { fitLinearTickCounts(plot, 70, 25); });
    plot.xAxis->setRange(0, upper);
    plot.replot();
    QVector<double> ticks;
    QVector<QString> labels;
    for (qsizetype k = 0; k < plot.xAxis->tickVector().size(); ++k)
      if (plot.xAxis->range().contains(plot.xAxis->tickVector()[k])) ticks << plot.xAxis->tickVector()[k], labels << plot.xAxis->tickVectorLabels()[k];
    QVERIFY2(labels.size() >= 2, qPrintable(QStringList(labels.begin(), labels.end()).join(" ")));
    const QFontMetrics metrics(plot.xAxis->tickLabelFont());
    for (qsizetype k = 1; k < ticks.size(); ++k) {
      const double apart = plot.xAxis->coordToPixel(ticks[k]) - plot.xAxis->coordToPixel(ticks[k - 1]);
      const int needed = (metrics.horizontalAdvance(labels[k]) + metrics.horizontalAdvance(labels[k - 1])) / 2 + 4;
      QVERIFY2(apart >= needed, qPrintable(QString("%1 and %2: %3 px apart, %4 needed").arg(labels[k - 1], labels[k]).arg(apart).arg(needed)));
    }
  }

  // A plot grown once (a window maximised) draws its new labels within a margin measured for them: the
  // ticks of a replot are made before its layout, and the margin was measured for the old ones ("0.25"
  // wider than "0.5" stood over the plot's edge until a later replot).
  void marginsFitTheLabelsDrawnAfterAResize() {
    QCustomPlot plot;
    QVERIFY(shownAt(plot, QSize(400, 90)));
    QObject::connect(&plot, &QCustomPlot::afterLayout, &plot, [&plot] { fitLinearTickCounts(plot, 70, 25); });
    plot.yAxis->setRange(0, 1.05);
    plot.replot();
    plot.replot();
    QCOMPARE(plot.yAxis->tickVectorLabels(), QVector<QString>({"0", "0.5", "1"}));
    plot.setGeometry(QRect(plot.pos(), QSize(400, 145)));  // four ticks asked: 0.25 apart; its resize replots once
    const int left = plot.axisRect()->left();
    QVERIFY(plot.yAxis->tickVectorLabels().contains("0.25"));
    plot.replot();
    QCOMPARE(plot.axisRect()->left(), left);
  }

  // A log axis labelled every few decades marks each decade between with a minor tick, and nothing else
  // (QCustomPlot's linear spacing bunched eight under each label); a decade a label keeps 2·10ᵏ … 9·10ᵏ.
  void logAxesMarkTheDecadesBetweenTheirLabels() {
    QCustomPlot plot;
    setLogarithmic(plot.yAxis);
    const auto ticksOver = [&plot](double lower, double upper) {
      QVector<double> labels, minor;
      QVector<QString> texts;
      plot.yAxis->ticker()->generate(QCPRange(lower, upper), QLocale::c(), 'e', 0, labels, &minor, &texts);
      return std::pair{labels, minor};
    };
    const auto [labels, minor] = ticksOver(1e-16, 1.0);
    QVERIFY(labels.size() >= 2 && labels[1] / labels[0] > 99);
    for (const double tick : minor) {
      const double exponent = std::log10(tick);
      QVERIFY2(std::abs(exponent - std::round(exponent)) < 1e-9, qPrintable(QString::number(tick)));
      QVERIFY(!labels.contains(tick));
    }
    QCOMPARE(minor.size(), 17 - labels.size());  // every power of ten from 10⁻¹⁶ to 10⁰: a label or a minor tick
    const auto [decades, between] = ticksOver(1e-3, 1.0);
    QVERIFY(decades.size() >= 2 && decades[1] / decades[0] < 11);
    QVERIFY(std::any_of(between.begin(), between.end(), [](double t) { return std::abs(t / 2e-3 - 1) < 1e-9; }));
  }

  // Under two decades: labels spread over the range in log terms, at a digit times a power of ten (the
  // coupling figure's 0.08 to 1.1 read "3·10⁻¹ 5·10⁻¹ 8·10⁻¹ 10⁰ 10⁰", nothing under 0.25), none twice.
  void shortLogRangesAreLabelledAcrossTheRange_data() {
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");
    QTest::newRow("coupling") << 0.08 << 1.1;
    QTest::newRow("under a decade") << 0.3 << 0.9;
    QTest::newRow("1.7 decades") << 1e-3 << 5e-2;
    QTest::newRow("around 1") << 0.5 << 2.0;
    QTest::newRow("within a digit") << 0.31 << 0.38;
    QTest::newRow("a run's first step") << 0.04 << 0.5;  // every digit was labelled, 8 and 9·10⁻² touching
  }
  void shortLogRangesAreLabelledAcrossTheRange() {
    QFETCH(double, lower);
    QFETCH(double, upper);
    QCustomPlot plot;
    setLogarithmic(plot.yAxis);
    QVector<double> ticks;
    QVector<QString> labels;
    plot.yAxis->ticker()->setTickCount(9);  // a 230-px cost plot's
    plot.yAxis->ticker()->generate(QCPRange(lower, upper), QLocale::c(), 'e', 0, ticks, nullptr, &labels);
    const QString said = QStringList(labels.begin(), labels.end()).join(" | ");
    for (qsizetype k = 1; upper / lower > 1.5 && k < ticks.size(); ++k)  // evenly enough, in log terms
      QVERIFY2(std::log10(ticks[k] / ticks[k - 1]) >= std::log10(upper / lower) / 9 - 1e-9, qPrintable(QStringList(labels.begin(), labels.end()).join(" | ")));
    QVERIFY2(ticks.size() >= 2 && ticks.size() <= 10 && QSet<QString>(labels.begin(), labels.end()).size() == labels.size(), qPrintable(said));
    const double middle = std::sqrt(lower * upper);  // in log terms
    QVERIFY2(ticks.front() < middle && ticks.back() > middle, qPrintable(said));
    for (const double tick : ticks) {
      QVERIFY2(tick >= lower && tick <= upper, qPrintable(said));
      const double digit = tick / std::pow(10.0, std::floor(std::log10(tick) + 1e-12));
      if (upper / lower > 1.5) QVERIFY2(std::abs(digit - std::round(digit)) < 1e-9, qPrintable(said));
    }
  }

  // A log axis over many decades labels as many as its length has room for, evenly (every 1, 2, 3, 5 …
  // decades): the 2-D view's 130-px cost plot had eight labels over sixteen decades.
  void logAxesLabelAsManyDecadesAsFit_data() {
    QTest::addColumn<int>("height");
    QTest::newRow("the 2-D view's cost plot") << 160;
    QTest::newRow("a workbench cost plot") << 420;
  }
  void logAxesLabelAsManyDecadesAsFit() {
    QFETCH(int, height);
    QCustomPlot plot;
    QVERIFY(shownAt(plot, QSize(400, height)));
    QObject::connect(&plot, &QCustomPlot::afterLayout, &plot, [&plot] { fitLinearTickCounts(plot, 70, 25); });
    setLogarithmic(plot.yAxis);
    plot.yAxis->setRange(1e-16, 1.0);
    plot.replot();
    const QVector<double> ticks = plot.yAxis->tickVector();
    const int pixels = plot.axisRect()->height();
    QVERIFY2(ticks.size() >= 2 && ticks.size() <= std::clamp(pixels / 25, 2, 10) + 1, qPrintable(describe(plot.yAxis)));
    const double step = std::log10(ticks[1] / ticks[0]);
    for (qsizetype k = 1; k < ticks.size(); ++k) QVERIFY(std::abs(std::log10(ticks[k] / ticks[k - 1]) - step) < 1e-9);
    QVERIFY2(pixels < 300 || step <= 2 + 1e-9, qPrintable(describe(plot.yAxis)));  // a tall axis keeps its labels
  }

  // A short log axis over fifteen decades (a one-column figure's cost plot, room for two labels) labels
  // two decades at least: every ten decades, 10⁻¹⁶ to 0.5 was labelled 10⁻¹⁰ alone.
  void aShortLogAxisLabelsTwoDecadesAtLeast_data() {
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");
    QTest::newRow("1e-16 to 0.5") << 1e-16 << 0.5;
    QTest::newRow("3e-15 to 2") << 3e-15 << 2.0;
    QTest::newRow("1e-12 to 0.9") << 1e-12 << 0.9;
  }
  void aShortLogAxisLabelsTwoDecadesAtLeast() {
    QFETCH(double, lower);
    QFETCH(double, upper);
    QCustomPlot plot;
    setLogarithmic(plot.yAxis);
    plot.yAxis->ticker()->setTickCount(2);
    plot.yAxis->setRange(lower, upper);
    plot.replot();
    int inRange = 0;
    for (const double tick : plot.yAxis->tickVector()) inRange += plot.yAxis->range().contains(tick);
    QVERIFY2(inRange >= 2 && inRange <= 4, qPrintable(describe(plot.yAxis)));
  }

  // The L_S / L plot's panels stacked in a laptop window (1280 x 800) after a run: each value axis has a
  // label per 25 px at most.
  void stackedRatioPanelsAreNotCrowded() {
    MainWindow window;
    QVERIFY(shownAt(window, QSize(1280, 800)));
    QVERIFY(runIterations(window, 40));
    SupportRatioPlot* plot = window.ratioPlot();
    plot->replot();
    QVERIFY(plot->axisRects().size() == 2);
    for (QCPAxisRect* panel : plot->axisRects()) {
      const QCPAxis* axis = panel->axis(QCPAxis::atLeft);
      QVERIFY2(axis->tickVectorLabels().size() <= mostLabels(panel->height()), qPrintable(describe(axis)));
    }
  }

  // The network plots before any network (a lesson raises them first) label whole layers from 1, on
  // every panel: the coupling plot read 0.6 to 1.4, the learned steps' a layer 0.
  void emptyNetworkPlotsLabelWholeLayers() {
    CouplingPlot coupling;
    LearnedStepsPlot steps;
    for (WorkbenchPlot* plot : {static_cast<WorkbenchPlot*>(&coupling), static_cast<WorkbenchPlot*>(&steps)}) {
      QVERIFY(shownAt(*plot, QSize(320, 300)));
      plot->replot();
      for (QCPAxisRect* panel : plot->axisRects()) {
        const QCPAxis* axis = panel->axis(QCPAxis::atBottom);
        QVERIFY2(!axis->tickVector().isEmpty(), qPrintable(describe(axis)));
        for (const double tick : axis->tickVector()) QVERIFY2(tick == std::round(tick) && tick >= 1, qPrintable(describe(axis)));
      }
    }
    coupling.showSnapshot(ConvergenceSnapshot{});
    steps.showSnapshot(ConvergenceSnapshot{});
    for (WorkbenchPlot* plot : {static_cast<WorkbenchPlot*>(&coupling), static_cast<WorkbenchPlot*>(&steps)}) {
      plot->replot();
      for (const double tick : plot->xAxis->tickVector()) QVERIFY2(tick == std::round(tick) && tick >= 1, qPrintable(describe(plot->xAxis)));
    }
  }

  // Beside a run of 200 iterations a network's 5 points sat in the axis's first percent: the context menu
  // zooms to its layers, the values there in view, and the view holds while the run goes on.
  void theCostPlotZoomsToTheNetworksLayers() {
    CostDecreasePlot plot;
    QVERIFY(shownAt(plot, QSize(600, 400)));
    ConvergenceSnapshot snapshot;
    ConvergenceCurve ista;
    ista.method = "ISTA";
    for (int t = 0; t <= 200; ++t) ista.iteration << t, ista.gapMean << std::pow(10.0, -t / 20.0);
    ista.gapMedian = ista.gapQ10 = ista.gapQ90 = ista.gapMean;
    snapshot.curves << ista;
    NetworkCurve slista;
    slista.kind = unfold::Parametrization::Slista;
    slista.method = "SLISTA";
    slista.trained = true;
    slista.layers = 5;
    slista.layerGap = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5};
    snapshot.networks << slista;
    plot.showSnapshot(snapshot);
    QMenu menu;
    plot.addContextMenuActions(&menu);
    QAction* zoom = nullptr;
    for (QAction* a : menu.actions()) if (a->text().startsWith("Zoom to the networks' 5 layers")) zoom = a;
    QVERIFY(zoom);
    zoom->trigger();
    QVERIFY2(plot.xAxis->range().upper < 7 && plot.xAxis->range().lower > -1, qPrintable(QString::number(plot.xAxis->range().upper)));
    QVERIFY2(plot.yAxis->range().lower < 1e-5 && plot.yAxis->range().lower > 1e-7, qPrintable(QString::number(plot.yAxis->range().lower)));
    QVERIFY(plot.userView());
    plot.showSnapshot(snapshot);  // the run's next snapshot
    QVERIFY(plot.xAxis->range().upper < 7);
  }

  // A network of 5 layers: layers 1 to 5 on both of the coupling plot's panels, not to 6.5 (the dashed
  // "coupled" line runs to 5.5, which was taken for a sixth layer).
  void theCouplingPlotEndsAtTheLastLayer() {
    CouplingPlot coupling;
    QVERIFY(shownAt(coupling, QSize(320, 300)));
    ConvergenceSnapshot snapshot;
    NetworkCurve n;
    n.kind = unfold::Parametrization::ListaCp;
    n.method = "LISTA-CP";
    n.trained = true;
    n.coupling = {0.3, 0.1, 0.05, 0.02, 0.01};
    n.couplingRatio = {1.0, 0.9, 0.8, 0.9, 1.0};
    snapshot.networks = {n};
    coupling.showSnapshot(snapshot);
    for (QCPAxisRect* panel : coupling.axisRects())
      QCOMPARE(panel->axis(QCPAxis::atBottom)->range(), QCPRange(0.5, 5.5));
  }
};

QTEST_MAIN(TestAxisTicks)
#include "test_axis_ticks.moc"
