// The cost plot on its own: what it draws from a snapshot (floored at rounding level, relative to F(0) − F*),
// the CSV behind it, and the user's choices (hidden curves and bands, zoom, log scale) across updates.
#include "decades_snapshot.h"
#include "plots/axis_ticks.h"
#include "plots/cost_decrease_plot.h"
#include "plots/gap_floor.h"
#include "shown_at.h"

#include <QMenu>
#include <QtTest>

#include <cmath>

using namespace unfold;
using namespace unfold::ui;

namespace {

// A snapshot with one solver's curve whose mean, median and 10-90 % band are all `gaps`, at t = 0, 1, ...
ConvergenceSnapshot oneCurveSnapshot(const QString& method, const QVector<double>& gaps) {
  ConvergenceCurve curve;
  curve.method = method;
  for (int t = 0; t < gaps.size(); ++t) curve.iteration.append(t);
  curve.gapMean = curve.gapMedian = curve.gapQ10 = curve.gapQ90 = gaps;
  ConvergenceSnapshot snapshot;
  snapshot.curves = {curve};
  return snapshot;
}

// The snapshot with a trained SLISTA whose test gap after layer t is layerGap[t - 1].
ConvergenceSnapshot withSlista(ConvergenceSnapshot snapshot, const QVector<double>& layerGap) {
  NetworkCurve n;
  n.method = "SLISTA";
  n.layers = static_cast<int>(layerGap.size());
  n.layerGap = layerGap;
  snapshot.networks = {n};
  return snapshot;
}

}  // namespace

class TestCostPlot : public QObject {
  Q_OBJECT
 private slots:
  // Rounding noise (medians wander between 1e-16 and 5e-16 once a method has arrived) drawn along the
  // bottom would read as a plateau: the curve goes down to the floor at its first such value, ends there
  // with a downward triangle in its colour, and the axis shows the floor.
  void curvesEndAtRoundingLevelButTheDataKeepTheValues() {
    CostDecreasePlot plot;
    plot.showSnapshot(oneCurveSnapshot("OISTA", {1.0, 1e-3, 4e-16, 2e-16, 5e-16}));
    const QCPGraph* oista = plot.curve("OISTA");
    QCOMPARE(oista->data()->at(1)->value, 1e-3);
    QCOMPARE(oista->data()->at(2)->value, kGapRoundingLevel);
    QVERIFY(std::isnan(oista->data()->at(3)->value) && std::isnan(oista->data()->at(4)->value));
    QList<QCPGraph*> marks;
    for (int i = 0; i < plot.graphCount(); ++i)
      if (plot.graph(i)->scatterStyle().shape() == QCPScatterStyle::ssTriangleInverted && plot.graph(i)->name().isEmpty())
        marks << plot.graph(i);
    QCOMPARE(marks.size(), 1);
    // The legend says what the mark means (an exported figure has no status bar), and hides it.
    QCPGraph* floorKey = plot.curve("reached rounding level");
    QVERIFY(floorKey && plot.legend->hasItemWithPlottable(floorKey) && floorKey->data()->isEmpty());
    plot.toggleCurve(floorKey);
    QVERIFY(!marks[0]->visible() && oista->visible());
    plot.toggleCurve(floorKey);
    QVERIFY(marks[0]->visible());
    QCOMPARE(marks[0]->data()->at(0)->key, 2.0);
    QCOMPARE(marks[0]->data()->at(0)->value, kGapRoundingLevel);
    QVERIFY(!plot.legend->hasItemWithPlottable(marks[0]));
    QVERIFY(plot.yAxis->range().lower < kGapRoundingLevel);
    plot.toggleCurve(plot.curve("OISTA"));  // hidden with its curve
    QVERIFY(!marks[0]->visible());
    const QStringList lastRow = plot.toCsv().trimmed().split('\n').last().split(',');
    QCOMPARE(lastRow.size(), 5);  // t, mean, 10 %, 90 %, median
    for (const QString& cell : lastRow.mid(1)) QCOMPARE(cell.toDouble(), 5e-16);
    // Relative, the floor is the same rounding level in the curve's units.
    plot.setRelative(true);
    QCOMPARE(plot.curve("OISTA")->data()->at(2)->value, kGapRoundingLevel);
    plot.showSnapshot(oneCurveSnapshot("OISTA", {4.0, 1e-3, 0.0}));
    QCOMPARE(plot.curve("OISTA")->data()->at(2)->value, kGapRoundingLevel / 4);
  }

  void relativeSuboptimalityDividesByTheInitialGap() {
    CostDecreasePlot plot;
    plot.showSnapshot(withSlista(oneCurveSnapshot("ISTA", {4.0, 2.0, 1.0}), {0.5, 0.25}));
    QCOMPARE(plot.curve("ISTA")->data()->at(2)->value, 1.0);
    plot.setRelative(true);
    QCOMPARE(plot.curve("ISTA")->data()->at(2)->value, 0.25);
    QCOMPARE(plot.curve("SLISTA (T = 2)")->data()->at(1)->value, 0.0625);
    QVERIFY(plot.yAxis->label().contains("F(0)"));
    QVERIFY(plot.toCsv().endsWith("\n2,1,1,1,0.25,1,,,\n"));  // the data stay absolute (no network medians known)
  }

  // The median over the signals instead of the mean (the paper's Fig. 2): the curves, the axis label and
  // relative gaps follow; a network's points too, where its medians are known (else they stay means and
  // say so); the CSV holds both.
  void theMedianReplacesTheMeanWhereChosen() {
    CostDecreasePlot plot;
    ConvergenceSnapshot snapshot = withSlista(oneCurveSnapshot("ISTA", {4.0, 2.0, 1.0}), {0.5, 0.25});
    snapshot.curves[0].gapMedian = {3.0, 1.0, 0.75};
    plot.showSnapshot(snapshot);
    QCOMPARE(plot.curve("ISTA")->data()->at(1)->value, 2.0);
    QCOMPARE(plot.yAxis->label(), QString("mean F(zₜ) − F*"));
    plot.toggleCurve(plot.curve("SLISTA (T = 2)"));  // hidden by the user: it stays so under its new name
    plot.setMedian(true);
    QVERIFY(!plot.curve("SLISTA (T = 2, mean)")->visible());
    QCOMPARE(plot.curve("ISTA")->data()->at(1)->value, 1.0);
    QCOMPARE(plot.yAxis->label(), QString("median F(zₜ) − F*"));
    QCOMPARE(plot.curve("SLISTA (T = 2, mean)")->data()->at(1)->value, 0.25);
    plot.setRelative(true);
    QCOMPARE(plot.curve("ISTA")->data()->at(2)->value, 0.25);  // 0.75 / 3
    QCOMPARE(plot.yAxis->label(), QString("median (F(zₜ) − F*) / (F(0) − F*)"));
    QCOMPARE(plot.curve("SLISTA (T = 2, mean)")->data()->at(1)->value, 0.0625);  // a mean over the mean start, 0.25 / 4
    QVERIFY(plot.toCsv().startsWith("iteration,ista_gap_mean,ista_gap_q10,ista_gap_q90,slista_gap_mean,ista_gap_median,"
                                    "slista_gap_median,slista_gap_q10,slista_gap_q90\n"));
    QVERIFY(plot.toCsv().endsWith("\n1,2,2,2,0.5,1,,,\n2,1,1,1,0.25,0.75,,,\n"));
    plot.setMedian(false);
    QCOMPARE(plot.curve("ISTA")->data()->at(2)->value, 0.25);  // 1 / 4: back to means
    // With its medians known, a network's points are medians beside the solvers' medians.
    snapshot.networks[0].layerGapMedian = {0.4, 0.125};
    snapshot.networks[0].layerGapQ10 = {0.1, 0.05};
    snapshot.networks[0].layerGapQ90 = {0.9, 0.5};
    plot.setRelative(false);
    plot.showSnapshot(snapshot);
    plot.setMedian(true);
    QVERIFY(plot.curve("SLISTA (T = 2)") && !plot.curve("SLISTA (T = 2, mean)"));
    QCOMPARE(plot.curve("SLISTA (T = 2)")->data()->at(1)->value, 0.125);
    QVERIFY(plot.toCsv().endsWith("\n1,2,2,2,0.5,1,0.40000000000000002,0.10000000000000001,0.90000000000000002\n"
                                  "2,1,1,1,0.25,0.75,0.125,0.050000000000000003,0.5\n"));
    plot.setMedian(false);
    QCOMPARE(plot.curve("SLISTA (T = 2)")->data()->at(1)->value, 0.25);
  }

  // At λ ≥ λₘₐₓ every method starts at the solution (z* = 0): every gap 0, nothing to draw on a log
  // axis; the title says why the plot is empty, and goes back to its name for a run with something to show.
  void aRunThatStartsAtTheSolutionSaysSo() {
    CostDecreasePlot plot;
    plot.showSnapshot(oneCurveSnapshot("OISTA", {0.0, 0.0, 0.0}));
    QVERIFY2(plot.title().contains("z* = 0 for every signal") && !plot.showsResults(), qPrintable(plot.title()));
    plot.showSnapshot(oneCurveSnapshot("OISTA", {1.0, 1e-3, 0.0}));
    QCOMPARE(plot.title(), QString("Cost decrease"));
    QVERIFY(plot.showsResults());
  }

  // A legend whose box, inside, would need many more decades above the curves (a short panel, data over
  // sixteen decades, the slowest curve high under the legend) stands in a row of its own under the title,
  // and the data fill the axes; where the curves leave the box's corner free it is inside again. A click
  // on an entry in the row still hides its curve.
  void aLegendThatWouldTakeDecadesStandsInARow() {
    CostDecreasePlot plot;
    QVERIFY(shownAt(plot, QSize(700, 280)));
    ConvergenceSnapshot snapshot = decadesSnapshot(1.0);
    plot.showSnapshot(snapshot);
    plot.replot();
    const auto inRow = [&] { return !plot.axisRect()->insetLayout()->elements(false).contains(plot.legend); };
    QVERIFY(inRow() && plot.legend->visible());
    QVERIFY(plot.legend->outerRect().bottom() <= plot.axisRect()->outerRect().top());
    QVERIFY2(plot.yAxis->range().upper < 10.0, qPrintable(QString::number(plot.yAxis->range().upper)));  // 1 and the margin
    for (int i = 0; i < plot.legend->itemCount(); ++i)  // every entry whole
      QVERIFY(plot.legend->item(i)->outerRect().width() >= plot.legend->item(i)->minimumOuterSizeHint().width());
    const QPoint fista = plot.legend->itemWithPlottable(plot.curve("FISTA"))->outerRect().center();
    QTest::mouseClick(&plot, Qt::LeftButton, {}, fista);
    QVERIFY(!plot.curve("FISTA")->visible());
    plot.resize(700, 1100);
    // Where the curves leave the top right free, the legend goes back inside (no room made above them).
    plot.showSnapshot(decadesSnapshot(8.0));
    plot.replot();
    QVERIFY(!inRow());
    QVERIFY(plot.legend->visible() && plot.axisRect()->rect().contains(plot.legend->outerRect()));
    QVERIFY2(plot.yAxis->range().upper < 10.0, qPrintable(QString::number(plot.yAxis->range().upper)));
  }

  // Every log axis labels its ticks as one text with superscripts (no gap between 10 and its exponent).
  void powersOfTenAreOneText_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("digits");
    QTest::addColumn<QString>("label");
    QTest::newRow("10^-2") << 1e-2 << 0 << "10⁻²";
    QTest::newRow("10^0") << 1.0 << 0 << "10⁰";
    QTest::newRow("10^12") << 1e12 << 0 << "10¹²";
    QTest::newRow("1.5 10^-2") << 1.5e-2 << 1 << "1.5·10⁻²";
    QTest::newRow("0.1 with a digit") << 0.1 << 1 << "10⁻¹";  // not 1.0·10⁻¹
    QTest::newRow("8 10^-2") << 0.08 << 1 << "8·10⁻²";
    QTest::newRow("rounded up a decade") << 9.96e-3 << 1 << "10⁻²";
    QTest::newRow("not positive") << 0.0 << 0 << "0";
    QTest::newRow("subnormal") << 5e-324 << 0 << "5·10⁻³²⁴";
  }
  void powersOfTenAreOneText() {
    QFETCH(double, value);
    QFETCH(int, digits);
    QFETCH(QString, label);
    QCOMPARE(powerOfTenLabel(value, digits), label);
  }

  // Four translucent bands overlap into muddy colours: by default only the inspected method's band shows,
  // and the bands' legend key takes its colour; the context menu gives every method's back.
  void theInspectedMethodsBandShows() {
    CostDecreasePlot plot;
    plot.resize(800, 500);
    ConvergenceSnapshot snapshot;
    for (const Algorithm method : {Algorithm::Ista, Algorithm::Fista, Algorithm::Oista}) {
      ConvergenceCurve c;
      c.algorithm = method;
      c.method = QString::number(int(method));
      c.color = QColor::fromHsv(100 * int(method), 200, 200);
      c.iteration = {0, 1, 2};
      c.gapMean = {1.0, 0.1, 0.01};
      c.gapQ10 = {0.5, 0.05, 0.005};
      c.gapQ90 = {2.0, 0.2, 0.02};
      snapshot.curves.append(c);
    }
    const auto bandColors = [&plot] {
      QList<QColor> colors;
      for (int i = 0; i < plot.graphCount(); ++i)
        if (plot.graph(i)->name().isEmpty() && plot.graph(i)->brush().style() != Qt::NoBrush)
          colors << plot.graph(i)->brush().color().toRgb();
      return colors;
    };
    const auto opaque = [](QColor c) { c.setAlpha(255); return c.toRgb(); };
    QVERIFY(!plot.everyBand());
    plot.showSnapshot(snapshot);
    QCOMPARE(bandColors().size(), 1);
    QCOMPARE(opaque(bandColors()[0]), opaque(snapshot.curves[2].color));  // OISTA, inspected by default
    QCOMPARE(opaque(plot.curve("10–90 % of signals")->brush().color()), opaque(snapshot.curves[2].color));
    QCOMPARE(plot.curve("10–90 % of signals")->name(), snapshot.curves[2].method + ": 10–90 % of signals");
    plot.setInspectedMethod(Algorithm::Fista);
    QCOMPARE(bandColors().size(), 1);
    QCOMPARE(opaque(bandColors()[0]), opaque(snapshot.curves[1].color));
    // From the context menu: every band, and a grey key for them.
    QMenu menu;
    plot.addContextMenuActions(&menu);
    QAction* every = nullptr;
    for (QAction* a : menu.actions())
      if (a->text().contains("band of every method")) every = a;
    QVERIFY(every && every->isCheckable() && !every->isChecked());
    every->trigger();
    QVERIFY(plot.everyBand());
    QCOMPARE(bandColors().size(), 3);
    const QColor key = plot.curve("10–90 % of signals")->brush().color();
    QCOMPARE(key.red(), key.green());
    QCOMPARE(plot.curve("10–90 % of signals")->name(), QString("10–90 % of signals"));
    // Hidden by a click on its key, the bands stay hidden whichever method's band the key stands for.
    plot.toggleCurve(plot.curve("10–90 % of signals"));
    plot.setEveryBand(false);
    QVERIFY(!plot.curve("10–90 % of signals")->visible() && bandColors().size() == 1);
    for (int i = 0; i < plot.graphCount(); ++i) QVERIFY(!plot.graph(i)->name().isEmpty() || !plot.graph(i)->visible());
    plot.toggleCurve(plot.curve("10–90 % of signals"));
    // A method not drawn is inspected (the robustness inspector's network): no band, no key.
    plot.setEveryBand(false);
    plot.setInspectedMethod(Parametrization::Slista);
    QCOMPARE(bandColors().size(), 0);
    QVERIFY(!plot.curve("10–90 % of signals"));
  }

  void plotInteractionsKeepTheUsersChoices() {
    CostDecreasePlot plot;
    plot.resize(800, 500);
    ConvergenceSnapshot snapshot;
    plot.setEveryBand(true);
    for (const Algorithm method : {Algorithm::Ista, Algorithm::Oista}) {
      ConvergenceCurve c;
      c.algorithm = method;
      c.method = method == Algorithm::Ista ? "ISTA" : "OISTA";
      c.iteration = {0, 1, 2, 3};
      c.gapMean = {1.0, 0.1, 0.01, 0.001};
      c.gapQ10 = {0.5, 0.05, 0.005, 0.0005};
      c.gapQ90 = {2.0, 0.2, 0.02, 0.002};
      snapshot.curves.append(c);
    }
    plot.showSnapshot(snapshot);
    plot.replot();
    // Hiding a curve hides its band, and survives the next update.
    plot.toggleCurve(plot.curve("ISTA"));
    int visibleGraphs = 0;
    for (int i = 0; i < plot.graphCount(); ++i) visibleGraphs += plot.graph(i)->visible();
    QCOMPARE(visibleGraphs, 4);  // OISTA, its two band edges and the bands' legend key
    plot.showSnapshot(snapshot);
    QVERIFY(!plot.curve("ISTA")->visible());
    QVERIFY(plot.curve("OISTA")->visible());
    plot.toggleCurve(plot.curve("ISTA"));
    QVERIFY(plot.curve("ISTA")->visible());
    // The curves are means (the axis says so); the bands' key hides and shows every band.
    QCOMPARE(plot.yAxis->label(), QString("mean F(zₜ) − F*"));
    QCPGraph* bandKey = plot.curve("10–90 % of signals");
    QVERIFY(bandKey && plot.legend->itemWithPlottable(bandKey) && bandKey->brush().style() != Qt::NoBrush);
    const auto visibleBandEdges = [&plot] {
      int edges = 0;
      for (int i = 0; i < plot.graphCount(); ++i) edges += plot.graph(i)->name().isEmpty() && plot.graph(i)->visible();
      return edges;
    };
    QCOMPARE(visibleBandEdges(), 4);
    plot.toggleCurve(bandKey);
    QCOMPARE(visibleBandEdges(), 0);
    QVERIFY(plot.curve("ISTA")->visible() && plot.curve("OISTA")->visible());
    plot.toggleCurve(bandKey);
    QCOMPARE(visibleBandEdges(), 4);
    // A band shows only while both its curve and the key do: the key does not bring back a hidden curve's band.
    plot.toggleCurve(plot.curve("ISTA"));
    QCOMPARE(visibleBandEdges(), 2);
    plot.toggleCurve(bandKey);
    plot.toggleCurve(bandKey);
    QCOMPARE(visibleBandEdges(), 2);
    plot.toggleCurve(bandKey);
    plot.toggleCurve(plot.curve("ISTA"));
    QCOMPARE(visibleBandEdges(), 0);
    plot.toggleCurve(bandKey);
    QCOMPARE(visibleBandEdges(), 4);
    // A click alone leaves the view fitting the data (one froze a Reset's t = 0 view over the finished run);
    // a drag makes it the user's. A zoom by the user survives updates; a double click gives the fitted
    // view back.
    plot.replot();
    const QPoint centre = plot.axisRect()->rect().center();
    QTest::mouseClick(&plot, Qt::LeftButton, {}, centre);
    QVERIFY(!plot.userView());
    QTest::mousePress(&plot, Qt::LeftButton, {}, centre);
    QTest::mouseMove(&plot, centre + QPoint(30, 0));
    QTest::mouseRelease(&plot, Qt::LeftButton, {}, centre + QPoint(30, 0));
    QVERIFY(plot.userView());
    plot.xAxis->setRange(1, 2);
    plot.showSnapshot(snapshot);
    QCOMPARE(plot.xAxis->range().lower, 1.0);
    QTest::mouseDClick(&plot, Qt::LeftButton, {}, plot.axisRect()->rect().center());
    QVERIFY(!plot.userView());
    QCOMPARE(plot.xAxis->range().lower, -0.5);  // t = 0 and half an iteration of margin
    // Linear / log toggle.
    plot.setLogarithmicY(false);
    QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(plot.yAxis->range().lower, 0.0);
    plot.setLogarithmicY(true);
    QVERIFY(plot.yAxis->range().lower > 0.0);
    // The read-out names the curve and the values under the cursor.
    plot.replot();
    const QPointF onOista(plot.xAxis->coordToPixel(2), plot.yAxis->coordToPixel(0.01));
    const QString text = plot.readOut(onOista);
    QVERIFY2(text.startsWith("ISTA") || text.startsWith("OISTA"), qPrintable(text));
    QVERIFY2(text.contains("t = 2") && text.contains("= 0.01"), qPrintable(text));
    QVERIFY(plot.readOut(QPointF(-100, -100)).isEmpty());
  }

  // After Reset each method has t = 0 alone: a ring around F(0) - F* (one point draws no line) and the
  // inspected method's band a bar from its 10 % to its 90 % quantile. The legend keys what it will key
  // after the first step (it showed rings, then lines, and the band's key came and went).
  void theLegendAtTZeroIsTheLegendAfterTheFirstStep() {
    const auto snapshotTo = [](int last) {
      ConvergenceSnapshot snapshot = oneCurveSnapshot("ISTA", QVector<double>{0.2, 0.1}.mid(0, last + 1));
      snapshot.curves << oneCurveSnapshot("OISTA", QVector<double>{0.2, 0.05}.mid(0, last + 1)).curves.front();
      snapshot.curves.back().algorithm = Algorithm::Oista;
      snapshot.curves.back().gapQ10 = QVector<double>{0.1, 0.03}.mid(0, last + 1);
      snapshot.curves.back().gapQ90 = QVector<double>{0.4, 0.08}.mid(0, last + 1);
      return snapshot;
    };
    const auto keyed = [](CostDecreasePlot& plot) {
      QStringList items;
      for (int i = 0; i < plot.legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.legend->item(i));
        const auto* graph = qobject_cast<const QCPGraph*>(item->plottable());
        items << QString("%1 %2").arg(item->plottable()->name()).arg(graph && graph->scatterStyle().isNone() ? "line" : "marker");
      }
      return items;
    };
    CostDecreasePlot plot;
    plot.setInspectedMethod(Algorithm::Oista);
    plot.showSnapshot(snapshotTo(1));
    const QStringList afterTheStep = keyed(plot);
    QCOMPARE(afterTheStep, (QStringList{"ISTA line", "OISTA line", "OISTA: 10–90 % of signals line"}));
    plot.showSnapshot(snapshotTo(0));
    QCOMPARE(keyed(plot), afterTheStep);
    // The rings and the bar: drawn, out of the legend, hidden with their curve.
    QList<QCPGraph*> rings, bars;
    for (int i = 0; i < plot.graphCount(); ++i) {
      QCPGraph* g = plot.graph(i);
      if (!g->name().isEmpty()) continue;
      if (g->scatterStyle().shape() == QCPScatterStyle::ssCircle) rings << g;
      else if (g->data()->size() == 2) bars << g;
    }
    QCOMPARE(rings.size(), 2);
    QCOMPARE(rings.back()->data()->at(0)->value, 0.2);
    QCOMPARE(bars.size(), 1);
    bool found = false;
    QCOMPARE(bars.front()->data()->valueRange(found), QCPRange(0.1, 0.4));
    plot.toggleCurve(plot.curve("OISTA"));
    QVERIFY(!rings.back()->visible() && !bars.front()->visible() && rings.front()->visible());
  }
};

QTEST_MAIN(TestCostPlot)
#include "test_cost_plot.moc"
