#include "networks/network_diagnostics.h"

#include "base/input_error.h"
#include "base/parallel_for.h"
#include "lasso/lasso.h"
#include "lasso/solver.h"
#include "lasso/trace_recorder.h"
#include "linalg/support_lipschitz.h"

#include <atomic>
#include <cmath>
#include <cstdio>

namespace unfold {

namespace {

// Best scalar s minimising ||W - s D||_F: the effective step of a layer whose weights should be s D.
double scalarFit(const Matrix& W, const Matrix& D) { return (W.array() * D.array()).sum() / D.squaredNorm(); }

std::vector<double> solverGaps(Algorithm algorithm, const Dictionary& d, const Matrix& X, double lambda,
                               const Vector& optimalCost, int iterations) {
  TraceRecorder trace(d, optimalCost, lambda, false);
  solveLasso(algorithm, d, X, lambda, iterations, &trace);
  std::vector<double> gaps;
  for (const TraceRow& row : trace.rows()) gaps.push_back(row.gap);
  return gaps;  // gaps[t] after t iterations
}

// The 10/50/90 % quantiles of 1/L_S over the codes Z (one per column), in units of 1/L, S the support of
// each code (empty supports have no L_S). The tracker follows the supports from layer to layer.
// False, the row left as it was, where `stopped` said so.
bool inverseLsQuantiles(SupportLipschitzTracker& tracker, const Matrix& Z, double L, LayerDiagnostics& row,
                        const std::function<bool()>& stopped) {
  constexpr long kSignalsBetweenAsks = 32;
  std::vector<double> values(static_cast<size_t>(Z.cols()), -1.0);
  std::atomic<bool> gaveUp = false;
  parallelFor(static_cast<long>(Z.cols()), 256, [&](long begin, long end) {
    for (Eigen::Index j = begin; j < end; ++j) {
      if ((j - begin) % kSignalsBetweenAsks == 0 && stopped && (gaveUp.load() || stopped())) {
        gaveUp = true;
        return;
      }
      const double LS = tracker.update(j, Z.col(j));
      if (LS > 0) values[static_cast<size_t>(j)] = L / LS;
    }
  });
  if (gaveUp) return false;
  std::erase_if(values, [](double v) { return v < 0; });
  row.inverseLsQ10 = quantile(values, 0.1);
  row.inverseLsQ50 = quantile(values, 0.5);
  row.inverseLsQ90 = quantile(values, 0.9);
  return true;
}

}  // namespace

std::vector<LayerCoupling> layerCoupling(const NetworkWeights& weights, const Matrix& D, double L) {
  std::vector<LayerCoupling> out;
  if (weights.kind != Parametrization::Lista && weights.kind != Parametrization::ListaCp) return out;
  const double scale = D.norm();
  for (const LayerWeights& layer : weights.layers) {
    const Matrix& W = weights.kind == Parametrization::ListaCp ? layer.W : Matrix(layer.Wx.transpose());
    out.push_back({(W - D * layer.theta.asDiagonal()).norm() / scale, scalarFit(W, D) * L});
  }
  return out;
}

std::vector<LayerDescription> layerDescriptions(const NetworkWeights& weights, const std::vector<LayerCoupling>& coupling,
                                                double L) {
  std::vector<LayerDescription> out;
  for (size_t t = 0; t < weights.layers.size(); ++t) {
    const LayerWeights& layer = weights.layers[t];
    LayerDescription d;
    switch (weights.kind) {
      case Parametrization::Slista:
        d.stepTimesL = layer.step * L;
        d.thresholdTimesL = layer.step * L;
        break;
      case Parametrization::Alista:
        d.stepTimesL = layer.step * L;
        d.thresholdTimesL = layer.theta(0) * L;
        break;
      case Parametrization::ListaCp:
      case Parametrization::Lista:
        d.stepTimesL = coupling[t].stepTimesL;
        d.thresholdTimesL = layer.theta.mean() * L;
        d.coupling = coupling[t].distance;
        break;
    }
    out.push_back(d);
  }
  return out;
}

std::vector<LayerDiagnostics> diagnoseNetwork(const UnfoldedNetwork& network, const Matrix& trainX,
                                              const Matrix& testX, const Vector& testOptimalCost,
                                              const std::function<bool()>& stopped) {
  const Dictionary& d = network.dictionary();
  const Matrix& D = d.atoms();
  const double L = d.lipschitz(), lambda = network.lambda();
  const int T = network.layerCount();
  std::vector<Matrix> testOutputs, trainOutputs;
  network.forward(testX, &testOutputs);
  network.forward(trainX, &trainOutputs);
  if (stopped && stopped()) return {};
  const std::vector<double> ista = solverGaps(Algorithm::Ista, d, testX, lambda, testOptimalCost, T);
  const std::vector<double> fista = solverGaps(Algorithm::Fista, d, testX, lambda, testOptimalCost, T);
  SupportLipschitzTracker tracker(d, trainX.cols());

  const std::vector<LayerDescription> descriptions = layerDescriptions(network.weights(), layerCoupling(network.weights(), D, L), L);
  std::vector<LayerDiagnostics> out;
  for (int t = 1; t <= T; ++t) {
    const LayerWeights& layer = network.weights().layers[static_cast<size_t>(t - 1)];
    LayerDiagnostics row;
    row.layer = t;
    const Vector costs = lassoCosts(D, testX, testOutputs[static_cast<size_t>(t - 1)], lambda);
    row.testCost = costs.mean();
    const Vector gaps = costs - testOptimalCost;
    row.testGap = gaps.mean();
    std::vector<double> sorted(gaps.begin(), gaps.end());
    row.testGapMedian = quantile(sorted, 0.5);
    row.testGapQ10 = quantile(sorted, 0.1);
    row.testGapQ90 = quantile(sorted, 0.9);
    const Matrix& z = testOutputs[static_cast<size_t>(t - 1)];
    row.testNonzeros = double((z.array() != 0.0).count()) / double(std::max<Eigen::Index>(1, z.cols()));
    row.istaGap = ista[static_cast<size_t>(t)];
    row.fistaGap = fista[static_cast<size_t>(t)];
    const LayerDescription& described = descriptions[static_cast<size_t>(t - 1)];
    row.stepTimesL = described.stepTimesL;
    row.thresholdTimesL = described.thresholdTimesL;
    row.coupling = described.coupling;
    if (network.weights().kind == Parametrization::Lista) {
      const Matrix coupled = Matrix::Identity(D.cols(), D.cols()) - layer.Wx * D;
      row.listaInnerCoupling = (layer.Wz - coupled).norm() / std::max(layer.Wz.norm(), 1e-300);
    }
    if (!inverseLsQuantiles(tracker, trainOutputs[static_cast<size_t>(t - 1)], L, row, stopped)) return {};
    out.push_back(row);
  }
  return out;
}

bool collapsedToZero(const std::vector<LayerDiagnostics>& layers) {
  return !layers.empty() && layers.back().testNonzeros == 0.0;
}

std::string collapseReason(Parametrization kind, double lambda) {
  if (kind == Parametrization::Alista)  // at 0.1 lambda_max it learns (a 5-layer gap a quarter of ISTA's on 64 x 256)
    return std::string("its W is not D, so z* is not its fixed point (Lemma 4.3)") +
           (lambda > 0.1 ? "; try 0.1 lambda_max" : "");
  // LISTA, LISTA-CP and SLISTA start as ISTA, which lowers the cost below F(0) unless lambda >= lambda_max.
  return "its thresholds remove every code; try a smaller lambda";
}

namespace {

std::string number(const std::optional<double>& v) {
  if (!v) return "";
  // A report is read by scripts and plots: never an "inf" or "nan" in it with exit code 0.
  if (!std::isfinite(*v)) throw InputError("the network's report has a non-finite value (Inf or NaN); nothing was written");
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", *v);
  return buffer;
}

std::string formatRows(const std::vector<LayerDiagnostics>& layers, bool everything) {
  std::string out = "layer,test_cost,test_gap,ista_gap,fista_gap,step_times_l,coupling";
  out += everything ? ",threshold_times_l,lista_wz_coupling,inv_ls_q10,inv_ls_q50,inv_ls_q90\n" : "\n";
  for (const LayerDiagnostics& r : layers) {
    std::vector<std::string> fields = {std::to_string(r.layer), number(r.testCost), number(r.testGap), number(r.istaGap),
                                       number(r.fistaGap), number(r.stepTimesL), number(r.coupling)};
    if (everything) {
      for (const std::optional<double>& v : {r.thresholdTimesL, r.listaInnerCoupling, std::optional<double>(r.inverseLsQ10),
                                             std::optional<double>(r.inverseLsQ50), std::optional<double>(r.inverseLsQ90)})
        fields.push_back(number(v));
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out.push_back(',');
      out.append(fields[i]);
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace

std::string formatReportCsv(const std::vector<LayerDiagnostics>& layers) { return formatRows(layers, false); }
std::string formatDiagnosticsCsv(const std::vector<LayerDiagnostics>& layers) { return formatRows(layers, true); }

}  // namespace unfold
