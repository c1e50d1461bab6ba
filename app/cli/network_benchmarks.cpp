// The learned networks' speed goals (issue: learned unfolded networks): one gradient evaluation
// (forward + backward) on the paper's simulated setting.
#include "benchmark_report.h"

#include "experiments/problem_generators.h"
#include "linalg/dictionary.h"
#include "networks/unfolded_network.h"

#include <algorithm>
#include <chrono>

namespace unfold::cli {

namespace {

double gradientSeconds(const Dictionary& d, const Matrix& X, Parametrization kind, int layers) {
  const UnfoldedNetwork net(d, 0.1, istaInitialization(kind, d.atoms(), d.lipschitz(), layers));
  NetworkWeights gradient;
  double best = 1e300;
  for (int r = 0; r < 3; ++r) {
    const auto start = std::chrono::steady_clock::now();
    net.loss(LossKind::Unsupervised, X, Matrix(), &gradient);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

std::vector<BenchmarkResult> runNetworkBenchmarks(const BenchmarkSizes& s) {
  const Dictionary d(gaussianDictionary(s.n, s.m, 0));
  const Matrix X = makeSignals(SignalKind::Gaussian, d.atoms(), s.trainingSignals, 1).X;
  const int T = 20;
  const std::string setting = "T=20, N=" + std::to_string(s.trainingSignals) + ", n=" + std::to_string(s.n) + ", m=" + std::to_string(s.m);
  const double slista = gradientSeconds(d, X, Parametrization::Slista, T);
  const double cp = gradientSeconds(d, X, Parametrization::ListaCp, T);
  const double lista = gradientSeconds(d, X, Parametrization::Lista, T);
  const double alista = gradientSeconds(d, X, Parametrization::Alista, T);
  const bool full = s.trainingSignals == 2000;
  return {
      {"slista_gradient", slista * 1e3, "ms", "forward + backward, " + setting, full ? std::optional<double>(80.0) : std::nullopt},
      {"lista_cp_over_slista", cp / slista, "x", "gradient time, LISTA-CP / SLISTA", 2.0},
      {"alista_gradient", alista * 1e3, "ms", setting, {}},
      {"lista_gradient", lista * 1e3, "ms", setting + " (W_z is m x m: ~4x the flops of SLISTA)", {}},
  };
}

}  // namespace unfold::cli
