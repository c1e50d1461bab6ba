// The 2-D Lasso view for teaching (m = 2 atoms, n = 1 or 2): the cost's level sets F(z) - F* (log
// colour bands), the l1 ball through z*, and the iterates of ISTA, OISTA and a trained SLISTA, animated
// step by step (play / pause / step / reset). Each step is drawn as its two halves, the gradient step
// (dotted) and the soft-thresholding (solid), so students see the shrinkage pull the point onto an
// axis, and why a bigger step is safe once the support is right. A manual-ISTA mode lets the user pick
// each step with a slider, or snap it to 1/L_S. The view follows the manual path: a step that leaves the
// box widens the view (and the cost grid) so that the current point and its step stay in sight.
// Computation happens on a PlaneWorker thread.
#pragma once

#include "run/plane_picture.h"
#include "run/worker_thread.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPRange;
class QGroupBox;
class QLabel;
class QPushButton;

namespace unfold::ui {

class LogSlider;

// The plane plot's layer above the paths, for z*.
inline constexpr const char* kSolutionLayer = "solution";
class PlaneWorker;

class LassoPlaneView : public QWidget {
  Q_OBJECT
 public:
  explicit LassoPlaneView(QWidget* parent = nullptr);
  void setLambda(double lambda);           // slider and request
  // A fresh start on these settings (a lesson step names them): t = 0, no manual steps, step 1/L.
  void startFrom(const PlaneSettings& settings);
  const PlaneSettings& settings() const { return settings_; }
  void play();
  void pause();
  void stepForward();                      // one more step of every method
  void rewind();                           // back to t = 0
  void showAllSteps();                     // the whole paths at once
  int shownSteps() const { return shown_; }
  const PlanePicture& picture() const { return picture_; }
  // Manual ISTA: the slider's step x L, a step with it, snap the slider to 1/L_S at the current point.
  void setManualStep(double stepTimesL);
  double manualStep() const;
  void takeManualStep();
  void snapToOracle();
  const QVector<ManualStep>& manualPath() const { return manual_; }
  QCustomPlot* plane() const { return plane_; }
  QCustomPlot* costPlot() const { return cost_; }
  // The steps drawn (every path shown, up to the steps shown, and the manual ones), as CSV.
  QString toCsv() const;
  // Asks where (and a PNG's size), writes `plot`'s figure (the plane's or the cost plot's) and says where.
  void exportFigure(QCustomPlot* plot);
  void exportData();  // likewise toCsv()

 signals:
  void pictureShown();
  void manualStepShown();
  void gridShown();  // the cost grid was widened for a manual step

 private:
  // One per part of the window; each connects its own controls.
  QCustomPlot* buildPlanePlot();
  QCustomPlot* buildCostPlot();
  QGroupBox* buildProblemBox();
  QGroupBox* buildMethodsBox();
  QGroupBox* buildAnimationBox();
  QGroupBox* buildManualBox();
  QLabel* buildOistaNote(int width);  // the note that OISTA takes (or took) ISTA's steps, for a column `width` wide
  QWidget* buildExportRow(int width, const QMargins& margins);  // and the plots' right-click menus
  // While exportFigure lays the plane out at a figure's shape (after each layout): equal scales, the axis
  // with too few pixels a unit showing more around its centre (a one-column figure squashed the l1 ball).
  void keepEqualScalesInFigure();
  bool figureAtEqualScales_ = false;
  void sayExported(const QString& path);
  void connectWorker();
  void request();
  void showPicture(const PlanePicture& picture);
  void acceptManualStep(const ManualStep& step);
  void redraw();  // the tracks up to shown_ steps, the manual path, the cost plot and the read-out
  void drawAxesAndSolution();
  void addStepKey();  // the legend entries that say what dotted and solid, hollow and filled mean
  // The legend in the corner of `plot` (the plane, the cost plot) where it hides the fewest points drawn,
  // then the least of their lines (they wander into any corner: a large step, another problem), at the last
  // layout.
  void moveLegendToTheEmptiestCorner(QCustomPlot* plot);
  QString drawTrack(int k);  // picture_.tracks[k] up to shown_ steps; returns its read-out row
  void drawManualPath();     // and its read-out
  void fitView();
  void keepLevelsInSight();  // asks for a cost grid that fills the view at its resolution
  bool fitting_ = false;     // fitView is setting the axes' ranges  // the picture's box, grown to hold the manual path, at equal scales
  void showGrid(const PlaneGrid& grid);
  // The colour map of the cost: samples x samples values over x and y (index iy * samples + ix).
  void showLevels(int samples, const QCPRange& x, const QCPRange& y, const QVector<double>& logGap);
  void resizeEvent(QResizeEvent* event) override;

  QCustomPlot *plane_ = nullptr, *cost_ = nullptr;
  QCPColorMap* levels_ = nullptr;
  QComboBox* dimension_ = nullptr;
  LogSlider *lambda_ = nullptr, *manualSlider_ = nullptr;
  QLabel *lambdaText_ = nullptr, *readout_ = nullptr, *manualText_ = nullptr, *exportedText_ = nullptr;
  QLabel* oistaIsIstaNote_ = nullptr;
  static constexpr const char* kOistaIsIsta =
      "<i>OISTA takes ISTA's steps here (L<sub>S</sub> = L on its support): its path lies under ISTA's.</i>";
  static constexpr const char* kOistaLeavesIsta =
      "<i>OISTA took ISTA's steps up to t = %1 (L<sub>S</sub> = L on its support), then longer ones.</i>";
  QPushButton* snapButton_ = nullptr;  // with n = 2 OISTA's path can be ISTA's, hidden under it
  QCheckBox *showIsta_ = nullptr, *showOista_ = nullptr, *showSlista_ = nullptr;
  QPushButton* playButton_ = nullptr;
  WorkerThread<PlaneWorker> worker_;
  PlaneSettings settings_;
  quint64 latest_ = 0;
  PlanePicture picture_;
  int shown_ = 0;
  QTimer animation_, debounce_;
  QVector<ManualStep> manual_;
  double nextOracle_ = 1.0;  // 1/L_S x L at the manual path's current point
  double manualStep_ = 1.0;  // exact (the slider rounds; a snapped step must not)
  bool manualPending_ = false;
};

}  // namespace unfold::ui
