// Computes the 2-D Lasso view's pictures and manual steps off the UI thread (the same pattern as
// SolverWorker, smaller): requests carry a generation, answers that are not the latest are dropped by
// the view. Training SLISTA on the toy problem takes ~0.1 s, which the UI thread must never wait for.
#pragma once

#include "run/plane_picture.h"

#include <QMutex>
#include <QObject>

#include <atomic>

namespace unfold::ui {

class PlaneWorker : public QObject {
  Q_OBJECT
 public:
  // UI thread. Returns the generation of the request.
  quint64 requestPicture(const PlaneSettings& settings);
  // One proximal gradient step of `stepTimesL`/L from z (for the latest picture's problem).
  void requestManualStep(double z0, double z1, double stepTimesL);
  // The cost on `samples`^2 points of the box (for the latest picture's problem).
  void requestGrid(double xMin, double xMax, double yMin, double yMax, int samples);

 signals:
  void pictureReady(const unfold::ui::PlanePicture& picture);
  void manualStepReady(const unfold::ui::ManualStep& step);
  void gridReady(const unfold::ui::PlaneGrid& grid);
  void failed(const QString& message);

 private:
  Q_INVOKABLE void computePicture();
  Q_INVOKABLE void computeManualStep(double z0, double z1, double stepTimesL, quint64 generation);

  QMutex mutex_;
  PlaneSettings pending_, current_;
  bool queued_ = false;
  std::atomic<quint64> generation_{0};
};

}  // namespace unfold::ui
