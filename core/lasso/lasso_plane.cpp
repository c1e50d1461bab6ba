#include "lasso/lasso_plane.h"

#include "base/input_error.h"
#include "base/random.h"
#include "experiments/experiment.h"
#include "experiments/problem_generators.h"
#include "lasso/lasso.h"
#include "linalg/support_lipschitz.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace unfold {

namespace {

constexpr double kBoxOverExtent = 1.2;   // the picture's square: its points' extent and a 10 % margin each side
constexpr double kSmallestExtent = 0.2;  // a picture of one point (z* = 0 and no step) is still a box
constexpr double kGapFloor = 1e-6;       // log10(F - F* + floor): z* itself has a finite colour

}  // namespace

PlaneProblem planeProblem(int n, double lambda, std::uint64_t seed) {
  if (n != 1 && n != 2) throw InputError("the 2-D Lasso view takes n = 1 or 2 (got " + std::to_string(n) + ")");
  if (!(lambda > 0.0) || !std::isfinite(lambda)) throw InputError("lambda must be a positive number");
  PlaneProblem p;
  Random random(seed);
  for (int attempt = 0;; ++attempt) {
    p.D = random.normal(n, 2);
    if (n == 2) {
      normalizeColumns(p.D);
      // Nearly parallel atoms make a needle-thin picture; a few draws find a readable one.
      if (std::abs(p.D.col(0).dot(p.D.col(1))) < 0.9 || attempt > 50) break;
    } else {
      // In R^1 unit-norm atoms would be +-1, a degenerate problem with a whole segment of solutions:
      // the atoms keep different lengths (the longer one scaled to 1), well apart.
      p.D /= p.D.cwiseAbs().maxCoeff();
      const double shorter = p.D.cwiseAbs().minCoeff();
      if ((shorter > 0.25 && shorter < 0.8) || attempt > 50) break;
    }
  }
  p.x = random.normal(n, 1).col(0);
  const double lmax = (p.D.transpose() * p.x).cwiseAbs().maxCoeff();
  if (lmax > 0) p.x /= lmax;
  p.lambda = lambda;
  p.L = Dictionary(p.D).lipschitz();
  return p;
}

double planeCost(const PlaneProblem& p, const Vector& z) {
  return 0.5 * (p.x - p.D * z).squaredNorm() + p.lambda * z.lpNorm<1>();
}

Vector planeSolution(const PlaneProblem& p) {
  // For each sign pattern s in {-1, 0, 1}^2, the stationary point of the smooth problem on its support
  // with those signs, kept if its signs agree; the cheapest candidate is the minimiser.
  Vector best = Vector::Zero(2);
  double bestCost = planeCost(p, best);
  for (int s0 = -1; s0 <= 1; ++s0) {
    for (int s1 = -1; s1 <= 1; ++s1) {
      std::vector<int> support;
      std::vector<double> signs;
      if (s0 != 0) support.push_back(0), signs.push_back(s0);
      if (s1 != 0) support.push_back(1), signs.push_back(s1);
      if (support.empty()) continue;
      const Matrix DS = p.D(Eigen::all, support);
      const Matrix gram = DS.transpose() * DS;
      Vector rhs = DS.transpose() * p.x;
      for (size_t k = 0; k < support.size(); ++k) rhs(Eigen::Index(k)) -= p.lambda * signs[k];
      const Eigen::FullPivLU<Matrix> lu(gram);
      if (!lu.isInvertible()) continue;
      const Vector zS = lu.solve(rhs);
      Vector z = Vector::Zero(2);
      bool consistent = true;
      for (size_t k = 0; k < support.size(); ++k) {
        consistent &= zS(Eigen::Index(k)) * signs[k] > 0;
        z(support[k]) = zS(Eigen::Index(k));
      }
      if (consistent && planeCost(p, z) < bestCost) {
        best = z;
        bestCost = planeCost(p, z);
      }
    }
  }
  return best;
}

PlaneStep planeStep(const PlaneProblem& p, const Vector& z, double step) {
  PlaneStep s;
  s.from = z;
  s.gradientPoint = z - step * (p.D.transpose() * (p.D * z - p.x));
  s.to = s.gradientPoint.unaryExpr([&](double v) { return softThreshold(v, p.lambda * step); });
  s.stepTimesL = step * p.L;
  return s;
}

double planeOracleStep(const PlaneProblem& p, const Vector& z) {
  std::vector<int> support;
  for (int i = 0; i < 2; ++i)
    if (z(i) != 0.0) support.push_back(i);
  if (support.empty()) return 1.0 / p.L;
  return 1.0 / std::min(supportLipschitz(Dictionary(p.D), support), p.L);
}

std::vector<PlaneStep> planePath(const PlaneProblem& p, PlaneMethod method, int steps, const std::vector<double>& learnedSteps) {
  std::vector<PlaneStep> path;
  Vector z = Vector::Zero(2);
  const int count = method == PlaneMethod::Slista ? static_cast<int>(learnedSteps.size()) : steps;
  for (int t = 0; t < count; ++t) {
    PlaneStep s;
    if (method == PlaneMethod::Ista) {
      s = planeStep(p, z, 1.0 / p.L);
    } else if (method == PlaneMethod::Slista) {
      s = planeStep(p, z, learnedSteps[size_t(t)]);
    } else {
      // OISTA: the oracle step, kept if the new support stays inside the current one, else 1/L.
      s = planeStep(p, z, planeOracleStep(p, z));
      bool inside = true;
      for (int i = 0; i < 2; ++i) inside &= z(i) != 0.0 || s.to(i) == 0.0;
      if (!inside || z.isZero()) {
        // From z = 0 there is no support and 1/L is the oracle step: nothing was refused (as the workbench
        // marks it).
        const bool rejected = !inside && !z.isZero();
        s = planeStep(p, z, 1.0 / p.L);
        s.oracleRejected = rejected;
      }
    }
    path.push_back(s);
    z = s.to;
  }
  return path;
}

std::vector<double> trainPlaneSlista(const PlaneProblem& p, int layers, int signalCount, int iterations, std::uint64_t seed) {
  ProblemSpec spec;  // for the signals only: the dictionary is the plane's
  spec.trainCount = spec.testCount = signalCount;
  spec.seed = seed;
  const Dictionary d(p.D);
  const TrainingData data{specTrainingSignals(spec, p.D).X, {}, specTestSignals(spec, p.D).X, {}};
  NetworkSettings settings{Parametrization::Slista, layers, p.lambda, {}};
  settings.training.maxIterations = iterations;
  std::vector<double> steps;
  for (const LayerWeights& layer : trainNetwork(d, data, settings).file.weights.layers) steps.push_back(layer.step);
  return steps;
}

PlaneBox planeSquareBox(const std::vector<PlanePoint>& points) {
  double lo[2] = {0, 0}, hi[2] = {0, 0};
  if (!points.empty()) lo[0] = hi[0] = points[0][0], lo[1] = hi[1] = points[0][1];
  for (const PlanePoint& q : points)
    for (int k = 0; k < 2; ++k) lo[k] = std::min(lo[k], q[size_t(k)]), hi[k] = std::max(hi[k], q[size_t(k)]);
  const double half = 0.5 * kBoxOverExtent * std::max({hi[0] - lo[0], hi[1] - lo[1], kSmallestExtent});
  const double cx = 0.5 * (lo[0] + hi[0]), cy = 0.5 * (lo[1] + hi[1]);
  return {cx - half, cx + half, cy - half, cy + half};
}

PlaneBox planeBoxHolding(const PlaneBox& box, const std::vector<PlanePoint>& points, double margin) {
  PlaneBox grown = box;
  for (const PlanePoint& q : points) {
    grown.xMin = std::min(grown.xMin, q[0]), grown.xMax = std::max(grown.xMax, q[0]);
    grown.yMin = std::min(grown.yMin, q[1]), grown.yMax = std::max(grown.yMax, q[1]);
  }
  if (grown == box) return box;
  const double pad = margin * std::max(grown.xMax - grown.xMin, grown.yMax - grown.yMin);
  if (grown.xMin < box.xMin) grown.xMin -= pad;
  if (grown.xMax > box.xMax) grown.xMax += pad;
  if (grown.yMin < box.yMin) grown.yMin -= pad;
  if (grown.yMax > box.yMax) grown.yMax += pad;
  return grown;
}

PlaneBox planePictureBox(const Vector& zStar, const std::vector<std::vector<PlaneStep>>& paths) {
  // The whole l1 ball through z* (its four corners): the ball is what shows z* on a corner or an edge of
  // it, and a ball cut by the view read as two crossing lines.
  const double radius = zStar.lpNorm<1>();
  std::vector<PlanePoint> points{{0.0, 0.0}, {zStar(0), zStar(1)}, {radius, 0.0}, {-radius, 0.0}, {0.0, radius}, {0.0, -radius}};
  for (const std::vector<PlaneStep>& path : paths) {
    for (const PlaneStep& s : path) {
      points.push_back({s.gradientPoint(0), s.gradientPoint(1)});
      points.push_back({s.to(0), s.to(1)});
    }
  }
  return planeSquareBox(points);
}

PlaneBox planeSquareAround(const PlaneBox& box, double scale) {
  const double cx = 0.5 * (box.xMin + box.xMax), cy = 0.5 * (box.yMin + box.yMax);
  const double half = 0.5 * scale * std::max(box.xMax - box.xMin, box.yMax - box.yMin);
  return {cx - half, cx + half, cy - half, cy + half};
}

PlaneBox planeBoxAtAspect(const PlaneBox& box, double width, double height) {
  PlaneBox out = box;
  if (!(width > 0.0 && height > 0.0)) return out;
  const double perPixelX = (box.xMax - box.xMin) / width, perPixelY = (box.yMax - box.yMin) / height;
  if (perPixelX > perPixelY) {
    const double grow = 0.5 * (perPixelX * height - (box.yMax - box.yMin));
    out.yMin -= grow, out.yMax += grow;
  } else {
    const double grow = 0.5 * (perPixelY * width - (box.xMax - box.xMin));
    out.xMin -= grow, out.xMax += grow;
  }
  return out;
}

std::vector<double> planeLogGapGrid(const PlaneProblem& p, double fStar, const PlaneBox& box, int samples) {
  std::vector<double> grid(size_t(samples) * size_t(samples));
  Vector z(2);
  for (int iy = 0; iy < samples; ++iy) {
    for (int ix = 0; ix < samples; ++ix) {
      z << box.xMin + (box.xMax - box.xMin) * ix / (samples - 1), box.yMin + (box.yMax - box.yMin) * iy / (samples - 1);
      grid[size_t(iy) * size_t(samples) + size_t(ix)] = std::log10(std::max(planeCost(p, z) - fStar, 0.0) + kGapFloor);
    }
  }
  return grid;
}

}  // namespace unfold
