// Helpers shared by the window tests: run the window's settings (or given ones) and wait for the end.
#pragma once

#include "window/main_window.h"
#include "window/settings_panel.h"

#include <QCoreApplication>
#include <QSignalSpy>

namespace unfold::ui {

// Small enough to train in well under a second: n = 5, m = 10, 100 signals, 5 layers.
inline ExperimentSettings smallNetworks() {
  ExperimentSettings s;
  s.n = 5;
  s.m = 10;
  s.signalCount = 100;
  s.trainCount = 100;
  s.lambda = 0.2;
  s.iterations = 30;
  s.networks = {unfold::Parametrization::ListaCp, unfold::Parametrization::Slista};
  s.layers = 5;
  s.trainingIterations = 40;
  return s;
}

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
