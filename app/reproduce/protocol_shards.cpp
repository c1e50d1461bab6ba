#include "protocol_shards.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace unfold::reproduce {

namespace {

std::optional<int> wholeNumber(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || text[0] == '+') return std::nullopt;
  return value;
}

}  // namespace

std::optional<Shard> parseShard(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto index = wholeNumber(text.substr(0, slash)), count = wholeNumber(text.substr(slash + 1));
  if (!index || !count || *count < 1 || *count > kMaxShards || *index < 1 || *index > *count) return std::nullopt;
  return Shard{*index, *count};
}

double networkCost(Parametrization kind, int depth, int iterations) {
  const double perLayer = kind == Parametrization::ListaCp ? 1.4 : kind == Parametrization::Lista ? 4.0 : 1.0;
  return perLayer * depth * iterations;
}

std::vector<int> assignShards(const std::vector<ShardUnit>& units, int count) {
  std::vector<size_t> order(units.size());
  std::iota(order.begin(), order.end(), size_t(0));
  // Longest first (ties in the given order), each to the least loaded shard (ties: the lowest index).
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return units[a].cost > units[b].cost; });
  std::vector<double> load(static_cast<size_t>(count), 0.0);
  std::vector<int> shard(units.size(), 1);
  for (size_t u : order) {
    const size_t lightest = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    load[lightest] += units[u].cost;
    shard[u] = static_cast<int>(lightest) + 1;
  }
  return shard;
}

std::vector<int> assignChainShards(const std::vector<ShardUnit>& units, int count) {
  std::vector<ShardUnit> chains;  // one per setting, in the order of first appearance, its cost summed
  std::vector<size_t> chainOf(units.size());
  for (size_t u = 0; u < units.size(); ++u) {
    const auto same = [&](const ShardUnit& c) {
      return c.dataset == units[u].dataset && c.lambda == units[u].lambda && c.kind == units[u].kind;
    };
    auto it = std::find_if(chains.begin(), chains.end(), same);
    if (it == chains.end()) it = chains.insert(chains.end(), {units[u].dataset, units[u].lambda, units[u].kind, 0, 0.0});
    it->cost += units[u].cost;
    chainOf[u] = static_cast<size_t>(it - chains.begin());
  }
  const std::vector<int> chainShard = assignShards(chains, count);
  std::vector<int> shard(units.size());
  for (size_t u = 0; u < units.size(); ++u) shard[u] = chainShard[chainOf[u]];
  return shard;
}

}  // namespace unfold::reproduce
