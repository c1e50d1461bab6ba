#include "main_window.h"

#include "cost_decrease_plot.h"
#include "plot_export.h"

#include <QFileDialog>
#include <QMenuBar>
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
  buildMenus();
  statusBar()->showMessage("Ready");
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu("&File");
  QAction* figure = file->addAction("Export &figure…", this, &MainWindow::exportFigure);
  figure->setShortcut(QKeySequence("Ctrl+E"));
  QAction* data = file->addAction("Export &data (CSV)…", this, &MainWindow::exportData);
  data->setShortcut(QKeySequence("Ctrl+Shift+E"));
  file->addSeparator();
  QAction* quit = file->addAction("&Quit", this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
}

void MainWindow::exportFigure() {
  const QString path = QFileDialog::getSaveFileName(this, "Export figure", "cost-decrease.pdf",
                                                    "PDF (*.pdf);;SVG (*.svg);;PNG, 300 dpi (*.png)");
  if (path.isEmpty()) return;
  FigureSize size;
  size.dpi = 300;
  const QString error = exportPlot(costPlot_, path, size);
  if (!error.isEmpty()) QMessageBox::warning(this, "Export figure", error);
  else statusBar()->showMessage("Wrote " + path, 5000);
}

void MainWindow::exportData() {
  const QString path = QFileDialog::getSaveFileName(this, "Export data", "cost-decrease.csv", "CSV (*.csv)");
  if (path.isEmpty()) return;
  const QString error = writeTextFile(path, costPlot_->toCsv());
  if (!error.isEmpty()) QMessageBox::warning(this, "Export data", error);
  else statusBar()->showMessage("Wrote " + path, 5000);
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
