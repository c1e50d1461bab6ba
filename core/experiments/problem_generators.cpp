#include "experiments/problem_generators.h"

#include "base/enum_names.h"
#include "base/input_error.h"
#include "base/random.h"
#include "experiments/digits_dataset.h"

#include <algorithm>
#include <cmath>

namespace unfold {

namespace {

// A generated matrix larger than this (in doubles, 1.6 GB) is refused instead of exhausting memory.
constexpr double kMaxEntries = 2e8;

void checkSize(Eigen::Index rows, Eigen::Index cols, const std::string& what) {
  if (rows < 1 || cols < 1)
    throw InputError(what + " must have positive sizes (got " + std::to_string(rows) + " x " +
                     std::to_string(cols) + ")");
  if (static_cast<double>(rows) * static_cast<double>(cols) > kMaxEntries)
    throw InputError(what + " of " + std::to_string(rows) + " x " + std::to_string(cols) +
                     " is too large (at most 2e8 entries)");
}

void centerAndNormalize(Matrix& images) {
  for (Eigen::Index j = 0; j < images.cols(); ++j) {
    auto c = images.col(j);
    c.array() -= c.mean();
    const double norm = c.norm();
    if (norm > 0) c /= norm;
  }
}

}  // namespace

namespace {
constexpr NameTable<DictionaryKind, 2> kDictionaryNames{{{DictionaryKind::Gaussian, "gaussian"}, {DictionaryKind::Digits, "digits"}}};
constexpr NameTable<SignalKind, 4> kSignalNames{{{SignalKind::Gaussian, "gaussian"},
                                                 {SignalKind::DictionaryCodes, "dz"},
                                                 {SignalKind::Digits, "digits"},
                                                 {SignalKind::Sparse, "sparse"}}};
}  // namespace

std::optional<DictionaryKind> parseDictionaryKind(std::string_view name) { return valueNamed(kDictionaryNames, name); }
std::optional<SignalKind> parseSignalKind(std::string_view name) { return valueNamed(kSignalNames, name); }
std::string signalKindName(SignalKind kind) { return nameOf(kSignalNames, kind); }

void normalizeColumns(Matrix& D) {
  for (Eigen::Index j = 0; j < D.cols(); ++j) {
    const double norm = D.col(j).norm();
    if (norm > 0) D.col(j) /= norm;
  }
}

Matrix gaussianDictionary(Eigen::Index n, Eigen::Index m, std::uint64_t seed) {
  checkSize(n, m, "the dictionary");
  Random random(seed);
  Matrix D = random.normal(n, m);
  normalizeColumns(D);
  return D;
}

Matrix digitsDictionary(Eigen::Index m, std::uint64_t seed) {
  const DigitsDataset& data = digitsDataset();
  const auto available = data.images.cols();
  if (m < 1 || m > available)
    throw InputError("a digits dictionary has between 1 and " + std::to_string(available) +
                     " atoms (got m = " + std::to_string(m) + ")");
  Random random(seed);
  const std::vector<int> picked = random.sampleWithoutReplacement(static_cast<int>(available),
                                                                  static_cast<int>(m));
  Matrix D = data.images(Eigen::all, picked);
  centerAndNormalize(D);
  return D;
}

Matrix makeDictionary(DictionaryKind kind, Eigen::Index n, Eigen::Index m, std::uint64_t seed) {
  if (kind == DictionaryKind::Digits) {
    if (n != 64) throw InputError("digits atoms are 8x8 images: n must be 64 (got " + std::to_string(n) + ")");
    return digitsDictionary(m, seed);
  }
  return gaussianDictionary(n, m, seed);
}

Eigen::Index scaleToEquiregularization(const Matrix& D, Matrix& X) {
  const Eigen::RowVectorXd lmax = (D.transpose() * X).cwiseAbs().colwise().maxCoeff();
  Eigen::Index scaled = 0;
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    if (lmax(j) > 0 && std::abs(lmax(j) - 1.0) > kOnEquiregularization) {
      X.col(j) /= lmax(j);
      ++scaled;
    }
  return scaled;
}

SignalSet makeSignals(SignalKind kind, const Matrix& D, Eigen::Index count, std::uint64_t seed,
                      const SparseSignalSettings& sparse) {
  checkSize(D.rows(), count, "the signal batch");
  Random random(seed);
  SignalSet out;
  switch (kind) {
    case SignalKind::Gaussian:
      out.X = random.normal(D.rows(), count);
      break;
    case SignalKind::DictionaryCodes:
      out.X = D * random.normal(D.cols(), count);
      break;
    case SignalKind::Digits: {
      if (D.rows() != 64) throw InputError("digits signals are 8x8 images: n must be 64");
      const DigitsDataset& data = digitsDataset();
      const auto available = static_cast<int>(data.images.cols());
      std::vector<int> picked;
      picked.reserve(static_cast<size_t>(count));
      // Without replacement while possible, then cycle: any count is allowed.
      while (static_cast<Eigen::Index>(picked.size()) < count) {
        const int take = static_cast<int>(std::min<Eigen::Index>(available, count - static_cast<Eigen::Index>(picked.size())));
        const auto more = random.sampleWithoutReplacement(available, take);
        picked.insert(picked.end(), more.begin(), more.end());
      }
      out.X = data.images(Eigen::all, picked);
      centerAndNormalize(out.X);
      break;
    }
    case SignalKind::Sparse: {
      const int k = std::clamp<int>(sparse.nonZeros, 1, static_cast<int>(D.cols()));
      Matrix Z0 = Matrix::Zero(D.cols(), count);
      for (Eigen::Index j = 0; j < count; ++j) {
        const auto support = random.sampleWithoutReplacement(static_cast<int>(D.cols()), k);
        const Matrix values = random.normal(k, 1);
        for (int a = 0; a < k; ++a) Z0(support[static_cast<size_t>(a)], j) = values(a, 0);
      }
      out.X = D * Z0 + sparse.noise * random.normal(D.rows(), count);
      // Scale x and z0 together so that x = D z0 + noise still holds on the equiregularization set.
      const Eigen::RowVectorXd lmax = (D.transpose() * out.X).cwiseAbs().colwise().maxCoeff();
      for (Eigen::Index j = 0; j < count; ++j) {
        if (lmax(j) > 0) {
          out.X.col(j) /= lmax(j);
          Z0.col(j) /= lmax(j);
        }
      }
      out.Z0 = std::move(Z0);
      return out;
    }
  }
  scaleToEquiregularization(D, out.X);
  return out;
}

}  // namespace unfold
