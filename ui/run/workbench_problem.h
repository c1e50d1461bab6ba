// The problem a workbench run works on, built from the settings on the worker thread: the dictionary,
// the test signals (the solvers run on them, networks are scored on them) and, when networks are to be
// trained, the training signals; ground-truth codes for the supervised loss. Generated from the seed
// (Gaussian or digits) as `generate` makes them (experiment.h), or read from files. Throws InputError
// with a message naming the problem.
#pragma once

#include "experiments/experiment.h"
#include "run/experiment_settings.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace unfold::ui {

struct WorkbenchProblem {
  std::unique_ptr<const Dictionary> dictionary;
  SignalSet train, test;  // n x N; train empty when no network is trained; z0 for the supervised loss
  QString description;    // one line for titles and the status bar
  // Test signal s by its place in an imported file, for titles ("signal 3, X.csv row 503": a narrow title
  // drops what follows the last comma, and would keep only a closing parenthesis); empty for
  // a generated problem.
  QStringList testSignalNames;
  // Why `solve` and `train` on the imported files would not see the signals the workbench uses (some
  // were rescaled, or only some of a file's rows are used), or empty: then the files can stand in a
  // session's commands as they are (as `generate`'s own files can).
  QString filesNotAsImported;
};

// The spec of a generated problem (ProblemSource::Gaussian or Digits): the same data as
// `generate --dict ... --n --m --signals trainCount --test signalCount --seed`.
ProblemSpec problemSpec(const ExperimentSettings& settings);
WorkbenchProblem buildProblem(const ExperimentSettings& settings);
// The dictionary alone (generated, or read from its file); throws InputError.
Matrix workbenchDictionary(const ExperimentSettings& settings);

}  // namespace unfold::ui
