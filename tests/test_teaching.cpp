// The 2-D Lasso view draws what the core computes (grid, paths, manual steps, snapping to 1/L_S),
// animates, follows lambda and the workbench's keys, and keeps its level sets and legends in sight (the
// lessons: test_lessons.cpp).
#include "lasso/lasso_plane.h"
#include "teaching/lasso_plane_view.h"
#include "teaching/lesson_panel.h"
#include "window/main_window.h"
#include "window/settings_panel.h"
#include "window/welcome_banner.h"
#include "pixel_colour.h"
#include "shown_at.h"

#include <QComboBox>
#include <QDockWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using namespace unfold;
using namespace unfold::ui;

class TestTeaching : public QObject {
  Q_OBJECT
 private slots:
  void planeViewDrawsTheCoresPaths() {
    LassoPlaneView view;
    view.show();
    QSignalSpy shown(&view, &LassoPlaneView::pictureShown);
    QVERIFY(shown.wait(20000));
    const PlanePicture& picture = view.picture();
    const PlaneProblem p = planeProblem(picture.settings.n, picture.settings.lambda, picture.settings.seed);
    QCOMPARE(picture.tracks.size(), 3);
    // ISTA's track is the core's path; OISTA ends lower than ISTA (the point of the view).
    const std::vector<PlaneStep> ista = planePath(p, PlaneMethod::Ista, picture.settings.steps);
    QCOMPARE(picture.tracks[0].toX.size(), qsizetype(ista.size()));
    QCOMPARE(picture.tracks[0].toX.back(), ista.back().to(0));
    QCOMPARE(picture.tracks[0].gradY[2], ista[2].gradientPoint(1));
    QVERIFY(picture.tracks[1].gap.back() < picture.tracks[0].gap.back());
    // The box holds every point drawn; the level sets are the core's cost grid on a square twice as wide.
    const PlaneBox box{picture.xMin, picture.xMax, picture.yMin, picture.yMax};
    for (const PlaneTrack& t : picture.tracks)
      for (qsizetype k = 0; k < t.toX.size(); ++k) QVERIFY(box.holds(t.gradX[k], t.gradY[k]) && box.holds(t.toX[k], t.toY[k]));
    const PlaneBox grid{picture.gridXMin, picture.gridXMax, picture.gridYMin, picture.gridYMax};
    QCOMPARE(grid, planeSquareAround(box, 2.0));
    const std::vector<double> logGap = planeLogGapGrid(p, planeCost(p, planeSolution(p)), grid, picture.grid);
    QCOMPARE(picture.grid, 400);
    QCOMPARE(picture.logGap, QVector<double>(logGap.begin(), logGap.end()));
    // Animation: step, play, rewind.
    QCOMPARE(view.shownSteps(), 0);
    view.stepForward();
    QCOMPARE(view.shownSteps(), 1);
    view.play();
    QTRY_VERIFY_WITH_TIMEOUT(view.shownSteps() >= 3, 5000);
    view.pause();
    view.rewind();
    QCOMPARE(view.shownSteps(), 0);
    // At t = 0 every curve is the one point F(0) − F*: the gap axis spans from a factor 0.03 under it to
    // half a decade above it, not 17 decades, and labels decades only (under two decades it labelled
    // sub-ticks that ran into each other).
    const QCPRange atStart = view.costPlot()->yAxis->range();
    QVERIFY2(atStart.contains(picture.fZero - picture.fStar) && std::abs(atStart.upper / atStart.lower - std::sqrt(10.0) / 0.03) < 1e-9,
             qPrintable(QString("%1 .. %2").arg(atStart.lower).arg(atStart.upper)));
    view.costPlot()->replot();
    for (const QString& label : view.costPlot()->yAxis->tickVectorLabels()) QVERIFY2(!label.contains("·"), qPrintable(label));
    const QImage atZero = view.costPlot()->toPixmap().toImage();  // each method's one point drawn, as a ring
    for (const PlaneTrack& t : picture.tracks) {
      const QPoint at(int(view.costPlot()->xAxis->coordToPixel(0)), int(view.costPlot()->yAxis->coordToPixel(picture.fZero - picture.fStar)));
      QVERIFY2(nearestColourDistance(atZero, at, 12, t.color) < 30, qPrintable(t.method));
    }
    // The whole paths: the cost plot shows every method, also one that lands on z* exactly (a gap of 0,
    // below any log axis), as a curve down to the floor ending in a triangle, and says which is which.
    view.showAllSteps();
    QCustomPlot* cost = nullptr;
    for (QCustomPlot* plot : view.findChildren<QCustomPlot*>())
      if (plot->yAxis->label().startsWith("F(")) cost = plot;
    QVERIFY(cost && cost->legend->visible());
    for (const PlaneTrack& t : picture.tracks) {
      QCPGraph* curve = nullptr;
      for (int g = 0; g < cost->graphCount(); ++g)
        if (cost->graph(g)->name() == t.method) curve = cost->graph(g);
      QVERIFY2(curve && curve->data()->size() == t.gap.size() + 1, qPrintable(t.method));
      const auto exact = std::find_if(t.gap.begin(), t.gap.end(), [](double gap) { return gap <= 1e-16; });
      const double last = exact == t.gap.end() ? t.gap.back() : 1e-16;
      const qsizetype lastShown = exact == t.gap.end() ? t.gap.size() : exact - t.gap.begin() + 1;
      QCOMPARE((curve->data()->constBegin() + lastShown)->value, last);
      QVERIFY(cost->yAxis->range().contains(last));
    }
    QVERIFY2(std::any_of(picture.tracks.begin(), picture.tracks.end(), [](const PlaneTrack& t) { return t.gap.back() == 0.0; }),
             "the default picture has a method that lands exactly (OISTA): the case above");
    // The read-out writes that landing as 0, not 0.00e+00; the start's rings stay clear of the frame.
    const QLabel* readout = nullptr;
    for (const QLabel* label : view.findChildren<QLabel*>()) readout = label->text().startsWith("<b>t =") ? label : readout;
    QVERIFY2(readout && readout->text().contains("OISTA</b></td><td>0</td>"), qPrintable(readout ? readout->text() : QString()));
    cost->replot();
    QVERIFY(cost->yAxis->coordToPixel(picture.fZero - picture.fStar) >= cost->axisRect()->top() + 8);
    // Both legends list the methods as the check boxes and the read-out do (the paths are drawn the other
    // way round).
    for (QCustomPlot* plot : view.findChildren<QCustomPlot*>()) {
      QStringList methods;
      for (int i = 0; i < plot->legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i));
            item && QStringList({"ISTA", "OISTA", "SLISTA"}).contains(item->plottable()->name()))
          methods << item->plottable()->name();
      QCOMPARE(methods, QStringList({"ISTA", "OISTA", "SLISTA"}));
    }
    // The landing's triangle (8 px, centred on the floor) whole above the bottom of the axes.
    QVERIFY2(cost->yAxis->coordToPixel(1e-16) <= cost->axisRect()->bottom() - 7,
             qPrintable(QString("the floor %1 px above the bottom").arg(cost->axisRect()->bottom() - cost->yAxis->coordToPixel(1e-16))));
  }

  // The workbench's keys, wherever the focus is (the problem's combo box opened on Space): F10 steps,
  // Space plays and pauses, Shift+F5 goes back to t = 0.
  void planeViewTakesTheWorkbenchsKeys() {
    LassoPlaneView view;
    view.show();
    QSignalSpy shown(&view, &LassoPlaneView::pictureShown);
    QVERIFY(shown.wait(20000));
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.rewind();
    auto* problem = view.findChild<QComboBox*>();
    QVERIFY(problem);
    problem->setFocus();
    QTRY_VERIFY(problem->hasFocus());
    QTest::keyClick(problem, Qt::Key_F10);
    QTest::keyClick(problem, Qt::Key_F10);
    QCOMPARE(view.shownSteps(), 2);
    const auto playText = [&] {
      for (const QPushButton* b : view.findChildren<QPushButton*>())
        if (b->text() == "Play" || b->text() == "Pause") return b->text();
      return QString();
    };
    QTest::keyClick(problem, Qt::Key_Space);
    QCOMPARE(playText(), QString("Pause"));
    QVERIFY(!problem->view()->isVisible());  // the key was the view's, not the box's
    QTRY_VERIFY(view.shownSteps() > 2);
    QTest::keyClick(problem, Qt::Key_Space);
    QCOMPARE(playText(), QString("Play"));
    QTest::keyClick(problem, Qt::Key_F5, Qt::ShiftModifier);
    QCOMPARE(view.shownSteps(), 0);
  }

  void manualStepsAndSnappingToTheOracleStep() {
    LassoPlaneView view;
    view.show();
    QSignalSpy shown(&view, &LassoPlaneView::pictureShown);
    QVERIFY(shown.wait(20000));
    const PlaneSettings s = view.picture().settings;
    const PlaneProblem p = planeProblem(s.n, s.lambda, s.seed);
    QSignalSpy stepped(&view, &LassoPlaneView::manualStepShown);
    view.setManualStep(1.0);
    // The legend says what a step's strokes mean once there is a step to see.
    const auto legendNames = [&] {
      QStringList names;
      for (int i = 0; i < view.plane()->legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(view.plane()->legend->item(i))) names << item->plottable()->name();
      return names;
    };
    QVERIFY(!legendNames().contains("gradient step to u (hollow)"));
    // At z = 0, Snap would change nothing: the read-out says why.
    const auto manualText = [&] { return view.findChild<QLabel*>("manualText")->text(); };
    QVERIFY2(manualText().contains("1/Lₛ = 1/L: the support is empty"), qPrintable(manualText()));
    const QPushButton* snap = view.findChild<QPushButton*>("snap");
    QVERIFY(!snap->isEnabled());  // it would change nothing
    // Steps of 1/L until the point has one active atom, then snap to 1/L_S there.
    Vector z = Vector::Zero(2);
    for (int k = 0; k < 12 && (z.array() != 0.0).count() != 1; ++k) {
      view.takeManualStep();
      QVERIFY(stepped.wait(5000));
      const PlaneStep expected = planeStep(p, z, 1.0 / p.L);
      QCOMPARE(view.manualPath().back().to[0], expected.to(0));
      QCOMPARE(view.manualPath().back().to[1], expected.to(1));
      z = expected.to;
      const QString steps = view.manualPath().size() == 1 ? "after 1 step:" : QString("after %1 steps:").arg(view.manualPath().size());
      QVERIFY2(manualText().contains(steps), qPrintable(manualText()));
    }
    QVERIFY2((z.array() != 0.0).count() == 1, "the toy problem's solution should have one active atom");
    QVERIFY(legendNames().contains("gradient step to u (hollow)") && legendNames().contains("soft threshold to zₜ₊₁ (filled)"));
    const QString oracle = QString::number(planeOracleStep(p, z) * p.L, 'f', 2);
    QVERIFY2(manualText().contains("1/Lₛ here: " + oracle + "/L"), qPrintable(manualText()));
    QVERIFY(snap->isEnabled());
    view.snapToOracle();
    QVERIFY(!snap->isEnabled());  // done
    QVERIFY(std::abs(view.manualStep() - planeOracleStep(p, z) * p.L) < 1e-12);
    QVERIFY2(manualText().startsWith("next step " + oracle + "/L"), qPrintable(manualText()));
    QVERIFY(view.manualStep() > 1.2);  // on one atom, a much longer step than 1/L is safe
    const double before = view.manualPath().back().gap;
    const double ista = planeCost(p, planeStep(p, z, 1.0 / p.L).to) - planeCost(p, planeSolution(p));
    view.takeManualStep();
    QVERIFY(stepped.wait(5000));
    const double after = view.manualPath().back().gap;
    QVERIFY2(after < before && after <= ista, qPrintable(QString("%1 %2 %3").arg(before).arg(after).arg(ista)));
    // A new lambda: a new picture, and the manual path starts again.
    view.setLambda(0.6);
    QVERIFY(shown.wait(20000));
    QCOMPARE(view.picture().settings.lambda, 0.6);
    QVERIFY(view.manualPath().isEmpty());
  }

  // The cost plot's legend stands where it hides none of the gaps drawn nor the lines between: bottom
  // left, where it stood, a step of 1/L then one of 10/L ran their line under it.
  void theCostLegendKeepsOffTheManualPath() {
    LassoPlaneView view;
    // Listening before the window is shown: showing it runs the event loop, where the picture may come.
    QSignalSpy shown(&view, &LassoPlaneView::pictureShown);
    QVERIFY(shownAt(view, QSize(1100, 820)));
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
    QSignalSpy stepped(&view, &LassoPlaneView::manualStepShown);
    for (const double stepTimesL : {1.0, 10.0}) {
      view.setManualStep(stepTimesL);
      view.takeManualStep();
      QVERIFY(stepped.wait(5000));
    }
    QCustomPlot* cost = view.costPlot();
    cost->replot();
    const QRect legendBox = cost->legend->outerRect();
    for (int g = 0; g < cost->graphCount(); ++g) {
      QPointF last(qQNaN(), qQNaN());
      for (const QCPGraphData& point : *cost->graph(g)->data()) {
        const QPointF at(cost->xAxis->coordToPixel(point.key), cost->yAxis->coordToPixel(point.value));
        if (!std::isfinite(at.y())) continue;
        for (double k = 0; k <= 1.0 && std::isfinite(last.x()); k += 0.02)
          QVERIFY2(!legendBox.contains((last + (at - last) * k).toPoint()), qPrintable(cost->graph(g)->name() + QString(" before t = %1").arg(point.key)));
        last = at;
      }
    }
  }

  void aBigManualStepStaysInSight() {
    LassoPlaneView view;
    view.show();
    QSignalSpy shown(&view, &LassoPlaneView::pictureShown);
    QVERIFY(shown.wait(20000));
    QSignalSpy stepped(&view, &LassoPlaneView::manualStepShown);
    QSignalSpy regridded(&view, &LassoPlaneView::gridShown);
    view.setManualStep(10.0);
    view.takeManualStep();
    QVERIFY(stepped.wait(5000));
    const ManualStep& m = view.manualPath().back();
    const PlanePicture& p = view.picture();
    QVERIFY(m.grad[0] < p.xMin || m.grad[0] > p.xMax || m.grad[1] < p.yMin || m.grad[1] > p.yMax);  // off the picture
    const QCPRange x = view.plane()->xAxis->range(), y = view.plane()->yAxis->range();
    for (const double* point : {m.from, m.grad, m.to})
      QVERIFY2(x.contains(point[0]) && y.contains(point[1]), qPrintable(QString("(%1, %2) outside [%3, %4] x [%5, %6]")
                                                                         .arg(point[0]).arg(point[1]).arg(x.lower).arg(x.upper).arg(y.lower).arg(y.upper)));
    QVERIFY(x.contains(p.zStar[0]) && y.contains(p.zStar[1]));  // the solution stays in sight too
    // The level sets cover the whole view: the grid is widened.
    QVERIFY(regridded.wait(5000));
    QVERIFY(view.picture().gridXMin <= x.lower && view.picture().gridXMax >= x.upper);
    QVERIFY(view.picture().gridYMin <= y.lower && view.picture().gridYMax >= y.upper);
    // Its bands span the wider grid's costs (past the first grid's highest, everything was white).
    const QCPColorMap* levels = nullptr;
    for (int i = 0; i < view.plane()->plottableCount(); ++i)
      if (auto* map = qobject_cast<const QCPColorMap*>(view.plane()->plottable(i))) levels = map;
    QVERIFY(levels);
    const double highest = *std::max_element(view.picture().logGap.begin(), view.picture().logGap.end());
    QVERIFY2(levels->dataRange().upper >= highest, qPrintable(QString("%1 < %2").arg(levels->dataRange().upper).arg(highest)));
    // Zoomed in on z* (a wheel does this): a finer grid, or its cells were drawn as blocks.
    view.plane()->xAxis->setRange(p.zStar[0] - 0.01, p.zStar[0] + 0.01);
    view.plane()->yAxis->setRange(p.zStar[1] - 0.01, p.zStar[1] + 0.01);
    QTRY_VERIFY(view.picture().gridXMax - view.picture().gridXMin <= 0.1);
    const auto cellPixels = [&view] {
      const double perUnit = view.plane()->axisRect()->rect().width() / view.plane()->xAxis->range().size();
      return perUnit * (view.picture().gridXMax - view.picture().gridXMin) / view.picture().grid;
    };
    QVERIFY2(cellPixels() <= 3.5, qPrintable(QString::number(cellPixels())));
    // Three wheel notches in (a zoom of 0.85³): cells small enough again, not stair-stepped band edges.
    view.plane()->xAxis->scaleRange(1 / 0.85 / 0.85 / 0.85);
    view.plane()->yAxis->scaleRange(1 / 0.85 / 0.85 / 0.85);
    view.plane()->xAxis->scaleRange(0.85 * 0.85 * 0.85);
    view.plane()->yAxis->scaleRange(0.85 * 0.85 * 0.85);
    QTRY_VERIFY2(cellPixels() <= 3.5, qPrintable(QString::number(cellPixels())));
    // A double click shows the whole picture and the path again.
    QTest::mouseDClick(view.plane(), Qt::LeftButton, {}, view.plane()->axisRect()->rect().center());
    const auto inSight = [&view](const double* point) {
      return view.plane()->xAxis->range().contains(point[0]) && view.plane()->yAxis->range().contains(point[1]);
    };
    QTRY_VERIFY(inSight(m.from) && inSight(m.grad) && inSight(m.to) && inSight(p.zStar));
    view.takeManualStep();  // farther still; then Restart at 0: the picture's view, and level sets as fine as it needs
    QVERIFY(stepped.wait(5000) && regridded.wait(5000));
    QTest::mouseClick(view.findChild<QPushButton*>("restartManual"), Qt::LeftButton);
    const double side = std::max(view.plane()->xAxis->range().size(), view.plane()->yAxis->range().size());
    QVERIFY(side < x.size());
    QTRY_VERIFY(view.picture().gridXMax - view.picture().gridXMin <= 1.5 * 1.001 * side);
  }

  // Whatever the problem, the legend hides as few of the points drawn (z_t, u_t, z*) as a corner can: none
  // where a corner is free of them (a fixed top-left corner covered the paths of problems that start there).
  void theLegendHidesTheFewestPointsOfThePaths() {
    LassoPlaneView view;
    view.show();
    QSignalSpy shown(&view, &LassoPlaneView::pictureShown);
    QVERIFY(shown.wait(20000));
    QCustomPlot* plane = view.plane();
    const auto pointsUnderTheLegend = [plane] {
      plane->replot();
      const QRect legend = plane->legend->outerRect();
      int under = 0;
      for (int i = 0; i < plane->plottableCount(); ++i)
        if (const auto* curve = qobject_cast<const QCPCurve*>(plane->plottable(i)); curve && curve->scatterStyle().shape() != QCPScatterStyle::ssNone)
          for (const QCPCurveData& d : *curve->data())
            under += legend.contains(QPoint(int(plane->xAxis->coordToPixel(d.key)), int(plane->yAxis->coordToPixel(d.value))));
      for (int i = 0; i < plane->graphCount(); ++i)  // z*, worse to hide than any number of path points
        for (const QCPGraphData& d : *plane->graph(i)->data())
          under += 1000 * legend.adjusted(-9, -9, 9, 9).contains(QPoint(int(plane->xAxis->coordToPixel(d.key)), int(plane->yAxis->coordToPixel(d.value))));
      return under;
    };
    int free = 0;
    for (const int n : {1, 2})
      for (quint64 seed = 0; seed < 6; ++seed) {
        view.startFrom(PlaneSettings{n, 0.3, seed, 8});
        QVERIFY(shown.wait(20000));
        view.showAllSteps();
        const int chosen = pointsUnderTheLegend();
        QCPLayoutInset* inset = plane->axisRect()->insetLayout();
        const Qt::Alignment placed = inset->insetAlignment(0);
        int fewest = chosen;
        for (const Qt::Alignment corner : {Qt::AlignTop | Qt::AlignLeft, Qt::AlignTop | Qt::AlignRight,
                                           Qt::AlignBottom | Qt::AlignLeft, Qt::AlignBottom | Qt::AlignRight}) {
          inset->setInsetAlignment(0, corner);
          fewest = std::min(fewest, pointsUnderTheLegend());
        }
        inset->setInsetAlignment(0, placed);
        QVERIFY2(chosen == fewest, qPrintable(QString("n = %1, seed %2: %3 points hidden, %4 in another corner").arg(n).arg(seed).arg(chosen).arg(fewest)));
        free += chosen == 0;
      }
    QVERIFY(free >= 6);  // most problems leave a corner free
  }
};

QTEST_MAIN(TestTeaching)
#include "test_teaching.moc"
