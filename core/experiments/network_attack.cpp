#include "experiments/network_attack.h"

#include "base/input_error.h"
#include "base/random.h"
#include "experiments/problem_generators.h"
#include "lasso/lasso.h"
#include "linalg/support_lipschitz.h"
#include "networks/network_diagnostics.h"

#include <cmath>
#include <cstdio>

namespace unfold {

namespace {

constexpr double kGrowth = 1.5;     // a move that raised the gap: the next one is this much longer
constexpr double kShortest = 1e-9;  // relative moves below this change nothing a gap can show

std::vector<int> supportOf(const Eigen::Ref<const Vector>& z) {
  std::vector<int> support;
  for (Eigen::Index i = 0; i < z.size(); ++i)
    if (z(i) != 0.0) support.push_back(static_cast<int>(i));
  return support;
}

}  // namespace

std::vector<SignalRobustness> assessSignals(const UnfoldedNetwork& network, const Matrix& X,
                                            const ReferenceSolution& reference) {
  const Dictionary& dictionary = network.dictionary();
  const double L = dictionary.lipschitz();
  std::vector<Matrix> layers;
  const Matrix Z = network.forward(X, &layers);
  const Vector cost = lassoCosts(dictionary.atoms(), X, Z, network.lambda());
  const std::vector<LayerDescription> described =
      layerDescriptions(network.weights(), layerCoupling(network.weights(), dictionary.atoms(), L), L);
  std::vector<SignalRobustness> out(static_cast<size_t>(X.cols()));
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    SignalRobustness& s = out[static_cast<size_t>(j)];
    s.gap = cost(j) - reference.optimalCost(j);
    const std::vector<int> support = supportOf(reference.Z.col(j));
    s.supportSize = static_cast<int>(support.size());
    for (size_t t = 0; t < layers.size() && s.offSupportLayer == 0; ++t)
      for (Eigen::Index i = 0; i < Z.rows(); ++i)
        if (layers[t](i, j) != 0.0 && reference.Z(i, j) == 0.0) {
          s.offSupportLayer = static_cast<int>(t) + 1;
          break;
        }
    s.lsOverL = support.empty() ? 0.0 : supportLipschitz(dictionary, support) / L;
    for (const LayerDescription& layer : described)
      if (layer.stepTimesL * s.lsOverL > 2.0) ++s.layersPast2OverLs;
  }
  return out;
}

AttackResult attackNetwork(const UnfoldedNetwork& network, const Matrix& X, const AttackSettings& settings) {
  const Dictionary& dictionary = network.dictionary();
  const Matrix& D = dictionary.atoms();
  const double lambda = network.lambda();
  const Eigen::Index N = X.cols();
  AttackResult result;
  result.X = X;
  for (Eigen::Index j = 0; j < N; ++j)
    if ((D.transpose() * X.col(j)).cwiseAbs().maxCoeff() <= 0.0)
      throw InputError("signal " + std::to_string(j + 1) + " is orthogonal to every atom (D^T x = 0): it has no place on "
                       "the equiregularization set");
  scaleToEquiregularization(D, result.X);

  // The gap and its gradient at the current points; a candidate's replace them where it is higher.
  const auto evaluate = [&](const Matrix& points, Vector& gap, Matrix& gradient, ReferenceSolution& reference) {
    reference = solveReference(dictionary, points, lambda);
    UnfoldedNetwork::InputGradient g = network.lossInputGradient(LossKind::Unsupervised, points, Matrix());
    gap = g.loss - reference.optimalCost;
    gradient = std::move(g.gradient);
    gradient -= points - D * reference.Z;  // grad F*(x) = x - D z*(x)
  };
  Vector gap;
  Matrix gradient;
  ReferenceSolution reference;
  evaluate(result.X, gap, gradient, reference);
  result.before = assessSignals(network, result.X, reference);
  const double meanGapBefore = gap.mean();
  Vector move = Vector::Constant(N, settings.initialMove);
  result.movesKept.assign(static_cast<size_t>(N), 0);

  Matrix candidate(result.X.rows(), N);
  Vector candidateGap;
  Matrix candidateGradient;
  ReferenceSolution candidateReference;
  for (int step = 1; step <= settings.steps; ++step) {
    for (Eigen::Index j = 0; j < N; ++j) {
      const double norm = gradient.col(j).norm();
      candidate.col(j) = result.X.col(j);
      if (norm > 0.0 && std::isfinite(norm) && move(j) >= kShortest)
        candidate.col(j) += (move(j) * result.X.col(j).norm() / norm) * gradient.col(j);
    }
    scaleToEquiregularization(D, candidate);
    evaluate(candidate, candidateGap, candidateGradient, candidateReference);
    for (Eigen::Index j = 0; j < N; ++j) {
      if (std::isfinite(candidateGap(j)) && candidateGap(j) > gap(j)) {
        result.X.col(j) = candidate.col(j);
        gap(j) = candidateGap(j);
        gradient.col(j) = candidateGradient.col(j);
        reference.Z.col(j) = candidateReference.Z.col(j);
        reference.optimalCost(j) = candidateReference.optimalCost(j);
        move(j) *= kGrowth;
        ++result.movesKept[static_cast<size_t>(j)];
      } else {
        move(j) /= 2.0;
      }
    }
    result.stepsDone = step;
    if (settings.progress && settings.progress({step, settings.steps, meanGapBefore, gap.mean(), &gap, &result.movesKept})) {
      result.stopped = true;
      break;
    }
  }
  result.after = assessSignals(network, result.X, reference);
  return result;
}

Matrix noisySignals(const Matrix& D, const Matrix& base, double noise, std::uint64_t seed) {
  Matrix X = base;
  if (noise > 0.0) {
    const Matrix draws = Random(seed).normal(X.rows(), X.cols());
    const double perEntry = noise / std::sqrt(static_cast<double>(X.rows()));
    for (Eigen::Index j = 0; j < X.cols(); ++j) X.col(j) += (perEntry * X.col(j).norm()) * draws.col(j);
  }
  scaleToEquiregularization(D, X);
  return X;
}

std::string formatAttackReportCsv(const AttackResult& result) {
  std::string out =
      "signal,gap_before,gap_after,support_before,support_after,off_support_layer_before,off_support_layer_after,"
      "ls_over_l_before,ls_over_l_after,layers_past_2_over_ls_before,layers_past_2_over_ls_after\n";
  char line[512];
  for (size_t j = 0; j < result.after.size(); ++j) {
    const SignalRobustness &b = result.before[j], &a = result.after[j];
    for (double v : {b.gap, a.gap, b.lsOverL, a.lsOverL})
      if (!std::isfinite(v)) throw InputError("the attack report has a non-finite value (Inf or NaN); nothing was written");
    std::snprintf(line, sizeof line, "%zu,%.17g,%.17g,%d,%d,%d,%d,%.17g,%.17g,%d,%d\n", j + 1, b.gap, a.gap, b.supportSize,
                  a.supportSize, b.offSupportLayer, a.offSupportLayer, b.lsOverL, a.lsOverL, b.layersPast2OverLs,
                  a.layersPast2OverLs);
    out += line;
  }
  return out;
}

}  // namespace unfold
