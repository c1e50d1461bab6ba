// Where a plot's legend stands (inside the panel, above the curves, or in a row under the title) depends
// on the data and the plot's size, not on the run's history: a live run keeps its legend where it is
// unless the other place is clearly better (it would jump back and forth as the data change), but a
// finished run is placed afresh. Two runs that ended alike at one window size had shown their legends in
// different places.
#include "decades_snapshot.h"
#include "plots/cost_decrease_plot.h"
#include "plots/training_curves_plot.h"
#include "shown_at.h"

#include <QtTest>

using namespace unfold::ui;

namespace {

bool inRow(const CostDecreasePlot& plot) {
  return !plot.axisRect()->insetLayout()->elements(false).contains(plot.legend);
}

}  // namespace

class TestLegendPlace : public QObject {
  Q_OBJECT
 private slots:
  void aFinishedRunsLegendStandsWhereItsDataAndSizePutIt_data() {
    QTest::addColumn<double>("decades");
    for (const double decades : {4.0, 6.0, 8.0}) QTest::addRow("ISTA %g decades", decades) << decades;
  }
  // Alone: the ended run shown at its size. After a live run: its legend in a row (ISTA two decades down,
  // where the row leaves the data more room), then new data, then the end. Resized: shown at another size.
  void aFinishedRunsLegendStandsWhereItsDataAndSizePutIt() {
    QFETCH(double, decades);
    QStringList differ;
    int kept = 0;  // heights where the live run's new data left the legend in its row, as they should
    for (int height = 150; height <= 450; height += 3) {
      CostDecreasePlot alone, live, resized;
      QVERIFY(shownAt(alone, QSize(700, height)) && shownAt(live, QSize(700, height)) && shownAt(resized, QSize(700, 600 - height)));
      alone.showSnapshot(decadesSnapshot(decades, RunPhase::Complete));
      alone.replot();
      resized.showSnapshot(decadesSnapshot(decades, RunPhase::Complete));
      resized.replot();
      resized.resize(700, height);
      resized.replot();
      live.showSnapshot(decadesSnapshot(2.0));
      live.replot();
      const bool liveInRow = inRow(live);  // else this height has no history to test
      live.showSnapshot(decadesSnapshot(decades));
      live.replot();
      kept += liveInRow && inRow(live) && !inRow(alone);
      live.showSnapshot(decadesSnapshot(decades, RunPhase::Complete));
      live.replot();
      for (const CostDecreasePlot* plot : {&live, &resized})
        if (inRow(*plot) != inRow(alone) || plot->yAxis->range() != alone.yAxis->range())
          differ << QString("%1 px: %2 %3, %4 alone").arg(height).arg(inRow(*plot) ? "row" : "inside",
                                                             plot == &live ? "after a live run" : "resized", inRow(alone) ? "row" : "inside");
    }
    QVERIFY2(differ.isEmpty(), qPrintable(differ.join("; ")));
    QVERIFY2(kept > 0, "a live run's legend jumps out of its row as soon as inside is as good");
  }

  // A legend wider than its panel in every look is placed as one too tall is (a row, short names, or none),
  // not inside, where it stood out over the plot's left edge with its names cut.
  void aLegendWiderThanItsPanelDoesNotStandInside() {
    TrainingCurvesPlot plot;
    QVERIFY(shownAt(plot, QSize(330, 260)));
    NetworkCurve n;
    n.method = "LISTA-CP", n.trained = true, n.reused = true, n.stopLabel = "budget used";
    n.network.training = QJsonObject{{"opened_from", "a-network-file-with-a-long-name.json"}, {"iterations", 0}};
    ConvergenceSnapshot snapshot;
    snapshot.networks = {n};
    plot.showSnapshot(snapshot);
    plot.replot();
    const QRect box = plot.legend->outerRect();
    QVERIFY2(!plot.legend->visible() || (box.left() >= 0 && box.right() <= plot.width()),
             qPrintable(QString("legend from x = %1 to %2 in a plot %3 wide").arg(box.left()).arg(box.right()).arg(plot.width())));
  }
};

QTEST_MAIN(TestLegendPlace)
#include "test_legend_place.moc"
