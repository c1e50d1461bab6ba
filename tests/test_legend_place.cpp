// Where a plot's legend stands (inside the panel, above the curves, or in a row under the title) depends
// on the data and the plot's size, not on the run's history: a live run keeps its legend where it is
// unless the other place is clearly better (it would jump back and forth as the data change), but a
// finished run is placed afresh. Two runs that ended alike at one window size had shown their legends in
// different places.
#include "plots/cost_decrease_plot.h"
#include "shown_at.h"

#include <QtTest>

#include <cmath>

using namespace unfold;
using namespace unfold::ui;

namespace {

// Four methods over sixteen decades, ISTA's `decades` down over 40 iterations; a live run's or an ended one's.
ConvergenceSnapshot decays(double decades, bool ended) {
  ConvergenceSnapshot snapshot;
  for (const char* method : {"ISTA", "FISTA", "OISTA", "ISTA-BT"}) {
    ConvergenceCurve c;
    c.method = method;
    for (int t = 0; t <= 40; ++t) {
      c.iteration.append(t);
      c.gapMean.append(c.method == "ISTA" ? std::pow(10.0, -decades * t / 40.0) : std::pow(10.0, -16.0 * t / 40.0));
    }
    c.gapQ10 = c.gapQ90 = c.gapMean;
    snapshot.curves.append(c);
  }
  snapshot.phase = ended ? RunPhase::Complete : RunPhase::Solving;
  return snapshot;
}

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
      alone.showSnapshot(decays(decades, true));
      alone.replot();
      live.showSnapshot(decays(2.0, false));
      live.replot();
      if (!inRow(live)) continue;
      live.showSnapshot(decays(decades, false));
      live.replot();
      kept += inRow(live) && !inRow(alone);
      live.showSnapshot(decays(decades, true));
      live.replot();
      resized.showSnapshot(decays(decades, true));
      resized.replot();
      resized.resize(700, height);
      resized.replot();
      for (const CostDecreasePlot* plot : {&live, &resized})
        if (inRow(*plot) != inRow(alone) || plot->yAxis->range() != alone.yAxis->range())
          differ << QString("%1 px: %2 %3, %4 alone").arg(height).arg(inRow(*plot) ? "row" : "inside",
                                                             plot == &live ? "after a live run" : "resized", inRow(alone) ? "row" : "inside");
    }
    QVERIFY2(differ.isEmpty(), qPrintable(differ.join("; ")));
    QVERIFY2(kept > 0, "a live run's legend jumps out of its row as soon as inside is as good");
  }
};

QTEST_MAIN(TestLegendPlace)
#include "test_legend_place.moc"
