#include "experiments/paper_experiments.h"

#include "base/input_error.h"
#include "base/random.h"
#include "experiments/experiment.h"
#include "experiments/problem_generators.h"
#include "lasso/reference_solver.h"
#include "lasso/solver.h"
#include "lasso/trace_recorder.h"
#include "linalg/dictionary.h"
#include "linalg/largest_eigenvalue.h"
#include "linalg/support_lipschitz.h"

#include <algorithm>
#include <cmath>

namespace unfold {

namespace {

// The trace plus OISTA's step of the first signal.
class StepRecorder : public TraceRecorder {
 public:
  using TraceRecorder::TraceRecorder;
  std::vector<double> firstSignalStep;
  bool onIteration(const IterationState& state) override {
    firstSignalStep.push_back(state.stepTimesL ? (*state.stepTimesL)(0) : 1.0);
    return TraceRecorder::onIteration(state);
  }
};

}  // namespace

SolverComparison compareSolvers(int n, int m, int signalCount, double lambda, int iterations, std::uint64_t seed) {
  if (signalCount < 1 || iterations < 1) throw InputError("the solver comparison needs at least one signal and one iteration");
  ProblemSpec spec;  // the test signals of `generate --n n --m m --test signalCount --seed seed`
  spec.n = n;
  spec.m = m;
  spec.trainCount = 0;
  spec.testCount = signalCount;
  spec.seed = seed;
  const ExperimentProblem problem = makeProblem(spec);
  const Dictionary& d = *problem.dictionary;
  const Matrix& X = problem.test.X;
  const ReferenceSolution reference = solveReference(d, X, lambda);
  SolverComparison out;
  for (int t = 0; t <= iterations; ++t) out.iteration.push_back(t);
  for (int k = 0; k < 4; ++k) {
    StepRecorder trace(d, reference.optimalCost, lambda, false);
    solveLasso(SolverComparison::kSolvers[k], d, X, lambda, iterations, &trace);
    for (const TraceRow& row : trace.rows()) {
      out.gapMean[k].push_back(row.gap);
      out.gapQ10[k].push_back(row.gapQ10);
      out.gapQ50[k].push_back(row.gapQ50);
      out.gapQ90[k].push_back(row.gapQ90);
      if (k == 2) out.oistaStepMean.push_back(row.stepTimesL.value_or(1.0));
      if (k == 3) out.backtrackingStepMean.push_back(row.stepTimesL.value_or(1.0));
    }
    if (k == 2) out.oistaStepFirstSignal = trace.firstSignalStep;
  }
  return out;
}

SupportRatioCurve supportRatioCurve(int n, int m, int gridPoints, int draws, std::uint64_t seed) {
  if (gridPoints < 1 || draws < 1) throw InputError("the L_S/L curve needs at least one grid point and one draw");
  const Dictionary d(gaussianDictionary(n, m, seed));
  const double gamma = double(m) / n;
  Random random(seed + 1);
  SupportRatioCurve out;
  std::vector<double> ratios;
  for (int g = 1; g <= gridPoints; ++g) {
    const int size = std::max(1, static_cast<int>(std::lround(double(g) * m / gridPoints)));
    ratios.clear();
    for (int k = 0; k < draws; ++k) {
      std::vector<int> support = random.sampleWithoutReplacement(m, size);
      std::sort(support.begin(), support.end());
      ratios.push_back(supportLipschitz(d, support) / d.lipschitz());
    }
    double mean = 0.0;
    for (double r : ratios) mean += r / draws;
    const double zeta = double(size) / m;
    out.zeta.push_back(zeta);
    out.supportSize.push_back(size);
    out.mean.push_back(mean);
    out.q10.push_back(quantile(ratios, 0.1));
    out.q90.push_back(quantile(ratios, 0.9));
    out.marchenkoPastur.push_back(marchenkoPasturRatio(zeta, gamma));
  }
  return out;
}

}  // namespace unfold
