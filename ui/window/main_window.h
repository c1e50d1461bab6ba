// The workbench window: the settings dock, the run toolbar and the plot docks, fed by a SolverWorker on
// its own thread. Settings changes are debounced and restart the run; snapshots from superseded
// requests are dropped; redraws are coalesced to at most ~30 per second. Every plot, the status bar
// and the controls are drawn from the one snapshot shown, which carries the request it answers. Pause /
// Resume (Space), Step (F10), Stop (Esc) and Reset (Shift+F5) act wherever the focus is in the window
// and go through the worker's gate; sessions and exports are in the File menu.
#pragma once

#include "run/session_file.h"
#include "run/solver_worker.h"
#include "run/trained_network_cache.h"
#include "run/worker_thread.h"
#include "window/welcome_banner.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

class QAction;
class QDockWidget;
class QCustomPlot;
class QLabel;
class QMenu;
class QProgressBar;
class QThreadPool;

namespace unfold::ui {

class CostDecreasePlot;
class LassoPlaneView;
class LessonPanel;
struct LessonStep;
class CouplingPlot;
class LearnedStepsPlot;
class RobustnessPanel;
class SettingsPanel;
class StatusLine;
class SupportRasterPlot;
class SupportRatioPlot;
class TrainingCurvesPlot;
class WorkbenchPlot;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Replaces the settings, inspection and trained networks with the session's and runs it. The window's
  // title names it: its title, else the name of the `file` it came from.
  void applySession(const Session& session, const QString& file = {});
  // A session or preset named on the command line: applied, with the plots closed at the last launch closed
  // again; a run that would train networks waits for Run (F5), as the last settings' does.
  void openAtLaunch(const Session& session, const QString& file = {});
  Session currentSession() const;
  // Opens a session file: read on a pool thread, then applied; on error shows a dialog (unless `quiet`)
  // and changes nothing. fileOpened follows either way, unless another file is opened meanwhile (the
  // last one asked for wins).
  void openSessionFile(const QString& path, bool quiet = false);
  // Saves the session (settings, inspection, trained networks): formatted and written on a thread of its
  // own, in the order the saves were asked for, while the status line says "Saving FILE…". On error shows
  // a dialog (unless `quiet`); fileSaved follows either way.
  void saveSessionFile(const QString& path, bool quiet = false);
  // Shows a network file (`unfoldlab train --out`, or a session's): ticks its parametrization and takes its
  // depth, lambda and training data's size, then runs, reusing the weights while D and the training
  // signals are those it was trained on. Read on a pool thread, as a session; on error shows a dialog
  // (unless `quiet`) and changes nothing; fileOpened follows.
  void openNetworkFile(const QString& path, bool quiet = false);
  // The settings of the last session (QSettings), if any: used at start-up. Runs them when that is
  // quick (no network to train); otherwise, and on the very first launch, waits for Run.
  void restoreLastSession();
  void restoreClosedPlots();  // the plot docks closed at the last launch, closed again (restoreLastSession does it)
  // Headless use (--screenshot): errors go to runFailed() only, never to a dialog.
  void setDialogsEnabled(bool enabled) { dialogsEnabled_ = enabled; }
  // The in-window welcome shown on first launch (until dismissed).
  WelcomeBanner* welcome() const { return welcome_; }

  // Runs the current settings now (F5), or stops (Esc).
  void startDefaultRun();
  void stop();
  void togglePause();  // Space
  void step();         // F10: one iteration of the solvers, or one training step
  void reset();        // back to iteration 0, paused
  bool paused() const { return paused_; }
  bool running() const { return running_; }
  QString statusText() const;
  // Every plot, in dashboard order.
  QList<WorkbenchPlot*> plots() const;
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
  RobustnessPanel* robustnessPanel() const { return robustness_; }
  // A signal the Robustness dock inspects, shown in the support and L_S/L plots until the user picks a
  // solver's signal in the form or a new run starts.
  bool inspectingRobustness() const { return robustnessInspection_.has_value(); }
  const std::optional<ConvergenceSnapshot>& robustnessInspection() const { return robustnessInspection_; }
  QProgressBar* progressBar() const { return progress_; }
  quint64 latestGeneration() const { return latestGeneration_; }
  quint64 shownGeneration() const { return shownGeneration_; }
  const ConvergenceSnapshot& shownSnapshot() const { return shown_; }
  QString focus() const { return focus_; }  // the plot the open session is about (session_file.h), or empty

 signals:
  void runFinished();  // the latest request is done (complete, failed or stopped)
  void redrawn();      // a snapshot reached the plots
  void runFailed(const QString& message);  // the latest request was refused (bad input, out of memory)
  void noticed(const QString& notices);    // a run's notices (ConvergenceSnapshot::notices), once a run
  void fileOpened(const QString& path, const QString& error);  // openSessionFile's, openNetworkFile's end
  void fileSaved(const QString& path, const QString& error);   // saveSessionFile's end

 private:
  void buildDocks();
  void buildWelcome();
  void rememberSettings();  // for the next launch (restoreLastSession)
  void rememberClosedPlots();  // likewise the plot docks the user closed
  void buildStatusBar();
  void buildMenusAndToolbar();
  void buildRunActions();  // Run, Pause, Step, Stop, Reset: the toolbar and the Run menu share them
  void addSessionActions(QMenu* file);
  void addExportActions(QMenu* file);
  void addPythonExportActions(QMenu* file);
  void buildTeachMenu();
  void buildHelpMenu();  // About Unfold Lab, About Qt
  void buildLessonsDock();
  void buildRobustnessDock();  // main_window_robustness.cpp
  MethodKey robustnessMethod() const;
  void carryOut(const LessonStep& step);
  void updateLessonRunNote();  // while a lesson's run has networks to train
  void forgetLessonUnlessShown();  // on closing: the next launch resumes a lesson only over its own problem
  // The lesson and step on screen, kept in QSettings so that the next launch opens the lessons there; a
  // lessons dock the person closes is forgotten.
  void rememberLesson();
  void resumeLesson();  // restoreLastSession's
  void revealSetting(const QString& name);  // a lesson asks to change it: the form scrolls to it
  void requestRun(bool startPaused, int pausedAt = 0);
  // No export or save of the window may replace the files a run reads (an imported D and signals).
  void protectInputsOf(const ExperimentSettings& settings);
  void acceptSnapshot(const ConvergenceSnapshot& snapshot);
  void redraw();
  void redrawAll();
  void showNetworks();   // the plots of what the networks learned, from the snapshot shown
  void afterRedraw(const QElapsedTimer& cost);  // paces the next redraws by this one's cost
  static constexpr int kRedrawMs = 33;          // at most ~30 redraws a second, whatever the solver's speed
  static constexpr int kSlowestRedrawMs = 500;  // and at least 2, however slow drawing is
  void updateStatus();
  void updateControls();
  bool pausedBeforeItsStart() const;  // paused, and no iteration of the run shown yet: Space starts it
  void showInspected();  // the inspector plots, from the snapshot shown
  void onFinished(quint64 generation);
  void onFailed(quint64 generation, const QString& message);
  void rememberRecent(const QString& path);
  // The window's title names the session (its title, else its file), unmodified while the form holds `settings`.
  void showSessionName(const QString& title, const QString& file, const ExperimentSettings& settings);
  // The title's mark (*) while the form's settings differ from the session's or preset's it names.
  void markSessionChanged();
  void rebuildRecentMenu();
  void closeEvent(QCloseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  // More of the window for one plot (a session's focus, kFocusPlots; empty: the default shares), at once
  // and after every resize.
  void focusOn(const QString& plot);
  void arrangeDocks();
  void defaultDockShares();

  QString focus_;  // the plot the session is about, or empty
  CostDecreasePlot* costPlot_ = nullptr;
  SupportRasterPlot* supportPlot_ = nullptr;
  SupportRatioPlot* ratioPlot_ = nullptr;
  LearnedStepsPlot* stepsPlot_ = nullptr;
  CouplingPlot* couplingPlot_ = nullptr;
  TrainingCurvesPlot* trainingPlot_ = nullptr;
  QDockWidget *stepsDock_ = nullptr, *couplingDock_ = nullptr, *lessonsDock_ = nullptr, *experimentDock_ = nullptr;
  QHash<QString, QDockWidget*> plotDocks_;  // support, ratio, steps, coupling, training
  QStringList closedAtLastLaunch_;  // the plot docks the user had closed, for restoreClosedPlots
  bool closedPlotsRestored_ = false;  // from then on, the user's closing and reopening is remembered
  LessonPanel* lessons_ = nullptr;
  RobustnessPanel* robustness_ = nullptr;
  std::optional<ConvergenceSnapshot> robustnessInspection_;
  bool scrollToInspection_ = false;  // a bar of the Robustness histogram was clicked: its inspection comes into sight
  QPointer<LassoPlaneView> plane_;
  bool planeFromLesson_ = false;  // opened by a lesson step (closed when another lesson starts)
  qsizetype shownNetworkCount_ = 0;
  ConvergenceSnapshot shown_;     // the last snapshot drawn: every plot and the status bar show it
  QString inspectorKey_;          // what the inspector plots show (redrawn only when it changes)
  QString failure_;               // why the latest request was refused, until the next one
  QString sessionTitle_, sessionFile_;  // the session opened or saved last (the window's title names it)
  ExperimentSettings sessionSettings_;  // its settings, as the form took them
  // The problem a preset, a lesson's step or a session replaced: File → Back to the earlier problem
  // (Ctrl+Z) restores it while the loaded one stands unchanged (a teacher's own setup was lost to a lesson).
  struct EarlierProblem {
    Session session;                     // as the window showed it
    ExperimentSettings sessionSettings;  // of the session it had opened, if any
    QString file;
    bool unsavedTraining = false;  // its networks trained here and not saved: asked about again once back
  };
  std::optional<EarlierProblem> beforeLoad_;
  ExperimentSettings loadedSettings_;  // the form as the last load left it: going back is offered while it stands
  QAction* undoLoadAction_ = nullptr;
  void backToTheEarlierProblem();
  void updateUndoLoad();
  enum class SessionRun { Now, WaitForRun };
  // applySession, without keeping the earlier one.
  void showSession(const Session& session, const QString& file, SessionRun run = SessionRun::Now);
  QString showNetworkFile(NetworkFile network, const QString& path);  // openNetworkFile's, once read
  // Says "Reading FILE…" until the read returns; returns the read's number: its result is used only if no
  // later read has started (latestRead, which takes the message away).
  quint64 startReading(const QString& path);
  bool latestRead(quint64 read);
  void reportOpened(const QString& path, const QString& error, bool quiet, const QString& dialogTitle);
  quint64 fileReads_ = 0;
  QString reading_;  // the file being read, for the status line
  QThreadPool* savePool_ = nullptr;  // one thread: saves end in the order asked for
  int savesUnderWay_ = 0;
  quint64 sessionLoads_ = 0;  // sessions shown since launch: a save that ends after a load leaves its name
  // Networks trained in this window since the last save or load: closing asks whether to save them (the
  // next launch brings the settings back, not the weights, which took minutes or hours).
  bool unsavedTraining_ = false;
  // Whether what would drop the networks trained here and not saved (closing; opening a session or a
  // preset) may go on now. Else it asks to save them: Discard goes on, Cancel stops, and Save writes the
  // session and calls `afterSave` once it is written (a failed save says why and goes no further).
  bool networksMayGo(const QString& notSaved, const QString& before, const QString& withoutSaving,
                     const std::function<void()>& afterSave);
  bool mayClose();
  void openAskingFirst(const QString& what, const std::function<void()>& open);  // a session or a preset
  QString saving_;  // the file last asked to be saved while any is, for the status line
  // How long a message naming a file written or read stays: long enough to read, or copy, the path.
  static constexpr int kFileMessageMs = 15000;
  WelcomeBanner* welcome_ = nullptr;
  SettingsPanel* settings_ = nullptr;
  StatusLine* statusText_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QAction *runAction_ = nullptr, *pauseAction_ = nullptr, *stepAction_ = nullptr, *stopAction_ = nullptr,
          *resetAction_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  WorkerThread<SolverWorker> worker_;
  QTimer debounce_, redrawTimer_, statusClock_;
  // A value typed out of range is said in the status bar; a run that starts meanwhile (with the value
  // kept, or the digits the box took) leaves the sentence there until this expires.
  QDeadlineTimer refusalShownUntil_;
  ConvergenceSnapshot pending_;
  bool hasPending_ = false, running_ = false, paused_ = false, stopping_ = false;
  bool dialogsEnabled_ = true;
  TrainedNetworkCache trained_;  // a session's and the last runs', reused while their training settings hold
  // Networks opened from files: offered to every run their λ and depth fit (its number of test signals,
  // say, changes nothing in weights trained elsewhere), until a session or preset replaces the problem.
  TrainedNetworks opened_;
  QString offerOpenedNetworks(RunRequest& request) const;  // says which opened ones did not fit, if any
  quint64 latestGeneration_ = 0, shownGeneration_ = 0;
  quint64 noticedGeneration_ = 0;  // the last run whose notices were said
  // A run that started over where the last one stood further on (F10 on an ended run; a value changed
  // while paused): its status says why while it stands at `at`.
  struct {
    quint64 generation = 0;
    int at = 0;
    QString why;
  } startedOver_;
};

}  // namespace unfold::ui
