// An observer that records, at every iterate z_t of a batched solver, the diagnostics the app plots and
// `unfoldlab solve --trace` writes: mean cost, mean and quantiles of F(z_t) - F*, mean support size,
// mean L_{S_t}/L, mean step x L and OISTA's acceptance rate.
#pragma once

#include "lasso/solver_observer.h"
#include "linalg/dictionary.h"
#include "linalg/support_lipschitz.h"

#include <optional>
#include <string>
#include <vector>

namespace unfold {

struct TraceRow {
  int iteration = 0;
  double cost = 0.0;         // mean F_x(z_t)
  double gap = 0.0;          // mean F_x(z_t) - F*_x
  double gapQ10 = 0.0, gapQ50 = 0.0, gapQ90 = 0.0;
  double supportSize = 0.0;  // mean |S_t|
  double lsOverL = 0.0;      // mean L_{S_t} / L (0 for an empty support)
  std::optional<double> stepTimesL;  // mean step x L of the step that produced z_t (none at t = 0)
  std::optional<double> accepted;    // OISTA: fraction of signals whose 1/L_S step was kept
};

class TraceRecorder : public SolverObserver {
 public:
  // optimalCost: F*_x per signal (from solveReference). computeSupportLipschitz: L_S/L costs an
  // eigenvalue computation where a support changed; turn it off when only costs are wanted.
  // A non-finite entry of z_t or of its residual makes row.cost non-finite (every column cost is >= 0).
  TraceRecorder(const Dictionary& dictionary, Vector optimalCost, double lambda,
                bool computeSupportLipschitz = true);

  bool onIteration(const IterationState& state) override;
  const std::vector<TraceRow>& rows() const { return rows_; }
  // Long runs stream their rows elsewhere (solve --trace): keep only the latest one in rows().
  void keepOnlyLastRow(bool only) { keepOnlyLast_ = only; }

 private:
  const Dictionary& dictionary_;
  Vector optimalCost_;
  double lambda_;
  bool computeSupportLipschitz_;
  std::optional<SupportLipschitzTracker> tracker_;
  std::vector<TraceRow> rows_;
  bool keepOnlyLast_ = false;
  std::vector<double> scratch_;
  Vector costs_, supportSizes_, supportL_;
};

// The CSV written by `unfoldlab solve --trace`:
// iter,cost,gap,support_size,ls_over_l,step_times_l,accepted,gap_q10,gap_median,gap_q90
// (the quantiles of F(z_t) - F* over the signals came last: scripts that read the first seven columns
// read them still; the median is the paper's Fig. 2 statistic, and the workbench's for it).
std::string formatTraceCsv(const std::vector<TraceRow>& rows);
std::string traceCsvHeader();                   // the first line, with its '\n'
std::string formatTraceRow(const TraceRow& row);  // one line, with its '\n'

// q-quantile (0..1) by linear interpolation between order statistics; reorders `values`.
double quantile(std::vector<double>& values, double q);

}  // namespace unfold
