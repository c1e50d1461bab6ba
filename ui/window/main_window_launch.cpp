// What a launch opens, and what the window keeps for the next one: the last settings (at every run, so
// that a killed window keeps them too), the plots closed, a session or preset named on the command line.
#include "window/main_window.h"

#include "plots/cost_decrease_plot.h"
#include "window/settings_panel.h"
#include "window/status_line.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace unfold::ui {

void MainWindow::rememberSettings() {
  // Refused settings with no earlier problem to go back to are not kept: the next launch would refuse
  // them again before showing anything.
  if (!failure_.isEmpty() && shown_.generation == 0) {
    QSettings().remove("lastSession");
    return;
  }
  // The settings only: trained weights can run to megabytes (LISTA's m x m matrices per layer) and
  // belong in session files, not in QSettings.
  Session last = currentSession();
  last.networks.clear();
  QSettings().setValue("lastSession", formatSession(last));
  // And the settings of the session the title names, so that its mark (changed since) survives a relaunch.
  Session named;
  named.settings = sessionSettings_;
  QSettings().setValue("lastSessionNamed", formatSession(named));
}

void MainWindow::rememberClosedPlots() {
  // Only once the last launch's choice is in place (a launch that never restores it must not overwrite
  // it), and only a dock hidden by itself: a minimized or closing window hides them all, unchecking
  // their actions, and a tab behind another is open.
  if (!closedPlotsRestored_ || !isVisible() || isMinimized()) return;
  QStringList closed;
  for (auto dock = plotDocks_.cbegin(); dock != plotDocks_.cend(); ++dock)
    if (dock.value()->isHidden()) closed << dock.key();
  closed.sort();
  QSettings().setValue("closedPlots", closed);
}

void MainWindow::restoreClosedPlots() {
  for (const QString& name : std::as_const(closedAtLastLaunch_))
    if (QDockWidget* dock = plotDocks_.value(name)) dock->close();
  closedPlotsRestored_ = true;
}

void MainWindow::restoreLastSession() {
  restoreClosedPlots();
  QString error;
  const auto session = parseSession(QSettings().value("lastSession").toByteArray(), "last session", &error);
  if (!session) {  // first launch: the welcome says what to do; nothing runs before the user asks
    statusText_->setStatus("Ready: press Run (F5) to solve the problem set on the left");
    resumeLesson();
    return;
  }
  // Read before the run below remembers the settings again.
  const auto named = parseSession(QSettings().value("lastSessionNamed").toByteArray(), "last session", &error);
  if (!session->settings.anyNetwork()) {
    applySession(*session);  // solvers only: seconds at most
  } else {
    settings_->setInspection(session->inspectedMethod, session->inspectedSignal);
    settings_->setSettings(session->settings, SettingsPanel::Quietly);
    costPlot_->setMedian(session->costMedian);
    costPlot_->setEveryBand(session->costEveryBand);
    showSessionName(session->title, {}, settings_->settings());
    statusText_->setStatus("Your last settings are back. They train networks: press Run (F5) when you are ready");
  }
  if (named) {
    sessionSettings_ = named->settings;
    markSessionChanged();
    rememberSettings();  // the run above remembered the launch's settings as the named ones
  }
  resumeLesson();  // its step's plot, field and inspection, over the settings
}

void MainWindow::openAtLaunch(const Session& session, const QString& file) {
  restoreClosedPlots();
  // A run that trains networks the session does not carry waits for F5, as the last settings' do: started
  // unasked, it looked like a run still to start, and the F5 that was to start it threw its training away.
  const bool trains = std::ranges::any_of(session.settings.networks, [&session](Parametrization kind) {
    return !session.networks.contains(kind);
  });
  if (!trains) {
    applySession(session, file);
    return;
  }
  showSession(session, file, SessionRun::WaitForRun);
  const QString name = session.title.isEmpty() ? QFileInfo(file).fileName() : session.title;
  statusText_->setStatus(QString("%1 is open; nothing has run yet: press Run (F5) to train its networks and run it").arg(name));
}

}  // namespace unfold::ui
