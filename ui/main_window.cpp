#include "main_window.h"

#include "cost_decrease_plot.h"

#include <QMessageBox>
#include <QStatusBar>

namespace unfold::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  qRegisterMetaType<ConvergenceSnapshot>();
  qRegisterMetaType<ConvergenceSettings>();
  setWindowTitle("Unfold Lab");
  costPlot_ = new CostDecreasePlot(this);
  setCentralWidget(costPlot_);
  resize(1000, 680);

  worker_ = new SolverWorker;
  worker_->moveToThread(&workerThread_);
  connect(&workerThread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(this, &MainWindow::startConvergence, worker_, &SolverWorker::runConvergence, Qt::QueuedConnection);
  connect(worker_, &SolverWorker::convergenceReady, this, &MainWindow::showSnapshot, Qt::QueuedConnection);
  connect(worker_, &SolverWorker::failed, this,
          [this](const QString& message) { QMessageBox::warning(this, "Unfold Lab", message); });
  connect(worker_, &SolverWorker::finished, this, &MainWindow::runFinished, Qt::QueuedConnection);
  workerThread_.start();
  statusBar()->showMessage("Ready");
}

MainWindow::~MainWindow() {
  worker_->cancel();  // the solver's observer sees it at its next iteration
  workerThread_.quit();
  workerThread_.wait();
}

void MainWindow::startDefaultRun() {
  statusBar()->showMessage("Running ISTA, FISTA and OISTA…");
  worker_->rearm();
  emit startConvergence(ConvergenceSettings{});
}

void MainWindow::showSnapshot(const ConvergenceSnapshot& snapshot) {
  costPlot_->showSnapshot(snapshot);
  statusBar()->showMessage(QString("%1   ·   L = %2").arg(snapshot.problem).arg(snapshot.lipschitz, 0, 'g', 5));
}

}  // namespace unfold::ui
