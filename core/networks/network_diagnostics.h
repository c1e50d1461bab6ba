// What the app plots about a trained network, per layer t = 1..T (Ablin et al. 2019):
//  - test F(z_t) - F* next to ISTA's and FISTA's after t iterations (Fig. 6);
//  - the learned step (SLISTA alpha, ALISTA gamma; for LISTA-CP and LISTA the best scalar fit of the
//    weights to D, their effective step) against 1/L and the 10/50/90 % quantiles of 1/L_S over the
//    training set, S the support of the layer's output (Fig. 4);
//  - weight coupling (Lemma 4.3, Theorem 4.4, Fig. 5): a layer that keeps the Lasso solution fixed is an
//    ISTA step, its weights coupled with its threshold. LISTA-CP: ||W - D diag(theta)||_F / ||D||_F;
//    LISTA: ||W_x^T - D diag(theta)||_F / ||D||_F and ||W_z - (I - W_x D)||_F / ||W_z||_F.
#pragma once

#include "networks/unfolded_network.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace unfold {

struct LayerDiagnostics {
  int layer = 0;                          // t, 1-based
  double testCost = 0.0, testGap = 0.0;   // means over the test signals of F(z_t) and F(z_t) - F*
  double testGapMedian = 0.0, testGapQ10 = 0.0, testGapQ90 = 0.0;  // and F(z_t) - F*'s quantiles over them
  double istaGap = 0.0, fistaGap = 0.0;   // after t iterations
  std::optional<double> stepTimesL;       // the layer's (effective) step x L
  std::optional<double> thresholdTimesL;  // mean threshold theta x L (SLISTA: alpha x L)
  std::optional<double> coupling;         // see above (LISTA: the W_x distance)
  std::optional<double> listaInnerCoupling;   // LISTA: the W_z distance
  double inverseLsQ10 = 0.0, inverseLsQ50 = 0.0, inverseLsQ90 = 0.0;  // 1/L_S in units of 1/L
  double testNonzeros = 0.0;              // mean |supp z_t| over the test signals
};

// A network whose last layer outputs z = 0 for every test signal has collapsed (ALISTA at a large lambda:
// the thresholds remove every code, and the gradient vanishes with them). Whatever made the optimizer
// stop, "converged" or "stopped improving" would read as success: the CLI and the workbench say this.
bool collapsedToZero(const std::vector<LayerDiagnostics>& layers);
inline constexpr const char* kCollapsedToZero = "collapsed: every test output is z = 0";
// Why a network of this kind collapses, and what to change, for the person who sees it happen. ALISTA's
// layers use the analytic W, not D: by Lemma 4.3 no such layer keeps the Lasso solution fixed, and at a
// large lambda (0.8 lambda_max: ~4 atoms of 256) every output training found was worse than z = 0.
std::string collapseReason(Parametrization kind, double lambda);

// Per layer, the coupling distance (LISTA-CP: ||W - D diag(theta)||_F / ||D||_F; LISTA: the same with
// W_x^T) and the effective step x L (best scalar fit of W, resp. W_x^T, to D). Empty for SLISTA/ALISTA.
struct LayerCoupling {
  double distance = 0.0;
  double stepTimesL = 0.0;
};
std::vector<LayerCoupling> layerCoupling(const NetworkWeights& weights, const Matrix& D, double L);

// What the plots show of a layer: its (effective) step and mean threshold x L (SLISTA: alpha and its
// threshold lambda alpha, both as alpha x L; ALISTA: gamma and theta; LISTA-CP and LISTA: the scalar fit
// of the weights and the mean of theta), and for LISTA-CP and LISTA the coupling distance.
struct LayerDescription {
  double stepTimesL = 0.0;
  double thresholdTimesL = 0.0;
  std::optional<double> coupling;
};
// One per layer of `weights`; `coupling` is layerCoupling() of these weights (empty for SLISTA and ALISTA).
std::vector<LayerDescription> layerDescriptions(const NetworkWeights& weights, const std::vector<LayerCoupling>& coupling,
                                                double L);

// `testOptimalCost`: F*_x of every test signal (reference solver). `stopped`, if given, is asked (from
// several threads) every few dozen signals: the 1/L_S quantiles of 10,000 signals over 20 layers take
// seconds, and a person's Stop should not wait for them. Empty if it said so.
std::vector<LayerDiagnostics> diagnoseNetwork(const UnfoldedNetwork& network, const Matrix& trainX,
                                              const Matrix& testX, const Vector& testOptimalCost,
                                              const std::function<bool()>& stopped = {});

// report.csv: layer,test_cost,test_gap,ista_gap,fista_gap,step_times_l,coupling. Both formats throw
// InputError rather than write a non-finite number.
std::string formatReportCsv(const std::vector<LayerDiagnostics>& layers);
// Every field above, for figures: the report's columns, then threshold_times_l, lista_wz_coupling,
// inv_ls_q10, inv_ls_q50, inv_ls_q90 (1/L_S over the training set in units of 1/L).
std::string formatDiagnosticsCsv(const std::vector<LayerDiagnostics>& layers);

}  // namespace unfold
