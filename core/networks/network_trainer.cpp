#include "networks/network_trainer.h"

#include "base/enum_names.h"

#include <LBFGSB.h>

#include <algorithm>
#include <functional>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>

namespace unfold {

namespace {
constexpr NameTable<Optimizer, 3> kOptimizerNames{
    {{Optimizer::GradientDescent, "gd"}, {Optimizer::Adam, "adam"}, {Optimizer::Lbfgs, "lbfgs"}}};
// Why training ended: a sentence (the CLI, the status bar) as the name and a label of two words at most
// (legends).
constexpr NameTable<StopReason, 6> kStopReasons{{
    {StopReason::MaxIterations, "reached the maximum number of iterations", "budget used"},
    {StopReason::TimeLimit, "reached the time limit", "time limit"},
    {StopReason::Stagnation, "the test loss stopped improving", "stopped improving"},
    {StopReason::Cancelled, "cancelled", "stopped"},
    {StopReason::Diverged, "diverged (NaN or Inf); kept the best weights", "diverged"},
    {StopReason::LineSearchFailed, "the line search could not decrease the loss (converged to rounding)", "converged"},
}};
}  // namespace

std::optional<Optimizer> parseOptimizer(std::string_view name) { return valueNamed(kOptimizerNames, name); }
std::string optimizerName(Optimizer optimizer) { return nameOf(kOptimizerNames, optimizer); }

std::string stopReasonText(StopReason reason) { return nameOf(kStopReasons, reason); }
std::string stopReasonLabel(StopReason reason) { return labelOf(kStopReasons, reason); }
std::optional<StopReason> parseStopReasonText(std::string_view text) { return valueNamed(kStopReasons, text); }

namespace {

constexpr double kGrowth = 1.5;          // learning rate after an accepted GD step
// The line search gives up when the step can no longer change the weights at double precision.
constexpr double kSmallestRelativeStep = 1e-15;
constexpr double kAdamBeta1 = 0.9, kAdamBeta2 = 0.999, kAdamEpsilon = 1e-8;
constexpr int kLbfgsMemory = 10;         // correction pairs kept (LBFGS++'s default is 6)
constexpr int kLbfgsMaxLineSearch = 40;  // evaluations per line search before it gives up

// The shared state of one training run across stages (layer-wise training runs several).
class Run {
 public:
  Run(UnfoldedNetwork& network, const TrainingData& data, const TrainingSettings& settings, TrainingObserver* observer)
      : net_(network), data_(data), settings_(settings), observer_(observer),
        start_(std::chrono::steady_clock::now()), shuffle_(settings.seed) {
    minimumStep_ = 1e-6 / network.dictionary().lipschitz();
  }

  double testLoss() const { return net_.loss(settings_.loss, data_.testX, data_.testTargets, nullptr, &stop_); }
  bool cancelled() const { return observer_ && observer_->stopRequested(); }

  // Runs up to `budget` optimizer steps at the network's current depth. Returns false if training must
  // end (time, stagnation, cancel, divergence).
  bool stage(int budget) {
    resetStageState();
    bool going = true;
    switch (settings_.optimizer) {
      case Optimizer::GradientDescent: going = gradientDescent(budget); break;
      case Optimizer::Adam: going = adam(budget); break;
      case Optimizer::Lbfgs: going = lbfgs(budget); break;
    }
    net_.weights() = best_;  // the next stage (or the result) starts from this depth's best weights
    return going;
  }

  TrainingResult finish() {
    result_.weights = net_.weights();
    result_.bestTestLoss = bestLoss_;
    return result_;
  }

  void recordInitial() { result_.initialTestLoss = testLoss(); }
  StopReason reason() const { return result_.reason; }

 private:
  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

  bool shouldStop(StopReason& reason) {
    if (observer_ && observer_->stopRequested()) { reason = StopReason::Cancelled; return true; }
    if (settings_.timeLimitSeconds > 0 && elapsed() >= settings_.timeLimitSeconds) { reason = StopReason::TimeLimit; return true; }
    return false;
  }

  void resetStageState() {
    // A new depth changes the loss: the best-so-far and the patience count restart with it.
    bestLoss_ = testLoss();
    lastTest_ = bestLoss_;  // what progress reports until the next evaluation (Adam evaluates once an epoch)
    best_ = net_.weights();
    sinceImprovement_ = 0;
    bestHistory_.clear();
    result_.reason = StopReason::MaxIterations;
    adamM_ = Vector::Zero(net_.weights().parameterCount());
    adamV_ = adamM_;
    adamSteps_ = 0;
  }

  // After a step: test evaluation, best weights, stagnation, observer. False to end training.
  bool afterStep(double trainLoss, double rate, bool evaluate) {
    ++result_.iterations;
    bool stagnated = false;  // said after the observer has seen this step
    if (evaluate) {
      lastTest_ = testLoss();
      if (cancelled()) return end(StopReason::Cancelled);
      if (!std::isfinite(lastTest_)) return end(StopReason::Diverged);
      if (lastTest_ < bestLoss_ * (1 - 1e-12)) {
        bestLoss_ = lastTest_;
        best_ = net_.weights();
        sinceImprovement_ = 0;
      } else if (settings_.patience > 0 && ++sinceImprovement_ >= settings_.patience) {
        stagnated = true;
      }
      stagnated |= stalled();
    }
    result_.curve.push_back({result_.iterations, trainLoss, lastTest_});
    if (observer_) {
      const std::vector<LayerCoupling> coupling =
          layerCoupling(net_.weights(), net_.dictionary().atoms(), net_.dictionary().lipschitz());
      const TrainingProgress progress{result_.iterations, settings_.maxIterations, net_.layerCount(), trainLoss,
                                      lastTest_, rate, elapsed(), net_.weights(), coupling};
      if (observer_->onIteration(progress)) return end(StopReason::Cancelled);
    }
    if (stagnated) return end(StopReason::Stagnation);
    StopReason reason;
    if (shouldStop(reason)) return end(reason);
    return true;
  }

  // The stall rule (TrainingSettings::stallWindow), after each evaluation.
  bool stalled() {
    if (settings_.stallWindow <= 0) return false;
    bestHistory_.push_back(bestLoss_ - settings_.testLossFloor);
    const auto window = static_cast<size_t>(settings_.stallWindow);
    if (bestHistory_.size() <= window) return false;
    const double before = bestHistory_[bestHistory_.size() - 1 - window], now = bestHistory_.back();
    return before - now <= settings_.stallProgress * now;
  }

  bool end(StopReason reason) {
    result_.reason = reason;
    return false;
  }

  bool gradientDescent(int budget) {
    NetworkWeights gradient;
    double loss = net_.loss(settings_.loss, data_.trainX, data_.trainTargets, &gradient, &stop_);
    if (cancelled()) return end(StopReason::Cancelled);
    if (!std::isfinite(loss) || !gradient.flatten().allFinite()) return end(StopReason::Diverged);
    if (rate_ <= 0) rate_ = settings_.learningRate > 0 ? settings_.learningRate : 1.0;
    Vector p = net_.weights().flatten();
    for (int it = 0; it < budget; ++it) {
      const Vector g = gradient.flatten();
      NetworkWeights candidateGradient;
      double candidateLoss = 0;
      while (true) {
        net_.weights().unflatten(p - rate_ * g);
        net_.weights().project(minimumStep_);
        candidateLoss = net_.loss(settings_.loss, data_.trainX, data_.trainTargets, &candidateGradient, &stop_);
        if (cancelled()) {
          net_.weights().unflatten(p);
          return end(StopReason::Cancelled);
        }
        if (std::isfinite(candidateLoss) && candidateLoss < loss && candidateGradient.flatten().allFinite()) break;
        rate_ *= 0.5;
        const bool exhausted = rate_ * g.norm() <= kSmallestRelativeStep * std::max(p.norm(), 1e-300);
        StopReason reason;
        if (exhausted || shouldStop(reason)) {
          net_.weights().unflatten(p);  // the step was never kept
          return end(exhausted ? StopReason::LineSearchFailed : reason);
        }
      }
      p = net_.weights().flatten();
      loss = candidateLoss;
      gradient = std::move(candidateGradient);
      const double used = rate_;
      rate_ *= kGrowth;
      if (!afterStep(loss, used, true)) return false;
    }
    return true;
  }

  bool adam(int budget) {
    const double rate = settings_.learningRate > 0 ? settings_.learningRate : 1e-3;
    const Eigen::Index N = data_.trainX.cols();
    const Eigen::Index batch = std::clamp<Eigen::Index>(settings_.batchSize, 1, N);
    const int evaluateEvery = static_cast<int>(std::max<Eigen::Index>(1, N / batch));  // about once per epoch
    std::vector<int> order(static_cast<size_t>(N));
    std::iota(order.begin(), order.end(), 0);
    Eigen::Index cursor = N;
    for (int it = 0; it < budget; ++it) {
      if (cursor + batch > N) {
        std::shuffle(order.begin(), order.end(), shuffle_);
        cursor = 0;
      }
      const std::vector<int> pick(order.begin() + cursor, order.begin() + cursor + batch);
      cursor += batch;
      const Matrix X = data_.trainX(Eigen::all, pick);
      const Matrix targets = data_.trainTargets.size() ? Matrix(data_.trainTargets(Eigen::all, pick)) : Matrix();
      NetworkWeights gradient;
      const double loss = net_.loss(settings_.loss, X, targets, &gradient, &stop_);
      if (cancelled()) return end(StopReason::Cancelled);
      const Vector g = gradient.flatten();
      if (!std::isfinite(loss) || !g.allFinite()) {
        net_.weights() = best_;
        return end(StopReason::Diverged);
      }
      ++adamSteps_;
      adamM_ = kAdamBeta1 * adamM_ + (1 - kAdamBeta1) * g;
      adamV_ = kAdamBeta2 * adamV_ + (1 - kAdamBeta2) * g.cwiseAbs2();
      const double correction1 = 1 - std::pow(kAdamBeta1, adamSteps_);
      const double correction2 = 1 - std::pow(kAdamBeta2, adamSteps_);
      const Vector step = (adamM_ / correction1).array() / ((adamV_ / correction2).cwiseSqrt().array() + kAdamEpsilon);
      net_.weights().unflatten(net_.weights().flatten() - rate * step);
      net_.weights().project(minimumStep_);
      const bool evaluate = (it + 1) % evaluateEvery == 0 || it + 1 == budget;
      if (!afterStep(loss, rate, evaluate)) return false;
    }
    return true;
  }

  // L-BFGS-B on the full batch. LBFGS++ has no per-iteration hook, so a step here is an evaluation that
  // lowers the training loss (at least one per iteration, where the line search ends): each is tested,
  // reported and counted against the budget as GD's accepted steps are, and ending the run throws out of
  // the solver (an error of our own, a failed checkpoint say, is carried past the solver and rethrown).
  // A trial point where the network overflows gets a value above the lowest seen (and no slope), which
  // sends the line search back. The loss has kinks (the soft thresholds), where the Wolfe line search can
  // fail far from a minimum (SLISTA T=20 stopped after 41 steps at a test gap Adam halves): whenever the
  // solver gives up or returns, L-BFGS restarts with an empty memory from the lowest point seen, and only
  // a restart that cannot lower the loss at all ends the run.
  bool lbfgs(int budget) {
    struct Ended {};
    LBFGSpp::LBFGSBParam<double> param;
    param.m = kLbfgsMemory;
    param.max_iterations = 0;  // the budget counts steps, in `evaluate`
    param.epsilon = 0;  // the budget, patience and the line search end the run, not tolerances
    param.epsilon_rel = 0;
    param.past = 0;
    param.max_linesearch = kLbfgsMaxLineSearch;
    LBFGSpp::LBFGSBSolver<double> solver(param);
    Vector lowestAt = net_.weights().flatten();
    const Vector lower = net_.weights().lowerBounds(minimumStep_);
    const Vector upper = Vector::Constant(lowestAt.size(), std::numeric_limits<double>::infinity());
    double lowest = std::numeric_limits<double>::infinity();
    int steps = 0;
    bool going = true;
    std::exception_ptr failure;  // ours, not the solver's: rethrown after it
    auto evaluateAt = [&](const Vector& p, Vector& slope) -> double {
      net_.weights().unflatten(p);
      NetworkWeights gradient;
      const double loss = net_.loss(settings_.loss, data_.trainX, data_.trainTargets, &gradient, &stop_);
      if (cancelled()) {
        going = end(StopReason::Cancelled);
        throw Ended{};
      }
      slope = gradient.flatten();
      const bool finite = std::isfinite(loss) && slope.allFinite();
      if (!finite && !std::isfinite(lowest)) {  // already at the start
        going = end(StopReason::Diverged);
        throw Ended{};
      }
      if (!finite) {
        slope.setZero();
        return 2 * std::abs(lowest) + 1;
      }
      if (loss < lowest) {
        const bool start = !std::isfinite(lowest);
        lowest = loss;
        lowestAt = p;
        if (!start && !afterStep(loss, 0.0, true)) {
          going = false;
          throw Ended{};
        }
        if (!start && ++steps >= budget) throw Ended{};
      }
      return loss;
    };
    auto evaluate = [&](const Vector& p, Vector& slope) -> double {
      try {
        return evaluateAt(p, slope);
      } catch (const Ended&) {
        throw;
      } catch (...) {
        failure = std::current_exception();
        throw Ended{};
      }
    };
    for (int stepsBefore = -1; steps > stepsBefore;) {
      stepsBefore = steps;
      Vector x = lowestAt;
      double loss = 0;
      try {
        solver.minimize(evaluate, x, loss, lower, upper);  // returns at a stationary point
      } catch (const Ended&) {
        if (failure) std::rethrow_exception(failure);
        return going;
      } catch (const std::exception&) {
        // LBFGS++'s line search found no lower point along its direction.
      }
    }
    return end(StopReason::LineSearchFailed);  // a restart lowered nothing: converged as far as it can tell
  }

  UnfoldedNetwork& net_;
  const TrainingData& data_;
  const TrainingSettings& settings_;
  TrainingObserver* observer_;
  const std::function<bool()> stop_ = [this] { return cancelled(); };
  std::chrono::steady_clock::time_point start_;
  std::mt19937_64 shuffle_;
  double minimumStep_ = 0.0;
  double rate_ = 0.0;
  double bestLoss_ = 0.0, lastTest_ = 0.0;
  int sinceImprovement_ = 0;
  std::vector<double> bestHistory_;  // the best test loss's excess over the floor, per evaluation
  NetworkWeights best_;
  Vector adamM_, adamV_;
  int adamSteps_ = 0;
  TrainingResult result_;
};

}  // namespace

void appendNextLayer(UnfoldedNetwork& network, const LayerWeights& fresh, const TrainingData& data, LossKind loss) {
  const auto losses = [&] {
    return std::pair(network.loss(loss, data.trainX, data.trainTargets), network.loss(loss, data.testX, data.testTargets));
  };
  appendCopyOfLastLayer(network.weights());
  const auto [copiedTrain, copiedTest] = losses();
  const LayerWeights copy = network.weights().layers.back();
  network.weights().layers.back() = fresh;
  const auto [freshTrain, freshTest] = losses();
  if (copiedTrain < freshTrain && copiedTest <= freshTest) network.weights().layers.back() = copy;
}

TrainingResult trainNetwork(UnfoldedNetwork& network, const TrainingData& data, const TrainingSettings& settings,
                            TrainingObserver* observer) {
  Run run(network, data, settings, observer);
  const auto moveAway = [&](int t) {  // layer t (1-based), its own direction
    moveAwayFromCoupling(network.weights().layers[static_cast<size_t>(t - 1)], network.dictionary().atoms(),
                         settings.couplingOffset, settings.seed + static_cast<std::uint64_t>(t));
  };
  if (!settings.layerWise || network.layerCount() <= 1) {
    for (int t = 1; t <= network.layerCount(); ++t) moveAway(t);
    run.recordInitial();
    run.stage(settings.maxIterations);
    return run.finish();
  }
  const int depth = network.layerCount();
  const NetworkWeights initial = network.weights();
  network.weights().layers.resize(1);
  moveAway(1);
  run.recordInitial();
  for (int t = 1; t <= depth; ++t) {
    if (t > 1) {
      appendNextLayer(network, initial.layers[static_cast<size_t>(t - 1)], data, settings.loss);
      moveAway(t);
    }
    // The budget is shared evenly between the stages; the last one takes the remainder. Every stage takes
    // a step at least: a budget under the depth is one step a layer (the last stage took the whole budget
    // after one a layer, 59 steps for a budget of 20 and 40 layers).
    const int share = std::max(1, settings.maxIterations / depth);
    const int budget = t < depth ? share : settings.maxIterations - (depth - 1) * share;
    // Stagnation or a converged line search end a stage, not the training.
    if (!run.stage(std::max(1, budget)) && run.reason() != StopReason::Stagnation &&
        run.reason() != StopReason::LineSearchFailed)
      break;
  }
  TrainingResult result = run.finish();
  // Stopped early: the remaining layers start as copies of the last trained one, as they would have.
  while (result.weights.layerCount() < depth) appendCopyOfLastLayer(result.weights);
  network.weights() = result.weights;
  return result;
}

}  // namespace unfold
