// The 2-D Lasso view's exports as a teacher uses them: a right click on either plot offers its figure
// and the steps' data, the buttons under the side panel likewise; a PDF, a PNG at the size asked, and a
// CSV of the steps drawn (the core's path, number for number), and the view says where it wrote them.
#include "csv_table.h"
#include "dialog_answers.h"
#include "lasso/lasso_plane.h"
#include "pdf_page.h"
#include "plots/plot_export.h"
#include "shown_at.h"
#include "teaching/lasso_plane_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace unfold;
using namespace unfold::ui;

namespace {

QStringList rowsOf(const QString& csv, const QString& path) {
  QStringList rows;
  for (const QString& line : csv.split('\n', Qt::SkipEmptyParts))
    if (line.startsWith(path + ",")) rows << line;
  return rows;
}

}  // namespace

class TestPlaneExport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(shownAt(view_, QSize(1100, 820)));
    QTRY_VERIFY_WITH_TIMEOUT(view_.picture().grid > 0, 20000);  // asked for when the view was made
  }
  void init() { forgetFigureChoices(); }

  // Both plots' menus offer the figure and the data.
  void aRightClickOffersTheExports() {
    for (QCustomPlot* plot : {view_.plane(), view_.costPlot()}) {
      QStringList offered;
      whenShown<QMenu>([&offered](QMenu* menu) {
        for (const QAction* action : menu->actions()) offered << action->text();
        menu->close();
      });
      emit plot->customContextMenuRequested(plot->rect().center());
      QCOMPARE(offered, QStringList({"Export figure…", "Export data (CSV)…"}));
    }
  }

  // The CSV holds the steps drawn: ISTA's are the core's path, each step starts where the last ended, a
  // path unticked is left out.
  void theDataAreTheStepsDrawn() {
    view_.rewind();
    view_.stepForward();
    view_.stepForward();
    view_.stepForward();
    const PlanePicture& picture = view_.picture();
    const PlaneProblem p = planeProblem(picture.settings.n, picture.settings.lambda, picture.settings.seed);
    const std::vector<PlaneStep> ista = planePath(p, PlaneMethod::Ista, picture.settings.steps);
    const QString csv = view_.toCsv();
    QCOMPARE(csv.section('\n', 0, 0), QString("path,step,z1,z2,u1,u2,next_z1,next_z2,step_times_l,gap_after,rejected"));
    const CsvTable table = CsvTable::fromText(csv);
    QList<qsizetype> istaRows, oistaRows;  // the rows of each path, in order
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
      if (table.text(r, "path") == "ISTA") istaRows << r;
      if (table.text(r, "path") == "OISTA") oistaRows << r;
    }
    QCOMPARE(istaRows.size(), 3);
    for (int t = 0; t < 3; ++t) {
      const qsizetype r = istaRows[t];
      QCOMPARE(table.at(r, "step"), double(t + 1));
      QCOMPARE(table.at(r, "u1"), ista[size_t(t)].gradientPoint(0));
      QCOMPARE(table.at(r, "next_z2"), ista[size_t(t)].to(1));
      QCOMPARE(table.at(r, "gap_after"), picture.tracks[0].gap[t]);
      if (t > 0) {  // each step starts where the last ended
        QCOMPARE(table.text(r, "z1"), table.text(istaRows[t - 1], "next_z1"));
        QCOMPARE(table.text(r, "z2"), table.text(istaRows[t - 1], "next_z2"));
      }
    }
    QCOMPARE(oistaRows.size(), 3);
    QCOMPARE(table.at(oistaRows[0], "rejected"), 0.0);  // the step from z = 0 refuses nothing
    QCheckBox* oista = nullptr;
    for (QCheckBox* box : view_.findChildren<QCheckBox*>())
      if (box->text().startsWith("OISTA")) oista = box;
    QVERIFY(oista);
    oista->setChecked(false);
    QCOMPARE(rowsOf(view_.toCsv(), "OISTA").size(), 0);
    oista->setChecked(true);
    // Written as it is, and said.
    QTemporaryDir dir;
    const QString path = dir.filePath("steps.csv");
    saveAs(path);
    QPushButton* dataButton = nullptr;
    for (QPushButton* button : view_.findChildren<QPushButton*>())
      if (button->text() == "Export data…") dataButton = button;
    QVERIFY(dataButton);
    const QPoint buttonAt = dataButton->mapTo(&view_, QPoint(0, 0));
    view_.exportData();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), view_.toCsv());
    checkSaidExported(path);
    // Said above the buttons, in lines kept free for it: they stay where they were, for the next click.
    QCoreApplication::processEvents();
    QCOMPARE(dataButton->mapTo(&view_, QPoint(0, 0)), buttonAt);
  }

  // Before any step there is nothing to export: said, and no file written (it held the header alone).
  void noStepNoDataFile() {
    LassoPlaneView fresh;
    QTRY_VERIFY_WITH_TIMEOUT(fresh.picture().grid > 0, 20000);
    QCOMPARE(fresh.toCsv().count('\n'), 1);
    bool asked = false;
    QPointer<QTimer> answer = whenTitled("Export data", [&asked](QDialog* dialog) {
      asked = true;
      dialog->reject();
    });
    fresh.exportData();
    delete answer;  // no dialog came (or it was answered)
    QVERIFY(!asked);
    QVERIFY2(fresh.findChild<QLabel*>("exported")->text().startsWith("No step drawn yet"), qPrintable(fresh.findChild<QLabel*>("exported")->text()));
  }

  // On a short screen (a 1280 x 720 laptop's window, or 1024 x 700) the side column scrolls, and the export
  // buttons stand whole in sight under it.
  void theExportButtonsAreInSightOnAShortScreen() {
    for (const QSize size : {QSize(1280, 640), QSize(1024, 620)}) {
      view_.resize(size);
      QTRY_COMPARE(view_.size(), size);
      for (QPushButton* button : view_.findChildren<QPushButton*>())
        if (button->text().startsWith("Export"))
          QTRY_COMPARE(button->visibleRegion().boundingRect(), button->rect());
    }
    view_.resize(1100, 820);
  }

  // The plane as a PDF a journal column wide (its page 8.5 cm), and as a PNG at the size and resolution asked.
  void theFiguresAreWritten() {
    view_.showAllSteps();
    QTemporaryDir dir;
    const QString pdf = dir.filePath("plane.pdf");
    saveAs(pdf);
    QString page;
    const QPointer<QTimer> waiting = whenTitled("Figure size", [&page](QDialog* dialog) {
      dialog->findChild<QComboBox*>("figureWidthPreset")->setCurrentIndex(1);  // one journal column
      page = dialog->findChild<QLabel*>("pageSize")->text();
      dialog->accept();
    });
    // Laid out at the column's shape, the plane keeps equal scales (the l1 ball was squashed into a flat
    // rhombus), and the view on screen is left as it was.
    const QCPRange xOnScreen = view_.plane()->xAxis->range(), yOnScreen = view_.plane()->yAxis->range();
    const QSize screenRect = view_.plane()->axisRect()->rect().size();
    QStringList unequal;
    int figureLayouts = 0;
    const QMetaObject::Connection scales = connect(view_.plane(), &QCustomPlot::afterLayout, this, [&] {
      const QRect rect = view_.plane()->axisRect()->rect();
      if (rect.size() == screenRect) return;
      ++figureLayouts;
      const double across = rect.width() / view_.plane()->xAxis->range().size(), up = rect.height() / view_.plane()->yAxis->range().size();
      if (std::abs(across / up - 1) > 0.01) unequal << QString("%1 x %2 px: %3 and %4 px a unit").arg(rect.width()).arg(rect.height()).arg(across).arg(up);
      // Ticks across the whole of the wider range (they were made for the screen's, before the layout).
      const QVector<double> ticks = view_.plane()->xAxis->tickVector();
      const QCPRange x = view_.plane()->xAxis->range();
      const double step = ticks.size() >= 2 ? ticks[1] - ticks[0] : x.size();
      if (ticks.size() < 2 || ticks.front() > x.lower + step || ticks.back() < x.upper - step)
        unequal << QString("x ticks %1 to %2 over %3 to %4").arg(ticks.value(0)).arg(ticks.value(ticks.size() - 1)).arg(x.lower).arg(x.upper);
    });
    view_.exportFigure(view_.plane());
    disconnect(scales);
    delete waiting.data();  // no dialog came: `page` is not written later
    QVERIFY(figureLayouts > 0);
    QVERIFY2(unequal.isEmpty(), qPrintable(unequal.join("; ")));
    QCOMPARE(view_.plane()->xAxis->range(), xOnScreen);
    QCOMPARE(view_.plane()->yAxis->range(), yOnScreen);
    QVERIFY2(page.startsWith("8.5 × "), qPrintable(page));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QVERIFY2(std::abs(pdfPageSize(pdf).width() - 8.5 / 2.54 * 72) < 1.0, qPrintable(QString::number(pdfPageSize(pdf).width())));
    // A column-wide figure: the legend stands in a row under the plane, entries side by side (inside, it
    // covered most of the plane and hid z*); on screen it is back inside.
    QRect legendDrawn, axesDrawn;
    Qt::PenStyle borderDrawn = Qt::SolidLine;
    const QMetaObject::Connection drawn = connect(view_.plane(), &QCustomPlot::afterLayout, this, [&] {
      legendDrawn = view_.plane()->legend->outerRect();
      axesDrawn = view_.plane()->axisRect()->outerRect();
      borderDrawn = view_.plane()->legend->borderPen().style();
    });
    const QString column = dir.filePath("column.png");
    QCOMPARE(exportPlot(view_.plane(), column, {321, 260, 96}), QString());
    disconnect(drawn);
    QCOMPARE(QImage(column).size(), QSize(321, 260));
    QVERIFY2(legendDrawn.top() >= axesDrawn.bottom() && legendDrawn.bottom() <= 260,
             qPrintable(QString("legend %1,%2 %3x%4; axes end at %5").arg(legendDrawn.x()).arg(legendDrawn.y())
                            .arg(legendDrawn.width()).arg(legendDrawn.height()).arg(axesDrawn.bottom())));
    QVERIFY2(legendDrawn.height() <= 260 / 3 && axesDrawn.height() >= 260 / 2, qPrintable(QString::number(legendDrawn.height())));
    QCOMPARE(borderDrawn, Qt::NoPen);  // a frame as wide as the figure, its foot on the page's last row, was cut
    view_.plane()->replot();
    QVERIFY(view_.plane()->axisRect()->insetLayout()->elements(false).contains(view_.plane()->legend));
    QVERIFY(view_.plane()->legend->borderPen().style() != Qt::NoPen);  // framed again inside
    // An SVG keeps no clip paths: of a zoomed plane it holds the paths' parts inside the axes only (and the
    // level sets' part), and the view has all of them back afterwards.
    QCustomPlot* plane = view_.plane();
    const QCPRange x = plane->xAxis->range(), y = plane->yAxis->range();
    plane->xAxis->setRange(x.lower + 0.35 * x.size(), x.upper - 0.35 * x.size());
    plane->yAxis->setRange(y.lower + 0.35 * y.size(), y.upper - 0.35 * y.size());
    plane->replot();
    const QCPCurve* ista = nullptr;  // the legend's ISTA: its thresholding segments
    for (int i = 0; i < plane->plottableCount(); ++i)
      if (plane->plottable(i)->name() == "ISTA") ista = qobject_cast<const QCPCurve*>(plane->plottable(i));
    QVERIFY(ista);
    const QColor istaColour = ista->pen().color();
    int leaving = 0;  // ISTA's points outside the zoomed view: there is something to cut
    for (const QCPCurveData& d : *ista->data()) leaving += !std::isnan(d.key) && !(plane->xAxis->range().contains(d.key) && plane->yAxis->range().contains(d.value));
    QVERIFY2(leaving > 0, "the zoom leaves every ISTA point inside");
    const int istaPoints = ista->data()->size();
    const QString svg = dir.filePath("plane.svg");
    saveAs(svg);
    const QPointer<QTimer> accepting = whenTitled("Figure size", [](QDialog* dialog) {
      dialog->findChild<QComboBox*>("figureWidthPreset")->setCurrentIndex(0);  // as on screen: the axes where they are
      dialog->accept();
    });
    view_.exportFigure(plane);
    delete accepting.data();
    QSvgRenderer renderer(svg);
    QVERIFY2(renderer.isValid(), qPrintable(svg));
    // In points: the plane's size at the screen's resolution, drawn back at its pixels.
    QVERIFY(std::abs(double(renderer.defaultSize().width()) / renderer.defaultSize().height() - double(plane->width()) / plane->height()) < 0.01);
    QImage image(plane->size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter, QRectF(QPointF(0, 0), plane->size()));
    painter.end();
    // Nothing of ISTA outside the axes (a marker on the edge and a pen's width of slack), and where its path
    // leaves the view it crosses the edge: QCustomPlot moves points beyond the axes onto a frame just outside
    // them, which the screen clips and an SVG drew as a line along the edge.
    const QRect axesRect = plane->axisRect()->rect();
    const QRect axes = axesRect.adjusted(-5, -5, 5, 5);
    const auto isIsta = [&istaColour, &image](int px, int py) {
      const QColor c = image.pixelColor(px, py);
      return std::abs(c.red() - istaColour.red()) + std::abs(c.green() - istaColour.green()) + std::abs(c.blue() - istaColour.blue()) < 30;
    };
    int inside = 0, outside = 0;
    for (int py = 0; py < image.height(); ++py)
      for (int px = 0; px < image.width(); ++px) (axes.contains(px, py) ? inside : outside) += isIsta(px, py);
    QCOMPARE(outside, 0);
    QVERIFY2(inside > 20, qPrintable(QString::number(inside)));
    // Within 3 px of the edges: a few pixels where a path crosses (2 here), not a path drawn along them (62).
    int nearAnEdge = 0;
    const QRegion strip = QRegion(axesRect.adjusted(-3, -3, 3, 3)).subtracted(QRegion(axesRect.adjusted(3, 3, -3, -3)));
    for (const QRect& part : strip)
      for (int py = part.top(); py <= part.bottom(); ++py)
        for (int px = part.left(); px <= part.right(); ++px) nearAnEdge += isIsta(px, py);
    QVERIFY2(nearAnEdge <= 20, qPrintable(QString("%1 px of ISTA's path along the edges of the axes").arg(nearAnEdge)));
    QCOMPARE(int(ista->data()->size()), istaPoints);
    plane->xAxis->setRange(x);
    plane->yAxis->setRange(y);
    const QString png = dir.filePath("cost.png");
    saveAs(png);
    QTimer poll;  // the PNG size dialog follows the file dialog
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&poll] {
      for (QWidget* w : QApplication::topLevelWidgets()) {
        auto* dialog = qobject_cast<QDialog*>(w);
        if (!dialog || !dialog->isVisible() || dialog->windowTitle() != "PNG size") continue;
        poll.stop();
        const QList<QSpinBox*> boxes = dialog->findChildren<QSpinBox*>();  // width, height, resolution
        boxes[0]->setValue(400);
        boxes[1]->setValue(200);
        boxes[2]->setValue(192);
        dialog->accept();
      }
    });
    poll.start();
    view_.exportFigure(view_.costPlot());
    QCOMPARE(QImage(png).size(), QSize(800, 400));
    checkSaidExported(png);
  }

  // A figure of the plane may leave its legend out (a caption names the paths), as a workbench plot's may; the
  // dialog offers no title, which the plane has not; the next dialog, the cost plot's, opens with that choice.
  void theFigureMayLeaveTheLegendOut() {
    QTemporaryDir dir;
    // Through the dialog, as a teacher exports (the plane keeps equal scales at the figure's shape).
    const auto exportPng = [this](const QString& path, bool withLegend, QString* offered) -> QString {
      saveAs(path);
      const QPointer<QTimer> waiting = whenTitled("PNG size", [withLegend, offered](QDialog* dialog) {
        auto* legend = dialog->findChild<QCheckBox*>("figureLegend");
        if (offered)
          *offered = QString("title %1, legend %2 %3").arg(dialog->findChild<QCheckBox*>("figureTitle")->isVisible())
                         .arg(legend->isVisible()).arg(legend->isChecked());
        legend->setChecked(withLegend);
        dialog->findChild<QSpinBox*>("figureWidth")->setValue(400);
        dialog->findChild<QSpinBox*>("figureHeight")->setValue(300);
        dialog->findChildren<QSpinBox*>()[2]->setValue(96);
        dialog->accept();
      });
      // The figure's layout, as it was drawn: whether the legend showed, and where the axes stood.
      QString drawn;
      const QMetaObject::Connection layouts = connect(view_.plane(), &QCustomPlot::afterLayout, this, [this, &drawn] {
        const QRect axes = view_.plane()->axisRect()->outerRect();
        if (view_.plane()->viewport().size() == QSize(400, 300))
          drawn = QString("legend %1, axes %2,%3 %4 x %5").arg(view_.plane()->legend->visible()).arg(axes.x()).arg(axes.y())
                      .arg(axes.width()).arg(axes.height());
      });
      view_.exportFigure(view_.plane());
      disconnect(layouts);
      delete waiting.data();
      return QImage(path).size() == QSize(400, 300) ? drawn : QString("no 400 x 300 PNG");
    };
    QString offered;
    const QString chosen = exportPng(dir.filePath("chosen.png"), false, &offered);
    QCOMPARE(offered, QString("title 0, legend 1 1"));
    QVERIFY(view_.plane()->legend->visible());  // on screen it stays
    // Drawn as the plane without its legend is, and the axes take the room the legend's row took.
    const QString with = exportPng(dir.filePath("with.png"), true, nullptr);
    view_.plane()->legend->setVisible(false);
    const QString hidden = exportPng(dir.filePath("hidden.png"), true, nullptr);
    view_.plane()->legend->setVisible(true);
    QVERIFY2(chosen.startsWith("legend 0, ") && chosen == hidden, qPrintable(chosen + " | " + hidden));
    QVERIFY2(with.startsWith("legend 1, ") && with.section(',', 1) != chosen.section(',', 1), qPrintable(with + " | " + chosen));
    saveAs(dir.filePath("cost.png"));  // the last choice was the legend: the next dialog offers it
    const QPointer<QTimer> next = whenTitled("PNG size", [&offered](QDialog* dialog) {
      offered = QString("%1 × %2, legend %3").arg(dialog->findChild<QSpinBox*>("figureWidth")->value())
                    .arg(dialog->findChild<QSpinBox*>("figureHeight")->value()).arg(dialog->findChild<QCheckBox*>("figureLegend")->isChecked());
      dialog->reject();
    });
    view_.exportFigure(view_.costPlot());
    delete next.data();
    QCOMPARE(offered, QString("400 × 300, legend 1"));
  }

  // Export data… with a figure's name (a slip between the two buttons) is refused, naming the type it
  // writes: CSV text was written into a .pdf without a word. Nothing is written.
  void theDataAreNotWrittenUnderAFiguresName() {
    view_.showAllSteps();
    QTemporaryDir dir;
    const QString pdf = dir.filePath("steps.pdf");
    const DialogSeen seen = dialogAfterSavingAs(pdf, [this] { view_.exportData(); });
    QCOMPARE(seen.text, QString("steps.pdf: Export data writes .csv, not .pdf: name the file steps.csv"));
    QVERIFY(!QFile::exists(pdf));
  }

 private:
  // The label under the plots says where: the file's name in sight, the whole path in its tooltip.
  void checkSaidExported(const QString& path) {
    const QLabel* said = view_.findChild<QLabel*>("exported");
    QCOMPARE(said->toolTip(), path);
    QVERIFY2(said->text().startsWith("Exported to\n") && said->text().endsWith(QFileInfo(path).fileName()), qPrintable(said->text()));
  }

  LassoPlaneView view_;
};

QTEST_MAIN(TestPlaneExport)
#include "test_plane_export.moc"
