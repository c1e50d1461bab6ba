#include "run/convergence_snapshot.h"

#include <algorithm>
#include <limits>

namespace unfold::ui {

int ConvergenceSnapshot::iteration() const {
  if (curves.isEmpty()) return -1;
  qsizetype least = std::numeric_limits<qsizetype>::max();
  for (const ConvergenceCurve& c : curves) least = std::min(least, c.iteration.size());
  return static_cast<int>(least) - 1;
}

const ConvergenceCurve* ConvergenceSnapshot::inspectorCurve(MethodKey method) const {
  for (const ConvergenceCurve& c : curves)
    if (c.key() == method) return &c;
  for (const NetworkCurve& n : networks)
    if (MethodKey(n.kind) == method && n.inspectedLayers.inspected > 0) return &n.inspectedLayers;
  return nullptr;
}

double ConvergenceSnapshot::bestGap(bool median, QString* method) const {
  double best = std::numeric_limits<double>::infinity();
  bool tied = false;  // at t = 0 every method is at F(0) - F*: none is the best
  const auto consider = [&](double gap, const QString& whose) {
    if (gap == best) tied = true;
    if (!(gap < best)) return;  // NaN included: a network's NaN must not hide the solvers' gaps
    best = gap;
    tied = false;
    if (method) *method = whose;
  };
  for (const ConvergenceCurve& c : curves) {
    const QVector<double>& gaps = median && c.gapMedian.size() == c.gapMean.size() ? c.gapMedian : c.gapMean;
    if (!gaps.isEmpty()) consider(gaps.back(), c.method);
  }
  for (const NetworkCurve& n : networks)
    if (!n.layerGap.isEmpty()) consider(n.gaps(median).back(), n.method);
  if (tied && method) method->clear();
  return best;
}

}  // namespace unfold::ui
