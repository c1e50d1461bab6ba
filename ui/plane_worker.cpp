#include "plane_worker.h"

#include "input_error.h"
#include "lasso_plane.h"
#include "method_palette.h"

#include <QMetaObject>

#include <cmath>

namespace unfold::ui {

namespace {

constexpr int kGrid = 300;
constexpr int kSlistaSignals = 300, kSlistaIterations = 150;

PlaneTrack trackOf(const QString& method, const PlaneProblem& p, const std::vector<PlaneStep>& path, double fStar) {
  PlaneTrack track;
  track.method = method;
  track.color = methodColor(method);
  for (const PlaneStep& s : path) {
    track.fromX << s.from(0);
    track.fromY << s.from(1);
    track.gradX << s.gradientPoint(0);
    track.gradY << s.gradientPoint(1);
    track.toX << s.to(0);
    track.toY << s.to(1);
    track.stepTimesL << s.stepTimesL;
    track.gap << planeCost(p, s.to) - fStar;
    track.rejected << char(s.oracleRejected);
  }
  return track;
}

}  // namespace

quint64 PlaneWorker::requestPicture(const PlaneSettings& settings) {
  QMutexLocker lock(&mutex_);
  pending_ = settings;
  const quint64 generation = ++generation_;
  if (!queued_) {
    queued_ = true;
    QMetaObject::invokeMethod(this, "computePicture", Qt::QueuedConnection);
  }
  return generation;
}

void PlaneWorker::requestManualStep(double z0, double z1, double stepTimesL) {
  QMetaObject::invokeMethod(this, "computeManualStep", Qt::QueuedConnection, Q_ARG(double, z0), Q_ARG(double, z1),
                            Q_ARG(double, stepTimesL), Q_ARG(quint64, generation_.load()));
}

void PlaneWorker::computePicture() {
  PlaneSettings s;
  quint64 generation;
  {
    QMutexLocker lock(&mutex_);
    s = pending_;
    generation = generation_.load();
    queued_ = false;
  }
  try {
    const PlaneProblem p = planeProblem(s.n, s.lambda, s.seed);
    current_ = s;
    PlanePicture picture;
    picture.generation = generation;
    picture.settings = s;
    picture.L = p.L;
    for (int k = 0; k < 2 * s.n; ++k) picture.atoms[k] = p.D.data()[k];
    const Vector zStar = planeSolution(p);
    picture.zStar[0] = zStar(0);
    picture.zStar[1] = zStar(1);
    picture.fStar = planeCost(p, zStar);
    picture.fZero = planeCost(p, Vector::Zero(2));
    picture.tracks << trackOf("ISTA", p, planePath(p, PlaneMethod::Ista, s.steps), picture.fStar);
    picture.tracks << trackOf("OISTA", p, planePath(p, PlaneMethod::Oista, s.steps), picture.fStar);
    if (generation_.load() != generation) return;  // a newer request: skip the training
    const std::vector<double> learned = trainPlaneSlista(p, s.steps, kSlistaSignals, kSlistaIterations, s.seed + 10);
    picture.tracks << trackOf("SLISTA", p, planePath(p, PlaneMethod::Slista, 0, learned), picture.fStar);
    // A square box around 0, z* and every point drawn, with a margin.
    double lo[2] = {std::min(0.0, zStar(0)), std::min(0.0, zStar(1))}, hi[2] = {std::max(0.0, zStar(0)), std::max(0.0, zStar(1))};
    for (const PlaneTrack& t : picture.tracks) {
      for (qsizetype k = 0; k < t.toX.size(); ++k) {
        for (const auto& [x, y] : {std::pair{t.gradX[k], t.gradY[k]}, std::pair{t.toX[k], t.toY[k]}}) {
          lo[0] = std::min(lo[0], x), hi[0] = std::max(hi[0], x);
          lo[1] = std::min(lo[1], y), hi[1] = std::max(hi[1], y);
        }
      }
    }
    const double half = 0.6 * std::max({hi[0] - lo[0], hi[1] - lo[1], 0.2});
    const double cx = 0.5 * (lo[0] + hi[0]), cy = 0.5 * (lo[1] + hi[1]);
    picture.xMin = cx - half, picture.xMax = cx + half, picture.yMin = cy - half, picture.yMax = cy + half;
    picture.gridXMin = cx - 2 * half, picture.gridXMax = cx + 2 * half;
    picture.gridYMin = cy - 2 * half, picture.gridYMax = cy + 2 * half;
    picture.grid = kGrid;
    picture.logGap.resize(kGrid * kGrid);
    Vector z(2);
    for (int iy = 0; iy < kGrid; ++iy) {
      for (int ix = 0; ix < kGrid; ++ix) {
        z << picture.gridXMin + (picture.gridXMax - picture.gridXMin) * ix / (kGrid - 1),
            picture.gridYMin + (picture.gridYMax - picture.gridYMin) * iy / (kGrid - 1);
        picture.logGap[iy * kGrid + ix] = std::log10(std::max(planeCost(p, z) - picture.fStar, 0.0) + 1e-6);
      }
    }
    if (generation_.load() == generation) emit pictureReady(picture);
  } catch (const InputError& e) {
    emit failed(QString::fromStdString(e.what()));
  }
}

void PlaneWorker::computeManualStep(double z0, double z1, double stepTimesL, quint64 generation) {
  if (generation != generation_.load()) return;  // the problem changed meanwhile
  try {
    const PlaneProblem p = planeProblem(current_.n, current_.lambda, current_.seed);
    const Vector z = (Vector(2) << z0, z1).finished();
    const PlaneStep s = planeStep(p, z, stepTimesL / p.L);
    ManualStep out;
    out.generation = generation;
    out.from[0] = z0, out.from[1] = z1;
    out.grad[0] = s.gradientPoint(0), out.grad[1] = s.gradientPoint(1);
    out.to[0] = s.to(0), out.to[1] = s.to(1);
    out.stepTimesL = stepTimesL;
    out.gap = planeCost(p, s.to) - planeCost(p, planeSolution(p));
    out.oracleTimesL = planeOracleStep(p, s.to) * p.L;
    out.supportSize = int(s.to(0) != 0.0) + int(s.to(1) != 0.0);
    emit manualStepReady(out);
  } catch (const InputError& e) {
    emit failed(QString::fromStdString(e.what()));
  }
}

}  // namespace unfold::ui
