#include "solver.h"

namespace unfold {

std::optional<Algorithm> parseAlgorithm(std::string_view name) {
  if (name == "ista") return Algorithm::Ista;
  if (name == "fista") return Algorithm::Fista;
  if (name == "oista") return Algorithm::Oista;
  return std::nullopt;
}

std::string algorithmName(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::Ista: return "ista";
    case Algorithm::Fista: return "fista";
    case Algorithm::Oista: return "oista";
  }
  return "?";
}

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
