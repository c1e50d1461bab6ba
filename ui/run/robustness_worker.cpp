#include "run/robustness_worker.h"

#include "base/input_error.h"
#include "base/progress_throttle.h"
#include "experiments/network_attack.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "plots/method_palette.h"
#include "run/layer_curve.h"
#include "run/live_trace.h"
#include "run/workbench_problem.h"

#include <QMetaObject>

#include <new>
#include <numeric>

namespace unfold::ui {

namespace {

constexpr auto kSnapshotInterval = std::chrono::milliseconds(40);
constexpr int kOistaIterations = 100;  // OISTA next to the network: far past its depth, to see it converge

double meanOf(const QVector<double>& values) {
  return values.isEmpty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

QVector<double> toQVector(const Vector& v) { return QVector<double>(v.data(), v.data() + v.size()); }

}  // namespace

double RobustnessSnapshot::meanTestGap() const { return meanOf(testGap); }
double RobustnessSnapshot::meanAttackedGap() const { return meanOf(attackedGap); }

// What the latest answered request evaluated: the inspection runs on it.
struct RobustnessWorker::Evaluated {
  std::unique_ptr<const Dictionary> dictionary;
  NetworkFile network;
  double lambda = 0.0;
  Matrix X, attackedX;
  QString problem;
  bool shifted = false;  // X is not the test signals as trained (another kind, noise or λ): so its name says
};

quint64 RobustnessWorker::request(const RobustnessRequest& request) {
  return requests_.post(request, [this] { QMetaObject::invokeMethod(this, "process", Qt::QueuedConnection); });
}

void RobustnessWorker::inspect(bool attacked, int signal) {
  QMetaObject::invokeMethod(this, "computeInspection", Qt::QueuedConnection, Q_ARG(bool, attacked), Q_ARG(int, signal));
}

void RobustnessWorker::process() {
  while (const auto next = requests_.take()) {
    const quint64 generation = next->second;
    try {
      run(next->first, generation);
    } catch (const InputError& e) {
      if (!superseded(generation)) emit failed(generation, QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
      if (!superseded(generation)) emit failed(generation, "out of memory: try fewer signals");
    }
    if (requests_.answered(generation)) return;
  }
}

void RobustnessWorker::run(const RobustnessRequest& request, quint64 generation) {
  auto evaluated = std::make_shared<Evaluated>();
  WorkbenchProblem problem = buildProblem(request.problem);
  evaluated->dictionary = std::move(problem.dictionary);
  const Dictionary& dictionary = *evaluated->dictionary;
  const Matrix& D = dictionary.atoms();
  const std::uint64_t seed = request.problem.seed;
  Matrix base = problem.test.X;
  if (request.signalKind)  // the same count and stream as the test signals, another kind
    base = makeSignals(*request.signalKind, D, problem.test.X.cols(), seed + 2).X;
  evaluated->X = noisySignals(D, base, request.noise, seed + 3);
  evaluated->lambda = request.network.lambda * request.lambdaFactor;
  evaluated->network = request.network;
  evaluated->problem = problem.description;
  evaluated->shifted = request.signalKind || request.noise > 0 || request.lambdaFactor != 1.0;
  if (superseded(generation)) return;

  const UnfoldedNetwork network(dictionary, evaluated->lambda, request.network.weights);
  RobustnessSnapshot snapshot;
  snapshot.generation = generation;
  snapshot.request = request;
  snapshot.network = QString("%1, %2 layers").arg(methodLabel(request.network.weights.kind)).arg(network.layerCount());
  snapshot.lambda = evaluated->lambda;
  // Given up for the next request (a slider dragged on), within a signal: else each one waited for the last.
  ReferenceSettings solving;
  solving.progress = [this, generation](const ReferenceProgress&) { return superseded(generation); };
  const ReferenceSolution reference = solveReference(dictionary, evaluated->X, evaluated->lambda, solving);
  if (reference.stopped) return;
  for (const SignalRobustness& s : assessSignals(network, evaluated->X, reference)) snapshot.testGap << s.gap;
  if (superseded(generation)) return;
  {
    QMutexLocker lock(&lastMutex_);
    last_ = evaluated;
  }
  if (request.attackSteps <= 0) {
    snapshot.complete = true;
    emit snapshotReady(snapshot);
    return;
  }
  emit snapshotReady(snapshot);
  ProgressThrottle throttle(kSnapshotInterval);
  AttackSettings settings;
  settings.steps = request.attackSteps;
  settings.progress = [&](const AttackProgress& p) {
    if (superseded(generation)) return true;
    const bool stopping = requests_.stopRequested();
    if (throttle.due(p.step == p.steps || stopping)) {
      snapshot.attackStep = p.step;
      snapshot.attackedGap = toQVector(*p.gap);
      snapshot.attackMovesKept = QVector<int>(p.movesKept->begin(), p.movesKept->end());
      if (p.step < p.steps && !stopping) emit snapshotReady(snapshot);
    }
    return stopping;
  };
  const AttackResult result = attackNetwork(network, evaluated->X, settings);
  if (superseded(generation)) return;
  evaluated->attackedX = result.X;
  snapshot.attackStep = result.stepsDone;
  snapshot.attackedGap.clear();
  for (const SignalRobustness& s : result.after) snapshot.attackedGap << s.gap;
  snapshot.attackMovesKept = QVector<int>(result.movesKept.begin(), result.movesKept.end());
  snapshot.stopped = result.stopped;
  snapshot.complete = !result.stopped;
  emit snapshotReady(snapshot);
}

void RobustnessWorker::computeInspection(bool attacked, int signal) {
  std::shared_ptr<Evaluated> evaluated;
  {
    QMutexLocker lock(&lastMutex_);
    evaluated = last_;
  }
  const Matrix* X = evaluated ? (attacked ? &evaluated->attackedX : &evaluated->X) : nullptr;
  if (!X || signal < 0 || signal >= X->cols()) return;  // nothing (yet) to inspect
  const Dictionary& dictionary = *evaluated->dictionary;
  const Vector x = X->col(signal);
  const UnfoldedNetwork network(dictionary, evaluated->lambda, evaluated->network.weights);
  const ReferenceSolution reference = solveReference(dictionary, Matrix(x), evaluated->lambda);

  ConvergenceSnapshot inspection;
  inspection.phase = RunPhase::Complete;
  inspection.complete = true;
  inspection.problem = evaluated->problem;
  inspection.lipschitz = dictionary.lipschitz();
  inspection.meanLambdaMax = 1.0;
  inspection.gamma = double(dictionary.atomCount()) / double(dictionary.signalDimension());
  inspection.inspected = 1;
  inspection.atoms = static_cast<int>(dictionary.atomCount());
  inspection.solution = toQVector(reference.Z.col(0));
  inspection.signalNames << QString(attacked ? "attacked signal %1" : evaluated->shifted ? "shifted signal %1" : "test signal %1").arg(signal);
  inspection.curves << layerCurve(network, Matrix(x), reference.optimalCost);
  RunGate open;
  LiveTrace oista(Algorithm::Oista, dictionary, reference.optimalCost, evaluated->lambda, kOistaIterations, 1, open,
                  [] { return false; });
  solveLasso(Algorithm::Oista, dictionary, Matrix(x), evaluated->lambda, kOistaIterations, &oista);
  inspection.curves << oista.curve();
  emit inspectionReady(inspection);
}

}  // namespace unfold::ui
