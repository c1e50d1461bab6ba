#include "solver_worker.h"

#include "input_error.h"
#include "lasso.h"
#include "live_trace.h"
#include "network_training_run.h"
#include "reference_solver.h"
#include "workbench_problem.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>

#include <functional>
#include <memory>
#include <thread>

namespace unfold::ui {

namespace {

constexpr int kPartialMs = 40;

std::vector<Algorithm> chosenSolvers(const ExperimentSettings& s) {
  std::vector<Algorithm> out;
  if (s.ista) out.push_back(Algorithm::Ista);
  if (s.fista) out.push_back(Algorithm::Fista);
  if (s.oista) out.push_back(Algorithm::Oista);
  return out;
}

std::vector<Parametrization> chosenNetworks(const ExperimentSettings& s) {
  std::vector<Parametrization> out;
  if (s.lista) out.push_back(Parametrization::Lista);
  if (s.listaCp) out.push_back(Parametrization::ListaCp);
  if (s.alista) out.push_back(Parametrization::Alista);
  if (s.slista) out.push_back(Parametrization::Slista);
  return out;
}

}  // namespace

quint64 SolverWorker::requestRun(const RunRequest& request) {
  QMutexLocker lock(&mutex_);
  pending_ = request;
  cancelled_.store(false);
  stopRequested_.store(false);
  const quint64 generation = ++generation_;  // the running computation sees it and stops
  if (!busy_) {
    busy_ = true;
    QMetaObject::invokeMethod(this, "process", Qt::QueuedConnection);
  }
  return generation;
}

void SolverWorker::stop() { stopRequested_.store(true); }

void SolverWorker::send(ConvergenceSnapshot snapshot) {
  snapshot.seconds = clock_.elapsed() / 1000.0;
  emit snapshotReady(snapshot);
}

void SolverWorker::cancel() {
  QMutexLocker lock(&mutex_);
  cancelled_.store(true);
  ++generation_;
}

void SolverWorker::process() {
  while (true) {
    RunRequest request;
    quint64 generation;
    {
      QMutexLocker lock(&mutex_);
      generation = generation_.load();
      if (cancelled_.load()) {
        busy_ = false;
        return;
      }
      request = pending_;
    }
    run(request, generation);
    emit finished(generation);
    QMutexLocker lock(&mutex_);
    if (generation_.load() == generation || cancelled_.load()) {  // nothing newer was asked
      busy_ = false;
      return;
    }
  }
}

// What one run shares between its phases.
struct SolverWorker::Run {
  const RunRequest& request;
  quint64 generation;
  const WorkbenchProblem& problem;
  const ReferenceSolution& reference;
  std::function<bool()> abandoned;
  ConvergenceSnapshot snapshot;  // the run's results so far
  std::vector<std::unique_ptr<LiveTrace>> traces;
  void takeCurves() {
    snapshot.curves.clear();
    for (const auto& trace : traces) snapshot.curves.append(trace->curve());
  }
};

void SolverWorker::run(const RunRequest& request, quint64 generation) {
  const ExperimentSettings& settings = request.settings;
  gate_.restart(request.startPaused);
  clock_.start();
  try {
    const WorkbenchProblem problem = buildProblem(settings);
    const Dictionary& dictionary = *problem.dictionary;
    if (abandoned(generation)) return;
    ConvergenceSnapshot snapshot;
    snapshot.generation = generation;
    snapshot.request = settings;
    snapshot.lipschitz = dictionary.lipschitz();
    snapshot.meanLambdaMax = lambdaMax(dictionary.atoms(), problem.testX).mean();
    snapshot.gamma = double(dictionary.atomCount()) / double(dictionary.signalDimension());
    snapshot.atoms = static_cast<int>(dictionary.atomCount());
    snapshot.inspected = inspectedSignals(problem.testX.cols(), snapshot.atoms, settings.iterations);
    snapshot.problem = problem.description;
    snapshot.networksPlanned = static_cast<int>(chosenNetworks(settings).size());
    snapshot.phase = RunPhase::Preparing;
    send(snapshot);  // every plot now answers this request: no curve of the last one stays
    const ReferenceSolution reference = solveReference(dictionary, problem.testX, settings.lambda);
    for (int s = 0; s < snapshot.inspected; ++s)
      for (int i = 0; i < snapshot.atoms; ++i) snapshot.solution.append(reference.Z(i, s));
    Run run{request, generation, problem, reference, [this, generation] { return abandoned(generation); },
            std::move(snapshot), {}};
    if (!solve(run) || !train(run)) {
      if (superseded(generation)) return;  // a newer request or a cancel: nothing more is shown
      run.snapshot.phase = RunPhase::Stopped;  // Stop: what the run reached, as it stands
      run.snapshot.paused = false;
      send(run.snapshot);
      return;
    }
    run.snapshot.phase = RunPhase::Complete;
    run.snapshot.complete = true;
    run.snapshot.paused = false;
    send(run.snapshot);
  } catch (const InputError& error) {
    emit failed(generation, QString::fromStdString(error.what()));
  } catch (const std::bad_alloc&) {
    emit failed(generation, "Out of memory: the problem is too large for this machine.");
  }
}

bool SolverWorker::solve(Run& run) {
  const ExperimentSettings& settings = run.request.settings;
  const Dictionary& dictionary = *run.problem.dictionary;
  run.snapshot.phase = RunPhase::Solving;
  std::atomic<bool> outOfMemory{false};  // one solver out of memory ends them all
  const auto ended = [&run, &outOfMemory] { return outOfMemory.load() || run.abandoned(); };
  for (const Algorithm algorithm : chosenSolvers(settings))
    run.traces.push_back(std::make_unique<LiveTrace>(algorithm, dictionary, run.reference.optimalCost, settings.lambda,
                                                     settings.iterations, run.snapshot.inspected, gate_, ended));
  // One thread each, so that a paused run holds them all on the same t.
  std::atomic<int> running{static_cast<int>(run.traces.size())};
  std::vector<std::thread> threads;
  for (auto& trace : run.traces) {
    threads.emplace_back([&, t = trace.get()] {
      try {
        solveLasso(t->algorithm(), dictionary, run.problem.testX, settings.lambda, settings.iterations, t);
      } catch (const std::bad_alloc&) {
        outOfMemory.store(true);
      }
      --running;
    });
  }
  // Partial results while they run: whenever something changed.
  long shown = -1;
  bool shownPaused = false;
  while (running.load() > 0) {
    QThread::msleep(kPartialMs);
    long recorded = 0;
    for (const auto& trace : run.traces) recorded += trace->iterationsRecorded();
    const bool paused = gate_.paused();
    if ((recorded == shown && paused == shownPaused) || running.load() == 0 || run.abandoned()) continue;
    run.takeCurves();
    run.snapshot.paused = paused;
    run.snapshot.pausedAt = paused ? run.snapshot.iteration() : -1;
    send(run.snapshot);
    shown = recorded;
    shownPaused = paused;
  }
  for (std::thread& thread : threads) thread.join();
  if (outOfMemory.load()) throw std::bad_alloc();
  run.takeCurves();
  run.snapshot.paused = false;
  return !run.abandoned();
}

bool SolverWorker::train(Run& run) {
  const ExperimentSettings& settings = run.request.settings;
  const std::vector<Parametrization> networks = chosenNetworks(settings);
  if (networks.empty()) return true;
  run.snapshot.phase = RunPhase::Training;
  send(run.snapshot);  // the solvers' results, complete, while the networks train
  const Dictionary& dictionary = *run.problem.dictionary;
  NetworkRunInputs inputs{run.problem, settings.lambda, *parseLossKind(settings.loss.toStdString()), {}, {},
                          run.reference.optimalCost, settings.layers, settings.trainingIterations, settings.layerWise};
  if (inputs.loss == LossKind::SemiSupervised) {
    inputs.trainTargets = solveReference(dictionary, run.problem.trainX, settings.lambda).Z;
    inputs.testTargets = run.reference.Z;
  } else if (inputs.loss == LossKind::Supervised) {
    inputs.trainTargets = *run.problem.trainZ0;
    inputs.testTargets = *run.problem.testZ0;
  }
  for (const Parametrization kind : networks) {
    if (run.abandoned()) return false;
    gate_.beginPhase();
    const auto publish = [&](const NetworkCurve& curve) {
      ConvergenceSnapshot live = run.snapshot;
      live.networks.append(curve);
      live.paused = gate_.paused();
      live.pausedAt = curve.trainIteration.isEmpty() ? 0 : static_cast<int>(curve.trainIteration.back());
      send(live);
    };
    const QString label = QString::fromStdString(parametrizationLabel(kind));
    NetworkCurve curve = runNetwork(kind, inputs, run.request.pretrained.value(label), gate_, run.abandoned, publish);
    if (run.abandoned()) {
      if (!curve.trainIteration.isEmpty()) {  // stopped mid-training: what it reached, said so
        curve.stopReason = QString("stopped by the user at step %1").arg(curve.trainIteration.back());
        curve.stopLabel = "stopped";
        run.snapshot.networks.append(curve);
      }
      return false;
    }
    run.snapshot.networks.append(curve);
    send(run.snapshot);
  }
  return true;
}

}  // namespace unfold::ui
