// What the user asks the workbench to compute: the problem, the solvers to run on it and the unfolded
// networks to train on it.
#pragma once

#include "lasso/solver.h"
#include "networks/network_loss.h"
#include "networks/network_parameters.h"

#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <set>
#include <variant>

namespace unfold::ui {

// A method the workbench runs: a solver, whose iterations the inspector shows, or a network, its layers.
using MethodKey = std::variant<Algorithm, Parametrization>;

// Where D and the signals come from: generated from the seed, or read from files (CSV or .npy).
enum class ProblemSource { Gaussian, Digits, Files };

struct ExperimentSettings {
  ProblemSource source = ProblemSource::Gaussian;
  QString dictionaryFile, signalsFile;  // ProblemSource::Files: D (n x m) and signals (one per row)
  // Optional, with Files: the test signals in a file of their own (`generate --test`'s X_test); the
  // signals file then holds the training signals only. Empty: one file holds both.
  QString testSignalsFile;
  int n = 10, m = 50;                   // Digits: n is 64
  int signalCount = 100;                // test signals: the solvers run on them, networks are scored on them
  int trainCount = 500;                 // training signals of the networks
  double lambda = 0.5;  // a fraction of lambda_max (signals lie on the equiregularization set)
  int iterations = 200;
  quint64 seed = 0;
  // The methods chosen, in the enums' order (the form's): the solvers to run, the networks to train.
  std::set<Algorithm> solvers{Algorithm::Ista, Algorithm::Fista, Algorithm::Oista};
  std::set<Parametrization> networks;
  int layers = 10;                      // T of every network
  LossKind loss = LossKind::Unsupervised;
  int trainingIterations = 200;         // the training budget: full-batch gradient steps per network
  bool layerWise = false;               // train layers 1..t, then add layer t + 1 (deep LISTA-CP, Fig. 5)
  bool anyNetwork() const { return !networks.empty(); }
  bool operator==(const ExperimentSettings&) const = default;

  // Every method the form offers, in its order.
  static constexpr Algorithm kAlgorithms[] = {Algorithm::Ista, Algorithm::Fista, Algorithm::Oista,
                                              Algorithm::IstaBacktracking};
  static constexpr Parametrization kParametrizations[] = {Parametrization::Lista, Parametrization::ListaCp,
                                                           Parametrization::Alista, Parametrization::Slista};
  bool chosen(Algorithm algorithm) const { return solvers.contains(algorithm); }
  bool chosen(Parametrization kind) const { return networks.contains(kind); }
};

// Trained weights stay valid while everything that shapes the training is unchanged: all but the
// methods chosen (weights are kept per method) and the solvers' iterations. Training is deterministic,
// so reusing them changes nothing but time.
inline bool sameTrainingSettings(ExperimentSettings a, ExperimentSettings b) {
  for (ExperimentSettings* s : {&a, &b}) {
    s->iterations = 0;
    s->solvers.clear();
    s->networks.clear();
  }
  return a == b;
}

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::ExperimentSettings)
