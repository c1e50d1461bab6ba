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
// parametrization) several times over, because training stops early more often in some (at lambda = 0.8
// most networks converge well within their budget), and it grows faster than the depth (deep networks use
// more of their budget). So each setting gets its own law seconds = a depth^p, fitted (least squares in
// log-log, p within [1, 2]; exactly 1 with largestExponent = 1) to the networks of that setting trained in
// this run; a setting not measured yet takes the others' mean seconds per unit of cost.
struct Progress {
  using Setting = std::tuple<std::string, double, Parametrization>;
  std::map<Setting, std::vector<int>> left;                          // depths still to train
  std::map<Setting, std::vector<std::pair<int, double>>> measured;    // depth and seconds, this run
  double totalUnits = 0, doneUnits = 0, unitsThisRun = 0, secondsThisRun = 0;
  int totalNetworks = 0, doneNetworks = 0;
  // The largest p the fit may take: 1 when each depth starts from the one before, where a network's steps
  // do not grow with its depth (they fall: 21-65 throughout the full protocol), so time grows as the depth
  // at most and a steeper fit of the first depths would overestimate the rest several times.
  double largestExponent = 2.0;
  void finished(const Setting& setting, int depth, double units, double seconds) {
    ++doneNetworks;
    doneUnits += units;
    unitsThisRun += units;
    secondsThisRun += seconds;
    std::erase(left[setting], depth);
    measured[setting].push_back({depth, seconds});
  }
  double eta(int iterations) const;
  double percent() const { return 100 * doneUnits / totalUnits; }
};

}  // namespace unfold::reproduce
