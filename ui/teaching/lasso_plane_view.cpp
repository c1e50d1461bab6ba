#include "teaching/lasso_plane_view.h"

#include "lasso/lasso_plane.h"
#include "plots/axis_ticks.h"
#include "plots/legend_out_of_the_way.h"
#include "plots/method_palette.h"
#include "run/plane_worker.h"
#include "window/log_slider.h"
#include "window/run_keys.h"
#include "window/wheel_guard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QSlider>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace unfold::ui {

namespace {

// lambda / lambda_max on a log slider up to 0.99 (at 1 the solution is z* = 0: nothing to watch) over two
// decades; manual steps from 0.1/L to 10/L likewise.
constexpr double kLargestLambda = 0.99;
constexpr double kSmallestLambda = 0.01 * kLargestLambda;
constexpr double kSmallestStep = 0.1, kLargestStep = 10.0;  // x 1/L
constexpr int kSliderPositions = 200;
constexpr int kDebounceMs = 120;  // a dragged lambda slider asks for one picture once it rests
constexpr int kSideWidth = 320;
constexpr double kWiderGridScale = 1.5;  // a grid regrown for a manual step: 1.5 x the view's larger side

QString lambdaText(double lambda) { return QString("λ = %1 λₘₐₓ").arg(lambda, 0, 'f', 3); }

QHBoxLayout* buttonRow(std::initializer_list<QPushButton*> buttons) {
  auto* row = new QHBoxLayout;
  for (QPushButton* b : buttons) row->addWidget(b);
  return row;
}

}  // namespace

LassoPlaneView::LassoPlaneView(QWidget* parent) : QWidget(parent) {
  qRegisterMetaType<PlanePicture>();
  qRegisterMetaType<ManualStep>();
  qRegisterMetaType<PlaneGrid>();
  setWindowTitle("Unfold Lab — the Lasso in 2-D");
  auto* left = new QVBoxLayout;
  left->addWidget(buildPlanePlot(), 3);
  left->addWidget(buildCostPlot(), 1);
  readout_ = new QLabel;
  readout_->setTextFormat(Qt::RichText);
  readout_->setWordWrap(true);
  auto* sideWidget = new QWidget;
  auto* side = new QVBoxLayout(sideWidget);
  const QMargins margins = side->contentsMargins();
  for (QWidget* w : std::initializer_list<QWidget*>{buildProblemBox(), buildMethodsBox(), buildAnimationBox(), readout_,
                                                    buildOistaNote(kSideWidth - margins.left() - margins.right()),
                                                    buildManualBox()})
    side->addWidget(w);
  side->addStretch(1);
  sideWidget->setFixedWidth(kSideWidth);
  guardWheel(sideWidget);  // a wheel over the column scrolls it, never moves a slider under the pointer
  // On a short screen (1024 x 700) the column scrolls rather than squeeze the manual step's text (room for
  // its scroll bar kept, so the plots do not jump); the export row stands under it, in sight at any height.
  auto* sideScroll = new QScrollArea;
  sideScroll->setWidget(sideWidget);
  sideScroll->setWidgetResizable(true);
  sideScroll->setFrameShape(QFrame::NoFrame);
  sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  sideScroll->setFixedWidth(kSideWidth + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
  QWidget* exports = buildExportRow(kSideWidth, margins);
  auto* sideColumn = new QVBoxLayout;
  sideColumn->addWidget(sideScroll, 1);
  sideColumn->addWidget(exports, 0, Qt::AlignLeft);
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(left, 1);
  layout->addLayout(sideColumn);
  connectWorker();
  resize(1100, 820);
  request();
}

QCustomPlot* LassoPlaneView::buildPlanePlot() {
  plane_ = new QCustomPlot;
  plane_->setMinimumSize(360, 360);  // the whole view fits a 1024 x 700 screen
  plane_->xAxis->setLabel("z₁");
  plane_->yAxis->setLabel("z₂");
  plane_->legend->setVisible(true);
  plane_->legend->setBrush(QColor(255, 255, 255, 210));
  plane_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  keepLegendOutOfTheWay(plane_);  // a column-wide figure's legend covered most of the plane
  plane_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  // z* over the paths, which end on it once converged.
  plane_->addLayer(kSolutionLayer, plane_->layer("main"), QCustomPlot::limAbove);
  // As on the workbench's plots, a double click undoes the user's zoom and pan.
  connect(plane_, &QCustomPlot::mouseDoubleClick, this, [this] { fitView(); });
  for (QCPAxis* axis : {plane_->xAxis, plane_->yAxis})  // a wheel zoom or a drag
    connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
      if (picture_.grid > 0 && !fitting_) keepLevelsInSight();
    });
  plane_->setToolTip("Drag to pan, wheel to zoom, double click to see the whole picture again");
  levels_ = new QCPColorMap(plane_->xAxis, plane_->yAxis);
  // Light grey bands, one per level: level lines on which the coloured paths stand out.
  QCPColorGradient bands;
  bands.setColorStopAt(0.0, QColor(150, 150, 150));
  bands.setColorStopAt(1.0, Qt::white);
  bands.setLevelCount(14);
  levels_->setGradient(bands);
  levels_->setInterpolate(false);
  levels_->removeFromLegend();
  return plane_;
}

QCustomPlot* LassoPlaneView::buildCostPlot() {
  cost_ = new QCustomPlot;
  cost_->setMinimumHeight(130);
  cost_->xAxis->setLabel("step t");
  cost_->yAxis->setLabel("F(zₜ) − F*");
  setLogarithmic(cost_->yAxis);
  // Which curve is which (the read-out's rows have the same colours); a triangle: z* reached exactly.
  cost_->legend->setVisible(true);
  cost_->legend->setFont(QFont(cost_->font().family(), 8));
  cost_->legend->setIconSize(16, 12);  // room for the t = 0 rings (up to 11 px)
  cost_->legend->setRowSpacing(-2);
  // Bottom left to begin with (the gaps fall from their common start at the top left); then the corner
  // that hides the fewest of them.
  cost_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
  return cost_;
}

QGroupBox* LassoPlaneView::buildProblemBox() {
  dimension_ = new QComboBox;
  dimension_->addItems({"n = 1: one signal entry, m > n", "n = 2: two signal entries"});
  lambda_ = new LogSlider(kSmallestLambda, kLargestLambda, kSliderPositions);
  lambda_->showValue(settings_.lambda);
  lambdaText_ = new QLabel(lambdaText(settings_.lambda));
  auto* fresh = new QPushButton("New problem");
  fresh->setToolTip("Draw another D and x (next seed)");
  auto* box = new QGroupBox("Problem: m = 2 atoms");
  auto* form = new QFormLayout(box);
  form->addRow(dimension_);
  form->addRow("λ / λₘₐₓ", lambda_);
  form->addRow(lambdaText_);
  form->addRow(fresh);
  debounce_.setSingleShot(true);
  debounce_.setInterval(kDebounceMs);
  connect(&debounce_, &QTimer::timeout, this, &LassoPlaneView::request);
  connect(lambda_, &LogSlider::logValueChanged, this, [this](double lambda) {
    settings_.lambda = lambda;
    lambdaText_->setText(lambdaText(lambda));
    debounce_.start();
  });
  connect(dimension_, &QComboBox::currentIndexChanged, this, [this](int i) {
    settings_.n = i == 0 ? 1 : 2;
    request();
  });
  connect(fresh, &QPushButton::clicked, this, [this] {
    ++settings_.seed;
    request();
  });
  return box;
}

QGroupBox* LassoPlaneView::buildMethodsBox() {
  showIsta_ = new QCheckBox("ISTA (step 1/L)");
  showOista_ = new QCheckBox("OISTA (step 1/Lₛ)");
  showSlista_ = new QCheckBox("SLISTA (learned steps)");
  auto* box = new QGroupBox("Methods");
  auto* column = new QVBoxLayout(box);
  for (auto [check, color] : {std::pair{showIsta_, methodColor(Algorithm::Ista)},
                              std::pair{showOista_, methodColor(Algorithm::Oista)},
                              std::pair{showSlista_, methodColor(Parametrization::Slista)}}) {
    check->setChecked(true);
    QPalette palette = check->palette();
    palette.setColor(QPalette::WindowText, color);
    check->setPalette(palette);
    column->addWidget(check);
    connect(check, &QCheckBox::toggled, this, &LassoPlaneView::redraw);
  }
  return box;
}

QGroupBox* LassoPlaneView::buildAnimationBox() {
  playButton_ = new QPushButton("Play");
  auto* stepButton = new QPushButton("Step");
  auto* resetButton = new QPushButton("Reset");
  auto* speed = new QSlider(Qt::Horizontal);
  speed->setRange(1, 10);
  speed->setValue(3);
  speed->setToolTip("Steps per second");
  auto* box = new QGroupBox("Animation");
  auto* form = new QFormLayout(box);
  form->addRow(buttonRow({playButton_, stepButton, resetButton}));
  form->addRow("speed", speed);
  animation_.setInterval(1000 / speed->value());
  connect(speed, &QSlider::valueChanged, this, [this](int stepsPerSecond) { animation_.setInterval(1000 / stepsPerSecond); });
  connect(&animation_, &QTimer::timeout, this, [this] {
    if (shown_ >= settings_.steps) pause();
    else stepForward();
  });
  connect(playButton_, &QPushButton::clicked, this, [this] { animation_.isActive() ? pause() : play(); });
  connect(stepButton, &QPushButton::clicked, this, &LassoPlaneView::stepForward);
  connect(resetButton, &QPushButton::clicked, this, &LassoPlaneView::rewind);
  // The workbench's keys (a student comes from there): Space plays and pauses, F10 steps, Shift+F5 resets.
  bindRunKeys(this, {{playButton_, Qt::Key_Space}, {stepButton, Qt::Key_F10}, {resetButton, QKeySequence(Qt::SHIFT | Qt::Key_F5)}});
  return box;
}

QGroupBox* LassoPlaneView::buildManualBox() {
  manualSlider_ = new LogSlider(kSmallestStep, kLargestStep, kSliderPositions);
  manualSlider_->showValue(manualStep_);
  manualText_ = new QLabel;
  manualText_->setObjectName("manualText");
  manualText_->setWordWrap(true);
  auto* take = new QPushButton("Take the step");
  auto* snap = new QPushButton("Snap to 1/Lₛ");
  snap->setObjectName("snap");
  snap->setToolTip("Set the step to 1/Lₛ on the current support: the largest step that still decreases the\n"
                   "smooth part on that support (OISTA's step). Greyed while the step is already 1/Lₛ.");
  snapButton_ = snap;
  auto* restart = new QPushButton("Restart at 0");
  restart->setObjectName("restartManual");
  auto* box = new QGroupBox("Manual ISTA: choose each step");
  auto* form = new QFormLayout(box);
  form->addRow("step × L", manualSlider_);
  form->addRow(buttonRow({take, snap, restart}));
  form->addRow(manualText_);
  connect(manualSlider_, &LogSlider::logValueChanged, this, [this](double stepTimesL) {
    manualStep_ = stepTimesL;
    redraw();
  });
  connect(take, &QPushButton::clicked, this, &LassoPlaneView::takeManualStep);
  connect(snap, &QPushButton::clicked, this, &LassoPlaneView::snapToOracle);
  connect(restart, &QPushButton::clicked, this, [this] {
    manual_.clear();
    nextOracle_ = 1.0;
    redraw();
    fitView();  // the picture's view again (the path had widened it), with level sets as fine as it needs
  });
  return box;
}

void LassoPlaneView::connectWorker() {
  PlaneWorker* worker = worker_.worker();
  connect(worker, &PlaneWorker::pictureReady, this, &LassoPlaneView::showPicture, Qt::QueuedConnection);
  connect(worker, &PlaneWorker::manualStepReady, this, &LassoPlaneView::acceptManualStep, Qt::QueuedConnection);
  connect(worker, &PlaneWorker::gridReady, this, &LassoPlaneView::showGrid, Qt::QueuedConnection);
  connect(worker, &PlaneWorker::failed, this, [this](const QString& m) { QMessageBox::warning(this, "2-D Lasso", m); });
}

void LassoPlaneView::request() {
  debounce_.stop();
  latest_ = worker_->requestPicture(settings_);
}

void LassoPlaneView::setLambda(double lambda) {
  lambda_->showValue(lambda);
  settings_.lambda = lambda;  // exactly, not the slider's rounding
  lambdaText_->setText(lambdaText(lambda));
  request();
}

void LassoPlaneView::startFrom(const PlaneSettings& settings) {
  pause();
  shown_ = 0;
  manual_.clear();
  nextOracle_ = 1.0;
  settings_ = settings;
  {
    const QSignalBlocker quiet(dimension_);
    dimension_->setCurrentIndex(settings.n == 2 ? 1 : 0);
  }
  lambda_->showValue(settings.lambda);
  lambdaText_->setText(lambdaText(settings.lambda));
  setManualStep(1.0);  // redraws: no manual path, t = 0
  request();           // the named problem, even if it is the one shown (its manual path is gone anyway)
}

void LassoPlaneView::play() {
  if (shown_ >= settings_.steps) shown_ = 0;
  animation_.start();
  playButton_->setText("Pause");
}

void LassoPlaneView::pause() {
  animation_.stop();
  playButton_->setText("Play");
}

void LassoPlaneView::stepForward() {
  shown_ = std::min(shown_ + 1, settings_.steps);
  redraw();
}

void LassoPlaneView::showAllSteps() {
  pause();
  shown_ = settings_.steps;
  redraw();
}

void LassoPlaneView::rewind() {
  pause();
  shown_ = 0;
  redraw();
}

void LassoPlaneView::showPicture(const PlanePicture& picture) {
  if (picture.generation != latest_) return;  // an older request
  picture_ = picture;
  manual_.clear();  // another problem: the manual path starts again
  nextOracle_ = 1.0;
  showLevels(picture.grid, QCPRange(picture.gridXMin, picture.gridXMax), QCPRange(picture.gridYMin, picture.gridYMax),
             picture.logGap);
  levels_->rescaleDataRange(true);
  redraw();
  fitView();
  emit pictureShown();
}

void LassoPlaneView::fitView() {
  // The picture's box, grown to hold the manual path, at the plot's shape.
  plane_->replot();  // lays out the axis rect
  const QRect rect = plane_->axisRect()->rect();
  std::vector<PlanePoint> path;
  for (const ManualStep& m : manual_) path.push_back({m.grad[0], m.grad[1]}), path.push_back({m.to[0], m.to[1]});
  const PlaneBox held = planeBoxHolding({picture_.xMin, picture_.xMax, picture_.yMin, picture_.yMax}, path);
  const PlaneBox view = planeBoxAtAspect(held, rect.width(), rect.height());
  fitting_ = true;  // one grid for the new view, not one for each axis set
  plane_->xAxis->setRange(view.xMin, view.xMax);
  plane_->yAxis->setRange(view.yMin, view.yMax);
  fitting_ = false;
  moveLegendToTheEmptiestCorner(plane_);
  plane_->replot(QCustomPlot::rpQueuedReplot);
  keepLevelsInSight();
}

void LassoPlaneView::keepLevelsInSight() {
  // Level sets everywhere in sight, in cells too small to see: a view beyond the cost grid, or whose
  // cells are drawn larger than 3.5 px (zoomed into, back from a far step), asks for a grid around it
  // with cells of 2.5 px (band edges were stair-stepped by 4 to 7 px after a few wheel notches).
  const QCPRange x = plane_->xAxis->range(), y = plane_->yAxis->range();
  const PlaneBox view{x.lower, x.upper, y.lower, y.upper};
  const PlaneBox grid{picture_.gridXMin, picture_.gridXMax, picture_.gridYMin, picture_.gridYMax};
  const double pixelsPerUnit = plane_->axisRect()->rect().width() / std::max(1e-300, x.size());  // equal scales
  const double cellPixels = pixelsPerUnit * (grid.xMax - grid.xMin) / std::max(1, picture_.grid);
  if (!grid.holds(view.xMin, view.yMin) || !grid.holds(view.xMax, view.yMax) || cellPixels > 3.5) {
    const PlaneBox wider = planeSquareAround(view, kWiderGridScale);
    const int samples = std::clamp(int(std::ceil(pixelsPerUnit * (wider.xMax - wider.xMin) / 2.5)), 100, 800);
    worker_->requestGrid(wider.xMin, wider.xMax, wider.yMin, wider.yMax, samples);
  }
}

void LassoPlaneView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (picture_.grid > 0) fitView();
}

void LassoPlaneView::setManualStep(double stepTimesL) {
  manualSlider_->showValue(stepTimesL);
  manualStep_ = stepTimesL;
  redraw();
}

double LassoPlaneView::manualStep() const { return manualStep_; }

void LassoPlaneView::takeManualStep() {
  if (picture_.grid == 0 || manualPending_) return;
  const double z0 = manual_.isEmpty() ? 0.0 : manual_.back().to[0];
  const double z1 = manual_.isEmpty() ? 0.0 : manual_.back().to[1];
  manualPending_ = true;
  worker_->requestManualStep(z0, z1, manualStep());
}

void LassoPlaneView::snapToOracle() { setManualStep(nextOracle_); }

void LassoPlaneView::acceptManualStep(const ManualStep& step) {
  manualPending_ = false;
  if (step.generation != latest_) return;
  manual_.append(step);
  nextOracle_ = step.oracleTimesL;
  redraw();
  // A step out of sight: the view grows to hold the path (a step inside keeps the user's zoom).
  const QCPRange x = plane_->xAxis->range(), y = plane_->yAxis->range();
  const PlaneBox shown{x.lower, x.upper, y.lower, y.upper};
  if (!shown.holds(step.to[0], step.to[1]) || !shown.holds(step.grad[0], step.grad[1])) fitView();
  emit manualStepShown();
}

}  // namespace unfold::ui
