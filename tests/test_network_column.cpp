// The network column at laptop sizes. Its tabs name their plots whole: at 1024 x 700 they read
// "Learned s…", "Weight cou…", "Robust…"; a column too narrow for the full names takes short ones. Its
// training plot names three networks: at 1024 x 700 it had 150 px and no legend.
#include "plots/training_curves_plot.h"
#include "window/main_window.h"
#include "shown_at.h"

#include <QDockWidget>
#include <QTabBar>
#include <QtTest>

using namespace unfold;
using namespace unfold::ui;

namespace {
QTabBar* networkTabs(MainWindow& window) {
  for (QTabBar* tabs : window.findChildren<QTabBar*>())
    for (int i = 0; i < tabs->count(); ++i)
      if (tabs->tabText(i) == "Robustness") return tabs;
  return nullptr;
}
}  // namespace

class TestNetworkColumn : public QObject {
  Q_OBJECT
 private slots:
  void theNetworkTabsAreNamedWhole_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QStringList>("names");
    const QStringList full{"Learned steps", "Weight coupling", "Robustness"};
    QTest::newRow("1024 x 700") << QSize(1024, 700) << QStringList{"Steps", "Coupling", "Robustness"};
    QTest::newRow("1366 x 768") << QSize(1366, 768) << full;
    QTest::newRow("1600 x 950") << QSize(1600, 950) << full;
  }
  void theNetworkTabsAreNamedWhole() {
    QFETCH(QSize, size);
    QFETCH(QStringList, names);
    MainWindow window;
    QVERIFY(shownAt(window, size));
    QTabBar* tabs = nullptr;
    QTRY_VERIFY((tabs = networkTabs(window)) != nullptr);
    QTRY_COMPARE(QStringList({tabs->tabText(0), tabs->tabText(1), tabs->tabText(2)}), names);
    for (int i = 0; i < tabs->count(); ++i) {
      const int text = tabs->fontMetrics().horizontalAdvance(tabs->tabText(i));
      QTRY_VERIFY2(tabs->tabRect(i).width() >= text + 12, qPrintable(QString("'%1': %2 px for %3 px of text")
                                                                       .arg(tabs->tabText(i)).arg(tabs->tabRect(i).width()).arg(text)));
      QVERIFY(tabs->tabRect(i).right() <= tabs->width());
    }
  }

  void theTrainingPlotNamesThreeNetworks_data() { theNetworkTabsAreNamedWhole_data(); }
  void theTrainingPlotNamesThreeNetworks() {
    QFETCH(QSize, size);
    MainWindow window;
    QVERIFY(shownAt(window, size));
    ConvergenceSnapshot snapshot;
    snapshot.generation = 1;
    for (const char* method : {"LISTA-CP", "ALISTA", "SLISTA"}) {
      NetworkCurve n;
      n.method = method, n.trained = true, n.stopLabel = "budget used";
      n.trainIteration = {0, 50, 100, 150}, n.trainLoss = {3.78, 3.76, 3.755, 3.75}, n.testLoss = {3.78, 3.77, 3.765, 3.77};
      snapshot.networks << n;
    }
    TrainingCurvesPlot* plot = window.trainingPlot();
    QTRY_VERIFY(plot->height() > 0);
    plot->showSnapshot(snapshot);
    plot->replot();
    QVERIFY2(plot->legend->visible() && plot->legend->itemCount() >= 3,
             qPrintable(QString("%1 x %2 px").arg(plot->width()).arg(plot->height())));
  }
};

QTEST_MAIN(TestNetworkColumn)
#include "test_network_column.moc"
