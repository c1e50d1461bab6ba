// The problem a workbench run works on, built from the settings on the worker thread: the dictionary,
// the test signals (the solvers run on them, networks are scored on them) and, when networks are to be
// trained, the training signals; ground-truth codes for the supervised loss. Generated from the seed
// (Gaussian or digits), or read from files. Throws InputError with a message naming the problem.
#pragma once

#include "dictionary.h"
#include "experiment_settings.h"

#include <QString>

#include <memory>
#include <optional>

namespace unfold::ui {

struct WorkbenchProblem {
  std::unique_ptr<Dictionary> dictionary;
  Matrix testX, trainX;                    // n x N; trainX empty when no network is trained
  std::optional<Matrix> testZ0, trainZ0;   // sparse ground truth (supervised loss on generated problems)
  QString description;                     // one line for titles and the status bar
};

WorkbenchProblem buildProblem(const ExperimentSettings& settings);

}  // namespace unfold::ui
