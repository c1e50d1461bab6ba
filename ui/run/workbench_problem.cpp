#include "run/workbench_problem.h"

#include "base/input_error.h"
#include "experiments/problem_generators.h"
#include "io/matrix_file.h"
#include "lasso/lasso.h"

namespace unfold::ui {

namespace {

// Signals from files: the first `trainCount` rows are the training signals, the next `signalCount` the
// test set, whether networks are asked for or not: ticking one never moves the solvers to other rows. A
// file of no more than `trainCount` rows holds test signals only; a network to train is then refused
// rather than left one test signal. Returns the first and last of the file's rows tested.
std::pair<Eigen::Index, Eigen::Index> splitFileSignals(const ExperimentSettings& s, const Matrix& D, WorkbenchProblem& p) {
  const std::string file = s.signalsFile.toStdString();
  Matrix all = readSignalsFile(file);
  if (all.rows() != D.rows())
    throw InputError("the signals in " + file + " have " + std::to_string(all.rows()) + " entries, but D has n = " +
                     std::to_string(D.rows()) + " rows");
  const Eigen::Index rows = all.cols();
  const bool testOnly = rows <= s.trainCount;
  if (testOnly && s.anyNetwork())
    throw InputError(file + " holds " + std::to_string(rows) + " signals: its first " + std::to_string(s.trainCount) +
                     " (train signals) would leave none to test; lower train signals below " + std::to_string(rows));
  const Eigen::Index first = testOnly ? 0 : s.trainCount;
  const Eigen::Index test = std::min<Eigen::Index>(s.signalCount, rows - first);
  p.train.X = s.anyNetwork() ? Matrix(all.leftCols(s.trainCount)) : Matrix(D.rows(), 0);
  p.test.X = all.middleCols(first, test);
  // Imported signals are scaled like generated ones, so that lambda is a fraction of lambda_max.
  scaleToEquiregularization(D, p.train.X);
  scaleToEquiregularization(D, p.test.X);
  return {first, first + test - 1};
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
  QString fileRows;  // where an import's test signals are in its file, and that they were scaled
  if (s.source == ProblemSource::Files) {
    const auto [first, last] = splitFileSignals(s, D, p);
    const QString train = p.train.X.cols() > 0 ? QString("0–%1 train, ").arg(p.train.X.cols() - 1) : QString();
    fileRows = QString(" (%1 rows %2%3–%4%5, each scaled to ‖Dᵀx‖∞ = 1)")
                   .arg(s.signalsFile.section('/', -1), train).arg(first).arg(last).arg(train.isEmpty() ? "" : " test");
  } else {
    p.train = specTrainingSignals(problemSpec(s), D);
    p.test = specTestSignals(problemSpec(s), D);
  }
  const bool files = s.source == ProblemSource::Files;  // the messages name the files imported
  const std::string dictionaryFile = files ? s.dictionaryFile.toStdString() : "", signalsFile = files ? s.signalsFile.toStdString() : "";
  validateProblem(D, p.test.X, s.lambda, dictionaryFile, signalsFile);
  if (p.train.X.cols() > 0) validateProblem(D, p.train.X, s.lambda, dictionaryFile, signalsFile);
  const qsizetype tests = p.test.X.cols(), trains = p.train.X.cols();
  const QString signalCounts = (s.anyNetwork() ? QString("%1 test and %2 training signal%3").arg(tests).arg(trains).arg(trains == 1 ? "" : "s")
                                               : QString("%1 test signal%2").arg(tests).arg(tests == 1 ? "" : "s")) + fileRows;
  p.description = QString("%1, λ = %2 λₘₐₓ, %3").arg(source).arg(s.lambda).arg(signalCounts);
  if (supervised(s)) p.description += ", x = D z0 + noise (supervised loss)";
  p.dictionary = std::make_unique<const Dictionary>(std::move(D));
  return p;
}

}  // namespace unfold::ui
