// An SVG figure keeps no clip paths (Qt 6.4's generator drops them): curves and bands are cut to the
// axes before it is drawn. A curve that falls below a log axis's range (ISTA-BT under 10⁻¹⁵ in the
// paper's Fig. 2) and a band wider than the axes stay inside them in the file, and the plot has its own
// data back afterwards; the cost plot's bands, under every curve, are cut at a zoomed view's edges.
#include "plots/cost_decrease_plot.h"
#include "plots/plottables_clipped_to_axes.h"
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
      const PlottablesClippedToAxes clipped(&f.plot);
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

  // A parametric curve (the 2-D view's paths) is cut as a line is, across a NaN gap of its own, by a
  // stand-in when it has markers; a curve of points keeps those inside. Then all of it again.
  void curvesAreCutToTheirAxesAndGivenBack() {
    QCustomPlot plot;
    plot.xAxis->setRange(0, 10);
    plot.yAxis->setRange(0, 10);
    auto* path = new QCPCurve(plot.xAxis, plot.yAxis);  // out through x = 10 at y = 5, a gap, then inside
    path->setData({5, 15, qQNaN(), 2, 3}, {5, 5, qQNaN(), 2, 3});
    path->setPen(QPen(QColor(255, 0, 0), 3));
    path->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    auto* points = new QCPCurve(plot.xAxis, plot.yAxis);
    points->setData({1, -1, 4}, {1, 1, 12});
    points->setLineStyle(QCPCurve::lsNone);
    {
      const PlottablesClippedToAxes clipped(&plot);
      QCOMPARE(plot.plottableCount(), 4);  // the path's line and its markers drawn apart
      QVERIFY(path->data()->isEmpty());
      QCPCurve *line = nullptr, *marks = nullptr;
      for (int i = 2; i < plot.plottableCount(); ++i) {
        auto* c = qobject_cast<QCPCurve*>(plot.plottable(i));
        (c->lineStyle() == QCPCurve::lsNone ? marks : line) = c;
      }
      QVERIFY(line && marks);
      QVector<double> x, y;
      for (const QCPCurveData& d : *line->data()) x << d.key, y << d.value;
      QCOMPARE(x.size(), 5);  // (5, 5) to (10, 5), a gap, (2, 2) to (3, 3)
      QCOMPARE(x[1], 10.0);
      QCOMPARE(y[1], 5.0);
      QVERIFY(std::isnan(y[2]));
      QCOMPARE(x[4], 3.0);
      QCOMPARE(marks->data()->size(), 3);  // (5, 5), (2, 2), (3, 3): not the cut's end
      QCOMPARE(points->data()->size(), 1);
      QCOMPARE(points->data()->at(0)->key, 1.0);
    }
    QCOMPARE(plot.plottableCount(), 2);
    QCOMPARE(path->data()->size(), 5);
    QCOMPARE(path->data()->at(1)->key, 15.0);
    QCOMPARE(points->data()->size(), 3);
  }

  // A step line (|S_t|) keeps its levels when cut; a band edge between two points bends where it leaves
  // the value range, so the band inside is the one drawn on screen.
  void stepsKeepTheirLevelsAndBandsTheirShape() {
    QCustomPlot plot;
    plot.xAxis->setRange(0.5, 10);
    plot.yAxis->setRange(0, 10);
    QCPGraph* support = plot.addGraph();
    support->setLineStyle(QCPGraph::lsStepLeft);
    support->setData({0, 2, 4}, {3, 5, 4});
    QCPGraph* upper = plot.addGraph();
    QCPGraph* lower = plot.addGraph();
    upper->setBrush(Qt::green);
    upper->setChannelFillGraph(lower);
    upper->setData({0, 10}, {0, 20}), lower->setData({0, 10}, {-10, 0});
    {
      const PlottablesClippedToAxes clipped(&plot);
      QCOMPARE(support->lineStyle(), QCPGraph::lsLine);
      for (const QCPGraphData& d : *support->data()) QVERIFY2(d.value == 3 || d.value == 5 || d.value == 4, qPrintable(QString::number(d.value)));
      QVERIFY(!support->adaptiveSampling());
      QVector<double> keys;
      for (const QCPGraphData& d : *upper->data()) keys << d.key;
      QCOMPARE(keys, QVector<double>({0.5, 5.0, 10.0}));  // 0.5: the key range starts; 5: the edge reaches 10
      QCOMPARE(upper->data()->at(0)->value, 1.0);
      QCOMPARE(upper->data()->at(2)->value, 10.0);  // held there
    }
    QCOMPARE(support->lineStyle(), QCPGraph::lsStepLeft);
    QVERIFY(support->adaptiveSampling());
    QCOMPARE(support->data()->size(), 3);
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

  // A colour map zoomed into (the support raster after a wheel zoom) holds its part inside the axes while
  // an SVG is drawn, its edges on theirs, each place the colour of the cell under it; then all of it
  // again. In the file nothing of it lies outside the axes.
  void aColourMapIsCutToItsAxesAndGivenBack() {
    QCustomPlot plot;
    auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
    map->data()->setSize(10, 10);
    map->data()->setRange(QCPRange(0, 9), QCPRange(0, 9));
    for (int i = 0; i < 10; ++i)
      for (int j = 0; j < 10; ++j) map->data()->setCell(i, j, i + 10 * j);
    QCPColorGradient reds;
    reds.setColorStopAt(0, QColor(255, 0, 0));
    reds.setColorStopAt(1, QColor(200, 0, 0));
    map->setGradient(reds);
    map->setDataRange(QCPRange(0, 99));
    plot.xAxis->setRange(2.2, 6.8);
    plot.yAxis->setRange(3.1, 7.9);
    QVERIFY(shownAt(plot, QSize(400, 300)));
    plot.replot();
    {
      const PlottablesClippedToAxes clipped(&plot);
      QCPColorMapData* part = map->data();
      const double dk = part->keyRange().size() / (part->keySize() - 1), dv = part->valueRange().size() / (part->valueSize() - 1);
      QVERIFY(std::abs(part->keyRange().lower - dk / 2 - 2.2) < 1e-9 && std::abs(part->keyRange().upper + dk / 2 - 6.8) < 1e-9);
      QVERIFY(std::abs(part->valueRange().lower - dv / 2 - 3.1) < 1e-9 && std::abs(part->valueRange().upper + dv / 2 - 7.9) < 1e-9);
      QCOMPARE(part->data(3.0, 5.0), 53.0);  // cell (3, 5)'s
      QCOMPARE(part->data(6.7, 7.8), 87.0);  // (7, 8)'s: cell 6 ends at 6.5
      QCOMPARE(map->dataRange(), QCPRange(0, 99));  // the colours' meaning stays
    }
    QCOMPARE(map->data()->keySize(), 10);
    QCOMPARE(map->data()->keyRange(), QCPRange(0, 9));
    QCOMPARE(map->data()->cell(3, 5), 53.0);
    // The file: no red outside the axes (1 px of slack for antialiasing), red inside.
    QTemporaryDir dir;
    const QString path = dir.filePath("map.svg");
    QCOMPARE(exportPlot(&plot, path), QString());
    QSvgRenderer svg(path);
    QVERIFY(svg.isValid());
    QImage image(plot.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    svg.render(&painter, QRectF(QPointF(0, 0), plot.size()));
    painter.end();
    const QRect axes = plot.axisRect()->rect().adjusted(-1, -1, 1, 1);
    int redInside = 0, outside = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) {
        const QColor c = image.pixelColor(x, y);
        const bool red = c.red() > 150 && c.green() < 80 && c.blue() < 80;
        if (!axes.contains(x, y)) outside += red;
        else redInside += red;
      }
    QCOMPARE(outside, 0);
    QVERIFY(redInside > axes.width() * axes.height() / 2);
  }

  void bandsLieUnderEveryCurveAndInsideTheAxes() {
    CostDecreasePlot plot;
    plot.resize(800, 500);
    plot.show();
    // ISTA flat at 1e-3; OISTA's band from 1e-5 to 1e-1 crosses it, and its lower edge reaches exact
    // zeros (clamped to rounding level, far below the axis).
    ConvergenceSnapshot snapshot;
    ConvergenceCurve ista, oista;
    ista.method = "ISTA", ista.color = QColor(0, 0, 255);
    oista.method = "OISTA", oista.color = QColor(0, 160, 0);
    for (int t = 0; t <= 100; ++t) {
      ista.iteration << t, oista.iteration << t;
      ista.gapMean << 1e-3, ista.gapQ10 << 5e-4, ista.gapQ90 << 2e-3;
      oista.gapMean << 1e-2 * std::pow(10.0, -t / 50.0), oista.gapQ10 << (t < 50 ? 1e-5 : 0.0), oista.gapQ90 << 1e-1;
    }
    snapshot.curves = {ista, oista};
    plot.setEveryBand(true);
    plot.showSnapshot(snapshot);
    plot.replot();
    QCPLayer* bands = plot.layer("bands");
    QVERIFY(bands);
    int bandGraphs = 0;
    for (int i = 0; i < plot.graphCount(); ++i) {
      QCPGraph* g = plot.graph(i);
      if (g->name().isEmpty()) {
        ++bandGraphs;
        QCOMPARE(g->layer(), bands);
      } else {
        QVERIFY2(g->layer()->index() > bands->index(), qPrintable(g->name()));
      }
    }
    QCOMPARE(bandGraphs, 4);
    // As an SVG is drawn (it keeps no clip paths), every band value lies within the axis range.
    const auto bandsInside = [&plot] {
      const QCPRange x = plot.xAxis->range(), y = plot.yAxis->range();
      int points = 0;
      for (int i = 0; i < plot.graphCount(); ++i) {
        if (!plot.graph(i)->name().isEmpty()) continue;
        for (const QCPGraphData& d : *plot.graph(i)->data()) {
          if (d.key < x.lower - 1e-9 || d.key > x.upper + 1e-9 || d.value < y.lower * (1 - 1e-12) || d.value > y.upper * (1 + 1e-12)) return -1;
          ++points;
        }
      }
      return points;
    };
    QVERIFY(plot.yAxis->range().lower > 1e-10);  // the rescale fits the means, not the rounding-level edge
    QVERIFY(bandsInside() < 0);  // on screen the edges hold the data; the painter clips
    {
      const PlottablesClippedToAxes clipped(&plot);
      QVERIFY(bandsInside() > 0);
    }
    // Zoomed in: the bands are cut at the new edges, interpolated there.
    plot.xAxis->setRange(20.5, 40.5);
    plot.yAxis->setRange(2e-4, 5e-2);
    {
      const PlottablesClippedToAxes clipped(&plot);
      QVERIFY(bandsInside() > 0);
      QCPGraph* firstEdge = nullptr;
      for (int i = 0; i < plot.graphCount() && !firstEdge; ++i)
        if (plot.graph(i)->name().isEmpty()) firstEdge = plot.graph(i);
      QCOMPARE(firstEdge->data()->begin()->key, 20.5);
      QCOMPARE((firstEdge->data()->end() - 1)->key, 40.5);
      QCOMPARE(firstEdge->data()->begin()->value, 2e-3);  // ISTA's upper edge: flat, inside the range
    }
    // The ISTA line, under OISTA's band, keeps its own colour.
    plot.xAxis->setRange(0, 100);
    plot.yAxis->setRange(1e-6, 1);
    const QImage image = plot.toPixmap(800, 500).toImage();
    const int x = int(plot.xAxis->coordToPixel(70)), y = int(std::lround(plot.yAxis->coordToPixel(1e-3)));
    int best = 1000;
    for (int dy = -2; dy <= 2; ++dy) {
      const QColor c = image.pixelColor(x, y + dy);
      best = std::min(best, std::abs(c.red()) + std::abs(c.green()) + std::abs(c.blue() - 255));
    }
    QVERIFY2(best < 8, qPrintable(QString::number(best)));
  }
};

QTEST_MAIN(TestSvgClipping)
#include "test_svg_clipping.moc"
