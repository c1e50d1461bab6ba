// A legend in an SVG figure: QCustomPlot draws a legend's line 5 px past its icon and clips it there; an
// SVG keeps no clip path, and the line ran into the curve's name (legend_icons.h).
#include "plots/dashboard_export.h"
#include "plots/plot_export.h"
#include "plots/support_ratio_plot.h"

#include <QHBoxLayout>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace unfold::ui;

namespace {

// Writes an SVG with `write` (the plot alone by default), draws the file and returns the least gap in
// pixels, over the legend's entries whose line is coloured, from the line's last pixel to the first dark
// pixel of the name; -1: none seen. The plot stands at `at` in a page of `page` pixels (default: its own).
int gapsToNames(QCustomPlot& plot, std::function<QString(const QString& path)> write = {}, QSize page = {}, QPoint at = {}) {
  if (!write) write = [&plot](const QString& path) { return exportPlot(&plot, path); };
  const QTemporaryDir dir;
  const QString path = dir.filePath("legend.svg");
  if (!write(path).isEmpty()) return -1;
  plot.replot();
  QImage image(page.isValid() ? page : plot.size(), QImage::Format_ARGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  QSvgRenderer(path).render(&painter);
  painter.end();
  int least = -1;
  for (int i = 0; i < plot.legend->itemCount(); ++i) {
    auto* item = qobject_cast<QCPPlottableLegendItem*>(plot.legend->item(i));
    const QColor line = item ? item->plottable()->pen().color() : QColor();
    if (!item || !item->visible() || line.hsvSaturation() < 128) continue;
    const QRect box = item->rect().translated(at);
    int lineEnd = -1, nameStart = image.width();
    for (int x = box.left(); x <= box.right(); ++x)
      for (int y = box.top(); y <= box.bottom(); ++y) {
        const QColor c = image.pixelColor(x, y);
        const int fromLine = std::abs(c.red() - line.red()) + std::abs(c.green() - line.green()) + std::abs(c.blue() - line.blue());
        if (fromLine < 60) lineEnd = std::max(lineEnd, x);
        else if (c.red() < 90 && c.green() < 90 && c.blue() < 90) nameStart = std::min(nameStart, x);
      }
    if (lineEnd < 0 || nameStart <= lineEnd) return 0;
    least = least < 0 ? nameStart - lineEnd : std::min(least, nameStart - lineEnd);
  }
  return least;
}

}  // namespace

class TestSvgLegend : public QObject {
  Q_OBJECT
 private slots:
  // QCustomPlot draws a legend's line 5 px past its icon and clips it there; an SVG drops the clip, and the
  // line ran into the curve's name. In the file, each line ends clear of its name, as on screen: in a
  // plain plot, and in the L_S/L plot, which fits its legend (compact, 4 px to the names) as it is drawn.
  void aLegendLineStopsShortOfItsName() {
    QCustomPlot plot;
    plot.resize(400, 300);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    QCPGraph* graph = plot.addGraph();
    graph->setPen(QPen(QColor(255, 0, 0), 3));
    graph->setName("MMMM");
    graph->setData({0, 1}, {0, 1});
    plot.legend->setVisible(true);
    plot.legend->setBorderPen(Qt::NoPen);
    QVERIFY2(gapsToNames(plot) >= 5, qPrintable(QString::number(gapsToNames(plot))));
    QCOMPARE(plot.legend->iconTextPadding(), 7);  // the screen's look back
    QCOMPARE(plot.legend->iconSize(), QSize(32, 18));

    ConvergenceSnapshot snapshot;
    snapshot.gamma = 4.0;
    ConvergenceCurve oista;
    oista.algorithm = unfold::Algorithm::Oista, oista.method = "OISTA", oista.color = QColor(0, 160, 0);
    oista.inspected = 2, oista.atoms = 100;  // a mean over the signals, drawn dashed in OISTA's colour
    oista.iteration = {0, 1, 2};
    oista.lsOverLMean = {0.1, 0.3, 0.3};
    snapshot.curves = {oista};
    SupportRatioPlot ratio;
    ratio.resize(330, 260);
    ratio.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ratio));
    ratio.showSignal(snapshot, unfold::Algorithm::Oista, 0);
    ratio.replot();
    QCOMPARE(ratio.legend->iconTextPadding(), 4);  // compact
    QVERIFY2(gapsToNames(ratio) >= 3, qPrintable(QString::number(gapsToNames(ratio))));
    QCOMPARE(ratio.legend->iconTextPadding(), 4);
    // The same in a dashboard's SVG, which draws its plots itself.
    QWidget window;
    auto* layout = new QHBoxLayout(&window);
    auto* beside = new SupportRatioPlot;
    layout->addWidget(beside);
    window.resize(360, 280);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    beside->showSignal(snapshot, unfold::Algorithm::Oista, 0);
    beside->replot();
    const QRect frame = dashboardFrame(&window, {beside});
    const auto dashboard = [&](const QString& path) { return exportDashboard(&window, {beside}, path); };
    const int gap = gapsToNames(*beside, dashboard, frame.size(), beside->mapTo(&window, QPoint(0, 0)) - frame.topLeft());
    QVERIFY2(gap >= 3, qPrintable(QString::number(gap)));
  }
};

QTEST_MAIN(TestSvgLegend)
#include "test_svg_legend.moc"
