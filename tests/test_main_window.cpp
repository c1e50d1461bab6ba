// The window runs its experiment on the worker thread and plots what the core computes; it closes
// cleanly during a run; fonts resolve (missing fonts fail silently as boxes).
#include "cost_decrease_plot.h"
#include "main_window.h"

#include <QApplication>
#include <QFontInfo>
#include <QSignalSpy>
#include <QtTest>

using namespace unfold::ui;

class TestMainWindow : public QObject {
  Q_OBJECT
 private slots:
  void fontsResolveToARealFamily() {
    const QFontInfo info(QApplication::font());
    QVERIFY2(!info.family().isEmpty(), "no font family: install fonts-dejavu-core");
  }

  void defaultRunPlotsTheThreeSolvers() {
    MainWindow window;
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startDefaultRun();
    QVERIFY(finished.wait(60000));
    QCoreApplication::processEvents();
    CostDecreasePlot* plot = window.costPlot();
    QCOMPARE(plot->graphCount(), 3);
    QCOMPARE(plot->graph(0)->name(), QString("ISTA"));
    QCOMPARE(plot->graph(2)->name(), QString("OISTA"));
    for (int g = 0; g < 3; ++g) QCOMPARE(plot->graph(g)->data()->size(), 201);  // t = 0..200
    const double ista = (plot->graph(0)->data()->constEnd() - 1)->value;
    const double oista = (plot->graph(2)->data()->constEnd() - 1)->value;
    QVERIFY2(oista < ista, qPrintable(QString("%1 vs %2").arg(oista).arg(ista)));  // the paper's Fig. 2
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
  }

  void closingDuringARunIsClean() {
    auto* window = new MainWindow;
    window->show();
    window->startDefaultRun();
    QTest::qWait(5);
    delete window;  // cancels and joins the worker: must neither crash nor hang
    QVERIFY(true);
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
