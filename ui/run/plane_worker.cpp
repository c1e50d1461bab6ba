#include "run/plane_worker.h"

#include "base/input_error.h"
#include "lasso/lasso_plane.h"
#include "plots/method_palette.h"

#include <QMetaObject>

#include <cmath>

namespace unfold::ui {

namespace {

constexpr int kGrid = 400;          // cost samples per side: cells of 2 to 3 px in a full-screen view
constexpr double kGridScale = 2.0;  // the cost grid is twice as wide as the picture: any window shape is filled
constexpr int kSlistaSignals = 300, kSlistaIterations = 150;

// `method`: an Algorithm or a Parametrization, drawn under its label and in its colour.
template <typename Method>
PlaneTrack trackOf(Method method, const PlaneProblem& p, const std::vector<PlaneStep>& path, double fStar) {
  PlaneTrack track;
  track.method = methodLabel(method);
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

void PlaneWorker::requestGrid(double xMin, double xMax, double yMin, double yMax, int samples) {
  const quint64 generation = generation_.load();
  QMetaObject::invokeMethod(this, [=, this] {
    if (generation != generation_.load()) return;  // the problem changed meanwhile
    try {
      const PlaneProblem p = planeProblem(current_.n, current_.lambda, current_.seed);
      PlaneGrid grid{generation, xMin, xMax, yMin, yMax, samples, {}};
      const std::vector<double> logGap = planeLogGapGrid(p, planeCost(p, planeSolution(p)), {xMin, xMax, yMin, yMax}, samples);
      grid.logGap = QVector<double>(logGap.begin(), logGap.end());
      emit gridReady(grid);
    } catch (const InputError& e) {
      emit failed(QString::fromStdString(e.what()));
    }
  }, Qt::QueuedConnection);
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
    const std::vector<PlaneStep> ista = planePath(p, PlaneMethod::Ista, s.steps);
    const std::vector<PlaneStep> oista = planePath(p, PlaneMethod::Oista, s.steps);
    picture.tracks << trackOf(Algorithm::Ista, p, ista, picture.fStar);
    picture.tracks << trackOf(Algorithm::Oista, p, oista, picture.fStar);
    if (generation_.load() != generation) return;  // a newer request: skip the training
    const std::vector<double> learned = trainPlaneSlista(p, s.steps, kSlistaSignals, kSlistaIterations, s.seed + 10);
    const std::vector<PlaneStep> slista = planePath(p, PlaneMethod::Slista, 0, learned);
    picture.tracks << trackOf(Parametrization::Slista, p, slista, picture.fStar);
    const PlaneBox box = planePictureBox(zStar, {ista, oista, slista});
    const PlaneBox grid = planeSquareAround(box, kGridScale);
    picture.xMin = box.xMin, picture.xMax = box.xMax, picture.yMin = box.yMin, picture.yMax = box.yMax;
    picture.gridXMin = grid.xMin, picture.gridXMax = grid.xMax, picture.gridYMin = grid.yMin, picture.gridYMax = grid.yMax;
    picture.grid = kGrid;
    const std::vector<double> logGap = planeLogGapGrid(p, picture.fStar, grid, kGrid);
    picture.logGap = QVector<double>(logGap.begin(), logGap.end());
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
