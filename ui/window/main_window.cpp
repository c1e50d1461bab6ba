#include "window/main_window.h"

#include "io/output_files.h"
#include "run/run_status.h"
#include "window/run_keys.h"

#include "plots/cost_decrease_plot.h"
#include "plots/coupling_plot.h"
#include "plots/learned_steps_plot.h"
#include "plots/method_palette.h"
#include "plots/support_raster_plot.h"
#include "plots/support_ratio_plot.h"
#include "plots/training_curves_plot.h"
#include "teaching/lasso_plane_view.h"
#include "teaching/lesson_panel.h"
#include "window/robustness_panel.h"
#include "window/settings_panel.h"
#include "window/status_line.h"
#include "window/welcome_banner.h"

#include <QAction>
#include <QResizeEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace unfold::ui {

namespace {
constexpr int kDebounceMs = 150;  // a dragged slider runs once it rests, never a queue of runs
constexpr int kRedrawMs = 33;     // at most ~30 redraws a second, whatever the solver's speed
constexpr int kSlowestRedrawMs = 500;  // and at least 2, however slow drawing is
constexpr int kStatusClockMs = 250;
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
  connect(&debounce_, &QTimer::timeout, this, [this] { requestRun(paused_); });
  connect(settings_, &SettingsPanel::changed, &debounce_, qOverload<>(&QTimer::start));
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
}

MainWindow::~MainWindow() {
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
  progress_->setFixedWidth(220);
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
  steps->raise();
  stepsDock_ = steps;
  couplingDock_ = coupling;
  defaultDockShares();
  // Small screens (1024 x 700): every plot may shrink; the dock columns follow the window (resizeEvent).
  for (WorkbenchPlot* plot : plots()) plot->setMinimumSize(140, 110);
  connect(settings_, &SettingsPanel::inspectChanged, this, &MainWindow::showInspected);
  connect(costPlot_, &CostDecreasePlot::statisticChanged, this, &MainWindow::updateStatus);
  buildLessonsDock();
  connect(ratioPlot_, &SupportRatioPlot::signalPicked, this, [this](int signal) {
    settings_->setInspection(settings_->inspectedMethod(), signal);  // the plots follow, nothing reruns
  });
}

QList<WorkbenchPlot*> MainWindow::plots() const {
  return {costPlot_, supportPlot_, ratioPlot_, stepsPlot_, couplingPlot_, trainingPlot_};
}

void MainWindow::startDefaultRun() {
  paused_ = false;
  requestRun(false);
}

void MainWindow::requestRun(bool startPaused, int pausedAt) {
  settings_->commitTypedValues();  // its changed() would start the debounce: stopped next
  debounce_.stop();
  robustnessInspection_.reset();  // the inspector follows the new run
  failure_.clear();
  RunRequest request{settings_->settings(), {}, startPaused, pausedAt};
  protectInputsOf(request.settings);
  rememberSettings();  // at every run, not only on a clean quit: a killed window keeps them too
  if (sameTrainingSettings(request.settings, pretrainedFor_)) request.pretrained = pretrained_;
  latestGeneration_ = worker_->requestRun(request);
  welcome_->setRunStarted(true);
  // An export's message stands over the run's status for 15 s: the run the user just asked for is the news.
  statusBar()->clearMessage();
  for (WorkbenchPlot* plot : plots()) plot->resetView();  // new results, fitting views
  running_ = true;
  paused_ = startPaused;
  stopping_ = false;
  statusClock_.start();
  updateControls();
  updateStatus();
}

void MainWindow::stop() {
  debounce_.stop();
  if (!running_) return;
  worker_->stop();  // its last snapshot (RunPhase::Stopped) and finished() follow within one step
  stopping_ = true;
  updateStatus();
}

void MainWindow::togglePause() {
  if (!running_ && debounce_.isActive()) {  // a setting has just changed: the run it starts, paused
    requestRun(true);
    return;
  }
  if (!running_ || stopping_) return;
  paused_ = !paused_;
  if (paused_) worker_->gate().pause();
  else worker_->gate().resume();
  updateControls();
  updateStatus();
}

void MainWindow::step() {
  if (!running_) {  // F10 on a finished run: again from the start, and this press is its first step
    requestRun(true, 1);
    return;
  }
  if (stopping_) return;
  paused_ = true;
  worker_->gate().step();
  updateControls();
  updateStatus();
}

void MainWindow::reset() { requestRun(true); }

void MainWindow::acceptSnapshot(const ConvergenceSnapshot& snapshot) {
  if (snapshot.generation != latestGeneration_) return;  // answers a superseded request: never shown
  pending_ = snapshot;
  hasPending_ = true;
  // Paced, the first snapshot of a new request included: when F* is quick, the solvers' first results
  // replace it before it is drawn, and the plots do not flash empty while a slider is dragged.
  if (!redrawTimer_.isActive()) redrawTimer_.start();
  // The snapshot a pause or a step waited for is drawn at once, not at the pace of a busy run's redraws
  // (up to half a second): the person who pressed the key is looking.
  if (snapshot.paused) redrawTimer_.start(0);
}

namespace {

// What the cost plot shows, in a few numbers: an update that leaves them equal leaves the plot as it is
// (while networks train, the solvers' curves do not change and need no redrawing).
QVector<qint64> costPlotKey(const ConvergenceSnapshot& s) {
  QVector<qint64> key{qint64(s.generation), s.curves.size(), s.networks.size()};
  for (const ConvergenceCurve& c : s.curves) key << c.gapMean.size();
  for (const NetworkCurve& n : s.networks) key << n.layerGap.size();
  return key;
}

}  // namespace

void MainWindow::redraw() {
  if (!hasPending_) return;
  hasPending_ = false;
  QElapsedTimer cost;
  cost.start();
  const bool costChanged = costPlotKey(pending_) != costPlotKey(shown_);
  const bool networksChanged = !(pending_.networks.isEmpty() && shown_.networks.isEmpty() && pending_.generation == shown_.generation);
  shown_ = pending_;
  if (costChanged) costPlot_->showSnapshot(shown_);
  if (networksChanged) {
    // Of the two tabbed plots, the one that has something to say: coupling when only LISTA / LISTA-CP train;
    // the Robustness tab, once raised (by the user or a lesson), stays in front. (A tab behind another is
    // moved out of the window, not hidden.)
    const bool robustnessInFront = !plotDocks_.value("robustness")->visibleRegion().isEmpty();
    if (!shown_.networks.isEmpty() && shown_.networks.size() != shownNetworkCount_ && !robustnessInFront) {
      bool onlyCoupled = true;
      for (const NetworkCurve& n : shown_.networks)
        onlyCoupled &= n.kind == Parametrization::Lista || n.kind == Parametrization::ListaCp;
      (onlyCoupled ? couplingDock_ : stepsDock_)->raise();
    }
    shownNetworkCount_ = shown_.networks.size();
    showNetworks();
  }
  shownGeneration_ = shown_.generation;
  if (shown_.complete) robustness_->setRun(shown_);  // its networks, once trained
  if (shown_.request.source == ProblemSource::Files) {
    QString sizes = QString("n = %1, m = %2; %3 test signals").arg(shown_.dimension).arg(shown_.atoms).arg(shown_.testSignals);
    if (shown_.trainingSignals > 0) sizes += QString(", %1 training").arg(shown_.trainingSignals);
    settings_->setImportedSizes(shown_.request.dictionaryFile, shown_.request.signalsFile, sizes);
  }
  settings_->setInspectableSignals(shown_.inspected, shown_.testSignals);
  QList<Algorithm> solvers;
  for (const ConvergenceCurve& c : shown_.curves)
    if (!c.network) solvers << c.algorithm;
  if (!solvers.isEmpty()) settings_->setInspectableMethods(solvers);
  showInspected();
  updateControls();  // Pause reads Start or Resume by the t shown
  updateStatus();
  afterRedraw(cost);
}

void MainWindow::redrawAll() {
  costPlot_->showSnapshot(shown_);
  showNetworks();
  inspectorKey_.clear();
  showInspected();
}

void MainWindow::showNetworks() {
  stepsPlot_->showSnapshot(shown_);
  couplingPlot_->showSnapshot(shown_);
  trainingPlot_->showSnapshot(shown_);
}

void MainWindow::afterRedraw(const QElapsedTimer& cost) {
  // The plots repaint from queued events; once they are done, the time it all took sets the pace of
  // the next redraws: the UI thread spends at most ~7 % of its time drawing, so that on a machine with
  // few cores the computation keeps its speed.
  QTimer::singleShot(0, this, [this, cost] {
    redrawTimer_.setInterval(std::clamp(static_cast<int>(15 * cost.elapsed()), kRedrawMs, kSlowestRedrawMs));
  });
  emit redrawn();
}

void MainWindow::showInspected() {
  costPlot_->setInspectedMethod(settings_->inspectedMethod());
  robustness_->setInspectionShown(robustnessInspection_.has_value());
  settings_->setInspectedElsewhere(robustnessInspection_ ? QString("%1, %2 from Robustness")
                                                               .arg(methodLabel(robustnessMethod()), robustnessInspection_->signalName(0))
                                                         : QString());
  if (robustnessInspection_) {
    inspectorKey_.clear();
    supportPlot_->showSignal(*robustnessInspection_, robustnessMethod(), 0);
    ratioPlot_->showSignal(*robustnessInspection_, robustnessMethod(), 0);
    return;
  }
  const Algorithm method = settings_->inspectedMethod();
  const int signal = settings_->inspectedSignal();
  int iterates = 0;
  for (const ConvergenceCurve& c : shown_.curves)
    if (c.algorithm == method) iterates = c.iterates();
  const QString key = QString("%1/%2/%3/%4").arg(shown_.generation).arg(int(method)).arg(signal).arg(iterates);
  if (key == inspectorKey_) return;
  inspectorKey_ = key;
  supportPlot_->showSignal(shown_, method, signal);
  ratioPlot_->showSignal(shown_, method, signal);
}

void MainWindow::updateControls() {
  // While a run is in progress, F5 discards it and starts again: after Reset the toolbar read "Run" next
  // to "Resume", two names for going on from t = 0.
  runAction_->setText(running_ ? "Restart" : "Run");
  runAction_->setToolTip(running_ ? "Start again from t = 0 on the current settings (F5)" : "Run the methods on the current settings (F5)");
  // Also while a changed setting waits to start its run: Space then starts it paused. Disabled, it would
  // leave Space to a box reached with Tab, whose tick throws that run away for another.
  pauseAction_->setEnabled((running_ && !stopping_) || debounce_.isActive());
  pauseAction_->setText(!paused_ ? "Pause" : pausedBeforeItsStart() ? "Start" : "Resume");
  stopAction_->setEnabled(running_ && !stopping_);
}

bool MainWindow::pausedBeforeItsStart() const {
  // After Reset, or a change that starts its run paused, nothing has run: "Resume" named what never ran.
  return paused_ && (shown_.generation != latestGeneration_ || (shown_.phase <= RunPhase::Solving && shown_.iteration() <= 0));
}

QString MainWindow::statusText() const { return statusText_->status(); }

void MainWindow::updateStatus() {
  const ConvergenceSnapshot& s = shown_;
  const bool current = s.generation == latestGeneration_;
  const RunStatus status = describeRun(s, current, {running_, paused_, stopping_, worker_->gate().runningSeconds(), failure_, costPlot_->median()});
  if (!running_ || paused_) statusClock_.stop();
  else if (!statusClock_.isActive()) statusClock_.start();  // resumed
  progress_->setVisible(status.progress >= 0);
  if (status.progress >= 0) {
    progress_->setRange(0, 1000);
    progress_->setValue(static_cast<int>(1000 * status.progress));
    progress_->setFormat(status.progressLabel + "  %p%");
  }
  statusText_->setStatus(status.text);
}

void MainWindow::onFinished(quint64 generation) {
  if (generation != latestGeneration_) return;
  redraw();  // the final snapshot, now
  running_ = paused_ = stopping_ = false;
  // The trained networks are kept for sessions and reruns, tagged with the settings that trained them
  // (the request the snapshot answers, not the form, which may have changed since).
  if (shown_.generation == generation && shown_.complete && !shown_.networks.isEmpty()) {
    pretrained_.clear();
    for (const NetworkCurve& n : shown_.networks)
      if (n.trained) pretrained_[n.kind] = n.network;
    pretrainedFor_ = shown_.request;
  }
  updateControls();
  updateStatus();
  emit runFinished();
}

void MainWindow::onFailed(quint64 generation, const QString& message) {
  if (generation != latestGeneration_) return;
  failure_ = message;
  // The form goes back to the problem the plots still show: controls, plots and status agree, and that
  // problem, not the refused one, is what the next launch starts from.
  if (shown_.generation > 0) settings_->setSettings(shown_.request, SettingsPanel::Quietly);
  markSessionChanged();
  rememberSettings();
  updateStatus();
  emit runFailed(message);
  if (dialogsEnabled_) QMessageBox::warning(this, "Unfold Lab", message);
}

}  // namespace unfold::ui
