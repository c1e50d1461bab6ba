// The window runs its experiment on the worker thread and plots what the core computes; it closes
// cleanly during a run; fonts resolve (missing fonts fail silently as boxes).
#include "cost_decrease_plot.h"
#include "main_window.h"
#include "plot_export.h"

#include <QApplication>
#include <QFontInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    const QStringList last = plot->toCsv().split('\n', Qt::SkipEmptyParts).last().split(',');
    const double ista = last[1].toDouble(), oista = last[7].toDouble();
    QVERIFY2(oista < 1e-6 * ista, qPrintable(QString("%1 vs %2").arg(oista).arg(ista)));  // the paper's Fig. 2
    QCOMPARE((plot->graph(0)->data()->constEnd() - 1)->value, ista);  // what is drawn is the core's number
    QVERIFY(std::isnan((plot->graph(2)->data()->constEnd() - 1)->value));  // OISTA at rounding level: no line
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
  }

  void exportsEachFormatAndTheData() {
    MainWindow window;
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startDefaultRun();
    QVERIFY(finished.wait(60000));
    QCoreApplication::processEvents();
    QTemporaryDir dir;
    FigureSize print;
    print.widthPx = 800;
    print.heightPx = 500;
    print.dpi = 300;
    QCOMPARE(exportPlot(window.costPlot(), dir.filePath("f.png"), print), QString());
    const QImage image(dir.filePath("f.png"));
    QCOMPARE(image.width(), 800 * 300 / 96);  // the size in pixels at 300 dpi
    QCOMPARE(exportPlot(window.costPlot(), dir.filePath("f.pdf")), QString());
    QFile pdf(dir.filePath("f.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QVERIFY(pdf.size() > 5000);
    QCOMPARE(exportPlot(window.costPlot(), dir.filePath("f.svg")), QString());
    QFile svg(dir.filePath("f.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.contains("<svg") && text.contains("</svg>") && text.contains("OISTA"));
    QVERIFY(exportPlot(window.costPlot(), dir.filePath("f.bmp")).contains("unknown figure type"));
    QVERIFY(exportPlot(window.costPlot(), dir.filePath("no/such/f.png")).contains("folder does not exist"));
    // Nothing but the three figures: no temporary files left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 3);
    const QStringList csv = window.costPlot()->toCsv().split('\n', Qt::SkipEmptyParts);
    QCOMPARE(csv[0], QString("iteration,ista_gap_mean,ista_gap_q10,ista_gap_q90,fista_gap_mean,fista_gap_q10,fista_gap_q90,"
                             "oista_gap_mean,oista_gap_q10,oista_gap_q90"));
    QCOMPARE(csv.size(), 202);
    // The CSV holds the core's numbers, not the plot's floored ones.
    QCOMPARE(csv[201].split(',')[1].toDouble(), (window.costPlot()->graph(0)->data()->constEnd() - 1)->value);
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
