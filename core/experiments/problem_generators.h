// Seeded dictionaries and signals for the paper's settings (Ablin et al. 2019, Sec. 5):
//  - dictionaries: Gaussian atoms on the unit sphere, or digits atoms (images centred and unit-normed);
//  - signals on the equiregularization set x = x~ / ||D^T x~||_inf (so lambda_max = 1 and lambda is a
//    fraction of lambda_max), with x~ ~ N(0, I_n) (the talk), x~ = D z, z ~ N(0, I_m) (the paper's code),
//    or x~ a digits image; and sparse ground truth x = D z0 + noise for supervised training.
#pragma once

#include "base/types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace unfold {

enum class DictionaryKind { Gaussian, Digits };
enum class SignalKind { Gaussian, DictionaryCodes, Digits, Sparse };

std::optional<DictionaryKind> parseDictionaryKind(std::string_view name);  // gaussian, digits
std::optional<SignalKind> parseSignalKind(std::string_view name);  // gaussian, dz, digits, sparse
std::string signalKindName(SignalKind kind);

// Throws InputError for sizes that make no sense (n < 1, m < 1, digits with n != 64, too many atoms).
Matrix gaussianDictionary(Eigen::Index n, Eigen::Index m, std::uint64_t seed);
Matrix digitsDictionary(Eigen::Index m, std::uint64_t seed);
Matrix makeDictionary(DictionaryKind kind, Eigen::Index n, Eigen::Index m, std::uint64_t seed);

void normalizeColumns(Matrix& D);

// Scales every column of X onto the equiregularization set: ||D^T x||_inf = 1. A column already on it
// (within kOnEquiregularization: a generated file read back) keeps its bits, so that an imported copy of
// `generate`'s signals hashes as the file does and a network trained on the file is recognised.
// Returns how many columns it scaled.
inline constexpr double kOnEquiregularization = 1e-12;
Eigen::Index scaleToEquiregularization(const Matrix& D, Matrix& X);

struct SignalSet {
  Matrix X;                   // n x N
  std::optional<Matrix> Z0;   // m x N ground-truth codes (SignalKind::Sparse only)
};

struct SparseSignalSettings {
  int nonZeros = 5;      // k, non-zeros of z0
  double noise = 0.01;   // std of the Gaussian noise added to D z0
  bool operator==(const SparseSignalSettings&) const = default;
};

// Signals of the given kind. For Digits, the images used as atoms are not excluded (the dictionary
// is drawn with the same data): pass a different seed to get different images.
SignalSet makeSignals(SignalKind kind, const Matrix& D, Eigen::Index count, std::uint64_t seed,
                      const SparseSignalSettings& sparse = {});

}  // namespace unfold
