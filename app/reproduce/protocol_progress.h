// Progress of the Fig. 6 protocol (networks_protocol.cpp) and how long the rest takes.
#pragma once

#include "networks/network_parameters.h"

#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace unfold::reproduce {

// Where the protocol (or this shard) stands, in units of cost (networkCost), and how long the rest takes.
// A network's time is far from proportional to its cost: it differs by setting (dataset, lambda,
// parametrization) several times over, because training stops early more often in some. So the ETA
// learns each setting's pace from its networks trained in this run (a setting not measured yet takes the
// others' pace), by one of two laws:
// - each depth from the one before (stalledSteps > 0): seconds = rate T (steps + kStartSteps), and a
//   network still to train takes as many steps as the setting's recent ones (median of the last three),
//   at most stalledSteps: the first depths use many steps, deeper ones mostly stop at the first stall check
//   or not at all (converged). Replayed on the full run (360 networks) this ETA was 0.86-1.19x the time
//   actually left from the 48th network on (README);
// - each network from ISTA's initialization (GD, Adam): seconds = a T^p, fitted in log-log with p within
//   [1, 2] (deep networks use more of their budget).
struct Progress {
  using Setting = std::tuple<std::string, double, Parametrization>;
  struct Trained {
    int depth = 0, steps = 0;
    double seconds = 0;
  };
  // The optimizer steps a network's other work costs (its start and its test evaluation), fitted to the
  // full run: seconds = 0.032 T steps + 0.092 T.
  static constexpr double kStartSteps = 4.0;
  std::map<Setting, std::vector<int>> left;         // depths still to train
  std::map<Setting, std::vector<Trained>> measured;  // this run
  double totalUnits = 0, doneUnits = 0, unitsThisRun = 0, secondsThisRun = 0;
  int totalNetworks = 0, doneNetworks = 0;
  int stalledSteps = 0;  // the chain protocol: the steps of a network stopped at the first stall check
  void finished(const Setting& setting, int depth, double units, int steps, double seconds) {
    ++doneNetworks;
    doneUnits += units;
    unitsThisRun += units;
    secondsThisRun += seconds;
    std::erase(left[setting], depth);
    measured[setting].push_back({depth, steps, seconds});
  }
  double eta(int iterations) const;
  double percent() const { return 100 * doneUnits / totalUnits; }

 private:
  double chainEta() const;
  double fittedEta(int iterations) const;
};

}  // namespace unfold::reproduce
