// Helpers shared by the window tests: run the window's settings (or given ones) and wait for the end.
#pragma once

#include "main_window.h"
#include "settings_panel.h"

#include <QCoreApplication>
#include <QSignalSpy>

namespace unfold::ui {

// Starts the window's current settings and waits for the run to finish (networks included).
inline bool runToCompletion(MainWindow& window, int timeoutMs = 120000) {
  QSignalSpy finished(&window, &MainWindow::runFinished);
  window.startDefaultRun();
  const bool done = finished.wait(timeoutMs);
  QCoreApplication::processEvents();
  return done;
}

inline bool runSettings(MainWindow& window, const ExperimentSettings& settings) {
  window.settingsPanel()->setSettings(settings);
  return runToCompletion(window);
}

}  // namespace unfold::ui
