// The Lasso with m = 2 atoms, for teaching: z lives in the plane, so the cost's level lines, the l1
// ball and every iterate can be drawn. Each step of ISTA, OISTA, SLISTA or a hand-chosen step is a
// proximal gradient step z+ = ST(z - a g, lambda a), g = D^T (D z - x): kept here as its two halves,
// the gradient step u = z - a g and the soft-thresholding z+ = ST(u, lambda a), so that a view can
// show both.
#pragma once

#include "linalg/dictionary.h"

#include <array>
#include <cstdint>
#include <vector>

namespace unfold {

struct PlaneProblem {
  Matrix D;       // n x 2, n = 1 or 2: unit-norm atoms for n = 2; for n = 1 lengths 1 and 0.25..0.8
  Vector x;       // n, scaled so that lambda_max = ||D^T x||_inf = 1
  double lambda;  // a fraction of lambda_max
  double L = 0.0;
};

// A random problem: Gaussian atoms (for n = 2 normalised, drawn until they are not almost parallel; for
// n = 1 of different lengths, or every point of a segment would solve it) and a Gaussian signal. Throws InputError for n outside {1, 2} or lambda <= 0.
PlaneProblem planeProblem(int n, double lambda, std::uint64_t seed);

double planeCost(const PlaneProblem& p, const Vector& z);
// The exact minimiser (every support is tried; the Lasso in 2-D has at most 4 sign patterns).
Vector planeSolution(const PlaneProblem& p);

struct PlaneStep {
  Vector from, gradientPoint, to;  // z, u = z - a g, ST(u, lambda a)
  double stepTimesL = 1.0;
  bool oracleRejected = false;     // OISTA fell back to 1/L
};

// One proximal gradient step with step a.
PlaneStep planeStep(const PlaneProblem& p, const Vector& z, double step);
// The largest step that keeps the cost decreasing on z's support: 1/L_S (1/L for z = 0).
double planeOracleStep(const PlaneProblem& p, const Vector& z);

enum class PlaneMethod { Ista, Oista, Slista };
// `steps` steps from z = 0. SLISTA: `learnedSteps` (a_t, one per layer; the path has that many steps).
std::vector<PlaneStep> planePath(const PlaneProblem& p, PlaneMethod method, int steps,
                                 const std::vector<double>& learnedSteps = {});

// SLISTA trained (unsupervised, full-batch GD) on `signalCount` training and as many test signals around
// this problem's D, at its lambda, drawn as experiment.h draws them from `seed`: the learned step of each
// of `layers` layers.
std::vector<double> trainPlaneSlista(const PlaneProblem& p, int layers, int signalCount, int iterations, std::uint64_t seed);

// What the 2-D view shows: a box in the plane, and the cost sampled on it.
struct PlaneBox {
  double xMin = -1, xMax = 1, yMin = -1, yMax = 1;
  bool holds(double x, double y) const { return x >= xMin && x <= xMax && y >= yMin && y <= yMax; }
  bool operator==(const PlaneBox&) const = default;
};
using PlanePoint = std::array<double, 2>;

// The square around every point (0 and z* among them), 1.2 times their extent (at least 0.24 wide), centred on them.
PlaneBox planeSquareBox(const std::vector<PlanePoint>& points);
// `box` grown to hold every point: an edge that has to move goes `margin` x (the grown box's larger side)
// beyond the farthest point, so that a step off the box lands well inside the new one; edges that need
// not move stay. A box that already holds every point is returned as it is.
PlaneBox planeBoxHolding(const PlaneBox& box, const std::vector<PlanePoint>& points, double margin = 0.08);
// The square the view fits when a picture is drawn: around z = 0, z*, the l1 ball through z* and every
// point of the paths (each step's gradient point and its soft-thresholding), as planeSquareBox.
PlaneBox planePictureBox(const Vector& zStar, const std::vector<std::vector<PlaneStep>>& paths);
// The square of `scale` x the larger side of `box`, on its centre: a cost grid wider than the view, so that
// level sets fill it whatever the window's shape.
PlaneBox planeSquareAround(const PlaneBox& box, double scale);
// `box` widened along one axis to the shape of a width x height plot: equal scales on both axes (level sets
// and steps undistorted), nothing of `box` cut. An empty plot (no width or height) gets `box` unchanged.
PlaneBox planeBoxAtAspect(const PlaneBox& box, double width, double height);
// log10(F(z) - F* + 1e-6) on a samples x samples grid over `box` (index iy * samples + ix, corners included).
std::vector<double> planeLogGapGrid(const PlaneProblem& p, double fStar, const PlaneBox& box, int samples);

}  // namespace unfold
