#include "solver_worker.h"

#include "dictionary.h"
#include "input_error.h"
#include "lasso.h"
#include "method_palette.h"
#include "problem_generators.h"
#include "reference_solver.h"
#include "solver.h"
#include "trace_recorder.h"

namespace unfold::ui {

namespace {

// Records the trace and stops the solver as soon as the UI asks.
class CancellableTrace : public TraceRecorder {
 public:
  CancellableTrace(const Dictionary& d, Vector fStar, double lambda, const std::atomic<bool>& cancelled)
      : TraceRecorder(d, std::move(fStar), lambda, false), cancelled_(cancelled) {}
  bool onIteration(const IterationState& state) override {
    TraceRecorder::onIteration(state);
    return cancelled_.load(std::memory_order_relaxed);
  }

 private:
  const std::atomic<bool>& cancelled_;
};

}  // namespace

void SolverWorker::runConvergence(const ConvergenceSettings& settings) {
  try {
    const Dictionary dictionary(gaussianDictionary(settings.n, settings.m, settings.seed));
    const Matrix X = makeSignals(SignalKind::Gaussian, dictionary.atoms(), settings.signalCount, settings.seed + 1).X;
    validateProblem(dictionary.atoms(), X, settings.lambda);
    if (cancelled_.load()) {
      emit finished();
      return;
    }
    const ReferenceSolution reference = solveReference(dictionary, X, settings.lambda);
    ConvergenceSnapshot snapshot;
    snapshot.lipschitz = dictionary.lipschitz();
    snapshot.problem = QString("Gaussian D, n = %1, m = %2, λ = %3 λ_max, %4 signal(s)")
                           .arg(settings.n).arg(settings.m).arg(settings.lambda).arg(settings.signalCount);
    for (const Algorithm algorithm : {Algorithm::Ista, Algorithm::Fista, Algorithm::Oista}) {
      CancellableTrace trace(dictionary, reference.optimalCost, settings.lambda, cancelled_);
      solveLasso(algorithm, dictionary, X, settings.lambda, settings.iterations, &trace);
      if (cancelled_.load()) break;
      ConvergenceCurve curve;
      curve.method = QString::fromStdString(algorithmName(algorithm)).toUpper();
      curve.color = methodColor(curve.method);
      for (const TraceRow& row : trace.rows()) {
        curve.iteration.append(row.iteration);
        curve.gapMean.append(row.gap);
        curve.gapQ10.append(row.gapQ10);
        curve.gapQ90.append(row.gapQ90);
        curve.stepTimesL.append(row.stepTimesL.value_or(1.0));
      }
      snapshot.curves.append(curve);
    }
    if (!cancelled_.load()) emit convergenceReady(snapshot);
  } catch (const InputError& error) {
    emit failed(QString::fromStdString(error.what()));
  }
  emit finished();
}

}  // namespace unfold::ui
