#include "ui_latency_benchmark.h"

#include "window/main_window.h"
#include "window/settings_panel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>

namespace unfold::ui {

ExperimentSettings latencyBenchmarkSettings(bool quick) {
  ExperimentSettings s;
  s.n = quick ? 10 : 30;
  s.m = quick ? 30 : 100;
  s.signalCount = quick ? 200 : 1000;
  s.trainCount = quick ? 200 : 1000;
  s.iterations = quick ? 100 : 1000;
  s.lambda = 0.2;
  s.networks = {Parametrization::ListaCp, Parametrization::Slista};
  s.layers = quick ? 5 : 15;
  s.trainingIterations = quick ? 30 : 120;
  return s;
}

namespace {

// Seconds for one request on a worker with no window: snapshots are made and sent, nobody draws them.
double headlessRun(const ExperimentSettings& settings) {
  WorkerThread<SolverWorker> worker;
  QEventLoop loop;
  QObject::connect(worker.worker(), &SolverWorker::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
  QElapsedTimer clock;
  clock.start();
  worker->requestRun(RunRequest{settings, {}, false});
  loop.exec();
  return clock.elapsed() / 1000.0;
}


// One windowed run: its seconds, the worst lateness of the probe timer and the redraws.
void windowedRun(const ExperimentSettings& settings, UiLatencyResult& result, double& seconds) {
  MainWindow window;
  window.show();
  window.settingsPanel()->setSettings(settings);
  QEventLoop loop;
  QObject::connect(&window, &MainWindow::runFinished, &loop, &QEventLoop::quit);
  int redraws = 0;
  QObject::connect(&window, &MainWindow::redrawn, &window, [&] { ++redraws; });
  // The event loop's lateness: a 5 ms timer that should fire every 5 ms.
  QTimer probe;
  probe.setTimerType(Qt::PreciseTimer);
  probe.setInterval(5);
  QElapsedTimer sinceLast;
  QObject::connect(&probe, &QTimer::timeout, &window, [&] {
    result.worstLatencyMs = std::max(result.worstLatencyMs, sinceLast.nsecsElapsed() / 1e6 - 5.0);
    sinceLast.restart();
  });
  QElapsedTimer clock;
  clock.start();
  window.startDefaultRun();
  sinceLast.start();
  probe.start();
  loop.exec();
  probe.stop();
  seconds = clock.elapsed() / 1000.0;
  result.redraws = redraws;
}

}  // namespace

UiLatencyResult measureUiLatency(const ExperimentSettings& settings) {
  // Alternating runs, the fastest of each kind: this machine's timings vary by ~10 % from run to run,
  // as much as the effect measured.
  UiLatencyResult result;
  result.settings = settings;
  result.headlessSeconds = result.windowedSeconds = 1e300;
  for (int round = 0; round < 2; ++round) {
    result.headlessSeconds = std::min(result.headlessSeconds, headlessRun(settings));
    double seconds = 0.0;
    windowedRun(settings, result, seconds);
    result.windowedSeconds = std::min(result.windowedSeconds, seconds);
  }
  return result;
}

}  // namespace unfold::ui
