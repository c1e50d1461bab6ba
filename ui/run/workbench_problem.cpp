#include "run/workbench_problem.h"

#include "base/input_error.h"
#include "experiments/problem_generators.h"
#include "io/matrix_file.h"
#include "lasso/lasso.h"

namespace unfold::ui {

namespace {

// Signals from files: the first `trainCount` rows train the networks (when there are any), the next
// `signalCount` are the test set.
void splitFileSignals(const ExperimentSettings& s, const Matrix& D, WorkbenchProblem& p) {
  Matrix all = readSignalsFile(s.signalsFile.toStdString());
  if (all.rows() != D.rows())
    throw InputError("the signals in " + s.signalsFile.toStdString() + " have " + std::to_string(all.rows()) +
                     " entries, but D has n = " + std::to_string(D.rows()) + " rows");
  const Eigen::Index train = s.anyNetwork() ? std::min<Eigen::Index>(s.trainCount, all.cols() - 1) : 0;
  if (s.anyNetwork() && train < 1)
    throw InputError("training networks needs at least 2 signals in " + s.signalsFile.toStdString());
  const Eigen::Index test = std::min<Eigen::Index>(s.signalCount, all.cols() - train);
  p.train.X = all.leftCols(train);
  p.test.X = all.middleCols(train, test);
  // Imported signals are scaled like generated ones, so that lambda is a fraction of lambda_max.
  scaleToEquiregularization(D, p.train.X);
  scaleToEquiregularization(D, p.test.X);
}

bool supervised(const ExperimentSettings& s) { return s.loss == LossKind::Supervised && s.anyNetwork(); }

}  // namespace

ProblemSpec problemSpec(const ExperimentSettings& s) {
  ProblemSpec spec;
  const bool digits = s.source == ProblemSource::Digits;
  spec.dictionary = digits ? DictionaryKind::Digits : DictionaryKind::Gaussian;
  // Sparse ground truth for the supervised loss; otherwise the paper's signals (Gaussian x, or images).
  spec.signalKind = supervised(s) ? SignalKind::Sparse : digits ? SignalKind::Digits : SignalKind::Gaussian;
  spec.n = digits ? 64 : s.n;
  spec.m = s.m;
  spec.trainCount = s.anyNetwork() ? s.trainCount : 0;
  spec.testCount = s.signalCount;
  spec.seed = s.seed;
  return spec;
}

Matrix workbenchDictionary(const ExperimentSettings& s) {
  if (s.source != ProblemSource::Files) return specDictionary(problemSpec(s));
  if (s.dictionaryFile.isEmpty()) throw InputError("choose a dictionary file");
  return readDictionaryFile(s.dictionaryFile.toStdString());
}

WorkbenchProblem buildProblem(const ExperimentSettings& s) {
  WorkbenchProblem p;
  if (s.source == ProblemSource::Files && (s.dictionaryFile.isEmpty() || s.signalsFile.isEmpty()))
    throw InputError("choose both a dictionary file and a signals file");
  Matrix D = workbenchDictionary(s);
  const QString source =
      s.source == ProblemSource::Files ? QString("D from %1 (%2 x %3)").arg(s.dictionaryFile.section('/', -1)).arg(D.rows()).arg(D.cols())
      : s.source == ProblemSource::Digits ? QString("digits D, n = 64, m = %1").arg(s.m)
                                          : QString("Gaussian D, n = %1, m = %2").arg(s.n).arg(s.m);
  if (supervised(s) && s.source != ProblemSource::Gaussian)
    throw InputError("the supervised loss needs ground-truth codes: use a Gaussian problem (x = D z0 + noise)");
  if (s.source == ProblemSource::Files) {
    splitFileSignals(s, D, p);
  } else {
    p.train = specTrainingSignals(problemSpec(s), D);
    p.test = specTestSignals(problemSpec(s), D);
  }
  const bool files = s.source == ProblemSource::Files;  // the messages name the files imported
  const std::string dictionaryFile = files ? s.dictionaryFile.toStdString() : "", signalsFile = files ? s.signalsFile.toStdString() : "";
  validateProblem(D, p.test.X, s.lambda, dictionaryFile, signalsFile);
  if (p.train.X.cols() > 0) validateProblem(D, p.train.X, s.lambda, dictionaryFile, signalsFile);
  const qsizetype tests = p.test.X.cols(), trains = p.train.X.cols();
  const QString signalCounts = s.anyNetwork() ? QString("%1 test and %2 training signal%3").arg(tests).arg(trains).arg(trains == 1 ? "" : "s")
                                              : QString("%1 test signal%2").arg(tests).arg(tests == 1 ? "" : "s");
  p.description = QString("%1, λ = %2 λₘₐₓ, %3").arg(source).arg(s.lambda).arg(signalCounts);
  if (supervised(s)) p.description += ", x = D z0 + noise (supervised loss)";
  p.dictionary = std::make_unique<const Dictionary>(std::move(D));
  return p;
}

}  // namespace unfold::ui
