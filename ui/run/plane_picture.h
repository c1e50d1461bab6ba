// What the 2-D Lasso view draws, computed by PlaneWorker: the cost F(z) - F* on a grid over the plane,
// the solution, the l1 ball through it, and each method's steps as (z, gradient step, soft-threshold).
#pragma once

#include <QColor>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace unfold::ui {

struct PlaneSettings {
  int n = 1;             // signal dimension: 1 or 2 (m = 2 atoms; n = 1 keeps m > n, as in the paper)
  double lambda = 0.3;   // fraction of lambda_max
  quint64 seed = 0;
  int steps = 8;         // ISTA and OISTA steps; SLISTA's layers (few: SLISTA then has something to learn)
  bool operator==(const PlaneSettings&) const = default;
};

struct PlaneTrack {
  QString method;  // its label, for the legend
  QColor color;
  QVector<double> fromX, fromY, gradX, gradY, toX, toY;  // step t: z_t -> u_t -> z_{t+1}
  QVector<double> stepTimesL, gap;                       // per step; gap = F(z_{t+1}) - F*
  QVector<char> rejected;                                // OISTA's fallbacks to 1/L
};

struct PlanePicture {
  quint64 generation = 0;
  PlaneSettings settings;
  double L = 0.0, fStar = 0.0, fZero = 0.0;
  double atoms[4] = {0, 0, 0, 0};     // D (n x 2, column-major; n = 1 uses the first row only)
  double xMin = -1, xMax = 1, yMin = -1, yMax = 1;  // the square the view fits (equal scales)
  double gridXMin = -1, gridXMax = 1, gridYMin = -1, gridYMax = 1;  // the cost grid: wider, for any window shape
  int grid = 0;                       // grid x grid samples of log10(F - F* + 1e-6)
  QVector<double> logGap;             // index iy * grid + ix
  double zStar[2] = {0, 0};
  QVector<PlaneTrack> tracks;         // ISTA, OISTA, SLISTA
};

// The cost sampled on a wider box, when a manual step leaves the picture's grid.
struct PlaneGrid {
  quint64 generation = 0;
  double xMin = -1, xMax = 1, yMin = -1, yMax = 1;
  int samples = 0;
  QVector<double> logGap;  // as PlanePicture::logGap
};

// One hand-chosen step (manual ISTA), answered by the worker.
struct ManualStep {
  quint64 generation = 0;
  double from[2] = {0, 0}, grad[2] = {0, 0}, to[2] = {0, 0};
  double stepTimesL = 1.0;
  double gap = 0.0;                   // F(to) - F*
  double oracleTimesL = 1.0;          // 1/L_S at `to`, in units of 1/L (for "snap")
  int supportSize = 0;
};

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::PlanePicture)
Q_DECLARE_METATYPE(unfold::ui::ManualStep)
Q_DECLARE_METATYPE(unfold::ui::PlaneGrid)
