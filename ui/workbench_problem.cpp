#include "workbench_problem.h"

#include "input_error.h"
#include "lasso.h"
#include "matrix_file.h"
#include "problem_generators.h"

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
  p.trainX = all.leftCols(train);
  p.testX = all.middleCols(train, test);
  // Imported signals are scaled like generated ones, so that lambda is a fraction of lambda_max.
  scaleToEquiregularization(D, p.trainX);
  scaleToEquiregularization(D, p.testX);
}

}  // namespace

WorkbenchProblem buildProblem(const ExperimentSettings& s) {
  WorkbenchProblem p;
  const bool supervised = s.loss == "supervised" && s.anyNetwork();
  Matrix D;
  QString source;
  switch (s.source) {
    case ProblemSource::Gaussian:
      D = gaussianDictionary(s.n, s.m, s.seed);
      source = QString("Gaussian D, n = %1, m = %2").arg(s.n).arg(s.m);
      break;
    case ProblemSource::Digits:
      D = digitsDictionary(s.m, s.seed);
      source = QString("digits D, n = 64, m = %1").arg(s.m);
      break;
    case ProblemSource::Files:
      if (s.dictionaryFile.isEmpty() || s.signalsFile.isEmpty())
        throw InputError("choose both a dictionary file and a signals file");
      D = readDictionaryFile(s.dictionaryFile.toStdString());
      source = QString("D from %1 (%2 x %3)").arg(s.dictionaryFile.section('/', -1)).arg(D.rows()).arg(D.cols());
      break;
  }
  if (supervised && s.source != ProblemSource::Gaussian)
    throw InputError("the supervised loss needs ground-truth codes: use a Gaussian problem (x = D z0 + noise)");
  if (s.source == ProblemSource::Files) {
    splitFileSignals(s, D, p);
  } else {
    // Sparse ground truth for the supervised loss; otherwise the paper's signals (Gaussian x, or images).
    const SignalKind kind = supervised ? SignalKind::Sparse
                            : s.source == ProblemSource::Digits ? SignalKind::Digits : SignalKind::Gaussian;
    SignalSet test = makeSignals(kind, D, s.signalCount, s.seed + 1);
    p.testX = std::move(test.X);
    p.testZ0 = std::move(test.Z0);
    if (s.anyNetwork()) {
      SignalSet train = makeSignals(kind, D, s.trainCount, s.seed + 2);
      p.trainX = std::move(train.X);
      p.trainZ0 = std::move(train.Z0);
    }
  }
  validateProblem(D, p.testX, s.lambda);
  if (p.trainX.cols() > 0) validateProblem(D, p.trainX, s.lambda);
  p.description = QString("%1, λ = %2 λ_max, %3 test signal(s)").arg(source).arg(s.lambda).arg(p.testX.cols());
  if (supervised) p.description += " x = D z0 + noise (supervised loss)";
  if (s.anyNetwork()) p.description += QString(", %1 training").arg(p.trainX.cols());
  p.dictionary = std::make_unique<Dictionary>(std::move(D));
  return p;
}

}  // namespace unfold::ui
