// The support of a code vector as a bitset: bit i % 64 of word i / 64 is set when z_i != 0. Comparing
// two supports is then a few word comparisons instead of a pass over m doubles, which matters when
// every signal's support is checked at every iteration (OISTA, the L_S/L diagnostics).
#pragma once

#include "base/types.h"

#include <cstdint>

namespace unfold {

inline Eigen::Index supportWords(Eigen::Index atoms) { return (atoms + 63) / 64; }

// bits[0 .. supportWords(m)) = supp(z).
void supportBits(const double* z, Eigen::Index m, std::uint64_t* bits);

// The same, fused with OISTA's oracle test: returns true when some atom outside the support has
// |g_i| > lambda, i.e. when a soft-thresholded step from z along -g would grow the support, whatever the
// step size.
bool supportBitsAndGrowth(const double* z, const double* g, Eigen::Index m, double lambda, std::uint64_t* bits);

}  // namespace unfold
