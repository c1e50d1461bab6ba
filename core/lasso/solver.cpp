#include "lasso/solver.h"

#include "base/enum_names.h"

namespace unfold {

namespace {
constexpr NameTable<Algorithm, 3> kAlgorithmNames{{{Algorithm::Ista, "ista"}, {Algorithm::Fista, "fista"}, {Algorithm::Oista, "oista"}}};
}  // namespace

std::optional<Algorithm> parseAlgorithm(std::string_view name) { return valueNamed(kAlgorithmNames, name); }
std::string algorithmName(Algorithm algorithm) { return nameOf(kAlgorithmNames, algorithm); }

SolveResult solveLasso(Algorithm algorithm, const Dictionary& dictionary, const Matrix& X,
                       double lambda, int iterations, SolverObserver* observer) {
  switch (algorithm) {
    case Algorithm::Ista: return runIsta(dictionary, X, lambda, iterations, observer);
    case Algorithm::Fista: return runFista(dictionary, X, lambda, iterations, observer);
    case Algorithm::Oista: return runOista(dictionary, X, lambda, iterations, observer);
  }
  return {};
}

}  // namespace unfold
