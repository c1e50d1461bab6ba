// The steps of the flow tests: a window shown and active, waiting for a snapshot, the story check after
// an action, and the runs they act on; FlowTestCase starts every test with no settings remembered.
#pragma once

#include "story_check.h"
#include "window_runs.h"

#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QtTest>

#define CHECK_STORY(window)                                  \
  do {                                                       \
    const QString problems = storyProblems(window);          \
    QVERIFY2(problems.isEmpty(), qPrintable(problems));      \
  } while (false)

namespace unfold::ui {

// A run long enough to act on while it goes (a few seconds on 2 cores).
inline ExperimentSettings longRun() {
  return sizedProblem(30, 100, 300, 20000);
}

// A 3-layer SLISTA on a tiny problem: trains in a blink.
inline ExperimentSettings tinySlista(int steps) {
  ExperimentSettings s;
  s.n = 5;
  s.m = 10;
  s.iterations = 20;
  s.networks.insert(unfold::Parametrization::Slista);
  s.layers = 3;
  s.trainingIterations = steps;
  s.trainCount = 50;
  return s;
}

// Waits until the shown snapshot answers the latest request and satisfies `ready`.
template <typename Predicate>
inline bool shows(MainWindow& w, Predicate ready, int timeoutMs = 60000) {
  return QTest::qWaitFor([&] { return w.shownGeneration() == w.latestGeneration() && ready(w.shownSnapshot()); }, timeoutMs);
}

// The title as the window manager shows it: Qt replaces "[*]" with "*" while the window is modified.
inline QString shownTitle(const QWidget& w) {
  return QString(w.windowTitle()).replace("[*]", w.isWindowModified() ? "*" : "").trimmed();
}

inline QSpinBox* spin(MainWindow& w, const char* name) { return w.settingsPanel()->findChild<QSpinBox*>(name); }

inline void openActive(MainWindow& w) {
  w.show();
  w.activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(&w));
}

// A flow test class: each test starts as a first launch (no last settings, no welcome dismissed).
class FlowTestCase : public QObject {
  Q_OBJECT
 private slots:
  void init() { QSettings().clear(); }
};

}  // namespace unfold::ui
