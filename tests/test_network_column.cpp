// The network column at laptop sizes: its tabs name their plots whole (a column too narrow for the full
// names takes short ones, rather than "Learned s…"), and its training plot has room for a legend of three
// networks (138 px at 1024 x 700 left none).
#include "plots/training_curves_plot.h"
#include "window/main_window.h"
#include "shown_at.h"
#include "trained_networks_snapshot.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QTabBar>
#include <QtTest>

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
  void theNetworkTabsAreNamedWhole() {
    const QStringList full{"Learned steps", "Weight coupling", "Robustness"};
    const QList<QPair<QSize, QStringList>> sizes{
        {QSize(1024, 700), {"Steps", "Coupling", "Robustness"}}, {QSize(1366, 768), full}, {QSize(1600, 950), full}};
    for (const auto& [size, names] : sizes) {
      MainWindow window;
      QVERIFY(shownAt(window, size));
      QTabBar* tabs = nullptr;
      QTRY_VERIFY((tabs = networkTabs(window)) != nullptr);
      QTRY_COMPARE(QStringList({tabs->tabText(0), tabs->tabText(1), tabs->tabText(2)}), names);
      // The View menu names them whole at every size.
      QStringList viewMenu;
      for (const QAction* action : window.menuBar()->actions())
        if (action->text() == "&View")
          for (const QAction* item : action->menu()->actions()) viewMenu << item->text();
      QCOMPARE(viewMenu, (QStringList{"Experiment", "Support evolution", "Lₛ / L", "Learned steps", "Weight coupling", "Robustness",
                                      "Training", "Lessons"}));  // in the window's reading order
      for (int i = 0; i < tabs->count(); ++i) {
        const int text = tabs->fontMetrics().horizontalAdvance(tabs->tabText(i));
        QTRY_VERIFY2(tabs->tabRect(i).width() >= text + 12, qPrintable(QString("%1 x %2, '%3': %4 px for %5 px of text")
                                                                         .arg(size.width()).arg(size.height()).arg(tabs->tabText(i))
                                                                         .arg(tabs->tabRect(i).width()).arg(text)));
        QVERIFY(tabs->tabRect(i).right() <= tabs->width());
      }
    }
  }

  void theTrainingPlotNamesThreeNetworks_data() { addSizeRows({QSize(1024, 700), QSize(1366, 768), QSize(1600, 950)}); }
  void theTrainingPlotNamesThreeNetworks() {
    QFETCH(QSize, size);
    MainWindow window;
    QVERIFY(shownAt(window, size));
    TrainingCurvesPlot* plot = window.trainingPlot();
    QTRY_VERIFY(plot->height() > 0);
    plot->showSnapshot(trainedNetworksSnapshot());
    plot->replot();
    QVERIFY2(plot->legend->visible() && plot->legend->itemCount() >= 3,
             qPrintable(QString("%1 x %2 px").arg(plot->width()).arg(plot->height())));
  }
};

QTEST_MAIN(TestNetworkColumn)
#include "test_network_column.moc"
