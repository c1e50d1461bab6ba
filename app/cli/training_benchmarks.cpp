// Time to quality in training (issue #13): on the paper's simulated setting (n = 64, m = 256, lambda = 0.1,
// 2,000 training and 2,000 test signals), for SLISTA with 20 layers and LISTA-CP with 10, the wall time at
// which each optimizer first reaches the test gap that 300 GD steps reach, each given GD's 300-step time.
// Per-step speed says little here: an L-BFGS step costs about as much as a GD step and does far more.
#include "benchmark_report.h"

#include "experiments/experiment.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace unfold::cli {

namespace {

// Test gap against seconds, at every test evaluation.
class GapCurve : public TrainingObserver {
 public:
  explicit GapCurve(double optimalCost) : optimalCost_(optimalCost) {}
  bool onIteration(const TrainingProgress& p) override {
    const double gap = p.testLoss - optimalCost_;
    if (points.empty() || gap != points.back().gap) points.push_back({p.elapsedSeconds, gap});
    return false;
  }
  // The first time the curve reaches `gap` (infinity if it never does).
  double secondsTo(double gap) const {
    for (const TrainingCurvePoint& point : points)
      if (point.gap <= gap) return point.seconds;
    return std::numeric_limits<double>::infinity();
  }
  std::vector<TrainingCurvePoint> points;

 private:
  double optimalCost_;
};

struct Outcome {
  GapCurve curve;
  double gap;      // of the best weights
  double seconds;  // the whole training
};

struct Contest {
  Parametrization kind;
  int layers;
};

}  // namespace

TrainingBenchmarks runTrainingBenchmarks(const BenchmarkSizes& s) {
  ProblemSpec spec;
  spec.n = s.n;
  spec.m = s.m;
  spec.trainCount = spec.testCount = s.trainingSignals;
  const double lambda = 0.1;
  const ExperimentProblem problem = makeProblem(spec);
  const Dictionary& d = *problem.dictionary;
  const ReferenceSolution reference = solveReference(d, problem.test.X, lambda);
  const double optimalCost = reference.optimalCost.mean();
  const TrainingData data = trainingData(d, problem.train, problem.test, lambda, LossKind::Unsupervised, reference);
  const bool full = s.trainingSignals == 2000 && s.n == 64 && s.m == 256;

  TrainingBenchmarks out;
  for (const Contest contest : {Contest{Parametrization::Slista, 20}, Contest{Parametrization::ListaCp, 10}}) {
    const std::string name = parametrizationName(contest.kind) + std::to_string(contest.layers);
    const std::string label = parametrizationLabel(contest.kind) + " T=" + std::to_string(contest.layers);
    const auto train = [&](Optimizer optimizer, int steps, double seconds) {
      NetworkSettings settings{contest.kind, contest.layers, lambda, {}};
      settings.training.optimizer = optimizer;
      settings.training.maxIterations = steps;
      settings.training.timeLimitSeconds = seconds;
      settings.training.patience = 0;  // the race is about the optimizer, not about when to give up
      GapCurve curve(optimalCost);
      const TrainedNetwork trained = trainNetwork(d, data, settings, &curve);
      return Outcome{std::move(curve), trained.result.bestTestLoss - optimalCost, trained.seconds};
    };
    const Outcome gd = train(Optimizer::GradientDescent, s.gdSteps, 0);
    const double gdSeconds = gd.seconds, target = gd.gap;
    char detail[200];
    std::snprintf(detail, sizeof detail, "%s: %d GD steps reach test gap %.3e in %.1f s", label.c_str(), s.gdSteps, target,
                  gdSeconds);
    out.rows.push_back({name + "_gd_seconds", gdSeconds, "s", detail, {}});
    out.curves.push_back({label, "gd", gd.curve.points});
    for (const Optimizer optimizer : {Optimizer::Adam, Optimizer::Lbfgs}) {
      const Outcome race = train(optimizer, std::numeric_limits<int>::max() / 2, gdSeconds);
      const std::string opt = optimizerName(optimizer);
      std::snprintf(detail, sizeof detail, "%s: time to GD's gap, as a fraction of GD's time (inf: never)", label.c_str());
      const bool goal = full && optimizer == Optimizer::Lbfgs;
      out.rows.push_back({name + "_" + opt + "_time_to_gd_gap", race.curve.secondsTo(target) / gdSeconds, "x", detail,
                          goal ? std::optional<double>(0.2) : std::nullopt});
      std::snprintf(detail, sizeof detail, "%s: final test gap in GD's time, over GD's (%.3e)", label.c_str(), race.gap);
      out.rows.push_back({name + "_" + opt + "_final_gap_over_gd", race.gap / target, "x", detail,
                          goal ? std::optional<double>(1.0) : std::nullopt});
      out.curves.push_back({label, opt, race.curve.points});
    }
  }
  return out;
}

std::string formatTrainingCurvesCsv(const std::vector<TrainingCurve>& curves) {
  std::string csv = "network,optimizer,seconds,test_gap\n";
  char row[160];
  for (const TrainingCurve& curve : curves)
    for (const TrainingCurvePoint& p : curve.points) {
      std::snprintf(row, sizeof row, "%s,%s,%.4f,%.9e\n", curve.network.c_str(), curve.optimizer.c_str(), p.seconds, p.gap);
      csv += row;
    }
  return csv;
}

}  // namespace unfold::cli
