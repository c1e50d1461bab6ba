// The workbench's window: its form, plots and docks, its timers, and the connections between them and
// the worker (the run controls: main_window_run.cpp; snapshots to plots: main_window_redraw.cpp).
#include "window/main_window.h"

#include "io/output_files.h"
#include "window/dock_tab_names.h"
#include "window/refused_value_notice.h"
#include "window/run_keys.h"

#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "teaching/lasso_plane_view.h"
#include "teaching/lesson_panel.h"
#include "window/robustness_panel.h"
#include "window/settings_panel.h"
#include "window/status_line.h"
#include "window/welcome_banner.h"

#include <QDockWidget>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

namespace unfold::ui {

namespace {
constexpr int kDebounceMs = 150;  // a dragged slider runs once it rests, never a queue of runs
constexpr int kStatusClockMs = 250;
constexpr int kRefusedValueMessageMs = 8000;
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  qRegisterMetaType<ConvergenceSnapshot>();
  qRegisterMetaType<ExperimentSettings>();
  setWindowTitle("Unfold Lab");
  buildDocks();
  resize(1600, 950);

  connect(worker_.worker(), &SolverWorker::snapshotReady, this, &MainWindow::acceptSnapshot, Qt::QueuedConnection);
  connect(worker_.worker(), &SolverWorker::finished, this, &MainWindow::onFinished, Qt::QueuedConnection);
  connect(worker_.worker(), &SolverWorker::failed, this, &MainWindow::onFailed, Qt::QueuedConnection);

  debounce_.setSingleShot(true);
  debounce_.setInterval(kDebounceMs);
  connect(&debounce_, &QTimer::timeout, this, [this] {
    const bool steppedOn = running_ && paused_ && shown_.generation == latestGeneration_ && shown_.iteration() > 0;
    requestRun(paused_);
    if (steppedOn) startedOver_ = {latestGeneration_, 0, "a value changed, so the run started over"};
    updateStatus();
  });
  // Once results show, a changed value runs again by itself (the plots follow the form). Before the first
  // run a person is still setting up: ticking a network started its training, and the F5 the welcome
  // asks for then threw that training away.
  connect(settings_, &SettingsPanel::changed, this, [this] {
    if (latestGeneration_ > 0) debounce_.start();
  });
  connect(settings_, &SettingsPanel::changed, this, &MainWindow::updateControls);  // Pause: the run to come
  connect(settings_, &SettingsPanel::changed, this, &MainWindow::markSessionChanged);
  redrawTimer_.setSingleShot(true);
  redrawTimer_.setInterval(kRedrawMs);
  connect(&redrawTimer_, &QTimer::timeout, this, &MainWindow::redraw);
  // The elapsed time in the status bar moves on between snapshots (F* can take seconds).
  statusClock_.setInterval(kStatusClockMs);
  connect(&statusClock_, &QTimer::timeout, this, &MainWindow::updateStatus);

  buildMenusAndToolbar();
  buildStatusBar();
  redrawAll();  // before any run: empty plots that say what would show
  installRunKeys(this, {runAction_, pauseAction_, stepAction_, stopAction_, resetAction_});
  explainRefusedValues(this, [this](const QString& why) {
    statusBar()->showMessage(why, kRefusedValueMessageMs);
    refusalShownUntil_.setRemainingTime(kRefusedValueMessageMs);
  });
}

MainWindow::~MainWindow() {
  // ~QWidget hides the docks after this destructor has run: no slot may then run on this half-destroyed
  // window.
  for (QDockWidget* d : std::as_const(plotDocks_)) d->disconnect(this);
  delete plane_;  // its own window and worker thread
  worker_->cancel();  // the solvers' observers and the gate see it at once; worker_ then joins its thread
  setStandingInputs(this, {});  // its imported files are no one's inputs once it is gone (another window's still are)
}

void MainWindow::buildWelcome() {
  auto* welcome = new WelcomeBanner;
  welcome_ = welcome;
  welcome->setVisible(!WelcomeBanner::dismissedBefore());
  connect(welcome, &WelcomeBanner::runRequested, this, &MainWindow::startDefaultRun);
  connect(welcome, &WelcomeBanner::lessonRequested, this, [this] {
    showLessons();
    lessons_->startLesson(0);
  });
}

void MainWindow::buildStatusBar() {
  statusText_ = new StatusLine("Ready: press Run (F5)");
  statusText_->setObjectName("status");
  statusText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  statusBar()->addWidget(statusText_, 1);
  progress_ = new QProgressBar;
  // Wide enough for its longest text, "training LISTA-CP  100%", in the desktop's font (at 220 px a large
  // font ran the text over the bar's edge).
  progress_->setFixedWidth(std::max(220, progress_->fontMetrics().horizontalAdvance("training LISTA-CP  100%") + 40));
  progress_->setTextVisible(true);
  progress_->setVisible(false);
  statusBar()->addPermanentWidget(progress_);
}

void MainWindow::buildDocks() {
  costPlot_ = new CostDecreasePlot(this);
  auto* centre = new QWidget;
  auto* column = new QVBoxLayout(centre);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(0);
  buildWelcome();
  column->addWidget(welcome_);
  column->addWidget(costPlot_, 1);
  setCentralWidget(centre);
  settings_ = new SettingsPanel;
  auto* dock = new QDockWidget("Experiment", this);
  dock->setObjectName("experiment");
  auto* scroll = new QScrollArea;  // the form scrolls rather than force a tall window
  scroll->setWidget(settings_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(settings_->sizeHint().width() + 20);
  dock->setWidget(scroll);
  experimentDock_ = dock;
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, dock);
  // The other plots are docks too: the user rearranges, floats or tabs them.
  supportPlot_ = new SupportRasterPlot;
  ratioPlot_ = new SupportRatioPlot;
  stepsPlot_ = new LearnedStepsPlot;
  couplingPlot_ = new CouplingPlot;
  trainingPlot_ = new TrainingCurvesPlot;
  const auto plotDock = [this](QWidget* plot, const QString& title, const QString& name, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(plot);
    addDockWidget(area, d);
    plotDocks_.insert(name, d);
    return d;
  };
  QDockWidget* support = plotDock(supportPlot_, "Support evolution", "support", Qt::BottomDockWidgetArea);
  QDockWidget* ratio = plotDock(ratioPlot_, "Lₛ / L", "ratio", Qt::BottomDockWidgetArea);
  QDockWidget* steps = plotDock(stepsPlot_, "Learned steps", "steps", Qt::RightDockWidgetArea);
  QDockWidget* coupling = plotDock(couplingPlot_, "Weight coupling", "coupling", Qt::RightDockWidgetArea);
  QDockWidget* training = plotDock(trainingPlot_, "Training", "training", Qt::RightDockWidgetArea);
  setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);  // the network plots get the full height
  setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);    // and so does the form, on small screens
  splitDockWidget(support, ratio, Qt::Horizontal);
  splitDockWidget(steps, training, Qt::Vertical);
  tabifyDockWidget(steps, coupling);
  buildRobustnessDock();  // behind Learned steps
  nameTabsByWidth(training, {{steps, "Learned steps", "Steps"}, {coupling, "Weight coupling", "Coupling"},
                             {plotDocks_.value("robustness"), "Robustness", "Robustness"}});
  steps->raise();
  stepsDock_ = steps;
  couplingDock_ = coupling;
  defaultDockShares();
  // Small screens (1024 x 700): every plot may shrink; the dock columns follow the window (resizeEvent).
  for (WorkbenchPlot* plot : plots()) plot->setMinimumSize(140, 110);
  connect(settings_, &SettingsPanel::inspectChanged, this, &MainWindow::showInspected);
  connect(costPlot_, &CostDecreasePlot::statisticChanged, this, &MainWindow::updateStatus);
  buildLessonsDock();
  // A plot closed stays closed at the next launch, as in any desktop application; remembered at once, so
  // that a killed window keeps it too. The View menu brings it back.
  closedAtLastLaunch_ = QSettings().value("closedPlots").toStringList();
  for (QDockWidget* d : std::as_const(plotDocks_))
    connect(d, &QDockWidget::visibilityChanged, this, &MainWindow::rememberClosedPlots);
  connect(ratioPlot_, &SupportRatioPlot::signalPicked, this, [this](int signal) {
    settings_->setInspectedSignal(signal);  // the plots follow, nothing reruns
  });
}

QList<WorkbenchPlot*> MainWindow::plots() const {
  return {costPlot_, supportPlot_, ratioPlot_, stepsPlot_, couplingPlot_, trainingPlot_};
}

void MainWindow::startDefaultRun() {
  // Start: the run that waits at t = 0 goes on, unless a value typed or changed since asks for another.
  if (pausedBeforeItsStart()) {
    settings_->commitTypedValues();  // a changed value starts the debounce
    if (!debounce_.isActive()) {
      togglePause();
      return;
    }
  }
  paused_ = false;
  requestRun(false);
}

}  // namespace unfold::ui
