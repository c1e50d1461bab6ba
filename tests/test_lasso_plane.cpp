// The 2-D view's numerics in the core: the box it fits, the box grown to follow a manual path (a 10/L
// step leaves the picture), the box at the plot's shape, and the cost grid the level sets are drawn from.
#include "lasso/lasso_plane.h"

#include <QtTest>

#include <cmath>

using namespace unfold;

class TestLassoPlane : public QObject {
  Q_OBJECT
 private slots:
  void squareBoxAroundThePoints() {
    const PlaneBox box = planeSquareBox({{0.0, 0.0}, {1.0, 0.5}});
    // Centred on the points' extent (0.5, 0.25), half-side 0.6 x the larger extent (1).
    QVERIFY(std::abs(box.xMin + 0.1) < 1e-15 && std::abs(box.xMax - 1.1) < 1e-15);
    QVERIFY(std::abs(box.yMin + 0.35) < 1e-15 && std::abs(box.yMax - 0.85) < 1e-15);
    const PlaneBox tiny = planeSquareBox({{0.0, 0.0}});
    QVERIFY(std::abs(tiny.xMax - tiny.xMin - 0.24) < 1e-15);  // never a degenerate box
  }

  void pictureBoxHoldsZeroTheSolutionAndEveryPointDrawn() {
    PlaneStep step;
    step.from = Vector::Zero(2);
    step.gradientPoint = (Vector(2) << 2.0, -1.0).finished();
    step.to = (Vector(2) << 1.5, 0.0).finished();
    // z* = (1, 0.5): the l1 ball's corners at +-1.5 on each axis. Extent x in [-1.5, 2], y in [-1.5, 1.5]:
    // half-side 0.6 x 3.5 on the centre (0.25, 0).
    const PlaneBox box = planePictureBox((Vector(2) << 1.0, 0.5).finished(), {{step}});
    QVERIFY(std::abs(box.xMin + 1.85) < 1e-15 && std::abs(box.xMax - 2.35) < 1e-15);
    QVERIFY(std::abs(box.yMin + 2.1) < 1e-15 && std::abs(box.yMax - 2.1) < 1e-15);
    // A real problem's paths: every gradient point and every iterate is inside.
    const PlaneProblem p = planeProblem(2, 0.3, 1);
    const std::vector<PlaneStep> ista = planePath(p, PlaneMethod::Ista, 8), oista = planePath(p, PlaneMethod::Oista, 8);
    const PlaneBox picture = planePictureBox(planeSolution(p), {ista, oista});
    for (const std::vector<PlaneStep>* path : {&ista, &oista})
      for (const PlaneStep& s : *path)
        QVERIFY(picture.holds(s.gradientPoint(0), s.gradientPoint(1)) && picture.holds(s.to(0), s.to(1)));
    const double radius = planeSolution(p).lpNorm<1>();
    QVERIFY(radius > 0);
    for (const PlanePoint corner : {PlanePoint{radius, 0}, PlanePoint{-radius, 0}, PlanePoint{0, radius}, PlanePoint{0, -radius}})
      QVERIFY(picture.holds(corner[0], corner[1]));  // the whole l1 ball through z*
    QVERIFY(std::abs((picture.xMax - picture.xMin) - (picture.yMax - picture.yMin)) < 1e-12);  // a square
  }

  void squareAroundABoxIsCentredOnItAndScaled() {
    const PlaneBox grid = planeSquareAround({-0.1, 1.1, -0.35, 0.85}, 2.0);  // side 1.2 -> 2.4
    QVERIFY(std::abs(grid.xMin + 0.7) < 1e-15 && std::abs(grid.xMax - 1.7) < 1e-15);
    QVERIFY(std::abs(grid.yMin + 0.95) < 1e-15 && std::abs(grid.yMax - 1.45) < 1e-15);
    const PlaneBox tall = planeSquareAround({0.0, 1.0, 0.0, 3.0}, 1.5);  // the larger side 3 -> 4.5
    QCOMPARE(tall, (PlaneBox{-1.75, 2.75, -0.75, 3.75}));
  }

  void boxAtAPlotsAspectHasEqualScales() {
    const PlaneBox unit{0.0, 1.0, 0.0, 1.0};
    QCOMPARE(planeBoxAtAspect(unit, 200, 100), (PlaneBox{-0.5, 1.5, 0.0, 1.0}));  // wide: x grows
    QCOMPARE(planeBoxAtAspect(unit, 100, 400), (PlaneBox{0.0, 1.0, -1.5, 2.5}));  // tall: y grows
    const PlaneBox odd = planeBoxAtAspect({-0.3, 0.9, 2.0, 2.5}, 640, 480);
    QVERIFY(std::abs((odd.xMax - odd.xMin) / 640 - (odd.yMax - odd.yMin) / 480) < 1e-15);
    QCOMPARE(odd.xMin, -0.3);  // the longer side (in pixels per unit) stays
    QCOMPARE(planeBoxAtAspect(unit, 0, 100), unit);  // a plot not laid out yet
  }

  void boxGrowsOnlyWhereAPointLeavesIt() {
    const PlaneBox box{-0.1, 1.1, -0.35, 0.85};
    QCOMPARE(planeBoxHolding(box, {{0.5, 0.5}, {1.1, -0.35}}), box);  // inside (edges included): unchanged
    const PlaneBox grown = planeBoxHolding(box, {{5.0, 0.2}, {0.3, -1.0}});
    // The grown extent is x in [-0.1, 5], y in [-1, 0.85]: larger side 5.1, margin 0.08 x 5.1.
    const double pad = 0.08 * 5.1;
    QVERIFY(std::abs(grown.xMax - (5.0 + pad)) < 1e-12);
    QVERIFY(std::abs(grown.yMin - (-1.0 - pad)) < 1e-12);
    QCOMPARE(grown.xMin, box.xMin);  // edges that need not move stay
    QCOMPARE(grown.yMax, box.yMax);
  }

  void aTenOverLStepStaysInTheGrownBox() {
    const PlaneProblem p = planeProblem(1, 0.3, 0);
    const Vector zStar = planeSolution(p);
    const PlaneBox picture = planeSquareBox({{0.0, 0.0}, {zStar(0), zStar(1)}});
    const PlaneStep step = planeStep(p, Vector::Zero(2), 10.0 / p.L);
    QVERIFY(!picture.holds(step.gradientPoint(0), step.gradientPoint(1)));  // it does leave the picture
    const PlaneBox view = planeBoxHolding(picture, {{step.gradientPoint(0), step.gradientPoint(1)}, {step.to(0), step.to(1)}});
    QVERIFY(view.holds(step.gradientPoint(0), step.gradientPoint(1)) && view.holds(step.to(0), step.to(1)));
    QVERIFY(view.holds(0.0, 0.0) && view.holds(zStar(0), zStar(1)));  // and all it showed before
  }

  void costGridIsTheCostOnTheBox() {
    const PlaneProblem p = planeProblem(2, 0.4, 3);
    const double fStar = planeCost(p, planeSolution(p));
    const PlaneBox box{-2.0, 1.0, -0.5, 3.0};
    const int samples = 7;
    const std::vector<double> grid = planeLogGapGrid(p, fStar, box, samples);
    QCOMPARE(grid.size(), size_t(samples * samples));
    const auto expected = [&](double x, double y) { return std::log10(planeCost(p, (Vector(2) << x, y).finished()) - fStar + 1e-6); };
    QVERIFY(std::abs(grid.front() - expected(-2.0, -0.5)) < 1e-12);              // (ix, iy) = (0, 0)
    QVERIFY(std::abs(grid[samples - 1] - expected(1.0, -0.5)) < 1e-12);          // (6, 0)
    QVERIFY(std::abs(grid.back() - expected(1.0, 3.0)) < 1e-12);                 // (6, 6)
    QVERIFY(std::abs(grid[2 * samples + 3] - expected(-2.0 + 3.0 * 3 / 6, -0.5 + 3.5 * 2 / 6)) < 1e-12);  // (3, 2)
  }
};

QTEST_MAIN(TestLassoPlane)
#include "test_lasso_plane.moc"
