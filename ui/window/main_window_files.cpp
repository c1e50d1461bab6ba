// MainWindow's menus (File, Run, View, Help; Teach is in main_window_teaching.cpp) and toolbar,
// sessions (open, recent, presets) and exports.
#include "window/main_window.h"

#include "io/bounded_file.h"
#include "io/output_files.h"
#include "plots/cost_decrease_plot.h"
#include "plots/dashboard_export.h"
#include "plots/plot_export.h"
#include "window/about_dialog.h"
#include "window/keys_dialog.h"
#include "window/dashboard_export_dialog.h"
#include "window/python_export.h"
#include "window/settings_panel.h"
#include "window/status_line.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

#include <algorithm>
#include <utility>

namespace unfold::ui {

void MainWindow::buildMenusAndToolbar() {
  buildRunActions();
  QMenu* file = menuBar()->addMenu("&File");
  addSessionActions(file);
  file->addSeparator();
  addExportActions(file);
  file->addSeparator();
  QAction* quit = file->addAction("&Quit", this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  QMenu* run = menuBar()->addMenu("&Run");
  for (QAction* a : {runAction_, pauseAction_, stepAction_, stopAction_, resetAction_}) run->addAction(a);
  QMenu* view = menuBar()->addMenu("&View");
  // In the window's reading order (findChildren's follows the docks' moves between areas and tabs).
  const QStringList order{"experiment", "support", "ratio", "steps", "coupling", "robustness", "training", "lessons"};
  QList<QDockWidget*> docks = findChildren<QDockWidget*>();
  const auto place = [&](const QDockWidget* dock) {
    const qsizetype i = order.indexOf(dock->objectName());
    return i < 0 ? order.size() : i;
  };
  std::stable_sort(docks.begin(), docks.end(), [&](const QDockWidget* a, const QDockWidget* b) { return place(a) < place(b); });
  for (QDockWidget* dock : docks) view->addAction(dock->toggleViewAction());
  buildTeachMenu();
  buildHelpMenu();
}

void MainWindow::buildHelpMenu() {
  QMenu* help = menuBar()->addMenu("&Help");
  help->setObjectName("help");
  help->addAction("&Keys and mouse", QKeySequence::HelpContents, this, [this] { showKeysAndMouse(this); })
      ->setObjectName("keys");
  QAction* about = help->addAction("&About Unfold Lab", this, [this] { showAboutDialog(this); });
  QAction* aboutQt = help->addAction("About &Qt", qApp, &QApplication::aboutQt);
  about->setObjectName("about");
  aboutQt->setObjectName("aboutQt");
  // macOS moves these two into the application menu, where users look for them.
  about->setMenuRole(QAction::AboutRole);
  aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::buildRunActions() {
  const auto action = [this](const QString& text, const QKeySequence& key, const QString& tip, auto slot) {
    auto* a = new QAction(text, this);
    a->setShortcut(key);
    a->setToolTip(QString("%1 (%2)").arg(tip, key.toString()));
    connect(a, &QAction::triggered, this, slot);
    return a;
  };
  runAction_ = action("Run", Qt::Key_F5, "Run the methods on the current settings", &MainWindow::startDefaultRun);
  pauseAction_ = action("Pause", Qt::Key_Space, "Pause or resume the run", &MainWindow::togglePause);
  stepAction_ = action("Step", Qt::Key_F10, "One more iteration of the solvers, or one training step; on a run that has ended, the first step of a new one", &MainWindow::step);
  stopAction_ = action("Stop", Qt::Key_Escape, "Stop the run", &MainWindow::stop);
  resetAction_ = action("Reset", QKeySequence(Qt::SHIFT | Qt::Key_F5), "Back to iteration 0, paused: then step with F10",
                        &MainWindow::reset);
  // Their texts and keys change with the run (updateControls): Help → Keys and mouse says every state.
  runAction_->setProperty(kLastingKeyProperty, QKeySequence(Qt::Key_F5));
  runAction_->setWhatsThis("Run; Restart while a run is under way; after Reset, Start");
  pauseAction_->setProperty(kLastingKeyProperty, QKeySequence(Qt::Key_Space));
  pauseAction_->setWhatsThis("Pause and Resume; after Reset, Start");
  pauseAction_->setEnabled(false);
  stopAction_->setEnabled(false);
  runAction_->setObjectName("run");
  pauseAction_->setObjectName("pause");
  stepAction_->setObjectName("step");
  stopAction_->setObjectName("stop");
  resetAction_->setObjectName("reset");
  QToolBar* toolbar = addToolBar("Run");
  toolbar->setObjectName("run");
  toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  for (QAction* a : {runAction_, pauseAction_, stepAction_, stopAction_, resetAction_}) toolbar->addAction(a);
  // Each button as wide as the longest of its names: a button that changed width moved the ones after
  // it, and a second click on Step landed on Resume.
  const QList<QPair<QAction*, QStringList>> names{{runAction_, {"Run", "Restart", "Start"}}, {pauseAction_, {"Pause", "Resume"}}};
  for (const auto& [a, texts] : names) {
    QWidget* button = toolbar->widgetForAction(a);
    const QString text = a->text();
    int widest = 0;
    for (const QString& other : texts) {
      a->setText(other);
      widest = std::max(widest, button->sizeHint().width());
    }
    a->setText(text);
    button->setMinimumWidth(widest);
  }
}

void MainWindow::addSessionActions(QMenu* file) {
  file->addAction("&Open session…", QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open session", {}, "Unfold Lab session (*.json)");
    if (!path.isEmpty()) openAskingFirst(QFileInfo(path).fileName(), [this, path] { openSessionFile(path); });
  });
  QAction* network = file->addAction("Open &network…", QKeySequence("Ctrl+Shift+O"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open network", {}, "Unfold Lab network (*.json)");
    if (!path.isEmpty()) openNetworkFile(path);
  });
  network->setStatusTip("A network trained by 'unfoldlab train --out', shown beside the solvers on this problem");
  // Ctrl+S saves over the file the session came from or was last saved to, as an editor does, and asks
  // for a name where there is none (a preset, the last launch's settings). Asked every time, offering
  // session.json, Enter wrote a second file. Save as offers the session's file.
  const auto saveAs = [this] {
    const QString suggested = sessionFile_.isEmpty() ? QString("session.json") : sessionFile_;
    const QString path = askOutputPath(this, "Save session", suggested, "Unfold Lab session (*.json)");
    if (!path.isEmpty()) saveSessionFile(path);
  };
  file->addAction("&Save session", QKeySequence::Save, this, [this, saveAs] {
    if (sessionFile_.isEmpty()) saveAs();
    else saveSessionFile(sessionFile_);
  });
  file->addAction("Save session &as…", QKeySequence("Ctrl+Shift+S"), this, saveAs);  // QKeySequence::SaveAs is empty on some desktops
  // Where a researcher looks for it first; the Experiment form's source box offers it too.
  QAction* import = file->addAction("&Import D and signals…", QKeySequence("Ctrl+I"), settings_, &SettingsPanel::importProblem);
  import->setStatusTip("A dictionary and signals from CSV or .npy files (as 'unfoldlab generate' writes them)");
  recentMenu_ = file->addMenu("Open &recent");
  rebuildRecentMenu();
  undoLoadAction_ = file->addAction("&Back to the earlier problem", QKeySequence::Undo, this, &MainWindow::backToTheEarlierProblem);
  undoLoadAction_->setObjectName("backToEarlierProblem");
  undoLoadAction_->setStatusTip("The problem before the last preset, lesson step, session or opened network replaced it");
  undoLoadAction_->setEnabled(false);
  QMenu* presets = file->addMenu("&Presets");
  presets->setToolTipsVisible(true);
  for (const QString& name : presetNames()) {
    QString ignored;
    const auto preset = readPreset(name, &ignored);
    const QString title = preset ? preset->title : QString();
    presets->addAction(title.isEmpty() ? name : QString("%1 — %2").arg(name, title), this, [this, name] {
      openAskingFirst(QString("the preset %1").arg(name), [this, name] {
        QString error;
        if (const auto session = readPreset(name, &error)) applySession(*session);
        else QMessageBox::warning(this, "Presets", error);
      });
    });
  }
}

void MainWindow::addExportActions(QMenu* file) {
  QAction* figure = file->addAction("Export cost &figure…", costPlot_, &WorkbenchPlot::exportFigureInteractively);
  figure->setShortcut(QKeySequence("Ctrl+E"));
  QAction* data = file->addAction("Export cost &data (CSV)…", costPlot_, &WorkbenchPlot::exportDataInteractively);
  data->setShortcut(QKeySequence("Ctrl+Shift+E"));
  file->addAction("Export the whole &dashboard…", this, [this] {
    const QRect frame = dashboardFrame(this, plots());
    if (frame.isEmpty()) {
      QMessageBox::information(this, "Export the whole dashboard", "No plot shows results yet: run a solver first.");
      return;
    }
    DashboardExportDialog dialog(frame.size(), logicalDpiX(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    if (const QString error = exportDashboardTo(dialog.path(), dialog.dpi()); !error.isEmpty())
      QMessageBox::warning(this, "Export the whole dashboard", error);
    else
      statusBar()->showMessage(QString("Dashboard exported to %1").arg(dialog.path()), kFileMessageMs);
  });
  addPythonExportActions(file);
  // Every export says where it went: a figure or CSV from a plot's menu, too.
  for (WorkbenchPlot* shown : plots()) {
    connect(shown, &WorkbenchPlot::exported, this, [this, shown](const QString& path) {
      statusBar()->showMessage(QString("%1 exported to %2").arg(shown->title().section(':', 0, 0), path), kFileMessageMs);
    });
  }
}

// The trained networks of the run shown (with the request they answer) as Python, and the session as the
// commands it corresponds to.
void MainWindow::addPythonExportActions(QMenu* file) {
  QMenu* networks = file->addMenu("Export network as &Python");
  connect(networks, &QMenu::aboutToShow, this, [this, networks] {
    networks->clear();
    for (const NetworkCurve& n : shown_.networks) {
      if (!n.trained) continue;
      for (const auto& [format, label] : {std::pair{ExportFormat::Numpy, "NumPy"}, std::pair{ExportFormat::Torch, "PyTorch"}}) {
        networks->addAction(QString("%1 for %2…").arg(n.method, label), this, [this, network = n.network, format = format] {
          const QString message = exportNetworkAsPython(this, network, shown_.request, format);
          if (!message.isEmpty()) statusBar()->showMessage(message, kFileMessageMs);
        });
      }
    }
    if (networks->isEmpty()) networks->addAction("(train a network first)")->setEnabled(false);
  });
  file->addAction("Export session as &commands…", this, [this] {
    const QString title = windowTitle().remove("[*]").trimmed() + (isWindowModified() ? " (changed)" : "");
    const QString message = exportSessionAsCommands(this, settings_->settings(), title, shown_);
    if (!message.isEmpty()) statusBar()->showMessage(message, kFileMessageMs);
  });
}

QString MainWindow::exportDashboardTo(const QString& path, int dpi) { return exportDashboard(this, plots(), path, dpi); }

Session MainWindow::currentSession() const {
  Session session;
  session.settings = settings_->settings();
  session.inspectedMethod = settings_->pickedMethod();  // a network still to train, where it was picked
  session.inspectedSignal = settings_->inspectedSignal();
  session.title = sessionTitle_;  // the opened session's or preset's: a session saved again keeps it
  session.focus = focus_;         // and so its focus
  session.costMedian = costPlot_->median();
  session.costEveryBand = costPlot_->everyBand();
  session.networks = trained_.find(session.settings);
  return session;
}

void MainWindow::applySession(const Session& session, const QString& file) {
  if (settings_->settings() != session.settings)
    beforeLoad_ = EarlierProblem{currentSession(), sessionSettings_, sessionFile_, unsavedTraining_};
  opened_.clear();  // the session's own networks stand
  showSession(session, file);
}

void MainWindow::showSession(const Session& session, const QString& file, SessionRun run) {
  settings_->setInspection(session.inspectedMethod, session.inspectedSignal);
  settings_->setSettings(session.settings, SettingsPanel::Quietly);  // run below, at once
  loadedSettings_ = settings_->settings();
  trained_.keep(session.settings, session.networks);
  showSessionName(session.title, file, settings_->settings());
  ++sessionLoads_;
  unsavedTraining_ = false;  // the user chose to leave them for this session
  focusOn(session.focus);
  costPlot_->setMedian(session.costMedian);
  costPlot_->setEveryBand(session.costEveryBand);
  updateUndoLoad();
  if (run == SessionRun::Now) startDefaultRun();
}

void MainWindow::backToTheEarlierProblem() {
  if (!beforeLoad_ || !undoLoadAction_->isEnabled()) return;
  const EarlierProblem earlier = *std::exchange(beforeLoad_, std::nullopt);
  showSession(earlier.session, earlier.file);  // its settings, inspection, cost statistic, title and networks
  sessionSettings_ = earlier.sessionSettings;  // an edited preset's title keeps its '*'
  unsavedTraining_ = earlier.unsavedTraining;
  markSessionChanged();
}

void MainWindow::updateUndoLoad() {
  // Only while the loaded problem stands as loaded: after an edit, going back would drop the edit too.
  undoLoadAction_->setEnabled(beforeLoad_ && settings_->settings() == loadedSettings_);
}

void MainWindow::showSessionName(const QString& title, const QString& file, const ExperimentSettings& settings) {
  sessionTitle_ = title;
  sessionFile_ = file;
  sessionSettings_ = settings;
  // Both where a titled session has a file: Ctrl+S writes to it, and the title alone did not say which.
  const QString fileName = QFileInfo(file).fileName();
  const QString name = title.isEmpty() ? fileName : fileName.isEmpty() ? title : title + " — " + fileName;
  setWindowTitle(name.isEmpty() ? "Unfold Lab" : "Unfold Lab — " + name + " [*]");
  setWindowModified(false);
}

void MainWindow::markSessionChanged() {
  // A title that names a preset over other settings would say the plots show that preset.
  if (windowTitle().contains("[*]")) setWindowModified(settings_->settings() != sessionSettings_);  // else: no session named
  updateUndoLoad();
}

void MainWindow::protectInputsOf(const ExperimentSettings& settings) {
  std::vector<StandingInput> inputs;
  if (settings.source == ProblemSource::Files)
    inputs = {{"the dictionary file the workbench imported", settings.dictionaryFile.toStdString()},
              {"the signals file the workbench imported", settings.signalsFile.toStdString()}};
  if (settings.source == ProblemSource::Files && !settings.testSignalsFile.isEmpty())
    inputs.push_back({"the test signals file the workbench imported", settings.testSignalsFile.toStdString()});
  setStandingInputs(this, std::move(inputs));
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
  for (const QString& path : recent) recentMenu_->addAction(path, this, [this, path] {
    openAskingFirst(QFileInfo(path).fileName(), [this, path] { openSessionFile(path); });
  });
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!mayClose()) {
    event->ignore();
    return;
  }
  rememberSettings();
  forgetLessonUnlessShown();
  QMainWindow::closeEvent(event);
}

}  // namespace unfold::ui
