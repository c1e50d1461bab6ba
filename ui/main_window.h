// The application window: the plot area, fed by a SolverWorker on its own thread.
#pragma once

#include "solver_worker.h"

#include <QMainWindow>
#include <QThread>

namespace unfold::ui {

class CostDecreasePlot;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts the default experiment (ISTA, FISTA, OISTA on the paper's Fig. 2 setting).
  void startDefaultRun();
  CostDecreasePlot* costPlot() const { return costPlot_; }

 signals:
  void runFinished();
  void startConvergence(const unfold::ui::ConvergenceSettings& settings);

 private:
  void showSnapshot(const ConvergenceSnapshot& snapshot);
  void buildMenus();
  void exportFigure();
  void exportData();

  CostDecreasePlot* costPlot_ = nullptr;
  QThread workerThread_;
  SolverWorker* worker_ = nullptr;
};

}  // namespace unfold::ui
