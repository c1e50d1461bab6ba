#include "main_window.h"

#include "cost_decrease_plot.h"
#include "plot_export.h"
#include "settings_panel.h"
#include "support_raster_plot.h"
#include "support_ratio_plot.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QSettings>
#include <QSpinBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

#include <algorithm>
#include <limits>

namespace unfold::ui {

namespace {
constexpr int kDebounceMs = 150;  // a dragged slider runs once it rests, never a queue of runs
constexpr int kRedrawMs = 33;     // at most ~30 redraws a second, whatever the solver's speed
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  qRegisterMetaType<ConvergenceSnapshot>();
  qRegisterMetaType<ExperimentSettings>();
  setWindowTitle("Unfold Lab");
  costPlot_ = new CostDecreasePlot(this);
  setCentralWidget(costPlot_);
  settings_ = new SettingsPanel;
  auto* dock = new QDockWidget("Experiment", this);
  dock->setObjectName("experiment");
  dock->setWidget(settings_);
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, dock);
  // The other plots are docks too: the user rearranges, floats or tabs them.
  supportPlot_ = new SupportRasterPlot;
  ratioPlot_ = new SupportRatioPlot;
  const auto plotDock = [this](QWidget* plot, const QString& title, const QString& name) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(plot);
    addDockWidget(Qt::BottomDockWidgetArea, d);
    return d;
  };
  QDockWidget* support = plotDock(supportPlot_, "Support evolution", "support");
  QDockWidget* ratio = plotDock(ratioPlot_, "L_S / L", "ratio");
  splitDockWidget(support, ratio, Qt::Horizontal);
  resizeDocks({support}, {400}, Qt::Vertical);
  connect(settings_, &SettingsPanel::inspectChanged, this, &MainWindow::showInspected);
  resize(1600, 900);

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
  connect(&debounce_, &QTimer::timeout, this, &MainWindow::startDefaultRun);
  connect(settings_, &SettingsPanel::changed, &debounce_, qOverload<>(&QTimer::start));
  redrawTimer_.setSingleShot(true);
  redrawTimer_.setInterval(kRedrawMs);
  connect(&redrawTimer_, &QTimer::timeout, this, &MainWindow::redraw);

  buildMenusAndToolbar();
  statusText_ = new QLabel("Ready");
  statusText_->setObjectName("status");
  statusBar()->addWidget(statusText_, 1);
}

MainWindow::~MainWindow() {
  worker_->cancel();  // the solver's observer sees it at its next iteration
  workerThread_.quit();
  workerThread_.wait();
}

void MainWindow::buildMenusAndToolbar() {
  runAction_ = new QAction("Run", this);
  runAction_->setShortcut(QKeySequence(Qt::Key_F5));
  runAction_->setToolTip("Run the methods on the current settings (F5)");
  connect(runAction_, &QAction::triggered, this, &MainWindow::startDefaultRun);
  stopAction_ = new QAction("Stop", this);
  stopAction_->setShortcut(QKeySequence(Qt::Key_Escape));
  stopAction_->setToolTip("Stop the run (Esc)");
  stopAction_->setEnabled(false);
  connect(stopAction_, &QAction::triggered, this, &MainWindow::stop);
  QToolBar* toolbar = addToolBar("Run");
  toolbar->setObjectName("run");
  toolbar->addAction(runAction_);
  toolbar->addAction(stopAction_);

  QMenu* file = menuBar()->addMenu("&File");
  file->addAction("&Open session…", QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open session", {}, "Unfold Lab session (*.json)");
    if (!path.isEmpty()) openSessionFile(path);
  });
  file->addAction("&Save session…", QKeySequence::Save, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, "Save session", "session.json", "Unfold Lab session (*.json)");
    if (path.isEmpty()) return;
    if (const QString error = saveSessionFile(path); !error.isEmpty()) QMessageBox::warning(this, "Save session", error);
  });
  recentMenu_ = file->addMenu("Open &recent");
  rebuildRecentMenu();
  QMenu* presets = file->addMenu("&Presets");
  for (const QString& name : presetNames()) {
    presets->addAction(name, this, [this, name] {
      QString error;
      if (const auto session = readPreset(name, &error)) applySession(*session);
      else QMessageBox::warning(this, "Presets", error);
    });
  }
  file->addSeparator();
  QAction* figure = file->addAction("Export cost &figure…", costPlot_, &WorkbenchPlot::exportFigureInteractively);
  figure->setShortcut(QKeySequence("Ctrl+E"));
  QAction* data = file->addAction("Export cost &data (CSV)…", costPlot_, &WorkbenchPlot::exportDataInteractively);
  data->setShortcut(QKeySequence("Ctrl+Shift+E"));
  file->addSeparator();
  QAction* quit = file->addAction("&Quit", this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  QMenu* run = menuBar()->addMenu("&Run");
  run->addAction(runAction_);
  run->addAction(stopAction_);
}

void MainWindow::startDefaultRun() {
  debounce_.stop();
  runClock_.start();
  latestGeneration_ = worker_->requestRun(settings_->settings());
  costPlot_->resetView();  // new results get a fitting view
  stopAction_->setEnabled(true);
  statusText_->setText("Running…");
}

void MainWindow::stop() {
  debounce_.stop();
  worker_->cancel();
  stopAction_->setEnabled(false);
  statusText_->setText("Stopped");
}

void MainWindow::acceptSnapshot(const ConvergenceSnapshot& snapshot) {
  if (snapshot.generation != latestGeneration_) return;  // answers a superseded request: never shown
  pending_ = snapshot;
  hasPending_ = true;
  if (!redrawTimer_.isActive()) redrawTimer_.start();
}

void MainWindow::redraw() {
  if (!hasPending_) return;
  hasPending_ = false;
  costPlot_->showSnapshot(pending_);
  shownGeneration_ = pending_.generation;
  if (pending_.complete) {
    complete_ = pending_;
    settings_->setInspectableSignals(complete_.inspected);
    supportPlot_->resetView();
    ratioPlot_->resetView();
    showInspected();
  }
  double best = std::numeric_limits<double>::infinity();
  for (const ConvergenceCurve& c : pending_.curves)
    if (!c.gapMean.isEmpty()) best = std::min(best, c.gapMean.back());
  statusText_->setText(QString("%1   ·   L = %2   ·   mean λ_max = %3   ·   best F − F* = %4%5")
                           .arg(pending_.problem)
                           .arg(pending_.lipschitz, 0, 'g', 5)
                           .arg(pending_.meanLambdaMax, 0, 'g', 4)
                           .arg(best, 0, 'e', 2)
                           .arg(pending_.complete ? QString("   ·   %1 ms").arg(runClock_.elapsed()) : "   ·   running…"));
}

void MainWindow::showInspected() {
  supportPlot_->showSignal(complete_, settings_->inspectedMethod(), settings_->inspectedSignal());
  ratioPlot_->showSignal(complete_, settings_->inspectedMethod(), settings_->inspectedSignal());
}

void MainWindow::onFinished(quint64 generation) {
  if (generation != latestGeneration_) return;
  redraw();  // the final snapshot, now
  stopAction_->setEnabled(false);
  emit runFinished();
}

Session MainWindow::currentSession() const {
  Session session;
  session.settings = settings_->settings();
  session.inspectedMethod = settings_->inspectedMethod();
  session.inspectedSignal = settings_->inspectedSignal();
  return session;
}

void MainWindow::applySession(const Session& session) {
  {
    const QSignalBlocker blockMethod(settings_->methodChoice()), blockSignal(settings_->signalChoice());
    settings_->methodChoice()->setCurrentText(session.inspectedMethod);
    settings_->signalChoice()->setMaximum(49);
    settings_->signalChoice()->setValue(session.inspectedSignal);
  }
  settings_->setSettings(session.settings);  // emits changed(): a debounced run
  if (!session.title.isEmpty()) setWindowTitle("Unfold Lab — " + session.title);
  startDefaultRun();
}

QString MainWindow::openSessionFile(const QString& path, bool quiet) {
  QString error;
  const auto session = readSessionFile(path, &error);
  if (!session) {
    if (!quiet) QMessageBox::warning(this, "Open session", error);
    return error;  // the current session is untouched
  }
  applySession(*session);
  rememberRecent(path);
  return {};
}

QString MainWindow::saveSessionFile(const QString& path) {
  const QString error = writeTextFile(path, QString::fromUtf8(formatSession(currentSession())));
  if (error.isEmpty()) rememberRecent(path);
  return error;
}

void MainWindow::rememberRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value("recentSessions").toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  settings.setValue("recentSessions", recent.mid(0, 8));
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value("recentSessions").toStringList();
  for (const QString& path : recent) recentMenu_->addAction(path, this, [this, path] { openSessionFile(path); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::restoreLastSession() {
  QString error;
  const auto session = parseSession(QSettings().value("lastSession").toByteArray(), "last session", &error);
  if (session) applySession(*session);
  else startDefaultRun();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings().setValue("lastSession", formatSession(currentSession()));
  QMainWindow::closeEvent(event);
}

}  // namespace unfold::ui
