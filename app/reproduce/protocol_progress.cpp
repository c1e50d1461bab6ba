#include "protocol_progress.h"

#include "protocol_shards.h"

#include <algorithm>
#include <cmath>

namespace unfold::reproduce {

namespace {

double fittedSeconds(const std::vector<Progress::Trained>& networks, int depth) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const Progress::Trained& n : networks) {
    const double x = std::log(double(n.depth)), y = std::log(std::max(n.seconds, 1e-3));
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  const double count = double(networks.size()), spread = sxx - sx * sx / count;
  const double p = std::clamp(spread > 1e-12 ? (sxy - sx * sy / count) / spread : 1.0, 1.0, 2.0);
  // The law through the mean point of the deepest half, which matters most for what is left.
  double anchor = 0;
  int used = 0;
  for (size_t k = networks.size() / 2; k < networks.size(); ++k, ++used)
    anchor += std::log(std::max(networks[k].seconds, 1e-3)) - p * std::log(double(networks[k].depth));
  return std::exp(anchor / used + p * std::log(double(depth)));
}

// The median steps of a setting's last three networks.
double recentSteps(const std::vector<Progress::Trained>& networks) {
  std::vector<int> steps;
  for (size_t k = networks.size() > 3 ? networks.size() - 3 : 0; k < networks.size(); ++k) steps.push_back(networks[k].steps);
  std::sort(steps.begin(), steps.end());
  const size_t middle = steps.size() / 2;
  return steps.size() % 2 ? steps[middle] : 0.5 * (steps[middle - 1] + steps[middle]);
}

}  // namespace

double Progress::eta(int iterations) const { return stalledSteps > 0 ? chainEta() : fittedEta(iterations); }

double Progress::chainEta() const {
  // Seconds per layer and step, per setting and over all settings.
  const auto work = [](const Trained& n) { return n.depth * (n.steps + kStartSteps); };
  double allSeconds = 0, allWork = 0;
  for (const auto& [setting, networks] : measured)
    for (const Trained& n : networks) allSeconds += n.seconds, allWork += work(n);
  if (allWork == 0) return 0;
  double eta = 0;
  for (const auto& [setting, depths] : left) {
    if (depths.empty()) continue;
    double rate = allSeconds / allWork, steps = stalledSteps;
    if (const auto it = measured.find(setting); it != measured.end() && !it->second.empty()) {
      double seconds = 0, units = 0;
      for (const Trained& n : it->second) seconds += n.seconds, units += work(n);
      if (units > 0) rate = seconds / units;
      steps = std::min<double>(stalledSteps, recentSteps(it->second));
    }
    for (int depth : depths) eta += rate * depth * (steps + kStartSteps);
  }
  return eta;
}

double Progress::fittedEta(int iterations) const {
  double eta = 0;
  for (const auto& [setting, depths] : left) {
    const auto it = measured.find(setting);
    for (int depth : depths)
      eta += it != measured.end() && !it->second.empty() ? fittedSeconds(it->second, depth)
                                                        : secondsThisRun / unitsThisRun * networkCost(std::get<2>(setting), depth, iterations);
  }
  return eta;
}

}  // namespace unfold::reproduce
