#include "solver_worker.h"

#include "dictionary.h"
#include "input_error.h"
#include "lasso.h"
#include "method_palette.h"
#include "problem_generators.h"
#include "reference_solver.h"
#include "solver.h"
#include "trace_recorder.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <functional>

namespace unfold::ui {

namespace {

// Records the trace, stops the solver when the request is superseded, and sends partial results.
class LiveTrace : public TraceRecorder {
 public:
  LiveTrace(const Dictionary& d, Vector fStar, double lambda, std::function<bool()> stop, std::function<void()> partial)
      : TraceRecorder(d, std::move(fStar), lambda, false), stop_(std::move(stop)), partial_(std::move(partial)) {
    clock_.start();
  }
  bool onIteration(const IterationState& state) override {
    TraceRecorder::onIteration(state);
    if (clock_.elapsed() >= 40) {
      partial_();
      clock_.restart();
    }
    return stop_();
  }

 private:
  std::function<bool()> stop_;
  std::function<void()> partial_;
  QElapsedTimer clock_;
};

ConvergenceCurve curveOf(Algorithm algorithm, const std::vector<TraceRow>& rows) {
  ConvergenceCurve curve;
  curve.method = QString::fromStdString(algorithmName(algorithm)).toUpper();
  curve.color = methodColor(curve.method);
  for (const TraceRow& row : rows) {
    curve.iteration.append(row.iteration);
    curve.gapMean.append(row.gap);
    curve.gapQ10.append(row.gapQ10);
    curve.gapQ90.append(row.gapQ90);
    curve.stepTimesL.append(row.stepTimesL.value_or(1.0));
  }
  return curve;
}

}  // namespace

quint64 SolverWorker::requestRun(const ExperimentSettings& settings) {
  QMutexLocker lock(&mutex_);
  pending_ = settings;
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
    ExperimentSettings settings;
    quint64 generation;
    {
      QMutexLocker lock(&mutex_);
      generation = generation_.load();
      if (cancelled_.load()) {
        busy_ = false;
        return;
      }
      settings = pending_;
    }
    run(settings, generation);
    emit finished(generation);
    QMutexLocker lock(&mutex_);
    if (generation_.load() == generation || cancelled_.load()) {  // nothing newer was asked
      busy_ = false;
      return;
    }
  }
}

void SolverWorker::run(const ExperimentSettings& settings, quint64 generation) {
  try {
    const Dictionary dictionary(gaussianDictionary(settings.n, settings.m, settings.seed));
    const Matrix X = makeSignals(SignalKind::Gaussian, dictionary.atoms(), settings.signalCount, settings.seed + 1).X;
    validateProblem(dictionary.atoms(), X, settings.lambda);
    if (superseded(generation)) return;
    const ReferenceSolution reference = solveReference(dictionary, X, settings.lambda);
    ConvergenceSnapshot snapshot;
    snapshot.generation = generation;
    snapshot.lipschitz = dictionary.lipschitz();
    snapshot.meanLambdaMax = lambdaMax(dictionary.atoms(), X).mean();
    snapshot.problem = QString("Gaussian D, n = %1, m = %2, λ = %3 λ_max, %4 signal(s)")
                           .arg(settings.n).arg(settings.m).arg(settings.lambda).arg(settings.signalCount);
    std::vector<Algorithm> algorithms;
    if (settings.ista) algorithms.push_back(Algorithm::Ista);
    if (settings.fista) algorithms.push_back(Algorithm::Fista);
    if (settings.oista) algorithms.push_back(Algorithm::Oista);
    for (const Algorithm algorithm : algorithms) {
      LiveTrace* current = nullptr;
      const auto partial = [&] {
        ConvergenceSnapshot live = snapshot;
        live.curves.append(curveOf(algorithm, current->rows()));
        emit snapshotReady(live);
      };
      LiveTrace trace(dictionary, reference.optimalCost, settings.lambda, [&] { return superseded(generation); }, partial);
      current = &trace;
      solveLasso(algorithm, dictionary, X, settings.lambda, settings.iterations, &trace);
      if (superseded(generation)) return;
      snapshot.curves.append(curveOf(algorithm, trace.rows()));
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
