#include "experiments/appendix_experiments.h"

#include "base/input_error.h"
#include "experiments/experiment.h"
#include "lasso/lasso.h"

#include <algorithm>
#include <chrono>

namespace unfold {

namespace {

// Each signal's first iteration within `tolerance` of F*; stops the run once every signal got there.
class ToleranceWatch : public SolverObserver {
 public:
  std::vector<int> reachedAt;  // -1: not yet

  ToleranceWatch(const Vector& optimalCost, double lambda, double tolerance)
      : reachedAt(static_cast<size_t>(optimalCost.size()), -1), target_(optimalCost.array() + tolerance), lambda_(lambda) {}
  bool onIteration(const IterationState& state) override {
    const Vector costs = lassoCostsFromResidual(state.residual, state.Z, lambda_);
    bool all = true;
    for (Eigen::Index j = 0; j < costs.size(); ++j) {
      int& at = reachedAt[static_cast<size_t>(j)];
      if (at < 0 && costs(j) <= target_(j)) at = state.iteration;
      all &= at >= 0;
    }
    return all;
  }

 private:
  Vector target_;
  double lambda_;
};

// A Gaussian problem of the seed (experiment.h's conventions) with these many training and test signals.
ExperimentProblem gaussianProblem(int n, int m, Eigen::Index trainCount, Eigen::Index testCount, int seed) {
  ProblemSpec spec;
  spec.n = n;
  spec.m = m;
  spec.trainCount = trainCount;
  spec.testCount = testCount;
  spec.seed = static_cast<std::uint64_t>(seed);
  return makeProblem(spec);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

}  // namespace

std::vector<ToleranceRun> iterationsToTolerance(int n, int m, int signalCount, const std::vector<double>& lambdas,
                                                int seeds, double tolerance, int maxIterations) {
  if (signalCount < 1 || seeds < 1 || maxIterations < 1 || !(tolerance > 0))
    throw InputError("iterations to tolerance: needs signals, seeds, iterations and a tolerance > 0");
  std::vector<ToleranceRun> runs;
  for (int seed = 0; seed < seeds; ++seed) {
    const ExperimentProblem problem = gaussianProblem(n, m, 0, signalCount, seed);
    for (double lambda : lambdas) {
      const ReferenceSolution reference = solveReference(*problem.dictionary, problem.test.X, lambda);
      for (Algorithm algorithm : {Algorithm::Ista, Algorithm::Fista, Algorithm::Oista, Algorithm::IstaBacktracking}) {
        ToleranceWatch watch(reference.optimalCost, lambda, tolerance);
        const auto start = std::chrono::steady_clock::now();
        solveLasso(algorithm, *problem.dictionary, problem.test.X, lambda, maxIterations, &watch);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ToleranceRun run{lambda, static_cast<std::uint64_t>(seed), algorithm, 0, seconds / signalCount, 0};
        std::vector<double> iterations;
        for (int at : watch.reachedAt) {
          iterations.push_back(at >= 0 ? at : maxIterations);
          run.unreached += at < 0;
        }
        run.medianIterations = median(iterations);
        runs.push_back(run);
      }
    }
  }
  return runs;
}

std::vector<SampleSizeRun> sampleSizeCurves(int n, int m, int layers, double lambda, const std::vector<int>& counts,
                                            int testCount, int steps, int seeds) {
  if (counts.empty() || testCount < 1 || steps < 1 || seeds < 1)
    throw InputError("sample size curves: needs training sizes, test signals, steps and seeds");
  std::vector<SampleSizeRun> runs;
  for (int seed = 0; seed < seeds; ++seed) {
    const ExperimentProblem problem = gaussianProblem(n, m, *std::max_element(counts.begin(), counts.end()), testCount, seed);
    const Dictionary& d = *problem.dictionary;
    const ReferenceSolution reference = solveReference(d, problem.test.X, lambda);
    for (int count : counts) {
      const SignalSet train{problem.train.X.leftCols(count), std::nullopt};
      const TrainingData data = trainingData(d, train, problem.test, lambda, LossKind::Unsupervised, reference);
      for (Parametrization kind : {Parametrization::ListaCp, Parametrization::Slista}) {
        NetworkSettings settings{kind, layers, lambda, {}};
        settings.training.optimizer = Optimizer::Lbfgs;
        settings.training.maxIterations = steps;
        const TrainedNetwork trained = trainNetwork(d, data, settings);
        runs.push_back({kind, count, static_cast<std::uint64_t>(seed), trained.result.bestTestLoss - reference.optimalCost.mean()});
      }
    }
  }
  return runs;
}

}  // namespace unfold
