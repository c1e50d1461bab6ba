#include "main_window.h"

#include "cost_decrease_plot.h"
#include "coupling_plot.h"
#include "lasso_plane_view.h"
#include "learned_steps_plot.h"
#include "settings_panel.h"
#include "support_raster_plot.h"
#include "support_ratio_plot.h"
#include "training_curves_plot.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>

#include <algorithm>
#include <limits>

namespace unfold::ui {

namespace {
constexpr int kDebounceMs = 150;  // a dragged slider runs once it rests, never a queue of runs
constexpr int kRedrawMs = 33;     // at most ~30 redraws a second, whatever the solver's speed
constexpr int kSlowestRedrawMs = 500;  // and at least 2, however slow drawing is

QString duration(double seconds) {
  if (seconds < 60) return QString("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 1 : 0);
  return QString("%1 min %2 s").arg(int(seconds) / 60).arg(int(seconds) % 60);
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  qRegisterMetaType<ConvergenceSnapshot>();
  qRegisterMetaType<ExperimentSettings>();
  setWindowTitle("Unfold Lab");
  buildDocks();
  resize(1600, 950);

  worker_ = new SolverWorker;
  worker_->moveToThread(&workerThread_);
  connect(&workerThread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &SolverWorker::snapshotReady, this, &MainWindow::acceptSnapshot, Qt::QueuedConnection);
  connect(worker_, &SolverWorker::finished, this, &MainWindow::onFinished, Qt::QueuedConnection);
  connect(worker_, &SolverWorker::failed, this, [this](quint64 generation, const QString& message) {
    if (generation == latestGeneration_) QMessageBox::warning(this, "Unfold Lab", message);
  });
  workerThread_.start();

  debounce_.setSingleShot(true);
  debounce_.setInterval(kDebounceMs);
  connect(&debounce_, &QTimer::timeout, this, [this] { requestRun(paused_); });
  connect(settings_, &SettingsPanel::changed, &debounce_, qOverload<>(&QTimer::start));
  redrawTimer_.setSingleShot(true);
  redrawTimer_.setInterval(kRedrawMs);
  connect(&redrawTimer_, &QTimer::timeout, this, &MainWindow::redraw);

  buildMenusAndToolbar();
  statusText_ = new QLabel("Ready");
  statusText_->setObjectName("status");
  statusBar()->addWidget(statusText_, 1);
  progress_ = new QProgressBar;
  progress_->setFixedWidth(220);
  progress_->setTextVisible(true);
  progress_->setVisible(false);
  statusBar()->addPermanentWidget(progress_);
}

MainWindow::~MainWindow() {
  delete plane_;  // its own window and worker thread
  worker_->cancel();  // the solvers' observers and the gate see it at once
  workerThread_.quit();
  workerThread_.wait();
}

void MainWindow::buildDocks() {
  costPlot_ = new CostDecreasePlot(this);
  setCentralWidget(costPlot_);
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
  QDockWidget* ratio = plotDock(ratioPlot_, "L_S / L", "ratio", Qt::BottomDockWidgetArea);
  QDockWidget* steps = plotDock(stepsPlot_, "Learned steps", "steps", Qt::RightDockWidgetArea);
  QDockWidget* coupling = plotDock(couplingPlot_, "Weight coupling", "coupling", Qt::RightDockWidgetArea);
  QDockWidget* training = plotDock(trainingPlot_, "Training", "training", Qt::RightDockWidgetArea);
  setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);  // the network plots get the full height
  splitDockWidget(support, ratio, Qt::Horizontal);
  splitDockWidget(steps, training, Qt::Vertical);
  tabifyDockWidget(steps, coupling);
  steps->raise();
  stepsDock_ = steps;
  couplingDock_ = coupling;
  resizeDocks({support}, {380}, Qt::Vertical);
  resizeDocks({steps}, {420}, Qt::Horizontal);
  connect(settings_, &SettingsPanel::inspectChanged, this, &MainWindow::showInspected);
  buildLessonsDock();
  connect(ratioPlot_, &SupportRatioPlot::signalPicked, this, [this](int signal) {
    settings_->signalChoice()->setValue(signal);  // inspectChanged: the plots follow, nothing reruns
  });
}

QList<QCustomPlot*> MainWindow::plots() const {
  return {costPlot_, supportPlot_, ratioPlot_, stepsPlot_, couplingPlot_, trainingPlot_};
}

void MainWindow::startDefaultRun() {
  paused_ = false;
  requestRun(false);
}

void MainWindow::requestRun(bool startPaused) {
  debounce_.stop();
  pendingDetail_.reset();  // iterates of the previous request
  runClock_.start();
  const ExperimentSettings settings = settings_->settings();
  // The network plots take a third of the window: shown when the run trains networks, else hidden
  // (View menu brings them back). Only on a change, so that a user's choice within a kind of run stays.
  if (settings.anyNetwork() != networkDocksShown_) {
    networkDocksShown_ = settings.anyNetwork();
    for (const char* name : {"steps", "coupling", "training"}) plotDocks_[name]->setVisible(networkDocksShown_);
    if (networkDocksShown_) stepsDock_->raise();
  }
  RunRequest request{settings, sameTrainingSettings(settings, pretrainedFor_) ? pretrained_ : QHash<QString, QString>{}, startPaused};
  latestGeneration_ = worker_->requestRun(request);
  for (QCustomPlot* plot : plots()) static_cast<WorkbenchPlot*>(plot)->resetView();  // new results, fitting views
  running_ = true;
  stopAction_->setEnabled(true);
  pauseAction_->setEnabled(true);
  pauseAction_->setText(startPaused ? "Resume" : "Pause");
  statusText_->setText(startPaused ? "Paused at t = 0: Space resumes, F10 steps" : "Running…");
}

void MainWindow::stop() {
  debounce_.stop();
  worker_->cancel();
  running_ = paused_ = false;
  stopAction_->setEnabled(false);
  pauseAction_->setEnabled(false);
  pauseAction_->setText("Pause");
  progress_->setVisible(false);
  statusText_->setText("Stopped");
}

void MainWindow::togglePause() {
  if (!running_) return;
  paused_ = !paused_;
  if (paused_) worker_->gate().pause();
  else worker_->gate().resume();
  pauseAction_->setText(paused_ ? "Resume" : "Pause");
  updateStatus();
}

void MainWindow::step() {
  if (!running_) {  // F10 on a finished run: start again from t = 0, one step at a time
    reset();
    return;
  }
  paused_ = true;
  worker_->gate().step();
  pauseAction_->setText("Resume");
}

void MainWindow::reset() {
  paused_ = true;
  requestRun(true);
}

void MainWindow::acceptSnapshot(const ConvergenceSnapshot& snapshot) {
  if (snapshot.generation != latestGeneration_) return;  // answers a superseded request: never shown
  pending_ = snapshot;
  hasPending_ = true;
  // The iterates come in few snapshots (solvers done, or paused): a lighter one arriving before the
  // next redraw must not drop them.
  if (snapshot.hasDetail) pendingDetail_ = snapshot;
  if (!redrawTimer_.isActive()) redrawTimer_.start();
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
    // Of the two tabbed plots, the one that has something to say: coupling when only LISTA / LISTA-CP train.
    if (!shown_.networks.isEmpty() && shown_.networks.size() != shownNetworkCount_) {
      bool onlyCoupled = true;
      for (const NetworkCurve& n : shown_.networks) onlyCoupled &= n.method == "LISTA" || n.method == "LISTA-CP";
      (onlyCoupled ? couplingDock_ : stepsDock_)->raise();
    }
    shownNetworkCount_ = shown_.networks.size();
    stepsPlot_->showSnapshot(shown_);
    couplingPlot_->showSnapshot(shown_);
    trainingPlot_->showSnapshot(shown_);
  }
  shownGeneration_ = shown_.generation;
  if (pendingDetail_) {
    detailed_ = *pendingDetail_;
    pendingDetail_.reset();
    settings_->setInspectableSignals(detailed_.inspected);
    showInspected();
  }
  updateStatus();
  // The plots repaint from queued events; once they are done, the time it all took sets the pace of
  // the next redraws: the UI thread spends at most ~7 % of its time drawing, so that on a machine with
  // few cores the computation keeps its speed.
  QTimer::singleShot(0, this, [this, cost] {
    redrawTimer_.setInterval(std::clamp(static_cast<int>(15 * cost.elapsed()), kRedrawMs, kSlowestRedrawMs));
  });
  emit redrawn();
}

void MainWindow::updateStatus() {
  const ConvergenceSnapshot& s = shown_;
  double best = std::numeric_limits<double>::infinity();
  for (const ConvergenceCurve& c : s.curves)
    if (!c.gapMean.isEmpty()) best = std::min(best, c.gapMean.back());
  for (const NetworkCurve& n : s.networks)
    if (!n.layerGap.isEmpty()) best = std::min(best, n.layerGap.back());
  QString state = s.complete ? QString("done in %1").arg(duration(runClock_.elapsed() / 1000.0)) : "running…";
  if (paused_) state = s.pausedAt >= 0 ? QString("paused at %1 %2").arg(s.networks.isEmpty() ? "t =" : "step").arg(s.pausedAt) : "paused";
  // Training progress: steps done over the budget of every planned network; ETA from the pace so far.
  const bool training = !s.complete && s.networksPlanned > 0 && !s.networks.isEmpty();
  progress_->setVisible(training && running_);
  if (training) {
    const int budget = s.networks.front().maxIterations;
    double done = 0, seconds = 0;
    for (const NetworkCurve& n : s.networks) {
      done += n.trained ? budget : n.trainIteration.isEmpty() ? 0 : n.trainIteration.back();
      seconds += n.trainingSeconds;
    }
    const double total = double(budget) * s.networksPlanned;
    progress_->setRange(0, 1000);
    progress_->setValue(static_cast<int>(1000 * done / std::max(1.0, total)));
    progress_->setFormat(QString("training %1  %p%").arg(s.networks.back().method));
    const double eta = done > 0 ? seconds / done * (total - done) : 0;
    state = QString("training %1: %2 elapsed, ETA %3").arg(s.networks.back().method, duration(seconds),
                                                          done > 0 ? duration(eta) : "…") + (paused_ ? ", paused" : "");
  }
  statusText_->setText(QString("%1   ·   L = %2   ·   mean λ_max = %3   ·   best F − F* = %4   ·   %5")
                           .arg(s.problem)
                           .arg(s.lipschitz, 0, 'g', 5)
                           .arg(s.meanLambdaMax, 0, 'g', 4)
                           .arg(best, 0, 'e', 2)
                           .arg(state));
}

void MainWindow::showInspected() {
  supportPlot_->showSignal(detailed_, settings_->inspectedMethod(), settings_->inspectedSignal());
  ratioPlot_->showSignal(detailed_, settings_->inspectedMethod(), settings_->inspectedSignal());
}

void MainWindow::onFinished(quint64 generation) {
  if (generation != latestGeneration_) return;
  redraw();  // the final snapshot, now
  running_ = paused_ = false;
  stopAction_->setEnabled(false);
  pauseAction_->setEnabled(false);
  pauseAction_->setText("Pause");
  progress_->setVisible(false);
  // The trained networks are kept for sessions and reruns; other training settings retrain them.
  if (shown_.complete && !shown_.networks.isEmpty()) {
    pretrained_.clear();
    for (const NetworkCurve& n : shown_.networks) pretrained_.insert(n.method, n.weightsJson);
    pretrainedFor_ = settings_->settings();
  }
  updateStatus();
  emit runFinished();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  // The settings only: trained weights can run to megabytes (LISTA's m x m matrices per layer) and
  // belong in session files, not in QSettings.
  Session last = currentSession();
  last.networks.clear();
  QSettings().setValue("lastSession", formatSession(last));
  QMainWindow::closeEvent(event);
}

}  // namespace unfold::ui
