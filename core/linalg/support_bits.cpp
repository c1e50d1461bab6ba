#include "linalg/support_bits.h"

#include <cmath>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace unfold {

namespace {

// Bits of z_i != 0 and of |g_i| > lambda for the `count` <= 64 entries from `begin`.
template <bool withGradient>
void wordBits(const double* z, const double* g, Eigen::Index count, double lambda, std::uint64_t& nonZero,
              std::uint64_t& large) {
  nonZero = 0;
  large = 0;
  int i = 0;
#if defined(__AVX512F__)
  const __m512d zero = _mm512_setzero_pd();
  const __m512d threshold = _mm512_set1_pd(lambda);
  const __m512d magnitude = _mm512_castsi512_pd(_mm512_set1_epi64(0x7fffffffffffffffLL));
  for (; i + 8 <= count; i += 8) {
    nonZero |= std::uint64_t(_mm512_cmp_pd_mask(_mm512_loadu_pd(z + i), zero, _CMP_NEQ_UQ)) << i;
    if constexpr (withGradient)
      large |= std::uint64_t(_mm512_cmp_pd_mask(_mm512_and_pd(_mm512_loadu_pd(g + i), magnitude), threshold,
                                                _CMP_GT_OQ)) << i;
  }
#endif
  for (; i < count; ++i) {
    nonZero |= std::uint64_t(z[i] != 0.0) << i;
    if constexpr (withGradient) large |= std::uint64_t(std::abs(g[i]) > lambda) << i;
  }
}

}  // namespace

void supportBits(const double* z, Eigen::Index m, std::uint64_t* bits) {
  std::uint64_t unused;
  for (Eigen::Index w = 0; w * 64 < m; ++w)
    wordBits<false>(z + 64 * w, nullptr, std::min<Eigen::Index>(64, m - 64 * w), 0.0, bits[w], unused);
}

bool supportBitsAndGrowth(const double* z, const double* g, Eigen::Index m, double lambda, std::uint64_t* bits) {
  std::uint64_t growth = 0, large;
  for (Eigen::Index w = 0; w * 64 < m; ++w) {
    wordBits<true>(z + 64 * w, g + 64 * w, std::min<Eigen::Index>(64, m - 64 * w), lambda, bits[w], large);
    growth |= large & ~bits[w];
  }
  return growth != 0;
}

}  // namespace unfold
