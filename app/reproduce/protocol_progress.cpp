#include "protocol_progress.h"

#include "protocol_shards.h"

#include <algorithm>
#include <cmath>

namespace unfold::reproduce {

namespace {

double predictedSeconds(const std::vector<std::pair<int, double>>& points, int depth, double largestExponent) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& [d, seconds] : points) {
    const double x = std::log(double(d)), y = std::log(std::max(seconds, 1e-3));
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  const double count = double(points.size()), spread = sxx - sx * sx / count;
  const double p = std::clamp(spread > 1e-12 ? (sxy - sx * sy / count) / spread : 1.0, 1.0, largestExponent);
  // The law through the mean point of the deepest half, which matters most for what is left.
  double anchor = 0;
  int used = 0;
  for (size_t k = points.size() / 2; k < points.size(); ++k, ++used)
    anchor += std::log(std::max(points[k].second, 1e-3)) - p * std::log(double(points[k].first));
  return std::exp(anchor / used + p * std::log(double(depth)));
}

}  // namespace

double Progress::eta(int iterations) const {
  double eta = 0;
  for (const auto& [setting, depths] : left) {
    const auto it = measured.find(setting);
    for (int depth : depths)
      eta += it != measured.end() ? predictedSeconds(it->second, depth, largestExponent)
                                  : secondsThisRun / unitsThisRun * networkCost(std::get<2>(setting), depth, iterations);
  }
  return eta;
}

}  // namespace unfold::reproduce
