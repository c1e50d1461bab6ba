#include "run/solver_worker.h"

#include "base/input_error.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "plots/method_palette.h"
#include "run/layer_curve.h"
#include "run/live_trace.h"
#include "run/network_training_run.h"
#include "run/workbench_problem.h"

#include <QMetaObject>

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

namespace unfold::ui {

namespace {

constexpr auto kPartial = std::chrono::milliseconds(40);
constexpr auto kReferenceReport = std::chrono::milliseconds(250);

// The network the settings ask for, of the given parametrization.
NetworkSettings networkSettings(const ExperimentSettings& s, Parametrization kind) {
  NetworkSettings settings{kind, s.layers, s.lambda, {}};
  settings.training.loss = s.loss;
  settings.training.maxIterations = s.trainingIterations;
  settings.training.layerWise = s.layerWise;
  return settings;
}

// `curve`'s layers on the run's inspected test signals, for the support and L_S/L plots (a forward pass
// of a few signals: milliseconds beside the training).
void inspectLayers(const WorkbenchProblem& problem, const Vector& optimalCost, int inspected, NetworkCurve& curve) {
  if (curve.network.weights.layerCount() == 0 || inspected <= 0) return;
  const UnfoldedNetwork network(*problem.dictionary, curve.network.lambda, curve.network.weights);
  curve.inspectedLayers = layerCurve(network, problem.test.X.leftCols(inspected), optimalCost.head(inspected));
}

}  // namespace

// The solver threads still running; the worker waits on it for partial results and for the end.
class SolverWorker::RunningSolvers {
 public:
  explicit RunningSolvers(int count) : running_(count) {}
  void oneEnded() {
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    ended_.notify_all();
  }
  // Waits until `timeout` has passed or a solver ended; returns how many are still running.
  int waitFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const int before = running_;
    ended_.wait_for(lock, timeout, [&] { return running_ != before; });
    return running_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ended_;
  int running_;
};

quint64 SolverWorker::requestRun(const RunRequest& request) {
  gate_.prepare(request.startPaused, request.pausedAt);
  return requests_.post(request, [this] { QMetaObject::invokeMethod(this, "process", Qt::QueuedConnection); });
}

void SolverWorker::send(ConvergenceSnapshot snapshot) {
  snapshot.seconds = gate_.runningSeconds();
  snapshot.pausedSeconds = gate_.pausedSeconds();
  emit snapshotReady(snapshot);
}

void SolverWorker::process() {
  while (const auto next = requests_.take()) {
    run(next->first, next->second);
    emit finished(next->second);
    if (requests_.answered(next->second)) return;
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
  // The iterates every solver has recorded.
  int reached() const {
    int least = std::numeric_limits<int>::max();
    for (const auto& trace : traces) least = std::min(least, trace->iterationsRecorded());
    return least;
  }
  // Every solver up to the t they have all reached: the solvers run side by side at their own pace, and the
  // plots, the status bar and the data of a snapshot tell one t (a fast solver's lead shows once the slowest
  // catches up).
  void takeCurves() {
    const int common = reached();
    snapshot.curves.clear();
    for (const auto& trace : traces) snapshot.curves.append(trace->curve(common));
  }
};

void SolverWorker::run(const RunRequest& request, quint64 generation) {
  gate_.restart();  // as prepared by requestRun, with the keys pressed since
  try {
    const WorkbenchProblem problem = buildProblem(request.settings);
    if (abandoned(generation)) return;
    ConvergenceSnapshot snapshot = preparing(request.settings, problem, generation);
    const std::shared_ptr<const ReferenceSolution> solved = exactSolution(problem, request.settings.lambda, generation, snapshot);
    if (!solved) {
      if (superseded(generation)) return;
      snapshot.phase = RunPhase::Stopped;  // by the user: no F*, no curve
      send(snapshot);
      return;
    }
    const ReferenceSolution& reference = *solved;
    snapshot.referenceSolved = snapshot.testSignals;  // every one certified (or left to the fallback's best)
    for (int s = 0; s < snapshot.inspected; ++s)
      for (int i = 0; i < snapshot.atoms; ++i) snapshot.solution.append(reference.Z(i, s));
    Run run{request, generation, problem, reference, [this, generation] { return abandoned(generation); },
            std::move(snapshot), {}};
    const bool completed = reuse(run) && solve(run) && train(run);
    if (!completed && superseded(generation)) return;  // a newer request or a cancel: nothing more is shown
    // Stop: what the run reached, as it stands.
    run.snapshot.phase = completed ? RunPhase::Complete : RunPhase::Stopped;
    run.snapshot.complete = completed;
    run.snapshot.paused = false;
    send(run.snapshot);
  } catch (const InputError& error) {
    emit failed(generation, QString::fromStdString(error.what()));
  } catch (const std::bad_alloc&) {
    emit failed(generation, "Out of memory: the problem is too large for this machine.");
  }
}

std::shared_ptr<const ReferenceSolution> SolverWorker::exactSolution(const WorkbenchProblem& problem, double lambda,
                                                                    quint64 generation, ConvergenceSnapshot& snapshot) {
  const Matrix& X = problem.test.X;
  // By their hashes: copies of D and X would double a large problem's memory.
  const std::string atoms = matrixHash(problem.dictionary->atoms()), testSignals = matrixHash(X);
  if (lastReference_.solution && lastReference_.lambda == lambda && lastReference_.atoms == atoms && lastReference_.testSignals == testSignals) {
    snapshot.referenceSolved = snapshot.testSignals;
    send(snapshot);  // every plot now answers this request: no curve of the last one stays
    return lastReference_.solution;
  }
  send(snapshot);
  // On 1000 signals at m = 1024 F* takes half a minute: the signals certified are sent every kReferenceReport,
  // and a newer request or Stop ends it within a signal (the next run waited for it, "starting the new run…").
  ReferenceSettings solving;
  QElapsedTimer reported;
  reported.start();
  solving.progress = [this, generation, &snapshot, &reported](const ReferenceProgress& p) {
    const bool more = p.solved > snapshot.referenceSolved;
    snapshot.referenceSolved = static_cast<int>(p.solved);
    if (more && reported.elapsed() >= kReferenceReport.count()) {
      send(snapshot);
      reported.restart();
    }
    return abandoned(generation);
  };
  auto solution = std::make_shared<ReferenceSolution>(solveReference(*problem.dictionary, X, lambda, solving));
  if (solution->stopped) return nullptr;
  lastReference_ = {atoms, testSignals, lambda, solution};
  return solution;
}

ConvergenceSnapshot SolverWorker::preparing(const ExperimentSettings& settings, const WorkbenchProblem& problem,
                                            quint64 generation) const {
  const Dictionary& dictionary = *problem.dictionary;
  ConvergenceSnapshot snapshot;
  snapshot.generation = generation;
  snapshot.request = settings;
  snapshot.lipschitz = dictionary.lipschitz();
  snapshot.meanLambdaMax = lambdaMax(dictionary.atoms(), problem.test.X).mean();
  snapshot.gamma = double(dictionary.atomCount()) / double(dictionary.signalDimension());
  snapshot.atoms = static_cast<int>(dictionary.atomCount());
  snapshot.dimension = static_cast<int>(dictionary.signalDimension());
  snapshot.testSignals = static_cast<int>(problem.test.X.cols());
  snapshot.trainingSignals = static_cast<int>(problem.train.X.cols());
  snapshot.inspected = inspectedSignals(problem.test.X.cols(), snapshot.atoms, settings.iterations);
  snapshot.problem = problem.description;
  snapshot.filesNotAsImported = problem.filesNotAsImported;
  snapshot.signalNames = problem.testSignalNames.mid(0, snapshot.inspected);
  snapshot.networksPlanned = static_cast<int>(settings.networks.size());
  snapshot.phase = RunPhase::Preparing;
  return snapshot;
}

bool SolverWorker::solve(Run& run) {
  const ExperimentSettings& settings = run.request.settings;
  const Dictionary& dictionary = *run.problem.dictionary;
  run.snapshot.phase = RunPhase::Solving;
  std::atomic<bool> outOfMemory{false};  // one solver out of memory ends them all
  const auto ended = [&run, &outOfMemory] { return outOfMemory.load() || run.abandoned(); };
  for (const Algorithm algorithm : settings.solvers)
    run.traces.push_back(std::make_unique<LiveTrace>(algorithm, dictionary, run.reference.optimalCost, settings.lambda,
                                                     settings.iterations, run.snapshot.inspected, gate_, ended));
  // One thread each, so that a paused run holds them all on the same t.
  RunningSolvers running(static_cast<int>(run.traces.size()));
  std::vector<std::thread> threads;
  for (auto& trace : run.traces) {
    threads.emplace_back([&, t = trace.get()] {
      try {
        solveLasso(t->algorithm(), dictionary, run.problem.test.X, settings.lambda, settings.iterations, t);
      } catch (const std::bad_alloc&) {
        outOfMemory.store(true);
      }
      running.oneEnded();
    });
  }
  sendWhileSolving(run, running);
  for (std::thread& thread : threads) thread.join();
  if (outOfMemory.load()) throw std::bad_alloc();
  run.takeCurves();
  run.snapshot.paused = false;
  return !run.abandoned();
}

// Partial results while the solvers run, paced at kPartial: whenever something changed.
void SolverWorker::sendWhileSolving(Run& run, RunningSolvers& running) {
  int shown = -1;
  bool shownPaused = false;
  while (running.waitFor(kPartial) > 0) {
    const int recorded = run.reached();
    const bool paused = gate_.paused();
    if ((recorded == shown && paused == shownPaused) || run.abandoned()) continue;
    run.takeCurves();
    run.snapshot.paused = paused;
    run.snapshot.pausedAt = paused ? run.snapshot.iteration() : -1;
    send(run.snapshot);
    shown = recorded;
    shownPaused = paused;
  }
}

bool SolverWorker::reuse(Run& run) {
  const ExperimentSettings& settings = run.request.settings;
  if (settings.networks.empty() || run.request.pretrained.empty()) return true;
  const Dictionary& dictionary = *run.problem.dictionary;
  const TrainingData inputs{run.problem.train.X, {}, run.problem.test.X, {}};  // diagnosis needs no targets
  const NetworkProblem problem{dictionary, inputs, run.reference.optimalCost};
  for (const Parametrization kind : settings.networks) {
    if (run.abandoned()) return false;
    const auto saved = run.request.pretrained.find(kind);
    if (saved == run.request.pretrained.end()) continue;
    QString whyNot;
    if (auto curve = reusedNetwork(problem, networkSettings(settings, kind), &saved->second, run.abandoned, &whyNot)) {
      inspectLayers(run.problem, run.reference.optimalCost, run.snapshot.inspected, *curve);
      run.snapshot.networks.append(*curve);
    } else if (!whyNot.isEmpty()) {  // the files changed under a session: said, not retrained in silence
      run.snapshot.notices << QString("%1 is trained again: the saved weights could not be reused, as %2.").arg(methodLabel(kind), whyNot);
    }
  }
  return !run.abandoned();  // they go with the solvers' first snapshot: no phase of their own to show
}

bool SolverWorker::train(Run& run) {
  const ExperimentSettings& settings = run.request.settings;
  if (settings.networks.empty()) return true;
  run.snapshot.phase = RunPhase::Training;
  send(run.snapshot);  // the solvers' results, complete, while the networks train
  const Dictionary& dictionary = *run.problem.dictionary;
  const TrainingData data = trainingData(dictionary, run.problem.train, run.problem.test, settings.lambda,
                                         settings.loss, run.reference);
  const NetworkProblem problem{dictionary, data, run.reference.optimalCost};
  for (const Parametrization kind : settings.networks) {
    const bool reused = std::any_of(run.snapshot.networks.begin(), run.snapshot.networks.end(),
                                    [kind](const NetworkCurve& n) { return n.kind == kind; });
    if (!reused && !trainOne(run, problem, networkSettings(settings, kind))) return false;
  }
  return true;
}

bool SolverWorker::trainOne(Run& run, const NetworkProblem& problem, const NetworkSettings& settings) {
  if (run.abandoned()) return false;
  gate_.beginPhase();
  const auto publish = [&](const NetworkCurve& curve) {
    ConvergenceSnapshot live = run.snapshot;
    live.networks.append(curve);
    live.paused = gate_.paused();
    live.pausedAt = curve.trainIteration.isEmpty() ? 0 : static_cast<int>(curve.trainIteration.back());
    send(live);
  };
  NetworkCurve curve = runNetwork(problem, settings, gate_, run.abandoned, publish);
  if (run.abandoned()) {
    if (!curve.trainIteration.isEmpty()) {  // stopped mid-training: what it reached, said so
      curve.stopReason = QString("stopped by the user at step %1").arg(curve.trainIteration.back());
      curve.stopLabel = "stopped";
      curve.stoppedByUser = true;
      run.snapshot.networks.append(curve);
    }
    return false;
  }
  inspectLayers(run.problem, run.reference.optimalCost, run.snapshot.inspected, curve);
  run.snapshot.networks.append(curve);
  send(run.snapshot);
  return true;
}

}  // namespace unfold::ui
