// The workbench window: the settings dock, the run toolbar and the plot area, fed by a SolverWorker on
// its own thread. Settings changes are debounced and restart the run; snapshots from superseded
// requests are dropped; redraws are coalesced to at most ~30 per second.
#pragma once

#include "session_file.h"
#include "solver_worker.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QThread>
#include <QTimer>

class QAction;
class QLabel;

namespace unfold::ui {

class CostDecreasePlot;
class SettingsPanel;
class SupportRasterPlot;
class SupportRatioPlot;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Replaces the settings and inspection with the session's and runs it.
  void applySession(const Session& session);
  Session currentSession() const;
  // Opens a session file; on error shows a dialog (unless `quiet`), returns the message and changes nothing.
  QString openSessionFile(const QString& path, bool quiet = false);
  QString saveSessionFile(const QString& path);
  // The settings of the last session (QSettings), if any: used at start-up.
  void restoreLastSession();

  // Runs the current settings now (F5), or stops (Esc).
  void startDefaultRun();
  void stop();
  CostDecreasePlot* costPlot() const { return costPlot_; }
  SettingsPanel* settingsPanel() const { return settings_; }
  SupportRasterPlot* supportPlot() const { return supportPlot_; }
  SupportRatioPlot* ratioPlot() const { return ratioPlot_; }
  quint64 latestGeneration() const { return latestGeneration_; }
  quint64 shownGeneration() const { return shownGeneration_; }

 signals:
  void runFinished();  // the latest request is done (complete, failed or stopped)

 private:
  void buildMenusAndToolbar();
  void acceptSnapshot(const ConvergenceSnapshot& snapshot);
  void redraw();
  void showInspected();  // the inspector plots, from the last complete snapshot
  void onFinished(quint64 generation);
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void closeEvent(QCloseEvent* event) override;

  CostDecreasePlot* costPlot_ = nullptr;
  SupportRasterPlot* supportPlot_ = nullptr;
  SupportRatioPlot* ratioPlot_ = nullptr;
  ConvergenceSnapshot complete_;  // the last complete snapshot, for the inspector
  SettingsPanel* settings_ = nullptr;
  QLabel* statusText_ = nullptr;
  QAction *runAction_ = nullptr, *stopAction_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QThread workerThread_;
  SolverWorker* worker_ = nullptr;
  QTimer debounce_, redrawTimer_;
  QElapsedTimer runClock_;
  ConvergenceSnapshot pending_;
  bool hasPending_ = false;
  quint64 latestGeneration_ = 0, shownGeneration_ = 0;
};

}  // namespace unfold::ui
