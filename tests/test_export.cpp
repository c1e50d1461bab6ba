// Exports and how the figures draw: the whole-dashboard export is what the window shows, laid out as
// on screen, with fonts at their print size; every export confirms its path in the status bar (the cost
// plot's bands: test_svg_clipping).
#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/dashboard_export.h"
#include "plots/learned_steps_plot.h"
#include "plots/plot_export.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "run/session_file.h"
#include "window/dashboard_export_dialog.h"
#include "window/main_window.h"
#include "dialog_answers.h"
#include "pdf_page.h"
#include "story_check.h"
#include "window_runs.h"

#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QRegularExpression>
#include <QStatusBar>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace unfold::ui;

namespace {

// The rectangle of an image's pixels that are not (almost) white.
QRect inkBox(const QImage& image) {
  int left = image.width(), right = -1, top = image.height(), bottom = -1;
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x) {
      if (qRed(row[x]) > 240 && qGreen(row[x]) > 240 && qBlue(row[x]) > 240) continue;
      left = std::min(left, x), right = std::max(right, x), top = std::min(top, y), bottom = std::max(bottom, y);
    }
  }
  return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

// Mean absolute difference per channel (0..255) of two images of the same size.
double meanDifference(const QImage& a, const QImage& b) {
  double sum = 0;
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x) {
      const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
      sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
    }
  return sum / (3.0 * a.width() * a.height());
}

// The places where a visible curve of the main panel shows under the legend's box: its points, and
// its lines sampled every pixel or so.
QStringList curvesUnderLegend(WorkbenchPlot& plot) {
  plot.replot();
  QStringList under;
  if (!plot.legend->visible() || plot.legend->layout() != plot.axisRect()->insetLayout()) return under;
  const QRectF box = QRectF(plot.legend->outerRect()).adjusted(1, 1, -1, -1);
  for (int i = 0; i < plot.graphCount(); ++i) {
    const QCPGraph* g = plot.graph(i);
    if (!g->visible() || g->keyAxis() != plot.xAxis || g->valueAxis() != plot.yAxis) continue;
    QPointF last(qQNaN(), qQNaN());
    for (const QCPGraphData& d : *g->data()) {
      const QPointF p(plot.xAxis->coordToPixel(d.key), plot.yAxis->coordToPixel(d.value));
      if (!std::isfinite(p.y())) {
        last = QPointF(qQNaN(), qQNaN());
        continue;
      }
      const int steps = g->lineStyle() == QCPGraph::lsNone || std::isnan(last.x()) ? 0 : int(QLineF(last, p).length()) + 1;
      for (int k = 0; k <= steps; ++k) {
        const QPointF q = steps == 0 ? p : last + (p - last) * (double(k) / steps);
        if (box.contains(q)) {
          under << QString("%1 at t = %2").arg(g->name().isEmpty() ? QString("a band") : g->name()).arg(d.key);
          break;
        }
      }
      last = p;
    }
  }
  return under;
}

QRect rectIn(QWidget* window, QWidget* w) { return QRect(w->mapTo(window, QPoint(0, 0)), w->size()); }

// What lesson 4 says of the coupling preset's network: its test gap rises for several layers whose
// effective steps are near the median of 2/L_S, and drops at the next layer, a step near 1/L.
void longStepsThenADampingOne(const ConvergenceSnapshot& shown) {
  QCOMPARE(shown.networks.size(), 1);
  const NetworkCurve& network = shown.networks[0];
  const QVector<double>& gap = network.layerGap;
  const QVector<double>& step = network.stepTimesL;  // x L
  QVERIFY(gap.size() == 40 && step.size() == 40 && network.inverseLsQ50.size() == 40);
  int drop = 4;  // 0-based: layer drop + 1
  while (drop < gap.size() && gap[drop] >= gap[drop - 1] / 4) ++drop;
  QVERIFY2(drop < gap.size(), "no layer cuts the gap 4x");
  QVERIFY2(step[drop] < 1.2, qPrintable(QString::number(step[drop])));
  for (int t = drop - 3; t < drop; ++t) {
    QVERIFY2(gap[t] > gap[t - 1], qPrintable(QString("layer %1").arg(t + 1)));
    const double twiceMedian = 2 * network.inverseLsQ50[t];
    QVERIFY2(std::abs(step[t] / twiceMedian - 1) < 0.1, qPrintable(QString("layer %1: %2, 2/L_S %3").arg(t + 1).arg(step[t]).arg(twiceMedian)));
  }
}

}  // namespace

class TestExport : public QObject {
  Q_OBJECT
 private slots:
  void init() { forgetFigureChoices(); }
  void dashboardIsWhatTheWindowShows() {
    MainWindow window;
    window.show();
    QVERIFY(runSettings(window, smallNetworks()));
    // Learned steps goes behind Weight coupling, in the same tab group.
    window.findChild<QDockWidget*>("coupling")->raise();
    QTRY_VERIFY(window.couplingPlot()->isVisible());
    QCoreApplication::processEvents();
    const QList<WorkbenchPlot*> shown = plotsOnScreen(&window, window.plots());
    QVERIFY(!shown.contains(window.stepsPlot()));
    QCOMPARE(shown.size(), 5);
    QRect expected;
    for (QWidget* p : std::initializer_list<QWidget*>{window.costPlot(), window.supportPlot(), window.ratioPlot(), window.couplingPlot(), window.trainingPlot()})
      expected = expected.united(rectIn(&window, p));
    QCOMPARE(dashboardFrame(&window, window.plots()), expected);
    QVERIFY(expected.width() <= window.width() && expected.height() <= window.height());

    QTemporaryDir dir;
    const int dpi = 150;
    const double scale = double(dpi) / window.logicalDpiX();
    QCOMPARE(window.exportDashboardTo(dir.filePath("d.png"), dpi), QString());
    const QImage image = QImage(dir.filePath("d.png")).convertToFormat(QImage::Format_RGB32);
    // The canvas is the plots' bounding box at the print scale: no blank margin, no hidden plot.
    QVERIFY2(std::abs(image.width() - expected.width() * scale) <= 1 && std::abs(image.height() - expected.height() * scale) <= 1,
             qPrintable(QString("%1 x %2 for %3 x %4").arg(image.width()).arg(image.height()).arg(expected.width()).arg(expected.height())));
    QVERIFY(std::abs(image.dotsPerMeterX() - dpi / 0.0254) < 2);
    const QRect ink = inkBox(image);
    QVERIFY2(ink.left() < 0.02 * image.width() && ink.right() > 0.98 * image.width() && ink.top() < 0.02 * image.height() &&
                 ink.bottom() > 0.98 * image.height(),
             qPrintable(QString("ink %1,%2 %3x%4").arg(ink.x()).arg(ink.y()).arg(ink.width()).arg(ink.height())));
    // The cost plot's part of the dashboard is the cost plot exported alone at the same dpi: text and
    // lines at the same pixel sizes (fonts resolved once, at the screen's dpi, then scaled).
    QCOMPARE(exportPlot(window.costPlot(), dir.filePath("cost.png"), {0, 0, dpi}), QString());
    const QImage alone = QImage(dir.filePath("cost.png")).convertToFormat(QImage::Format_RGB32);
    const QRect cost = rectIn(&window, window.costPlot()).translated(-expected.topLeft());
    const QImage part = image.copy(QRect(QPoint(std::lround(cost.x() * scale), std::lround(cost.y() * scale)), alone.size()));
    const double difference = meanDifference(part, alone);
    QVERIFY2(difference < 3.0, qPrintable(QString::number(difference)));
    // A tabbed-away plot draws nothing: its region's place is the coupling plot's, which draws its own.
    const QImage wholeCoupling = image.copy(QRectF(QPointF(rectIn(&window, window.couplingPlot()).translated(-expected.topLeft()).topLeft()) * scale,
                                                   QSizeF(window.couplingPlot()->size()) * scale).toRect());
    QCOMPARE(exportPlot(window.couplingPlot(), dir.filePath("coupling.png"), {0, 0, dpi}), QString());
    const QImage couplingAlone = QImage(dir.filePath("coupling.png")).convertToFormat(QImage::Format_RGB32);
    QVERIFY(meanDifference(wholeCoupling.copy(QRect(QPoint(0, 0), couplingAlone.size())), couplingAlone) < 3.0);

    QCOMPARE(window.exportDashboardTo(dir.filePath("d.svg")), QString());
    QFile svg(dir.filePath("d.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    for (const char* title : {"Cost decrease", "Support evolution", "Weight coupling", "Training"}) QVERIFY2(text.contains(title), title);
    QVERIFY(!text.contains("Learned step sizes"));
    QSvgRenderer renderer(dir.filePath("d.svg"));
    QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), expected.size()));
    QImage rendered(expected.size(), QImage::Format_RGB32);
    rendered.fill(Qt::white);
    QPainter painter(&rendered);
    renderer.render(&painter);
    painter.end();
    const QRect svgInk = inkBox(rendered);
    QVERIFY(svgInk.left() < 0.02 * rendered.width() && svgInk.right() > 0.98 * rendered.width());
    QVERIFY(svgInk.top() < 0.02 * rendered.height() && svgInk.bottom() > 0.98 * rendered.height());

    QCOMPARE(window.exportDashboardTo(dir.filePath("d.pdf")), QString());
    QFile pdf(dir.filePath("d.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-" && pdf.size() > 20000);
    const QSizeF page = pdfPageSize(dir.filePath("d.pdf"));
    QVERIFY(std::abs(page.width() - expected.width() * 72.0 / window.logicalDpiX()) < 1.0);
    QVERIFY(std::abs(page.height() - expected.height() * 72.0 / window.logicalDpiX()) < 1.0);

    QVERIFY(window.exportDashboardTo(dir.filePath("d.gif")).contains("unknown figure type"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 5);  // no temporary left
    // The other tab in front: then it is in the figure, and coupling is not.
    window.findChild<QDockWidget*>("steps")->raise();
    QTRY_VERIFY(window.stepsPlot()->isVisible());
    const QList<WorkbenchPlot*> swapped = plotsOnScreen(&window, window.plots());
    QVERIFY(swapped.contains(window.stepsPlot()) && !swapped.contains(window.couplingPlot()));
  }

  // Ctrl+E before a run opened a file dialog for a figure of the plot's hint; now it says why not.
  void anEmptyPlotSaysItHasNothingToExport() {
    MainWindow window;
    window.show();
    QString said;
    for (const bool figure : {true, false}) {
      whenShown<QDialog>([&](QDialog* dialog) {  // a message, not a file dialog
        const auto* box = qobject_cast<QMessageBox*>(dialog);
        said = box ? box->windowTitle() + ": " + box->text() : QString(dialog->metaObject()->className());
        dialog->reject();
      });
      QAction* action = menuAction(window, figure ? "Export cost &figure…" : "Export cost &data (CSV)…");
      QVERIFY(action);
      action->trigger();
      QCOMPARE(said, QString("%1: Cost decrease shows no results yet: run a solver to see it.").arg(figure ? "Export figure" : "Export data"));
    }
  }

  void dashboardLeavesOutPlotsWithoutResults() {
    MainWindow window;
    window.show();
    QTemporaryDir dir;
    // Before any run nothing shows results: no figure, and a message that says why.
    QVERIFY(window.exportDashboardTo(dir.filePath("none.png")).contains("no plot shows results yet"));
    QVERIFY(!QFileInfo::exists(dir.filePath("none.png")));
    ExperimentSettings solversOnly = smallNetworks();
    solversOnly.networks.clear();
    QVERIFY(runSettings(window, solversOnly));
    const QList<WorkbenchPlot*> shown = plotsOnScreen(&window, window.plots());
    QVERIFY(shown.contains(window.trainingPlot()));
    QVERIFY(window.trainingPlot()->title().contains("train a network"));
    const QList<WorkbenchPlot*> figure = plotsInDashboard(&window, window.plots());
    QCOMPARE(figure, (QList<WorkbenchPlot*>{window.costPlot(), window.supportPlot(), window.ratioPlot()}));
    QRect expected;
    for (WorkbenchPlot* p : figure) expected = expected.united(rectIn(&window, p));
    QCOMPARE(dashboardFrame(&window, window.plots()), expected);
    QCOMPARE(window.exportDashboardTo(dir.filePath("d.svg")), QString());
    QFile svg(dir.filePath("d.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.contains("Cost decrease") && text.contains("Support evolution"));
    QVERIFY(!text.contains("to see it") && !text.contains("Training"));
    QCOMPARE(QSvgRenderer(dir.filePath("d.svg")).viewBox(), QRect(QPoint(0, 0), expected.size()));
    // A network trained: its panels are results again.
    QVERIFY(runSettings(window, smallNetworks()));
    QVERIFY(plotsInDashboard(&window, window.plots()).contains(window.trainingPlot()));
  }

  void exportsConfirmTheirPathInTheStatusBar() {
    MainWindow window;
    window.show();
    QVERIFY(runSettings(window, smallNetworks()));
    QTemporaryDir dir;
    QAction* action = menuAction(window, "Export the whole &dashboard…");
    QVERIFY(action);
    const QString png = dir.filePath("board.png");
    int titleRoom = 0;
    QString sizeText;
    QString offered;
    whenShown<DashboardExportDialog>([&](DashboardExportDialog* dialog) {
      titleRoom = dialog->width() - dialog->fontMetrics().horizontalAdvance(dialog->windowTitle());
      offered = dialog->path();
      dialog->setPath(png);
      dialog->setDpi(192);
      sizeText = dialog->sizeText();
      dialog->accept();
    });
    action->trigger();  // blocks in the dialog until it is accepted
    QVERIFY2(titleRoom > 150, qPrintable(QString::number(titleRoom)));  // the title bar holds the whole title
    // The path it offers can be exported to as it is (~/Documents may not exist on a fresh machine).
    QVERIFY2(QFileInfo(offered).absoluteDir().exists(), qPrintable(offered));
    const QSize frame = dashboardFrame(&window, window.plots()).size();
    QCOMPARE(QImage(png).size(), frame * 192 / window.logicalDpiX());
    QVERIFY2(sizeText.startsWith(QString("%1 × %2 px").arg(QImage(png).width()).arg(QImage(png).height())), qPrintable(sizeText));
    QCOMPARE(window.statusBar()->currentMessage(), "Dashboard exported to " + png);
    // A plot's data, from its menu: the file, and its path in the status bar.
    const QString csv = dir.filePath("cost.csv");
    saveAs(csv);
    window.costPlot()->exportDataInteractively();
    QFile written(csv);
    QVERIFY2(written.open(QIODevice::ReadOnly), qPrintable(window.statusBar()->currentMessage() + " | " + QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).join(",")));
    QCOMPARE(QString::fromUtf8(written.readAll()), window.costPlot()->toCsv());
    QCOMPARE(window.statusBar()->currentMessage(), "Cost decrease exported to " + csv);
    QVERIFY(QDir(dir.path()).mkdir("paper"));
    const QString pdf = dir.filePath("paper/ratio.pdf");
    saveAs(pdf);
    whenTitled("Figure size", [](QDialog* dialog) { dialog->accept(); });  // as on screen
    window.ratioPlot()->exportFigureInteractively();
    QVERIFY2(QFileInfo(pdf).size() > 1000, qPrintable(window.statusBar()->currentMessage() + " | " + QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).join(",")));
    QCOMPARE(window.statusBar()->currentMessage(), "Lₛ / L exported to " + pdf);
    // The dashboard's dialog then offers its last name in the folder the figure went to (it offered the
    // folder of the last dashboard).
    whenShown<DashboardExportDialog>([&](DashboardExportDialog* dialog) {
      offered = dialog->path();
      dialog->reject();
    });
    action->trigger();
    QCOMPARE(offered, dir.filePath("paper/board.png"));
    // Its page as large as the plot on screen, 96 px to the inch (a pixel a point made it a third larger).
    QVERIFY2(std::abs(pdfPageSize(pdf).width() - window.ratioPlot()->width() * 72.0 / 96) < 1.0,
             qPrintable(QString::number(pdfPageSize(pdf).width())));
    // A PNG into a missing folder: said at once, before its size is asked for.
    const QString nowhere = dir.filePath("nowhere/ratio.png");
    const DialogSeen refused = dialogAfterSavingAs(nowhere, [&] { window.ratioPlot()->exportFigureInteractively(); });
    QCOMPARE(refused.title, QString("Export figure"));
    QCOMPARE(refused.text, nowhere + ": the folder does not exist");
    // A session saved from the File menu says so too. Typed without its suffix, it takes the filter's:
    // saved bare, it did not show in the Open dialog's list.
    const QString session = dir.filePath("s.json");
    saveAs(dir.filePath("s"));
    QSignalSpy saved(&window, &MainWindow::fileSaved);
    menuAction(window, "Save session &as…")->trigger();
    QVERIFY(saved.wait(60000));  // written on the save thread
    QVERIFY(QFileInfo(session).size() > 100);
    QCOMPARE(window.statusBar()->currentMessage(), "Session saved to " + session);
    // Ctrl+S then saves over that file, asking nothing (it offered session.json, and Enter wrote a second file).
    QVERIFY(QFile::remove(session));
    menuAction(window, "&Save session")->trigger();
    QVERIFY(saved.wait(60000));
    QCOMPARE(saved.last().front().toString(), session);
    QVERIFY(QFileInfo(session).size() > 100);
    // The next run's status takes the status bar's place back at once (the message stood for 15 s over it).
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.startDefaultRun();
    QCOMPARE(window.statusBar()->currentMessage(), QString());
    QVERIFY(finished.wait(60000));
    QVERIFY2(window.statusText().startsWith("done in"), qPrintable(window.statusText()));
    QCOMPARE(window.statusBar()->currentMessage(), QString());
    QCOMPARE(storyProblems(window), QString());
    // The names the exports suggest are plain ASCII, from the titles.
    QCOMPARE(window.ratioPlot()->fileStem(), QString("ls-over-l"));
    QCOMPARE(window.costPlot()->fileStem(), QString("cost-decrease"));
  }

  // The next save dialog opens where the last file went, offering the type that dialog wrote last: an
  // author exporting figure after figure into a paper's folder was sent back to the launch folder and PDF.
  void theNextExportOpensWhereTheLastFileWent() {
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    QVERIFY(runIterations(window, 20));
    const QString png = dir.filePath("ratio.png");
    saveAs(png);
    whenTitled("PNG size", [](QDialog* dialog) { dialog->accept(); });
    window.ratioPlot()->exportFigureInteractively();
    QVERIFY(QFileInfo(png).size() > 1000);
    QString offered;
    const auto recordOffer = [&offered] {
      whenShown<QFileDialog>([&offered](QFileDialog* dialog) {
        offered = dialog->selectedFiles().value(0);
        dialog->reject();
      });
    };
    recordOffer();
    window.costPlot()->exportFigureInteractively();
    QCOMPARE(offered, dir.filePath("cost-decrease.png"));
    recordOffer();
    window.costPlot()->exportDataInteractively();
    QCOMPARE(offered, dir.filePath("cost-decrease.csv"));  // the data dialog's own type
  }

  // The presets in the README's screenshots: no legend hides a curve, in the window and at two other
  // sizes (in the smaller one the training plot is too short for any legend). The coupling preset's
  // L_S / L curves run near 1, where that legend sat.
  void legendsLeaveTheCurvesVisible_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("networks") << "networks";
    QTest::newRow("coupling") << "coupling";
    QTest::newRow("learned-steps") << "learned-steps";
  }
  void legendsLeaveTheCurvesVisible() {
    QFETCH(QString, name);
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QString error;
    const auto preset = readPreset(name, &error);
    QVERIFY2(preset, qPrintable(error));
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.applySession(*preset);  // as --preset does: its settings and the inspected method
    QVERIFY(finished.wait(120000));
    QCoreApplication::processEvents();
    QCOMPARE(storyProblems(window), QString());  // the README's screenshots tell one story too
    if (name == "coupling") longStepsThenADampingOne(window.shownSnapshot());
    for (const QSize size : {QSize(1600, 1000), QSize(1100, 750), QSize(1920, 1200)}) {
      window.resize(size);
      QTRY_COMPARE(window.size(), size);
      QCoreApplication::processEvents();
      for (WorkbenchPlot* plot : window.plots()) {
        const QStringList under = curvesUnderLegend(*plot);
        // Room is made rather than the legend hidden, and a legend hidden in the small window is back.
        if (size != QSize(1100, 750) && (plot == window.costPlot() || plot == window.trainingPlot()))
          QVERIFY2(plot->legend->visible(), qPrintable(QString("%1 x %2, %3").arg(size.width()).arg(size.height()).arg(plot->title())));
        QVERIFY2(under.isEmpty(), qPrintable(QString("%1 x %2, %3 (legend %4 px high in a %5 px panel): %6").arg(size.width()).arg(size.height()).arg(plot->title()).arg(plot->legend->outerRect().height()).arg(plot->axisRect()->rect().height()).arg(under.mid(0, 3).join(", "))));
      }
    }
  }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
