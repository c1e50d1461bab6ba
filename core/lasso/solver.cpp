#include "lasso/solver.h"

namespace unfold {

SolveResult solveLasso(Algorithm algorithm, const Dictionary& dictionary, const Matrix& X,
                       double lambda, int iterations, SolverObserver* observer) {
  switch (algorithm) {
    case Algorithm::Ista: return runIsta(dictionary, X, lambda, iterations, observer);
    case Algorithm::Fista: return runFista(dictionary, X, lambda, iterations, observer);
    case Algorithm::Oista: return runOista(dictionary, X, lambda, iterations, observer);
    case Algorithm::IstaBacktracking: return runIstaBacktracking(dictionary, X, lambda, iterations, observer);
  }
  return {};
}

}  // namespace unfold
