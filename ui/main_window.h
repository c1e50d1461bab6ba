// The workbench window: the settings dock, the run toolbar and the plot docks, fed by a SolverWorker on
// its own thread. Settings changes are debounced and restart the run; snapshots from superseded
// requests are dropped; redraws are coalesced to at most ~30 per second. Pause / Resume (Space), Step
// (F10) and Reset go through the worker's gate; sessions and exports are in the File menu.
#pragma once

#include "session_file.h"
#include "solver_worker.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <optional>

class QAction;
class QDockWidget;
class QCustomPlot;
class QLabel;
class QProgressBar;

namespace unfold::ui {

class CostDecreasePlot;
class LassoPlaneView;
class LessonPanel;
struct LessonStep;
class CouplingPlot;
class LearnedStepsPlot;
class SettingsPanel;
class SupportRasterPlot;
class SupportRatioPlot;
class TrainingCurvesPlot;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Replaces the settings, inspection and trained networks with the session's and runs it.
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
  void togglePause();  // Space
  void step();         // F10: one iteration of the solvers, or one training step
  void reset();        // back to iteration 0, paused
  bool paused() const { return paused_; }
  // Every plot, in dashboard order.
  QList<QCustomPlot*> plots() const;
  QString exportDashboardTo(const QString& path, int dpi = 300);
  // Teaching: the 2-D Lasso view (a window of its own) and the lessons dock.
  LassoPlaneView* openPlaneView();
  LessonPanel* lessonPanel() const { return lessons_; }
  void showLessons();

  CostDecreasePlot* costPlot() const { return costPlot_; }
  SettingsPanel* settingsPanel() const { return settings_; }
  SupportRasterPlot* supportPlot() const { return supportPlot_; }
  SupportRatioPlot* ratioPlot() const { return ratioPlot_; }
  LearnedStepsPlot* stepsPlot() const { return stepsPlot_; }
  CouplingPlot* couplingPlot() const { return couplingPlot_; }
  TrainingCurvesPlot* trainingPlot() const { return trainingPlot_; }
  QProgressBar* progressBar() const { return progress_; }
  quint64 latestGeneration() const { return latestGeneration_; }
  quint64 shownGeneration() const { return shownGeneration_; }
  const ConvergenceSnapshot& shownSnapshot() const { return shown_; }

 signals:
  void runFinished();  // the latest request is done (complete, failed or stopped)
  void redrawn();      // a snapshot reached the plots

 private:
  void buildDocks();
  void buildMenusAndToolbar();
  void buildTeachMenu();
  void buildLessonsDock();
  void carryOut(const LessonStep& step);
  void requestRun(bool startPaused);
  void acceptSnapshot(const ConvergenceSnapshot& snapshot);
  void redraw();
  void updateStatus();
  void showInspected();  // the inspector plots, from the last snapshot with the iterates
  void onFinished(quint64 generation);
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void closeEvent(QCloseEvent* event) override;

  CostDecreasePlot* costPlot_ = nullptr;
  SupportRasterPlot* supportPlot_ = nullptr;
  SupportRatioPlot* ratioPlot_ = nullptr;
  LearnedStepsPlot* stepsPlot_ = nullptr;
  CouplingPlot* couplingPlot_ = nullptr;
  TrainingCurvesPlot* trainingPlot_ = nullptr;
  QDockWidget *stepsDock_ = nullptr, *couplingDock_ = nullptr, *lessonsDock_ = nullptr, *experimentDock_ = nullptr;
  QHash<QString, QDockWidget*> plotDocks_;  // support, ratio, steps, coupling, training
  LessonPanel* lessons_ = nullptr;
  QPointer<LassoPlaneView> plane_;
  qsizetype shownNetworkCount_ = 0;
  ConvergenceSnapshot detailed_;  // the last snapshot with the inspector's iterates
  ConvergenceSnapshot shown_;     // the last snapshot drawn
  SettingsPanel* settings_ = nullptr;
  QLabel* statusText_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QAction *runAction_ = nullptr, *pauseAction_ = nullptr, *stepAction_ = nullptr, *stopAction_ = nullptr,
          *resetAction_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QThread workerThread_;
  SolverWorker* worker_ = nullptr;
  QTimer debounce_, redrawTimer_;
  QElapsedTimer runClock_;
  ConvergenceSnapshot pending_;
  std::optional<ConvergenceSnapshot> pendingDetail_;  // the latest snapshot with iterates, not yet shown
  bool hasPending_ = false, running_ = false, paused_ = false;
  bool networkDocksShown_ = true;
  QHash<QString, QString> pretrained_;  // trained networks (a session's or the last run's), reused while
  ExperimentSettings pretrainedFor_;     // the settings that trained them stay the same
  quint64 latestGeneration_ = 0, shownGeneration_ = 0;
};

}  // namespace unfold::ui
