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
  const quint64 generation = ++generation_;  // the running computation sees it and stops
  if (!busy_) {
    busy_ = true;
    QMetaObject::invokeMethod(this, "process", Qt::QueuedConnection);
  }
  return generation;
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

void SolverWorker::run(const RunRequest& request, quint64 generation) {
  const ExperimentSettings& settings = request.settings;
  gate_.restart(request.startPaused);
  const auto abandoned = [this, generation] { return superseded(generation); };
  try {
    const WorkbenchProblem problem = buildProblem(settings);
    const Dictionary& dictionary = *problem.dictionary;
    const Matrix& X = problem.testX;
    if (abandoned()) return;
    const ReferenceSolution reference = solveReference(dictionary, X, settings.lambda);
    ConvergenceSnapshot snapshot;
    snapshot.generation = generation;
    snapshot.lipschitz = dictionary.lipschitz();
    snapshot.meanLambdaMax = lambdaMax(dictionary.atoms(), X).mean();
    snapshot.gamma = double(dictionary.atomCount()) / double(dictionary.signalDimension());
    snapshot.atoms = static_cast<int>(dictionary.atomCount());
    snapshot.inspected = inspectedSignals(X.cols(), snapshot.atoms, settings.iterations);
    snapshot.problem = problem.description;
    for (int s = 0; s < snapshot.inspected; ++s)
      for (int i = 0; i < snapshot.atoms; ++i) snapshot.solution.append(reference.Z(i, s));

    // The solvers side by side, one thread each, so that a paused run holds them all on the same t.
    std::vector<std::unique_ptr<LiveTrace>> traces;
    for (const Algorithm algorithm : chosenSolvers(settings))
      traces.push_back(std::make_unique<LiveTrace>(algorithm, dictionary, reference.optimalCost, settings.lambda,
                                                   settings.iterations, snapshot.inspected, gate_, abandoned));
    std::atomic<int> running{static_cast<int>(traces.size())};
    std::atomic<bool> outOfMemory{false};
    std::vector<std::thread> threads;
    for (auto& trace : traces) {
      threads.emplace_back([&, t = trace.get()] {
        try {
          solveLasso(t->algorithm(), dictionary, X, settings.lambda, settings.iterations, t);
        } catch (const std::bad_alloc&) {
          outOfMemory.store(true);
          cancelled_.store(true);
        }
        --running;
      });
    }
    const auto solverSnapshot = [&](bool withDetail) {
      ConvergenceSnapshot live = snapshot;
      live.curves.clear();
      for (const auto& trace : traces) live.curves.append(trace->curve(withDetail));
      return live;
    };
    // Partial results while they run: when something changed, and with the iterates when paused.
    long shown = -1;
    bool shownPaused = false;
    while (running.load() > 0) {
      QThread::msleep(kPartialMs);
      long recorded = 0;
      for (const auto& trace : traces) recorded += trace->iterationsRecorded();
      const bool paused = gate_.paused();
      if ((recorded == shown && paused == shownPaused) || running.load() == 0 || abandoned()) continue;
      ConvergenceSnapshot live = solverSnapshot(paused);
      live.paused = paused;
      live.hasDetail = paused;
      live.pausedAt = paused ? static_cast<int>(recorded / std::max<size_t>(1, traces.size())) - 1 : -1;
      emit snapshotReady(live);
      shown = recorded;
      shownPaused = paused;
    }
    for (std::thread& thread : threads) thread.join();
    if (outOfMemory.load()) throw std::bad_alloc();
    if (abandoned()) return;
    snapshot = solverSnapshot(true);
    snapshot.hasDetail = true;

    const std::vector<Parametrization> networks = chosenNetworks(settings);
    snapshot.networksPlanned = static_cast<int>(networks.size());
    if (!networks.empty()) {
      emit snapshotReady(snapshot);  // the solvers' results, complete, while the networks train
      snapshot.hasDetail = false;
      snapshot.curves = solverSnapshot(false).curves;  // partial snapshots travel light
      NetworkRunInputs inputs{problem, settings.lambda, *parseLossKind(settings.loss.toStdString()), {}, {},
                              reference.optimalCost, settings.layers, settings.trainingIterations, settings.layerWise};
      if (inputs.loss == LossKind::SemiSupervised) {
        inputs.trainTargets = solveReference(dictionary, problem.trainX, settings.lambda).Z;
        inputs.testTargets = reference.Z;
      } else if (inputs.loss == LossKind::Supervised) {
        inputs.trainTargets = *problem.trainZ0;
        inputs.testTargets = *problem.testZ0;
      }
      for (const Parametrization kind : networks) {
        if (abandoned()) return;
        gate_.beginPhase();
        const auto publish = [&](const NetworkCurve& curve) {
          ConvergenceSnapshot live = snapshot;
          live.networks.append(curve);
          live.paused = gate_.paused();
          live.pausedAt = curve.trainIteration.isEmpty() ? 0 : static_cast<int>(curve.trainIteration.back());
          emit snapshotReady(live);
        };
        const QString label = QString::fromStdString(parametrizationLabel(kind));
        NetworkCurve curve = runNetwork(kind, inputs, request.pretrained.value(label), gate_, abandoned, publish);
        if (abandoned()) return;
        snapshot.networks.append(curve);
        emit snapshotReady(snapshot);
      }
      snapshot.curves = solverSnapshot(true).curves;
      snapshot.hasDetail = true;
    }
    snapshot.complete = true;
    emit snapshotReady(snapshot);
  } catch (const InputError& error) {
    emit failed(generation, QString::fromStdString(error.what()));
  } catch (const std::bad_alloc&) {
    emit failed(generation, "Out of memory: the problem is too large for this machine.");
  }
}

}  // namespace unfold::ui
