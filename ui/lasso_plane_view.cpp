#include "lasso_plane_view.h"

#include "lasso_plane.h"
#include "method_palette.h"
#include "plane_worker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace unfold::ui {

namespace {

// lambda / lambda_max from 0.01 to 0.99 on a log slider; manual steps from 0.1/L to 10/L likewise.
double sliderLambda(int v) { return std::pow(10.0, -2.0 + 2.0 * v / 200.0) * 0.99; }
int lambdaSlider(double lambda) { return int(std::lround((std::log10(lambda / 0.99) + 2.0) / 2.0 * 200.0)); }
double sliderStep(int v) { return std::pow(10.0, -1.0 + 2.0 * v / 200.0); }
int stepSlider(double step) { return int(std::lround((std::log10(step) + 1.0) / 2.0 * 200.0)); }



}  // namespace

LassoPlaneView::LassoPlaneView(QWidget* parent) : QWidget(parent) {
  qRegisterMetaType<PlanePicture>();
  qRegisterMetaType<ManualStep>();
  qRegisterMetaType<PlaneGrid>();
  setWindowTitle("Unfold Lab — the Lasso in 2-D");
  plane_ = new QCustomPlot;
  plane_->setMinimumSize(520, 520);
  plane_->xAxis->setLabel("z₁");
  plane_->yAxis->setLabel("z₂");
  plane_->legend->setVisible(true);
  plane_->legend->setBrush(QColor(255, 255, 255, 210));
  plane_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  plane_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  levels_ = new QCPColorMap(plane_->xAxis, plane_->yAxis);
  // Light grey bands, one per level: level lines on which the coloured paths stand out.
  QCPColorGradient bands;
  bands.setColorStopAt(0.0, QColor(150, 150, 150));
  bands.setColorStopAt(1.0, Qt::white);
  bands.setLevelCount(14);
  levels_->setGradient(bands);
  levels_->setInterpolate(false);
  levels_->removeFromLegend();
  cost_ = new QCustomPlot;
  cost_->setMinimumHeight(170);
  cost_->xAxis->setLabel("step t");
  cost_->yAxis->setLabel("F(zₜ) − F*");
  cost_->yAxis->setScaleType(QCPAxis::stLogarithmic);
  cost_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  cost_->yAxis->setNumberFormat("eb");
  cost_->yAxis->setNumberPrecision(0);

  // Controls.
  dimension_ = new QComboBox;
  dimension_->addItems({"n = 1: one signal entry, m > n", "n = 2: two signal entries"});
  lambda_ = new QSlider(Qt::Horizontal);
  lambda_->setRange(0, 200);
  lambda_->setValue(lambdaSlider(settings_.lambda));
  lambdaText_ = new QLabel;
  auto* fresh = new QPushButton("New problem");
  fresh->setToolTip("Draw another D and x (next seed)");
  auto* problem = new QGroupBox("Problem: m = 2 atoms");
  auto* problemForm = new QFormLayout(problem);
  problemForm->addRow(dimension_);
  problemForm->addRow("λ / λ_max", lambda_);
  problemForm->addRow(lambdaText_);
  problemForm->addRow(fresh);
  showIsta_ = new QCheckBox("ISTA (step 1/L)");
  showOista_ = new QCheckBox("OISTA (step 1/L_S)");
  showSlista_ = new QCheckBox("SLISTA (learned steps)");
  auto* methods = new QGroupBox("Methods");
  auto* methodColumn = new QVBoxLayout(methods);
  for (auto [box, name] : {std::pair{showIsta_, "ISTA"}, std::pair{showOista_, "OISTA"}, std::pair{showSlista_, "SLISTA"}}) {
    box->setChecked(true);
    QPalette palette = box->palette();
    palette.setColor(QPalette::WindowText, methodColor(name));
    box->setPalette(palette);
    methodColumn->addWidget(box);
    connect(box, &QCheckBox::toggled, this, &LassoPlaneView::redraw);
  }
  playButton_ = new QPushButton("Play");
  auto* stepButton = new QPushButton("Step");
  auto* resetButton = new QPushButton("Reset");
  speed_ = new QSlider(Qt::Horizontal);
  speed_->setRange(1, 10);
  speed_->setValue(3);
  speed_->setToolTip("Steps per second");
  auto* animation = new QGroupBox("Animation");
  auto* animationForm = new QFormLayout(animation);
  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {playButton_, stepButton, resetButton}) buttons->addWidget(b);
  animationForm->addRow(buttons);
  animationForm->addRow("speed", speed_);
  readout_ = new QLabel;
  readout_->setTextFormat(Qt::RichText);
  readout_->setWordWrap(true);
  manualSlider_ = new QSlider(Qt::Horizontal);
  manualSlider_->setRange(0, 200);
  manualSlider_->setValue(stepSlider(1.0));
  manualText_ = new QLabel;
  manualText_->setWordWrap(true);
  auto* take = new QPushButton("Take the step");
  auto* snap = new QPushButton("Snap to 1/L_S");
  snap->setToolTip("Set the step to 1/L_S on the current support: the largest step that still decreases the\n"
                   "smooth part on that support (OISTA's step)");
  auto* restart = new QPushButton("Restart at 0");
  auto* manual = new QGroupBox("Manual ISTA: choose each step");
  auto* manualForm = new QFormLayout(manual);
  manualForm->addRow("step × L", manualSlider_);
  auto* manualButtons = new QHBoxLayout;
  for (QPushButton* b : {take, snap, restart}) manualButtons->addWidget(b);
  manualForm->addRow(manualButtons);
  manualForm->addRow(manualText_);
  auto* side = new QVBoxLayout;
  for (QWidget* w : std::initializer_list<QWidget*>{problem, methods, animation, readout_, manual}) side->addWidget(w);
  side->addStretch(1);
  auto* left = new QVBoxLayout;
  left->addWidget(plane_, 3);
  left->addWidget(cost_, 1);
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(left, 1);
  auto* sideWidget = new QWidget;
  sideWidget->setLayout(side);
  sideWidget->setFixedWidth(320);
  layout->addWidget(sideWidget);

  worker_ = new PlaneWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &PlaneWorker::pictureReady, this, &LassoPlaneView::showPicture, Qt::QueuedConnection);
  connect(worker_, &PlaneWorker::manualStepReady, this, &LassoPlaneView::acceptManualStep, Qt::QueuedConnection);
  connect(worker_, &PlaneWorker::gridReady, this, &LassoPlaneView::showGrid, Qt::QueuedConnection);
  connect(worker_, &PlaneWorker::failed, this, [this](const QString& m) { QMessageBox::warning(this, "2-D Lasso", m); });
  thread_.start();

  debounce_.setSingleShot(true);
  debounce_.setInterval(120);
  connect(&debounce_, &QTimer::timeout, this, &LassoPlaneView::request);
  connect(lambda_, &QSlider::valueChanged, this, [this](int v) {
    settings_.lambda = sliderLambda(v);
    lambdaText_->setText(QString("λ = %1 λ_max").arg(settings_.lambda, 0, 'f', 3));
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
  animation_.setInterval(1000 / speed_->value());
  connect(speed_, &QSlider::valueChanged, this, [this](int v) { animation_.setInterval(1000 / v); });
  connect(&animation_, &QTimer::timeout, this, [this] {
    if (shown_ >= settings_.steps) pause();
    else stepForward();
  });
  connect(playButton_, &QPushButton::clicked, this, [this] { animation_.isActive() ? pause() : play(); });
  connect(stepButton, &QPushButton::clicked, this, &LassoPlaneView::stepForward);
  connect(resetButton, &QPushButton::clicked, this, &LassoPlaneView::rewind);
  connect(manualSlider_, &QSlider::valueChanged, this, [this](int v) {
    manualStep_ = sliderStep(v);
    redraw();
  });
  connect(take, &QPushButton::clicked, this, &LassoPlaneView::takeManualStep);
  connect(snap, &QPushButton::clicked, this, &LassoPlaneView::snapToOracle);
  connect(restart, &QPushButton::clicked, this, [this] {
    manual_.clear();
    nextOracle_ = 1.0;
    redraw();
  });
  lambdaText_->setText(QString("λ = %1 λ_max").arg(settings_.lambda, 0, 'f', 3));
  resize(1100, 820);
  request();
}

LassoPlaneView::~LassoPlaneView() {
  thread_.quit();
  thread_.wait();
}

void LassoPlaneView::request() {
  debounce_.stop();
  latest_ = worker_->requestPicture(settings_);
}

void LassoPlaneView::setLambda(double lambda) {
  lambda_->setValue(lambdaSlider(lambda));
  settings_.lambda = lambda;  // exactly, not the slider's rounding
  request();
}

void LassoPlaneView::startFrom(const PlaneSettings& settings) {
  pause();
  shown_ = 0;
  manual_.clear();
  nextOracle_ = 1.0;
  settings_ = settings;
  {
    const QSignalBlocker blockDimension(dimension_), blockLambda(lambda_);
    dimension_->setCurrentIndex(settings.n == 2 ? 1 : 0);
    lambda_->setValue(lambdaSlider(settings.lambda));
  }
  lambdaText_->setText(QString("λ = %1 λ_max").arg(settings_.lambda, 0, 'f', 3));
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
  levels_->data()->setSize(picture.grid, picture.grid);
  levels_->data()->setRange(QCPRange(picture.gridXMin, picture.gridXMax), QCPRange(picture.gridYMin, picture.gridYMax));
  for (int iy = 0; iy < picture.grid; ++iy)
    for (int ix = 0; ix < picture.grid; ++ix) levels_->data()->setCell(ix, iy, picture.logGap[iy * picture.grid + ix]);
  levels_->rescaleDataRange(true);
  redraw();
  fitView();
  emit pictureShown();
}

void LassoPlaneView::fitView() {
  // The picture's square box, widened along one axis to the plot's shape: equal scales, so level sets
  // and steps are not distorted, and nothing of the box is cut.
  plane_->replot();  // lays out the axis rect
  const QRect rect = plane_->axisRect()->rect();
  std::vector<PlanePoint> path;
  for (const ManualStep& m : manual_) path.push_back({m.grad[0], m.grad[1]}), path.push_back({m.to[0], m.to[1]});
  const PlaneBox box = planeBoxHolding({picture_.xMin, picture_.xMax, picture_.yMin, picture_.yMax}, path);
  double x0 = box.xMin, x1 = box.xMax, y0 = box.yMin, y1 = box.yMax;
  if (rect.width() > 0 && rect.height() > 0) {
    const double perPixelX = (x1 - x0) / rect.width(), perPixelY = (y1 - y0) / rect.height();
    if (perPixelX > perPixelY) {
      const double grow = 0.5 * (perPixelX * rect.height() - (y1 - y0));
      y0 -= grow, y1 += grow;
    } else {
      const double grow = 0.5 * (perPixelY * rect.width() - (x1 - x0));
      x0 -= grow, x1 += grow;
    }
  }
  plane_->xAxis->setRange(x0, x1);
  plane_->yAxis->setRange(y0, y1);
  plane_->replot(QCustomPlot::rpQueuedReplot);
  // Level sets everywhere in sight: a view beyond the cost grid asks for a wider one (the grid's
  // cells then grow; the picture's own grid comes back with the next problem).
  const PlaneBox grid{picture_.gridXMin, picture_.gridXMax, picture_.gridYMin, picture_.gridYMax};
  if (!grid.holds(x0, y0) || !grid.holds(x1, y1)) {
    const double cx = 0.5 * (x0 + x1), cy = 0.5 * (y0 + y1), half = 0.75 * std::max(x1 - x0, y1 - y0);
    worker_->requestGrid(cx - half, cx + half, cy - half, cy + half, picture_.grid);
  }
}

void LassoPlaneView::showGrid(const PlaneGrid& grid) {
  if (grid.generation != latest_ || grid.samples < 2) return;
  picture_.gridXMin = grid.xMin, picture_.gridXMax = grid.xMax, picture_.gridYMin = grid.yMin, picture_.gridYMax = grid.yMax;
  picture_.grid = grid.samples;
  picture_.logGap = grid.logGap;
  levels_->data()->setSize(grid.samples, grid.samples);
  levels_->data()->setRange(QCPRange(grid.xMin, grid.xMax), QCPRange(grid.yMin, grid.yMax));
  for (int iy = 0; iy < grid.samples; ++iy)
    for (int ix = 0; ix < grid.samples; ++ix) levels_->data()->setCell(ix, iy, grid.logGap[iy * grid.samples + ix]);
  plane_->replot(QCustomPlot::rpQueuedReplot);
  emit gridShown();
}

void LassoPlaneView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (picture_.grid > 0) fitView();
}

void LassoPlaneView::setManualStep(double stepTimesL) {
  {
    const QSignalBlocker blocker(manualSlider_);
    manualSlider_->setValue(stepSlider(stepTimesL));
  }
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
