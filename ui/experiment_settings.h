// What the user asks the workbench to compute: the problem, the solvers to run on it and the unfolded
// networks to train on it.
#pragma once

#include "network_loss.h"

#include <QMetaType>
#include <QString>
#include <QtGlobal>

namespace unfold::ui {

// Where D and the signals come from: generated from the seed, or read from files (CSV or .npy).
enum class ProblemSource { Gaussian, Digits, Files };

struct ExperimentSettings {
  ProblemSource source = ProblemSource::Gaussian;
  QString dictionaryFile, signalsFile;  // ProblemSource::Files: D (n x m) and signals (one per row)
  int n = 10, m = 50;                   // Digits: n is 64
  int signalCount = 100;                // test signals: the solvers run on them, networks are scored on them
  int trainCount = 500;                 // training signals of the networks
  double lambda = 0.5;  // a fraction of lambda_max (signals lie on the equiregularization set)
  int iterations = 200;
  quint64 seed = 0;
  bool ista = true, fista = true, oista = true;
  bool lista = false, listaCp = false, alista = false, slista = false;
  int layers = 10;                      // T of every network
  LossKind loss = LossKind::Unsupervised;
  int trainingIterations = 200;         // the training budget: full-batch gradient steps per network
  bool layerWise = false;               // train layers 1..t, then add layer t + 1 (deep LISTA-CP, Fig. 5)
  bool anyNetwork() const { return lista || listaCp || alista || slista; }
  bool operator==(const ExperimentSettings&) const = default;
};

// Trained weights stay valid while everything that shapes the training is unchanged: all but the
// methods chosen (weights are kept per method) and the solvers' iterations. Training is deterministic,
// so reusing them changes nothing but time.
inline bool sameTrainingSettings(ExperimentSettings a, ExperimentSettings b) {
  for (ExperimentSettings* s : {&a, &b}) {
    s->iterations = 0;
    s->ista = s->fista = s->oista = s->lista = s->listaCp = s->alista = s->slista = false;
  }
  return a == b;
}

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::ExperimentSettings)
