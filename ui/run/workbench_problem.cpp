#include "run/workbench_problem.h"

#include "base/input_error.h"
#include "experiments/problem_generators.h"
#include "io/matrix_file.h"
#include "lasso/lasso.h"

namespace unfold::ui {

namespace {

Matrix readSignalsFor(const Matrix& D, const QString& path) {
  const std::string file = path.toStdString();
  Matrix all = readSignalsFile(file);
  if (all.rows() != D.rows())
    throw InputError("the signals in " + file + " have " + std::to_string(all.rows()) + " entries, but D has n = " +
                     std::to_string(D.rows()) + " rows");
  return all;
}

// "X.csv rows 0–499 train"; without the path, the rows alone (after the same file's training rows).
QString rowRange(const QString& path, Eigen::Index first, Eigen::Index count, const char* role) {
  const QString rows = QString("%1–%2%3").arg(first).arg(first + count - 1).arg(role);
  return path.isEmpty() ? rows : QString("%1 rows %2").arg(path.section('/', -1), rows);
}

// Signals from files. With a test file, the signals file trains and the test file tests. Otherwise the
// first `trainCount` rows of the one file train and the next `signalCount` test, whether networks are
// asked for or not: ticking one never moves the solvers to other rows. A file of no more than
// `trainCount` rows then holds test signals only; a network to train is refused rather than left one
// test signal. Returns where the signals are in their files, for the problem's line.
QString fileSignals(const ExperimentSettings& s, const Matrix& D, WorkbenchProblem& p) {
  const Matrix all = readSignalsFor(D, s.signalsFile);
  const Eigen::Index rows = all.cols();
  const bool ownTestFile = !s.testSignalsFile.isEmpty();
  const bool testOnly = !ownTestFile && rows <= s.trainCount;
  if (testOnly && s.anyNetwork())
    throw InputError(s.signalsFile.toStdString() + " holds " + std::to_string(rows) + " signals: its first " +
                     std::to_string(s.trainCount) + " (train signals) would leave none to test; lower train signals below " +
                     std::to_string(rows) + " or import a test signals file");
  const Eigen::Index trains = std::min<Eigen::Index>(s.trainCount, rows);
  p.train.X = s.anyNetwork() ? Matrix(all.leftCols(trains)) : Matrix(D.rows(), 0);
  const Eigen::Index first = ownTestFile || testOnly ? 0 : s.trainCount;
  Eigen::Index testFileRows = rows;  // of the file the test signals come from
  if (ownTestFile) {
    const Matrix test = readSignalsFor(D, s.testSignalsFile);
    testFileRows = test.cols();
    p.test.X = test.leftCols(std::min<Eigen::Index>(s.signalCount, test.cols()));
  } else {
    p.test.X = all.middleCols(first, std::min<Eigen::Index>(s.signalCount, rows - first));
  }
  // Imported signals are scaled like generated ones, so that lambda is a fraction of lambda_max.
  const Eigen::Index scaled = scaleToEquiregularization(D, p.train.X) + scaleToEquiregularization(D, p.test.X);
  const QString testFileName = (ownTestFile ? s.testSignalsFile : s.signalsFile).section('/', -1);
  if (scaled > 0)
    p.filesNotAsImported = QString("the workbench scaled %1 of the imported signals to ‖Dᵀx‖∞ = 1, which no command does "
                                   "(generate's files are on it already)").arg(scaled);
  else if (s.anyNetwork() && !ownTestFile)
    p.filesNotAsImported = QString("the workbench splits %1 into training and test rows, and the commands take whole files: "
                                   "import a test signals file").arg(s.signalsFile.section('/', -1));
  else if (first > 0)
    p.filesNotAsImported = QString("the workbench tests %1's rows from %2 on, and the commands take whole files: import the "
                                   "test signals as a file of their own").arg(testFileName).arg(first);
  else if (p.test.X.cols() < testFileRows)
    p.filesNotAsImported = QString("the workbench tests %1 of %2's %3 rows, and the commands take whole files: set test "
                                   "signals to %3").arg(p.test.X.cols()).arg(testFileName).arg(testFileRows);
  else if (s.anyNetwork() && trains < rows)
    p.filesNotAsImported = QString("the workbench trains on %1 of %2's %3 rows, and the commands take whole files: set train "
                                   "signals to %3").arg(trains).arg(s.signalsFile.section('/', -1)).arg(rows);
  for (Eigen::Index k = 0; k < p.test.X.cols(); ++k)
    p.testSignalNames << QString("signal %1, %2 row %3").arg(k).arg(testFileName).arg(first + k);
  const bool trained = p.train.X.cols() > 0;
  const QString train = trained ? rowRange(s.signalsFile, 0, p.train.X.cols(), " train") + ", " : QString();
  const QString testFile = ownTestFile ? s.testSignalsFile : trained ? QString() : s.signalsFile;
  const QString test = rowRange(testFile, first, p.test.X.cols(), trained ? " test" : "");
  return QString(" (%1%2, each scaled to ‖Dᵀx‖∞ = 1)").arg(train, test);
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
  QString fileRows;  // where an import's signals are in their files, and that they were scaled
  if (s.source == ProblemSource::Files) {
    fileRows = fileSignals(s, D, p);
  } else {
    p.train = specTrainingSignals(problemSpec(s), D);
    p.test = specTestSignals(problemSpec(s), D);
  }
  // The messages name the files imported.
  const bool files = s.source == ProblemSource::Files;
  const std::string dictionaryFile = files ? s.dictionaryFile.toStdString() : "";
  const std::string trainFile = files ? s.signalsFile.toStdString() : "";
  const std::string testFile = files && !s.testSignalsFile.isEmpty() ? s.testSignalsFile.toStdString() : trainFile;
  validateProblem(D, p.test.X, s.lambda, dictionaryFile, testFile);
  if (p.train.X.cols() > 0) validateProblem(D, p.train.X, s.lambda, dictionaryFile, trainFile);
  const qsizetype tests = p.test.X.cols(), trains = p.train.X.cols();
  const QString signalCounts = (s.anyNetwork() ? QString("%1 test and %2 training signal%3").arg(tests).arg(trains).arg(trains == 1 ? "" : "s")
                                               : QString("%1 test signal%2").arg(tests).arg(tests == 1 ? "" : "s")) + fileRows;
  p.description = QString("%1, λ = %2 λₘₐₓ, %3").arg(source).arg(s.lambda).arg(signalCounts);
  if (supervised(s)) p.description += ", x = D z0 + noise (supervised loss)";
  p.dictionary = std::make_unique<const Dictionary>(std::move(D));
  return p;
}

}  // namespace unfold::ui
