// A plot's figure is laid out for the figure's own size, as a window of that size would show it: its
// title, its legend's look and the room above the curves. A figure keeps its legend: a short plot on
// screen that leaves its legend out exports a figure tall enough for it, and a size asked for that has
// no room for it is refused (in the PNG dialog, raised to the least height that has).
#include "dialog_answers.h"
#include "pixel_colour.h"
#include "plots/cost_decrease_plot.h"
#include "plots/plot_export.h"
#include "plots/support_ratio_plot.h"
#include "plots/support_raster_plot.h"
#include "run/session_file.h"
#include "shown_at.h"
#include "window/main_window.h"
#include "window_runs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace unfold::ui;

namespace {

// The title's text where the plot's layout has one, else empty.
QString drawnTitle(QCustomPlot* plot) {
  const auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
  return title ? title->text() : QString();
}

// Every entry of the legend drawn whole, inside the figure (a row that squeezes them cuts their text).
bool legendWhole(QCustomPlot* plot, const QSize& figure) {
  if (!plot->legend->visible() || !QRect(QPoint(0, 0), figure).contains(plot->legend->outerRect())) return false;
  for (int i = 0; i < plot->legend->itemCount(); ++i)
    if (const QCPAbstractLegendItem* item = plot->legend->item(i); item && item->outerRect().height() < item->minimumOuterSizeHint().height() - 3)
      return false;
  return true;
}

// A 1024 x 700 window after a short run: its L_S/L plot has no room for its legend on screen.
bool showShortRatioPlot(MainWindow& window) {
  window.resize(1024, 700);
  window.show();
  return runIterations(window, 40) && QTest::qWaitFor([&] { return !window.ratioPlot()->legend->visible(); });
}

// The bottom axes' numbers that reach beyond the plot's right edge: centred on its tick, the last one stood
// half out (the dashboard's PDF cut the '1' of |S|/m).
QStringList numbersBeyondTheEdge(WorkbenchPlot& plot) {
  plot.replot();
  QStringList beyond;
  for (QCPAxisRect* rect : plot.axisRects()) {
    const QCPAxis* axis = rect->axis(QCPAxis::atBottom);
    if (!axis->visible() || !axis->tickLabels()) continue;
    const QFontMetrics metrics(axis->tickLabelFont());
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
      if (!axis->range().contains(ticks[i])) continue;
      const double right = axis->coordToPixel(ticks[i]) + metrics.horizontalAdvance(labels[i]) / 2.0;
      if (right > plot.viewport().width() - 1)
        beyond << QString("'%1' to %2 px in a plot %3 px wide").arg(labels[i]).arg(right).arg(plot.viewport().width());
    }
  }
  return beyond;
}

}  // namespace

class TestFigureLayout : public QObject {
  Q_OBJECT
 private slots:
  void init() { forgetFigureChoices(); }
  // In a 1024 x 700 window the L_S/L plot has no room for its legend and leaves it out; its figure is
  // made as tall as the legend needs (the height just below leaves it out too), an asked size that
  // leaves it out is refused, and the window is laid out as before.
  // Every plot's last number on its bottom axis stays inside the plot, in the window and in the dashboard's
  // figure of it.
  void theLastNumbersStayInside() {
    MainWindow window;
    window.setDialogsEnabled(false);
    QVERIFY(shownAt(window, QSize(1366, 768)));
    QString error;
    const std::optional<Session> oista = readPreset("oista", &error);
    QVERIFY2(oista, qPrintable(error));
    QVERIFY(runSettings(window, oista->settings));
    for (WorkbenchPlot* plot : {static_cast<WorkbenchPlot*>(window.costPlot()), static_cast<WorkbenchPlot*>(window.supportPlot()),
                                static_cast<WorkbenchPlot*>(window.ratioPlot())}) {
      QVERIFY2(numbersBeyondTheEdge(*plot).isEmpty(), qPrintable(plot->title() + ": " + numbersBeyondTheEdge(*plot).join("; ")));
      plot->layOutForFigure(plot->size());
      QVERIFY2(numbersBeyondTheEdge(*plot).isEmpty(), qPrintable(plot->title() + " as a figure: " + numbersBeyondTheEdge(*plot).join("; ")));
      plot->layOutForScreen();
    }
    for (const QSize size : {QSize(300, 250), QSize(330, 300), QSize(400, 300), QSize(480, 360), QSize(250, 400)}) {
      WorkbenchPlot* plot = window.ratioPlot();
      plot->layOutForFigure(size);
      QVERIFY2(numbersBeyondTheEdge(*plot).isEmpty(), qPrintable(QString("%1 x %2: ").arg(size.width()).arg(size.height()) + numbersBeyondTheEdge(*plot).join("; ")));
      plot->layOutForScreen();
    }
  }

  // In a journal column's figure every panel's y label fits beside it: the coupling's distance label ran off
  // the page, above its short panel.
  void everyYLabelFitsBesideItsPanelInAColumnsFigure() {
    MainWindow window;
    QVERIFY(shownAt(window, QSize(1366, 768)));
    QVERIFY(runSettings(window, smallNetworks()));
    for (WorkbenchPlot* plot : window.plots()) {
      plot->layOutForFigure(QSize(321, 260));
      for (QCPAxisRect* rect : plot->axisRects()) {
        const QCPAxis* axis = rect->axis(QCPAxis::atLeft);
        const int length = QFontMetrics(axis->labelFont()).horizontalAdvance(axis->label());
        QVERIFY2(length <= rect->height(), qPrintable(QString("%1: '%2' is %3 px beside a panel %4 px high")
                                                          .arg(plot->title(), axis->label()).arg(length).arg(rect->height())));
      }
      plot->layOutForScreen();
    }
  }

  void aShortPlotsFigureKeepsItsLegend() {
    MainWindow window;
    QVERIFY(showShortRatioPlot(window));
    SupportRatioPlot* plot = window.ratioPlot();
    const int width = plot->width(), height = plot->height();
    const int least = plot->smallestFigureHeight(width, height);
    QVERIFY2(least > height, qPrintable(QString("%1 px on screen, %2 px for the figure").arg(height).arg(least)));
    QCOMPARE(plot->viewport(), plot->rect());  // laid out for the window again
    QVERIFY(!plot->legend->visible());
    QVERIFY(plot->layOutForFigure(QSize(width, least)));
    QVERIFY(legendWhole(plot, QSize(width, least)));
    QVERIFY(!plot->layOutForFigure(QSize(width, least - 1)));
    plot->layOutForScreen();
    QTemporaryDir dir;
    const QString figure = dir.filePath("ls-over-l.png");
    QCOMPARE(exportPlot(plot, figure, {0, 0, 96}), QString());
    QCOMPARE(QImage(figure).size(), QSize(width, least));
    const QString asked = dir.filePath("short.png");
    QCOMPARE(exportPlot(plot, asked, {width, height, 96}),
             QString("%1: at %2 × %3 px the plot's legend has no room (%4 px high at least)").arg(asked).arg(width).arg(height).arg(least));
    QVERIFY(!QFileInfo::exists(asked));
    plot->replot();
    QVERIFY(!plot->legend->visible() && plot->viewport() == plot->rect());
  }

  // A cost plot too short on screen for its legend (hidden there) draws it in a roomy figure, border and
  // all, with its title whole; on screen it stays as it was.
  void aFigureLaysOutItsLegendAndTitleForItsOwnSize() {
    MainWindow window;
    window.show();
    QVERIFY(runIterations(window, 40));
    CostDecreasePlot plot;
    QVERIFY(shownAt(plot, QSize(260, 130)));
    plot.showSnapshot(window.shownSnapshot());
    plot.setTitle("Cost decrease F(z_t) − F*: mean and 10–90 % band over the test signals");
    QTRY_VERIFY(!plot.legend->visible());
    QVERIFY(drawnTitle(&plot) != plot.title());
    const QSize size(900, 600);
    QVERIFY(plot.layOutForFigure(size));
    QVERIFY(legendWhole(&plot, size));
    QCOMPARE(drawnTitle(&plot), plot.title());
    const QRect box = plot.legend->outerRect();
    QTemporaryDir dir;
    const QString figure = dir.filePath("cost.png");
    QCOMPARE(exportPlot(&plot, figure, {size.width(), size.height(), 96}), QString());
    const QImage image(figure);
    QCOMPARE(image.size(), size);
    for (const QPoint edge : {QPoint(box.center().x(), box.top()), QPoint(box.center().x(), box.bottom()), QPoint(box.left(), box.center().y())})
      QVERIFY2(nearestColourDistance(image, edge, 1, Qt::black) < 150, qPrintable(QString("no border at %1,%2").arg(edge.x()).arg(edge.y())));
    plot.replot();
    QVERIFY(!plot.legend->visible());
    QVERIFY(drawnTitle(&plot) != plot.title());
  }

  // A column-wide figure (8.5 cm at the screen's 96 dpi) puts the legend in a row over the panel, and
  // takes a smaller font for it rather than stack the entries one under another: the data keep the most
  // of the height (six entries in one column had left the panel a third of it).
  void aColumnWideFigureKeepsItsLegendRowShort() {
    MainWindow window;
    window.show();
    QString error;
    const auto preset = readPreset("oista", &error);  // four solvers, two reach rounding level: six entries
    QVERIFY2(preset, qPrintable(error));
    QSignalSpy finished(&window, &MainWindow::runFinished);
    window.applySession(*preset);
    QVERIFY(finished.wait(120000));
    CostDecreasePlot& plot = *window.costPlot();
    const QSize column(321, 241);
    QVERIFY(plot.layOutForFigure(column, false));
    QVERIFY(legendWhole(&plot, column));
    QCOMPARE(plot.legend->itemCount(), 6);
    QVERIFY(!plot.axisRect()->insetLayout()->elements(false).contains(plot.legend));  // in a row of its own
    const int legendHeight = plot.legend->outerRect().height(), panelHeight = plot.axisRect()->rect().height();
    QVERIFY2(legendHeight <= column.height() / 4 && panelHeight >= column.height() / 2,
             qPrintable(QString("legend %1 px, panel %2 px of %3").arg(legendHeight).arg(panelHeight).arg(column.height())));
    QVERIFY(plot.legend->font().pointSizeF() >= 7.0);
    // With its title too, the panel is short: its y label stands beside it, not up into the legend, and
    // two decades at least are labelled (over fifteen, 10⁻¹⁰ alone was).
    QVERIFY(plot.layOutForFigure(column, true));
    const int height = plot.axisRect()->rect().height();
    QVERIFY2(QFontMetrics(plot.yAxis->labelFont()).horizontalAdvance(plot.yAxis->label()) <= height,
             qPrintable(QString("'%1' beside a %2-px panel").arg(plot.yAxis->label()).arg(height)));
    int labelled = 0;
    for (const double tick : plot.yAxis->tickVector()) labelled += plot.yAxis->range().contains(tick);
    QVERIFY2(labelled >= 2, qPrintable(QString("%1 labels over %2 px").arg(labelled).arg(height)));
    plot.layOutForScreen();
    QCOMPARE(plot.yAxis->label(), QString("median F(zₜ) − F*"));  // the window's panel has room for the whole
  }

  // A journal captions its figures: the size dialog leaves the plot's title out when asked, and the
  // panels take its room (the least height for the legend drops with it); the window keeps its title.
  // A width typed over a preset's is no longer that preset.
  void aFigureCanLeaveItsTitleOut() {
    MainWindow window;
    window.show();
    QVERIFY(runIterations(window, 40));
    CostDecreasePlot& plot = *window.costPlot();
    const QSize size(600, 400);
    QVERIFY(plot.layOutForFigure(size, true));
    const int topWithTitle = plot.axisRect()->outerRect().top();
    QVERIFY(plot.layOutForFigure(size, false));
    QCOMPARE(drawnTitle(&plot), QString());
    // Out of the layout and hidden: QCustomPlot draws an element by its layer, where it last stood (a cut
    // "Cost" stood in a corner of a column-wide figure).
    for (const QCPTextElement* text : plot.findChildren<QCPTextElement*>()) QVERIFY(!text->visible() || text->text() != "Cost decrease");
    QVERIFY2(plot.axisRect()->outerRect().top() <= topWithTitle - QFontMetrics(QFont(plot.font().family(), 11, QFont::Bold)).height(),
             qPrintable(QString("%1 vs %2").arg(plot.axisRect()->outerRect().top()).arg(topWithTitle)));
    plot.layOutForScreen();
    QCOMPARE(drawnTitle(&plot), QString("Cost decrease"));
    QVERIFY(qobject_cast<QCPTextElement*>(plot.plotLayout()->element(0, 0))->visible());
    QVERIFY(plot.smallestFigureHeight(300, 100, false) < plot.smallestFigureHeight(300, 100, true));
    // Through the dialog: the PDF's plot starts higher on the page than with the title.
    QTemporaryDir dir;
    const QString with = dir.filePath("with.png"), without = dir.filePath("without.png");
    QString presetAfterTyping, presetAfterHeight;
    QStringList opened;  // each dialog's choices as it opens
    for (const QString& path : {with, without}) {
      saveAs(path);
      const QPointer<QTimer> waiting = whenTitled("PNG size", [&](QDialog* dialog) {
        auto* preset = dialog->findChild<QComboBox*>("figureWidthPreset");
        auto* title = dialog->findChild<QCheckBox*>("figureTitle");
        QVERIFY(title && title->isVisible());
        opened << QString("%1, %2 × %3, title %4, %5 dpi").arg(preset->currentText()).arg(dialog->findChild<QSpinBox*>("figureWidth")->value())
                      .arg(dialog->findChild<QSpinBox*>("figureHeight")->value()).arg(title->isChecked()).arg(dialog->findChildren<QSpinBox*>()[2]->value());
        title->setChecked(path == with);
        preset->setCurrentIndex(1);  // one journal column
        dialog->findChild<QSpinBox*>("figureHeight")->setValue(dialog->findChild<QSpinBox*>("figureHeight")->value() + 10);
        presetAfterHeight = preset->currentText();
        dialog->findChild<QSpinBox*>("figureWidth")->setValue(400);
        presetAfterTyping = preset->currentText();
        dialog->findChild<QSpinBox*>("figureHeight")->setValue(300);
        dialog->findChildren<QSpinBox*>()[2]->setValue(96);
        dialog->accept();
      });
      plot.exportFigureInteractively();
      delete waiting.data();
    }
    QCOMPARE(presetAfterHeight, QString("one journal column, 8.5 cm"));  // its name is a width
    // The first dialog as on screen, with the title; the next from the same window with the last choices.
    QCOMPARE(opened.size(), 2);
    QVERIFY2(opened[0].startsWith("as on screen") && opened[0].endsWith("title 1, 300 dpi"), qPrintable(opened[0]));
    QCOMPARE(opened[1], QString("as typed below, 400 × 300, title 1, 96 dpi"));
    QCOMPARE(presetAfterTyping, QString("as typed below"));
    {  // and the next launch's window, with them too
      MainWindow next;
      next.show();
      QVERIFY(runIterations(next, 40));
      QString offered;
      saveAs(dir.filePath("next.png"));
      const QPointer<QTimer> waiting = whenTitled("PNG size", [&offered](QDialog* dialog) {
        offered = QString("%1, %2 × %3, title %4").arg(dialog->findChild<QComboBox*>("figureWidthPreset")->currentText())
                      .arg(dialog->findChild<QSpinBox*>("figureWidth")->value()).arg(dialog->findChild<QSpinBox*>("figureHeight")->value())
                      .arg(dialog->findChild<QCheckBox*>("figureTitle")->isChecked());
        dialog->reject();
      });
      next.costPlot()->exportFigureInteractively();
      delete waiting.data();
      QCOMPARE(offered, QString("as typed below, 400 × 300, title 0"));
    }
    // Where the y axis line starts (the column in the left third with the most dark pixels): the panel's top.
    const auto panelTop = [](const QImage& image) {
      const auto dark = [&image](int x, int y) { return qGray(image.pixel(x, y)) < 100; };
      int axis = 0, most = 0;
      for (int x = 0; x < image.width() / 3; ++x) {
        int count = 0;
        for (int y = 0; y < image.height(); ++y) count += dark(x, y);
        if (count > most) most = count, axis = x;
      }
      for (int y = 0; y < image.height(); ++y)
        if (dark(axis, y)) return y;
      return -1;
    };
    const QImage withTitle(with), withoutTitle(without);
    QCOMPARE(withTitle.size(), QSize(400, 300));
    QCOMPARE(withoutTitle.size(), QSize(400, 300));
    QVERIFY2(panelTop(withoutTitle) <= panelTop(withTitle) - 12,
             qPrintable(QString("%1 vs %2").arg(panelTop(withoutTitle)).arg(panelTop(withTitle))));

    QCOMPARE(drawnTitle(&plot), QString("Cost decrease"));
  }

  // A one-column figure of seven curves was mostly legend: a figure may leave it out (its caption names
  // the curves), and then any height is as good and the data take the legend's room; the window keeps it.
  void aFigureCanLeaveItsLegendOut() {
    MainWindow window;
    QVERIFY(showShortRatioPlot(window));
    CostDecreasePlot& cost = *window.costPlot();
    QVERIFY(cost.legend->visible());
    const QSize column(321, 241);
    QVERIFY(cost.layOutForFigure(column, false, true));
    const int withLegend = cost.axisRect()->rect().height();
    QVERIFY(cost.layOutForFigure(column, false, false));
    QVERIFY(!cost.legend->visible());
    QVERIFY2(cost.axisRect()->rect().height() > withLegend, qPrintable(QString::number(withLegend)));
    cost.layOutForScreen();
    QVERIFY(cost.legend->visible());
    // Through the dialog: the L_S/L plot, whose legend needs more than 150 px at 200 px wide, exports at
    // 200 x 150 without it, and says nothing.
    SupportRatioPlot* ratio = window.ratioPlot();
    QVERIFY(ratio->smallestFigureHeight(200, 150) > 150);
    QTemporaryDir dir;
    const QString figure = dir.filePath("ls-over-l.png");
    saveAs(figure);
    QString said;
    const QPointer<QTimer> waiting = whenTitled("PNG size", [&](QDialog* dialog) {
      const QList<QSpinBox*> boxes = dialog->findChildren<QSpinBox*>();  // width, height, resolution
      auto* legend = dialog->findChild<QCheckBox*>("figureLegend");
      QVERIFY(legend && legend->isVisible() && legend->isChecked());
      legend->setChecked(false);
      boxes[0]->setValue(200);
      boxes[1]->setValue(150);
      boxes[2]->setValue(96);
      dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
      said = dialog->findChild<QLabel*>("legendRoom")->text();
    });
    ratio->exportFigureInteractively();
    delete waiting.data();
    QCOMPARE(said, QString());
    QCOMPARE(QImage(figure).size(), QSize(200, 150));
    QCOMPARE(window.statusBar()->currentMessage(), "Lₛ / L exported to " + figure);
    QVERIFY(!ratio->legend->visible());  // the window's layout is back: too short for it, as before
  }

  // The PNG dialog offers a height that shows the legend; a shorter one typed in is raised to the least
  // that does, and said, and the next OK exports at that size; the dialog says the file's pixels (the boxes
  // hold the screen's, 96 dpi) and they are the file's.
  void thePngDialogRaisesAHeightTooShortForTheLegend() {
    MainWindow window;
    QVERIFY(showShortRatioPlot(window));
    SupportRatioPlot* plot = window.ratioPlot();
    const int least = plot->smallestFigureHeight(200, 150);  // the panels stacked, as in a narrow window
    QVERIFY(least > 150);
    QTemporaryDir dir;
    const QString figure = dir.filePath("ls-over-l.png");
    saveAs(figure);
    int offered = 0;
    QString said, image;
    bool stayedOpen = false;
    QTimer poll;  // on the stack: its lambda holds this function's variables
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
      for (QWidget* w : QApplication::topLevelWidgets()) {
        auto* dialog = qobject_cast<QDialog*>(w);
        if (!dialog || !dialog->isVisible() || dialog->windowTitle() != "PNG size") continue;
        poll.stop();
        const QList<QSpinBox*> boxes = dialog->findChildren<QSpinBox*>();  // width, height, resolution
        offered = boxes[1]->value();
        boxes[0]->setValue(200);
        boxes[1]->setValue(150);
        boxes[2]->setValue(300);
        QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        ok->click();
        stayedOpen = dialog->isVisible();
        said = dialog->findChild<QLabel*>("legendRoom")->text();
        image = dialog->findChild<QLabel*>("pngSize")->text();
        if (boxes[1]->value() == least) ok->click();
        else dialog->reject();
      }
    });
    poll.start();
    plot->exportFigureInteractively();
    QVERIFY(stayedOpen);
    QVERIFY2(offered >= plot->height() && plot->smallestFigureHeight(plot->width(), offered) == offered, qPrintable(QString::number(offered)));
    QCOMPARE(said, QString("At 200 × 150 px the legend has no room: the height is now %1 px, the least that shows it at this "
                           "width. OK exports.").arg(least));
    const QSize pixels(625, qRound(least * 300 / 96.0));  // QCustomPlot rounds: 200 x 157 px is 625 x 491
    QCOMPARE(image, QString("%1 × %2 px, 5.3 × %3 cm at 300 dpi").arg(pixels.width()).arg(pixels.height()).arg(least * 2.54 / 96, 0, 'f', 1));
    QCOMPARE(QImage(figure).size(), pixels);
    QCOMPARE(window.statusBar()->currentMessage(), "Lₛ / L exported to " + figure);
  }
};

QTEST_MAIN(TestFigureLayout)
#include "test_figure_layout.moc"
