#include "lasso/reference_solver.h"

#include "base/parallel_for.h"
#include "lasso/feature_sign_search.h"
#include "lasso/lasso.h"
#include "lasso/solver.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

namespace unfold {

namespace {

// Stops FISTA on one signal once its duality gap reaches the target (checked every 50 iterations), or
// when `stopRequested` says so (checked as often).
class GapTarget : public SolverObserver {
 public:
  GapTarget(const Matrix& D, const Matrix& x, double lambda, double target, const std::function<bool()>& stopRequested)
      : D_(D), x_(x), lambda_(lambda), target_(target), stopRequested_(stopRequested) {}
  bool onIteration(const IterationState& s) override {
    if (s.iteration == 0 || s.iteration % 50 != 0) return false;
    return stopRequested_() || dualityGaps(D_, x_, s.Z, lambda_).gap(0) <= target_;
  }

 private:
  const Matrix& D_;
  const Matrix& x_;
  double lambda_, target_;
  const std::function<bool()>& stopRequested_;
};

constexpr int kFallbackIterations = 200000;
// Signals solved together (one batched warm start), and between two progress reports and stop checks. The
// blocks are fixed by the signal's index alone: a block's batched products round by its width (Eigen blocks
// a product by its sizes), so blocks cut by the thread count gave other last bits with 1 and 2 threads.
constexpr long kSignalBlock = 128;

// Signals [begin, end): a few batched FISTA iterations, then the exact feature-sign finish per signal.
// `signalDone` is called after each signal; its true gives up, the block unfinished (a block of 128 at
// m = 1024 takes seconds, which a newer request in the workbench waited for).
void solveBlock(const Dictionary& dictionary, const Matrix& X, double lambda, int warmStartIterations, int activeSetSteps,
                long begin, long end, Matrix& Z, const std::function<bool()>& signalDone) {
  const Matrix Xc = X.middleCols(begin, end - begin);
  Matrix Zc = runFista(dictionary, Xc, lambda, warmStartIterations, nullptr).Z;
  if (dictionary.hasGram()) {
    const Matrix C = dictionary.atoms().transpose() * Xc;
    for (Eigen::Index j = 0; j < Zc.cols(); ++j) {
      // A warm start with more than n non-zeros makes the active Gram matrix singular; the search
      // from z = 0 only ever grows the support as far as it needs to.
      const Vector warm = Zc.col(j);
      if (!featureSignSearch(dictionary.gram(), C.col(j), lambda, Zc.col(j), activeSetSteps)) {
        Zc.col(j).setZero();
        if (!featureSignSearch(dictionary.gram(), C.col(j), lambda, Zc.col(j), activeSetSteps))
          Zc.col(j) = warm;  // left to the certified fallback below
      }
      if (signalDone()) return;
    }
  } else {
    for (Eigen::Index j = 0; j < Zc.cols(); ++j)
      if (signalDone()) return;  // the warm start is all there is: the fallback finishes
  }
  Z.middleCols(begin, end - begin) = Zc;
}

}  // namespace

double ReferenceSolution::maxRelativeGap() const {
  double worst = 0.0;
  for (Eigen::Index j = 0; j < gap.size(); ++j)
    worst = std::max(worst, gap(j) / std::max(initialCost(j), 1e-300));
  return worst;
}

ReferenceSolution solveReference(const Dictionary& dictionary, const Matrix& X, double lambda,
                                 const ReferenceSettings& settings) {
  const Matrix& D = dictionary.atoms();
  const Eigen::Index N = X.cols();
  const Eigen::Index m = D.cols();
  ReferenceSolution out;
  out.Z.setZero(m, N);
  const int activeSetSteps = static_cast<int>(10 * m + 100);

  // Progress is counted by every thread and reported by the calling one only.
  ReferenceProgress progress{0, static_cast<long>(N), 0, 0};
  std::atomic<long> solved{0};
  std::atomic<bool> stop{false};
  const std::thread::id caller = std::this_thread::get_id();
  const std::function<bool()> stopRequested = [&] {
    if (settings.progress && std::this_thread::get_id() == caller) {
      progress.solved = solved.load();
      if (settings.progress(progress)) stop = true;
    }
    return stop.load();
  };

  const long blocks = (static_cast<long>(N) + kSignalBlock - 1) / kSignalBlock;
  parallelFor(blocks, 1, [&](long firstBlock, long endBlock) {
    for (long block = firstBlock; block < endBlock && !stop; ++block) {
      const long begin = block * kSignalBlock, end = std::min(static_cast<long>(N), begin + kSignalBlock);
      solveBlock(dictionary, X, lambda, settings.warmStartIterations, activeSetSteps, begin, end, out.Z, [&] {
        ++solved;
        return stopRequested();
      });
    }
  }, settings.threads, 1);
  if (stop) {
    out.stopped = true;
    return out;
  }

  DualityGaps gaps = dualityGaps(D, X, out.Z, lambda);
  out.initialCost = 0.5 * X.colwise().squaredNorm().transpose();
  std::vector<Eigen::Index> hard;
  for (Eigen::Index j = 0; j < N; ++j)
    if (gaps.gap(j) > settings.relativeGap * out.initialCost(j)) hard.push_back(j);
  progress.hard = static_cast<long>(hard.size());
  for (const Eigen::Index j : hard) {
    // Degenerate signal (singular active set, rounding): long FISTA, then one more exact finish.
    const double target = settings.relativeGap * out.initialCost(j);
    const Matrix x = X.col(j);
    GapTarget gapTarget(D, x, lambda, target, stopRequested);
    Matrix z = runFista(dictionary, x, lambda, kFallbackIterations, &gapTarget).Z;
    if (stop) {
      out.stopped = true;
      return out;
    }
    if (dictionary.hasGram()) {
      Matrix candidate = z;
      const Vector c = D.transpose() * x;
      featureSignSearch(dictionary.gram(), c, lambda, candidate.col(0), activeSetSteps);
      if (dualityGaps(D, x, candidate, lambda).gap(0) < dualityGaps(D, x, z, lambda).gap(0))
        z = candidate;
    }
    const DualityGaps g = dualityGaps(D, x, z, lambda);
    if (g.gap(0) < gaps.gap(j)) {
      out.Z.col(j) = z;
      gaps.primal(j) = g.primal(0);
      gaps.gap(j) = g.gap(0);
    }
    ++progress.hardSolved;
  }
  out.optimalCost = gaps.primal;
  out.gap = gaps.gap.cwiseMax(0.0);
  for (Eigen::Index j = 0; j < N; ++j)
    if (out.gap(j) > settings.relativeGap * out.initialCost(j)) ++out.uncertified;
  return out;
}

}  // namespace unfold
