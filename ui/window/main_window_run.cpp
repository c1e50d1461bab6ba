// The run controls (Run, Pause, Step, Stop, Reset) and what the toolbar and the status bar say about the
// run: the window's side of the request it sends the worker and of the finished() or failed() that answers.
#include "window/main_window.h"

#include "plots/cost_decrease_plot.h"
#include "run/run_status.h"
#include "window/settings_panel.h"
#include "window/status_line.h"
#include "window/welcome_banner.h"

#include <QAction>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>

namespace unfold::ui {

void MainWindow::requestRun(bool startPaused, int pausedAt) {
  settings_->commitTypedValues();  // its changed() would start the debounce: stopped next
  debounce_.stop();
  robustnessInspection_.reset();  // the inspector follows the new run
  failure_.clear();
  RunRequest request{settings_->settings(), {}, startPaused, pausedAt};
  protectInputsOf(request.settings);
  rememberSettings();  // at every run, not only on a clean quit: a killed window keeps them too
  request.pretrained = trained_.find(request.settings);
  const QString unfit = offerOpenedNetworks(request);
  latestGeneration_ = worker_->requestRun(request);
  welcome_->setRunStarted(true);
  // An export's message stands over the run's status for 15 s: the run the user just asked for is the news.
  // Not over a value just refused: typing 150000 iterations runs 15000 (the box took five digits), and
  // the sentence that says so must stay.
  if (refusalShownUntil_.hasExpired()) statusBar()->clearMessage();
  if (!unfit.isEmpty()) statusBar()->showMessage(unfit, kFileMessageMs);  // it names a file
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
    // Said, or t = 1 reads as the last run's t gone (a person stepping on from a stopped t = 2 expects 3).
    startedOver_ = {latestGeneration_, 1, "the last run had ended, so F10 started a new one"};
    updateStatus();
    return;
  }
  if (stopping_) return;
  paused_ = true;
  worker_->gate().step();
  updateControls();
  updateStatus();
}

void MainWindow::reset() { requestRun(true); }

void MainWindow::updateControls() {
  // While a run is under way, F5 throws it away and starts again: Restart. Before its first iteration
  // (Reset) the same button reads Start, and Space starts it too, as the status bar says; Pause, with
  // nothing running, is greyed. ("Run" beside a "Start" read as two ways to start that differ somehow.)
  const bool start = pausedBeforeItsStart();
  runAction_->setText(start ? "Start" : running_ ? "Restart" : "Run");
  runAction_->setShortcuts(start ? QList<QKeySequence>{Qt::Key_F5, Qt::Key_Space} : QList<QKeySequence>{Qt::Key_F5});
  runAction_->setToolTip(!reading_.isEmpty() ? QString("Reading %1: its run follows").arg(reading_)
                         : start              ? "Start this run: nothing has run yet (F5 or Space)"
                         : running_           ? "Start again from t = 0 on the current settings (F5)"
                                              : "Run the methods on the current settings (F5)");
  // While a file is read, a run of the form as it stands would be thrown away: the file replaces it. Step
  // and Reset start one too (on a run that has ended).
  for (QAction* starts : {runAction_, stepAction_, resetAction_}) starts->setEnabled(reading_.isEmpty());
  // Also while a changed setting waits to start its run: Space then starts it paused. Disabled, it would
  // leave Space to a box reached with Tab, whose tick throws that run away for another.
  pauseAction_->setEnabled(!start && ((running_ && !stopping_) || debounce_.isActive()));
  pauseAction_->setShortcuts(start ? QList<QKeySequence>{} : QList<QKeySequence>{Qt::Key_Space});
  pauseAction_->setText(paused_ && !start ? "Resume" : "Pause");
  pauseAction_->setToolTip(paused_ && !start ? "Resume the run from where it stands (Space)" : "Pause every solver where it is (Space)");
  stopAction_->setEnabled(running_ && !stopping_);
}

bool MainWindow::pausedBeforeItsStart() const {
  // After Reset, or a change that starts its run paused, nothing has run: "Resume" would name what never ran.
  return paused_ && (shown_.generation != latestGeneration_ || (shown_.phase <= RunPhase::Solving && shown_.iteration() <= 0));
}

QString MainWindow::statusText() const { return statusText_->status(); }

void MainWindow::updateStatus() {
  const ConvergenceSnapshot& s = shown_;
  const bool current = s.generation == latestGeneration_;
  const RunStatus status = describeRun(s, current, {running_, paused_, stopping_, worker_->gate().runningSeconds(), failure_, costPlot_->median(),
                                                          startedOver_.generation == s.generation && s.iteration() <= startedOver_.at
                                                              ? startedOver_.why : QString()});
  if (!running_ || paused_) statusClock_.stop();
  else if (!statusClock_.isActive()) statusClock_.start();  // resumed
  progress_->setVisible(status.progress >= 0);
  if (status.progress >= 0) {
    progress_->setRange(0, 1000);
    progress_->setValue(static_cast<int>(1000 * status.progress));
    progress_->setFormat(status.progressLabel + "  %p%");
  }
  // Files read or saved in the background, before the run's state: a menu's status tip does not wipe it out.
  QString files;
  if (!reading_.isEmpty()) files += QString("Reading %1…%2").arg(reading_, kStatusSeparator);
  if (!saving_.isEmpty()) files += QString("Saving %1…%2").arg(saving_, kStatusSeparator);
  statusText_->setStatus(files + status.text);
  updateLessonRunNote();
}

void MainWindow::onFinished(quint64 generation) {
  if (generation != latestGeneration_) return;
  redraw();  // the final snapshot, now
  running_ = paused_ = stopping_ = false;
  // The trained networks are kept for sessions and reruns, tagged with the settings that trained them
  // (the request the snapshot answers, not the form, which may have changed since).
  if (shown_.generation == generation && shown_.complete && !shown_.networks.isEmpty()) {
    TrainedNetworks trained;
    for (const NetworkCurve& n : shown_.networks) {
      if (n.trained) trained[n.kind] = n.network;
      unsavedTraining_ |= n.trained && !n.reused;
    }
    trained_.keep(shown_.request, trained);
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
