// The iterative Lasso solvers, batched (signals are columns) and started from z = 0:
//  - ISTA: z <- ST(z - D^T(Dz - x)/L, lambda/L).
//  - FISTA (Beck & Teboulle 2009): ISTA at the extrapolated point y_k = z_k + (t_{k-1} - 1)/t_k (z_k - z_{k-1}),
//    t_1 = 1, t_{k+1} = (1 + sqrt(1 + 4 t_k^2))/2, no restart.
//  - OISTA (Ablin et al. 2019, "Learning step sizes for unfolded sparse coding"): the step 1/L_S on the
//    current support S = supp(z_t), kept only if the new support stays inside S, else redone with 1/L.
//  - ISTA with backtracking (ista-bt): per signal, the last step x 2, halved until the quadratic upper
//    bound of the smooth part holds at the new point (the fourth curve of the paper's Fig. 2).
// Each reports every iterate to an optional observer that may stop it.
#pragma once

#include "base/enum_names.h"
#include "lasso/solver_observer.h"
#include "linalg/dictionary.h"

#include <optional>
#include <string>
#include <string_view>

namespace unfold {

enum class Algorithm { Ista, Fista, Oista, IstaBacktracking };
// The command-line and file names, both ways from one table.
inline constexpr NameTable<Algorithm, 4> kAlgorithmNames{{{Algorithm::Ista, "ista"},
                                                          {Algorithm::Fista, "fista"},
                                                          {Algorithm::Oista, "oista"},
                                                          {Algorithm::IstaBacktracking, "ista-bt"}}};
inline std::optional<Algorithm> parseAlgorithm(std::string_view name) { return valueNamed(kAlgorithmNames, name); }
inline std::string algorithmName(Algorithm algorithm) { return nameOf(kAlgorithmNames, algorithm); }

struct SolveResult {
  Matrix Z;                // m x N, the last iterate
  int iterations = 0;      // iterations done (fewer than asked if the observer stopped the run)
  bool stopped = false;    // the observer asked to stop
};

SolveResult solveLasso(Algorithm algorithm, const Dictionary& dictionary, const Matrix& X,
                       double lambda, int iterations, SolverObserver* observer = nullptr);

SolveResult runIsta(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                    SolverObserver* observer);
SolveResult runFista(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                     SolverObserver* observer);
SolveResult runOista(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                     SolverObserver* observer);
SolveResult runIstaBacktracking(const Dictionary& dictionary, const Matrix& X, double lambda, int iterations,
                                SolverObserver* observer);

// Z = ST(V, threshold) written without branches so that Eigen vectorises it.
template <typename Expression>
void assignSoftThresholded(Eigen::Ref<Matrix> Z, const Expression& V, double threshold) {
  Z = V - V.cwiseMax(-threshold).cwiseMin(threshold);
}

}  // namespace unfold
