#include "solver_worker.h"

#include "dictionary.h"
#include "input_error.h"
#include "lasso.h"
#include "method_palette.h"
#include "problem_generators.h"
#include "reference_solver.h"
#include "solver.h"
#include "support_lipschitz.h"
#include "trace_recorder.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <algorithm>
#include <functional>

namespace unfold::ui {

namespace {

// How many signals the inspector keeps iterate by iteration (fewer on long runs, so that the iterates
// kept stay under kMaxStoredCodes values, ~32 MB), and how many (|S|/m, L_S/L) samples.
constexpr int kInspected = 50;
constexpr double kMaxStoredCodes = 4e6;
constexpr int kMaxSamples = 6000;

int inspectedSignals(Eigen::Index signalCount, int atoms, int iterations) {
  const double perSignal = double(iterations + 1) * atoms;
  const auto fit = static_cast<Eigen::Index>(kMaxStoredCodes / perSignal);
  return static_cast<int>(std::clamp<Eigen::Index>(std::min<Eigen::Index>(signalCount, fit), 1, kInspected));
}

// Records the trace and the inspector's details, stops the solver when the request is superseded, and
// sends partial results.
class LiveTrace : public TraceRecorder {
 public:
  LiveTrace(const Dictionary& d, Vector fStar, double lambda, int iterations, int inspected, std::function<bool()> stop,
            std::function<void()> partial)
      : TraceRecorder(d, std::move(fStar), lambda, false), L_(d.lipschitz()), iterations_(iterations),
        inspected_(inspected), tracker_(d, inspected), stop_(std::move(stop)),
        partial_(std::move(partial)) {
    clock_.start();
  }
  ConvergenceCurve detail;
  bool onIteration(const IterationState& state) override {
    TraceRecorder::onIteration(state);
    record(state);
    if (clock_.elapsed() >= 40) {
      partial_();
      clock_.restart();
    }
    return stop_();
  }

 private:
  void record(const IterationState& state) {
    const Eigen::Index m = state.Z.rows();
    if (state.iteration == 0)  // iterates x signals over the run, sampled down to kMaxSamples
      sampleEvery_ = std::max(1, static_cast<int>(double(iterations_ + 1) * double(inspected_) / kMaxSamples));
    const int inspected = inspected_;
    detail.inspected = inspected;
    detail.atoms = static_cast<int>(m);
    // L_S only for the inspected signals: for all of them it would cost more than the solvers.
    double meanRatio = 0.0;
    for (int s = 0; s < inspected; ++s) {
      for (Eigen::Index i = 0; i < m; ++i) detail.codes.append(state.Z(i, s));
      const double ratio = tracker_.update(s, state.Z.col(s)) / L_;
      const auto support = static_cast<double>(tracker_.support(s).size());
      detail.lsOverL.append(ratio);
      detail.rejected.append(state.oracleAccepted ? char(!(*state.oracleAccepted)[static_cast<size_t>(s)]) : char(0));
      meanRatio += ratio / inspected;
      if (++sampleCounter_ % sampleEvery_ == 0 && ratio > 0.0) {
        detail.sampleZeta.append(support / static_cast<double>(m));
        detail.sampleRatio.append(ratio);
      }
    }
    detail.lsOverLMean.append(meanRatio);
  }
  double L_;
  int iterations_, inspected_;
  SupportLipschitzTracker tracker_;
  std::function<bool()> stop_;
  std::function<void()> partial_;
  QElapsedTimer clock_;
  int sampleEvery_ = 1;
  long sampleCounter_ = 0;
};

// `withDetail`: the inspector's iterates too (large); partial snapshots go without them.
ConvergenceCurve curveOf(Algorithm algorithm, const LiveTrace& trace, bool withDetail) {
  const std::vector<TraceRow>& rows = trace.rows();
  ConvergenceCurve curve = withDetail ? trace.detail : ConvergenceCurve{};
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
    snapshot.gamma = static_cast<double>(settings.m) / settings.n;
    snapshot.inspected = inspectedSignals(X.cols(), settings.m, settings.iterations);
    snapshot.atoms = settings.m;
    for (int s = 0; s < snapshot.inspected; ++s)
      for (int i = 0; i < settings.m; ++i) snapshot.solution.append(reference.Z(i, s));
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
        live.curves.append(curveOf(algorithm, *current, false));
        emit snapshotReady(live);
      };
      LiveTrace trace(dictionary, reference.optimalCost, settings.lambda, settings.iterations, snapshot.inspected,
                      [&] { return superseded(generation); }, partial);
      current = &trace;
      solveLasso(algorithm, dictionary, X, settings.lambda, settings.iterations, &trace);
      if (superseded(generation)) return;
      snapshot.curves.append(curveOf(algorithm, trace, true));
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
