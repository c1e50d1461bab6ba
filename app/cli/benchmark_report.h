// One row of `unfoldlab bench`: a measured value, its unit, and the goal it is held to (if any).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace unfold::cli {

struct BenchmarkResult {
  std::string name;
  double value = 0.0;
  std::string unit;
  std::string detail;                 // what was measured, in words
  std::optional<double> target;       // goal: value <= target (ratios and times)
  bool ok() const { return !target || value <= *target; }
};

struct BenchmarkSizes {
  long n = 64, m = 256;
  long signalCount = 10000;       // batch for per-iteration timings and the reference solver
  int iterations = 100;        // iterations timed per solver
  long longRunSignals = 10000; // OISTA vs ISTA over a whole run (the goal's batch)
  int longRunIterations = 1000;
  long numpySignals = 1000;    // the numpy comparison: 1,000 ISTA iterations on 1,000 signals
  int numpyIterations = 1000;
  long trainingSignals = 2000; // network gradient timings and the training race
  int gdSteps = 300;           // the training race: GD's budget, whose time and gap the others race to
  static BenchmarkSizes quick();  // small sizes for tests and a first look
};

std::vector<BenchmarkResult> runSolverBenchmarks(const BenchmarkSizes& sizes);
// Benchmarks the CLI library cannot run itself (the GUI's, which need a QApplication and the widgets):
// main() registers them; `unfoldlab bench` appends their rows. `quick`: small sizes.
using ExtraBenchmarks = std::vector<BenchmarkResult> (*)(bool quick);
void registerExtraBenchmarks(ExtraBenchmarks benchmarks);
std::vector<BenchmarkResult> runNetworkBenchmarks(const BenchmarkSizes& sizes);

// Time to quality in training: test gap against seconds for GD, Adam and L-BFGS (training_benchmarks.cpp).
struct TrainingCurvePoint {
  double seconds = 0.0, gap = 0.0;
};
struct TrainingCurve {
  std::string network, optimizer;
  std::vector<TrainingCurvePoint> points;
};
struct TrainingBenchmarks {
  std::vector<BenchmarkResult> rows;
  std::vector<TrainingCurve> curves;
};
TrainingBenchmarks runTrainingBenchmarks(const BenchmarkSizes& sizes);
std::string formatTrainingCurvesCsv(const std::vector<TrainingCurve>& curves);  // network,optimizer,seconds,test_gap

}  // namespace unfold::cli
