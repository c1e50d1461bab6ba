// Splitting the Fig. 6 protocol over machines: `reproduce networks --shard K/N` trains the K-th of N
// disjoint parts. Every network is in exactly one part, and the parts are balanced by cost, not by count:
// a 30-layer network costs thirty 1-layer ones. The assignment is a function of the protocol and N alone
// (the longest networks first, each to the least loaded part), so that every shard computes the same split
// without talking to the others.
#pragma once

#include "networks/network_parameters.h"
#include "networks/network_trainer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unfold::reproduce {

struct Shard {
  int index = 1, count = 1;  // K and N, 1 <= K <= N
  bool operator==(const Shard&) const = default;
};
// "K/N" with 1 <= K <= N <= kMaxShards; nullopt for anything else.
std::optional<Shard> parseShard(std::string_view text);
inline constexpr int kMaxShards = 10000;

// One network of the protocol and what training it costs, in layer-steps weighted by the parametrization
// (LISTA-CP's layer costs ~1.4 SLISTA layers: `unfoldlab bench`'s lista_cp_over_slista).
struct ShardUnit {
  std::string dataset;
  double lambda = 0;
  Parametrization kind = Parametrization::Slista;
  int depth = 1;
  double cost = 0;
};
double networkCost(Parametrization kind, int depth, int iterations);

// The shard (1..count) of every unit, in the order given.
std::vector<int> assignShards(const std::vector<ShardUnit>& units, int count);
// The same when each depth of a setting (dataset, lambda, parametrization) starts from the trained depth
// before it: a setting's networks form a chain that one shard trains in order, so whole settings are
// balanced (the protocol has 12: more shards than that leaves some with nothing to do).
std::vector<int> assignChainShards(const std::vector<ShardUnit>& units, int count);

// Seconds per unit of cost per training signal on this project's 2-core reference machine (AMD EPYC):
// 300 GD steps of SLISTA T=20 on 2,000 signals take ~36 s (`bench --only training`), 3.0e-6 s per
// layer-step-signal. A cluster's time limits are set from it with a margin.
inline constexpr double kSecondsPerCostAndSignal = 3.0e-6;
// An optimizer's time per step over GD's: L-BFGS's steps cost more evaluations and it stops early less
// often (the quick protocol took 1.6x GD's time at the same budget).
inline double optimizerTimeFactor(Optimizer optimizer) { return optimizer == Optimizer::Lbfgs ? 1.6 : 1.0; }
// The two above bound a network of the chain protocol (each depth from the one before) as if it used all
// its steps; most stop at the first stall check. What one is expected to take, at the pace the full run
// kept (360 networks on 10,000 signals, 3,735 s on the reference machine), is this many seconds per unit
// of networkCost(kind, depth, steps + Progress::kStartSteps) and signal, with steps = Progress::stalledSteps.
// One setting took up to 2x that (SLISTA at lambda = 0.1: 34 steps a network), so time limits use the bound.
inline constexpr double kChainSecondsPerCostAndSignal = 2.4e-6;

}  // namespace unfold::reproduce
