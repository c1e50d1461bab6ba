#include "run/live_trace.h"

#include "plots/method_palette.h"

#include <algorithm>

namespace unfold::ui {

namespace {
constexpr double kMaxStoredCodes = 4e6;
constexpr int kMaxSamples = 6000;  // (|S|/m, L_S/L) points of the Fig. E.1 cloud
}  // namespace

int inspectedSignals(Eigen::Index signalCount, int atoms, int iterations) {
  const double perSignal = double(iterations + 1) * atoms;
  const auto fit = static_cast<Eigen::Index>(kMaxStoredCodes / perSignal);
  return static_cast<int>(std::clamp<Eigen::Index>(std::min<Eigen::Index>(signalCount, fit), 1, kInspectedSignalLimit));
}

LiveTrace::LiveTrace(Algorithm algorithm, const Dictionary& d, Vector fStar, double lambda, int iterations,
                     int inspected, RunGate& gate, std::function<bool()> abandoned)
    : TraceRecorder(d, std::move(fStar), lambda, false), algorithm_(algorithm), L_(d.lipschitz()),
      iterations_(iterations), inspected_(inspected), tracker_(d, inspected), gate_(gate),
      abandoned_(std::move(abandoned)) {
  detail_.algorithm = algorithm;
  detail_.method = methodLabel(algorithm);
  detail_.color = methodColor(algorithm);
  detail_.inspected = inspected;
  detail_.atoms = static_cast<int>(d.atomCount());
  history_ = std::make_shared<IterateHistory>(iterations, inspected, detail_.atoms);
  detail_.history = history_;
}

bool LiveTrace::onIteration(const IterationState& state) {
  // Held at the gate before z_t is recorded, so a paused run shows the same t for every solver.
  if (!gate_.pass(state.iteration, abandoned_)) return true;
  QMutexLocker lock(&mutex_);
  TraceRecorder::onIteration(state);
  record(state);
  return false;
}

int LiveTrace::iterationsRecorded() const {
  QMutexLocker lock(&mutex_);
  return static_cast<int>(rows().size());
}

void LiveTrace::record(const IterationState& state) {
  const Eigen::Index m = state.Z.rows();
  if (state.iteration == 0)  // iterates x signals over the run, sampled down to kMaxSamples
    sampleEvery_ = std::max(1, static_cast<int>(double(iterations_ + 1) * double(inspected_) / kMaxSamples));
  // L_S only for the inspected signals: for all of them it would cost more than the solvers.
  double meanRatio = 0.0;
  for (int s = 0; s < inspected_; ++s) {
    // A step from z = 0 takes 1/L because there is no support to take L_S on (the core counts it as not
    // kept): not a refused oracle step, which the support plot marks. The tracker still holds z_{t-1}'s.
    const bool fromASupport = !tracker_.support(s).empty();
    const double ratio = tracker_.update(s, state.Z.col(s)) / L_;
    const auto support = static_cast<double>(tracker_.support(s).size());
    const bool rejected = fromASupport && state.oracleAccepted && !(*state.oracleAccepted)[static_cast<size_t>(s)];
    history_->record(state.iteration, s, state.Z.col(s).data(), ratio, rejected);
    meanRatio += ratio / inspected_;
    if (++sampleCounter_ % sampleEvery_ == 0 && ratio > 0.0) {
      detail_.sampleZeta.append(support / static_cast<double>(m));
      detail_.sampleRatio.append(ratio);
      detail_.sampleSignal.append(s);
    }
  }
  detail_.lsOverLMean.append(meanRatio);
  samplesBy_.append(static_cast<int>(detail_.sampleZeta.size()));
}

ConvergenceCurve LiveTrace::curve(int upTo) const {
  QMutexLocker lock(&mutex_);
  ConvergenceCurve curve = detail_;
  const qsizetype count = std::min<qsizetype>(upTo, static_cast<qsizetype>(rows().size()));
  const qsizetype samples = count > 0 ? samplesBy_[count - 1] : 0;
  curve.lsOverLMean.resize(count);
  for (QVector<double>* v : {&curve.sampleZeta, &curve.sampleRatio}) v->resize(samples);
  curve.sampleSignal.resize(samples);
  for (QVector<double>* v : {&curve.iteration, &curve.gapMean, &curve.gapQ10, &curve.gapMedian, &curve.gapQ90, &curve.stepTimesL}) v->reserve(count);
  for (qsizetype t = 0; t < count; ++t) {
    const TraceRow& row = rows()[static_cast<size_t>(t)];
    curve.iteration.append(row.iteration);
    curve.gapMean.append(row.gap);
    curve.gapQ10.append(row.gapQ10);
    curve.gapMedian.append(row.gapQ50);
    curve.gapQ90.append(row.gapQ90);
    curve.stepTimesL.append(row.stepTimesL.value_or(1.0));
  }
  return curve;
}

}  // namespace unfold::ui
