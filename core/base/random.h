// Seeded random matrices. One engine (mt19937_64) and one normal sampler, so the same seed gives the same
// problem on every run of the same build.
#pragma once

#include "base/types.h"

#include <cstdint>
#include <random>

namespace unfold {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  Matrix normal(Eigen::Index rows, Eigen::Index cols);
  // k distinct indices from [0, n), in random order.
  std::vector<int> sampleWithoutReplacement(int n, int k);
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
  std::normal_distribution<double> normal_{0.0, 1.0};
};

}  // namespace unfold
