#include "run/layer_curve.h"

#include "lasso/lasso.h"
#include "lasso/trace_recorder.h"
#include "linalg/support_lipschitz.h"
#include "plots/method_palette.h"
#include "run/iterate_history.h"

namespace unfold::ui {

ConvergenceCurve layerCurve(const UnfoldedNetwork& network, const Matrix& X, const Vector& optimalCost) {
  const Dictionary& d = network.dictionary();
  const int T = network.layerCount(), m = static_cast<int>(d.atomCount()), K = static_cast<int>(X.cols());
  std::vector<Matrix> layers;
  network.forward(X, &layers);
  ConvergenceCurve curve;
  curve.network = network.weights().kind;
  curve.method = methodLabel(network.weights().kind);
  curve.color = methodColor(network.weights().kind);
  curve.inspected = K;
  curve.atoms = m;
  auto history = std::make_shared<IterateHistory>(T, K, m);
  SupportLipschitzTracker tracker(d, K);
  for (int t = 0; t <= T; ++t) {
    const Matrix Z = t == 0 ? Matrix::Zero(m, K) : layers[static_cast<size_t>(t - 1)];
    const Vector gaps = lassoCosts(d.atoms(), X, Z, network.lambda()) - optimalCost;
    double ratioSum = 0.0;
    for (int s = 0; s < K; ++s) {
      const double ratio = tracker.update(s, Z.col(s)) / d.lipschitz();
      history->record(t, s, Z.col(s).data(), ratio, false);
      ratioSum += ratio;
      if (ratio > 0.0) {
        curve.sampleZeta << double(tracker.support(s).size()) / m;
        curve.sampleRatio << ratio;
        curve.sampleSignal << s;
      }
    }
    std::vector<double> sorted(gaps.begin(), gaps.end());
    curve.iteration << t;
    curve.gapMean << gaps.mean();
    curve.gapQ10 << quantile(sorted, 0.1);
    curve.gapMedian << quantile(sorted, 0.5);
    curve.gapQ90 << quantile(sorted, 0.9);
    curve.lsOverLMean << ratioSum / K;
  }
  curve.history = history;
  return curve;
}

}  // namespace unfold::ui
