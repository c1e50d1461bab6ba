// Helpers shared by the window tests: run the window's settings (or given ones) and wait for the end.
#pragma once

#include "window/main_window.h"
#include "window/settings_panel.h"

#include <QAction>
#include <QCoreApplication>
#include <QSignalSpy>

namespace unfold::ui {

// The window's menu action with this text ("Save session &as…"), or null.
inline QAction* menuAction(QWidget& window, const QString& text) {
  for (QAction* a : window.findChildren<QAction*>())
    if (a->text() == text) return a;
  return nullptr;
}

// Opens a session or network file as the File menu does (read on a pool thread, then shown) and returns
// its error, empty if none; "(never opened)" if fileOpened does not come.
inline QString openFile(MainWindow& window, void (MainWindow::*open)(const QString&, bool), const QString& path) {
  QSignalSpy opened(&window, &MainWindow::fileOpened);
  (window.*open)(path, true);
  if (opened.isEmpty() && !opened.wait(60000)) return "(never opened)";
  return opened.last().at(1).toString();
}
inline QString openSession(MainWindow& window, const QString& path) { return openFile(window, &MainWindow::openSessionFile, path); }
inline QString openNetwork(MainWindow& window, const QString& path) { return openFile(window, &MainWindow::openNetworkFile, path); }

// Saves the session as File → Save session does (on the save thread) and returns the error, empty if
// none; "(never saved)" if fileSaved does not come.
inline QString saveSession(MainWindow& window, const QString& path) {
  QSignalSpy saved(&window, &MainWindow::fileSaved);
  window.saveSessionFile(path, true);
  if (saved.isEmpty() && !saved.wait(60000)) return "(never saved)";
  return saved.last().at(1).toString();
}

// The default settings on an n x m dictionary with `signalCount` test signals and `iterations` solver
// iterations.
inline ExperimentSettings sizedProblem(int n, int m, int signalCount, int iterations) {
  ExperimentSettings s;
  s.n = n;
  s.m = m;
  s.signalCount = signalCount;
  s.iterations = iterations;
  return s;
}

// Small enough to train in well under a second: n = 5, m = 10, 100 signals, 5 layers.
inline ExperimentSettings smallNetworks() {
  ExperimentSettings s = sizedProblem(5, 10, 100, 30);
  s.trainCount = 100;
  s.lambda = 0.2;
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

// The default problem, `iterations` solver iterations.
inline bool runIterations(MainWindow& window, int iterations) {
  ExperimentSettings s;
  s.iterations = iterations;
  return runSettings(window, s);
}

}  // namespace unfold::ui
