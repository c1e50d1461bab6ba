#include "lasso/trace_recorder.h"

#include "base/parallel_for.h"
#include "lasso/lasso.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace unfold {

double quantile(std::vector<double>& values, double q) {
  if (values.empty()) return 0.0;
  const double position = q * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<size_t>(std::floor(position));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(lower), values.end());
  const double low = values[lower];
  if (lower + 1 >= values.size()) return low;
  const double high = *std::min_element(values.begin() + static_cast<long>(lower) + 1, values.end());
  return low + (position - static_cast<double>(lower)) * (high - low);
}

TraceRecorder::TraceRecorder(const Dictionary& dictionary, Vector optimalCost, double lambda,
                             bool computeSupportLipschitz)
    : dictionary_(dictionary),
      optimalCost_(std::move(optimalCost)),
      lambda_(lambda),
      computeSupportLipschitz_(computeSupportLipschitz) {}

bool TraceRecorder::onIteration(const IterationState& s) {
  const Eigen::Index N = s.Z.cols();
  // One pass over the columns, split over the cores like the solver's own products: the cost from the
  // residual the solver already has, the support size and L_S (an eigenvalue computation only where the
  // support changed). Separate single-threaded passes over Z cost as much as an ISTA iteration.
  costs_.resize(N);
  supportSizes_.resize(N);
  supportL_.resize(N);
  if (computeSupportLipschitz_ && !tracker_) tracker_.emplace(dictionary_, N);
  parallelFor(static_cast<long>(N), kMinColumnsPerThread, [&](long begin, long end) {
    for (Eigen::Index j = begin; j < end; ++j) {
      const auto z = s.Z.col(j);
      costs_(j) = 0.5 * s.residual.col(j).squaredNorm() + lambda_ * z.cwiseAbs().sum();
      supportSizes_(j) = static_cast<double>((z.array() != 0.0).count());
      if (tracker_) supportL_(j) = tracker_->update(j, z);
    }
  });
  TraceRow row;
  row.iteration = s.iteration;
  row.cost = costs_.mean();
  scratch_.resize(static_cast<size_t>(N));
  for (Eigen::Index j = 0; j < N; ++j) scratch_[static_cast<size_t>(j)] = costs_(j) - optimalCost_(j);
  double sum = 0.0;
  for (double g : scratch_) sum += g;
  row.gap = sum / static_cast<double>(N);
  row.gapQ10 = quantile(scratch_, 0.1);
  row.gapQ50 = quantile(scratch_, 0.5);
  row.gapQ90 = quantile(scratch_, 0.9);
  row.supportSize = supportSizes_.mean();
  if (tracker_) row.lsOverL = supportL_.mean() / dictionary_.lipschitz();
  if (s.stepTimesL) row.stepTimesL = s.stepTimesL->mean();
  if (s.oracleAccepted) {
    long kept = 0;
    for (char a : *s.oracleAccepted) kept += a;
    row.accepted = static_cast<double>(kept) / static_cast<double>(N);
  }
  if (keepOnlyLast_) rows_.clear();
  rows_.push_back(row);
  return false;
}

std::string traceCsvHeader() { return "iter,cost,gap,support_size,ls_over_l,step_times_l,accepted,gap_q10,gap_median,gap_q90\n"; }

std::string formatTraceCsv(const std::vector<TraceRow>& rows) {
  std::string out = traceCsvHeader();
  for (const TraceRow& r : rows) out += formatTraceRow(r);
  return out;
}

std::string formatTraceRow(const TraceRow& r) {
  std::string out;
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, "%d,%.17g,%.17g,%.17g,%.17g,", r.iteration, r.cost, r.gap, r.supportSize, r.lsOverL);
  out += buffer;
  if (r.stepTimesL) {
    std::snprintf(buffer, sizeof buffer, "%.17g", *r.stepTimesL);
    out += buffer;
  }
  out += ',';
  if (r.accepted) {
    std::snprintf(buffer, sizeof buffer, "%.17g", *r.accepted);
    out += buffer;
  }
  std::snprintf(buffer, sizeof buffer, ",%.17g,%.17g,%.17g\n", r.gapQ10, r.gapQ50, r.gapQ90);
  out += buffer;
  return out;
}

}  // namespace unfold
