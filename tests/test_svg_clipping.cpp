// An SVG figure keeps no clip paths (Qt 6.4's generator drops them): curves and bands are cut to the
// axes before it is drawn. A curve that falls below a log axis's range (ISTA-BT under 10⁻¹⁵ in the
// paper's Fig. 2) and a band wider than the axes stay inside them in the file, and the plot has its own
// data back afterwards.
#include "plots/graphs_clipped_to_axes.h"
#include "plots/plot_export.h"
#include "plots/axis_ticks.h"
#include "shown_at.h"

#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

using namespace unfold::ui;

namespace {

// A log axis from 10⁻³ to 1 over t = 0..10; a red line down to 10⁻⁶ and back, a green band from 10⁻⁶
// to 10 beyond both ends of t.
struct Figure {
  QCustomPlot plot;
  QCPGraph *line, *upper, *lower;
  Figure() {
    setLogarithmic(plot.yAxis);
    plot.yAxis->setRange(1e-3, 1.0);
    plot.xAxis->setRange(0, 10);
    upper = plot.addGraph();
    lower = plot.addGraph();
    upper->setData({-2, 12}, {10, 10});
    lower->setData({-2, 12}, {1e-6, 1e-6});
    upper->setPen(Qt::NoPen);
    lower->setPen(Qt::NoPen);
    upper->setBrush(QColor(0, 200, 0));
    upper->setChannelFillGraph(lower);
    line = plot.addGraph();
    line->setPen(QPen(QColor(255, 0, 0), 3));
    line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    line->setData({0, 5, 10}, {1e-1, 1e-6, 1e-1});
  }
};

}  // namespace

class TestSvgClipping : public QObject {
  Q_OBJECT
 private slots:
  void graphsAreCutToTheirAxesAndGivenBack() {
    Figure f;
    {
      const GraphsClippedToAxes clipped(&f.plot);
      // The line: down to the axis's lower end at t = 2 (a tenth to 10⁻³ is two fifths of the way to
      // 10⁻⁶, in log terms), a gap, back from t = 8; drawn by a stand-in, its markers apart.
      QCPGraph* drawn = nullptr;
      for (int i = 0; i < f.plot.graphCount(); ++i)
        if (f.plot.graph(i)->pen().color() == QColor(255, 0, 0) && f.plot.graph(i)->lineStyle() != QCPGraph::lsNone &&
            !f.plot.graph(i)->data()->isEmpty())
          drawn = f.plot.graph(i);
      QVERIFY(drawn && drawn != f.line && f.line->data()->isEmpty());
      QVector<double> keys, values;
      for (const QCPGraphData& d : *drawn->data()) keys << d.key, values << d.value;
      QCOMPARE(keys.size(), 5);
      QVERIFY(std::abs(keys[1] - 2.0) < 1e-9 && std::abs(values[1] / 1e-3 - 1) < 1e-9);
      QVERIFY(std::isnan(values[2]));
      QVERIFY(std::abs(keys[3] - 8.0) < 1e-9 && std::abs(values[3] / 1e-3 - 1) < 1e-9);
      // The band: t = 0..10, held to 10⁻³..1.
      QCOMPARE(f.upper->data()->begin()->key, 0.0);
      QCOMPARE((f.upper->data()->end() - 1)->key, 10.0);
      for (const QCPGraphData& d : *f.upper->data()) QCOMPARE(d.value, 1.0);
      for (const QCPGraphData& d : *f.lower->data()) QCOMPARE(d.value, 1e-3);
    }
    QCOMPARE(f.plot.graphCount(), 3);
    QCOMPARE(f.line->data()->size(), 3);
    QCOMPARE(f.line->data()->at(1)->value, 1e-6);
    QCOMPARE(f.upper->data()->begin()->key, -2.0);
  }

  // In the file: no red or green outside the axes (a line's width of slack), red inside.
  void theSvgFileHasNothingOutsideTheAxes() {
    Figure f;
    QVERIFY(shownAt(f.plot, QSize(400, 300)));
    f.plot.replot();
    QTemporaryDir dir;
    const QString path = dir.filePath("figure.svg");
    QCOMPARE(exportPlot(&f.plot, path), QString());
    QSvgRenderer svg(path);
    QVERIFY(svg.isValid());
    QImage image(f.plot.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    svg.render(&painter, QRectF(QPointF(0, 0), f.plot.size()));
    painter.end();
    // Slack: a marker on the edge (t = 0 and 10) and the line's width.
    const QRect axes = f.plot.axisRect()->rect().adjusted(-6, -6, 6, 6);
    int redInside = 0, outside = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) {
        const QColor c = image.pixelColor(x, y);
        const bool red = c.red() > 200 && c.green() < 80, green = c.green() > 150 && c.red() < 80;
        if (!axes.contains(x, y)) outside += red || green;
        else redInside += red;
      }
    QCOMPARE(outside, 0);
    QVERIFY(redInside > 50);
    QCOMPARE(f.line->data()->size(), 3);  // and the plot has its data back
  }
};

QTEST_MAIN(TestSvgClipping)
#include "test_svg_clipping.moc"
