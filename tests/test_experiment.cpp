// One experiment path: the same settings give bit-identical data, solver curves and weights in the
// workbench, in `generate` + `train` and in `reproduce`, because all of them go through experiment.h. The command line
// runs in-process; the workbench runs in its window, on its worker thread.
#include "commands.h"
#include "reproduce.h"
#include "run/workbench_problem.h"
#include "window_runs.h"

#include "base/input_error.h"
#include "base/progress_throttle.h"
#include "experiments/experiment.h"
#include "io/matrix_file.h"
#include "io/network_file.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>
#include <thread>

using namespace unfold;
using namespace unfold::ui;

namespace {

int runCommand(const QStringList& arguments) {
  std::ostringstream out, err;
  const int code = cli::runCommandLine(arguments, out, err);
  if (code != 0) qWarning("%s", err.str().c_str());
  return code;
}

QByteArray fileBytes(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One column of a diagnostics CSV, by name, as the doubles it holds (written with 17 digits: exact).
std::vector<double> csvColumn(const QString& path, const QString& name) {
  const QList<QByteArray> lines = fileBytes(path).trimmed().split('\n');
  const qsizetype column = QString::fromUtf8(lines.value(0)).split(',').indexOf(name);
  std::vector<double> values;
  for (const QByteArray& line : lines.mid(1)) values.push_back(line.split(',').value(column).toDouble());
  return values;
}

bool sameWeights(const NetworkWeights& a, const NetworkWeights& b) {
  if (a.kind != b.kind || a.layerCount() != b.layerCount()) return false;
  for (int t = 0; t < a.layerCount(); ++t) {
    const LayerWeights &x = a.layers[size_t(t)], &y = b.layers[size_t(t)];
    if (x.Wz != y.Wz || x.Wx != y.Wx || x.W != y.W || x.theta != y.theta || x.step != y.step) return false;
  }
  return true;
}

const NetworkCurve* trainedCurve(const ConvergenceSnapshot& s, Parametrization kind) {
  for (const NetworkCurve& n : s.networks)
    if (n.kind == kind && n.trained) return &n;
  return nullptr;
}

}  // namespace

class TestExperiment : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { cli::registerCommand("reproduce", reproduce::runReproduce); }

  void workbenchAndCommandLineGiveTheSameBits_data() {
    QTest::addColumn<QString>("net");
    QTest::addColumn<QString>("loss");
    QTest::addColumn<int>("layers");
    QTest::newRow("SLISTA, unsupervised") << "slista" << "unsupervised" << 6;
    QTest::newRow("LISTA-CP, semi-supervised") << "lista-cp" << "semi-supervised" << 4;
    QTest::newRow("ALISTA, supervised") << "alista" << "supervised" << 4;
    QTest::newRow("LISTA, unsupervised") << "lista" << "unsupervised" << 3;
  }

  void workbenchAndCommandLineGiveTheSameBits() {
    QFETCH(QString, net);
    QFETCH(QString, loss);
    QFETCH(int, layers);
    const auto kind = *parseParametrization(net.toStdString());
    ExperimentSettings s = sizedProblem(8, 16, 60, 200);  // the solvers are off: only the networks run
    s.trainCount = 80;
    s.lambda = 0.3;
    s.seed = 5;
    s.solvers.clear();
    s.networks = {kind};
    s.layers = layers;
    s.loss = *parseLossKind(loss.toStdString());
    s.trainingIterations = 25;

    QTemporaryDir dir;
    const QString sparse = loss == "supervised" ? "sparse" : "gaussian";
    QCOMPARE(runCommand({"generate", "--n", "8", "--m", "16", "--signals", "80", "--test", "60", "--seed", "5",
                         "--signal-kind", sparse, "--out", dir.path()}),
             0);
    QStringList train{"train", "--dict", dir.filePath("D.csv"), "--train", dir.filePath("X.csv"), "--test",
                      dir.filePath("X_test.csv"), "--lambda", "0.3", "--net", net, "--layers", QString::number(layers),
                      "--loss", loss, "--max-iter", "25", "--out", dir.filePath("net.json"),
                      "--diagnostics", dir.filePath("diagnostics.csv")};
    if (loss == "supervised") train << "--train-codes" << dir.filePath("Z0.csv") << "--test-codes" << dir.filePath("Z0_test.csv");
    QCOMPARE(runCommand(train), 0);

    // The data: the workbench's problem is the files `generate` wrote, bit for bit.
    const WorkbenchProblem problem = buildProblem(s);
    QVERIFY(problem.dictionary->atoms() == readDictionaryFile(dir.filePath("D.csv").toStdString()));
    QVERIFY(problem.train.X == readSignalsFile(dir.filePath("X.csv").toStdString()));
    QVERIFY(problem.test.X == readSignalsFile(dir.filePath("X_test.csv").toStdString()));
    if (loss == "supervised") QVERIFY(*problem.train.Z0 == readSignalsFile(dir.filePath("Z0.csv").toStdString()));

    // The weights: trained in the window, on its worker thread, they are the ones `train` saved.
    MainWindow window;
    window.show();
    QVERIFY(runSettings(window, s));
    const NetworkCurve* curve = trainedCurve(window.shownSnapshot(), kind);
    QVERIFY(curve);
    const NetworkFile saved = parseNetworkJson(fileBytes(dir.filePath("net.json")).toStdString(), "net.json");
    QVERIFY(sameWeights(curve->network.weights, saved.weights));
    QCOMPARE(curve->network.dictionaryHash, saved.dictionaryHash);
    QCOMPARE(curve->network.training.value("iterations"), saved.training.value("iterations"));
    QCOMPARE(curve->network.training.value("best_test_loss"), saved.training.value("best_test_loss"));
    // The losses along the training: the record's, in both files, are what the window's observer drew live.
    const QJsonObject losses = saved.training.value("curve").toObject();
    QCOMPARE(curve->network.training.value("curve").toObject(), losses);
    QCOMPARE(losses.value("train_loss").toArray().size(), curve->trainLoss.size());
    for (qsizetype k = 0; k < curve->trainLoss.size(); ++k) {
      QCOMPARE(losses.value("step").toArray()[k].toDouble(), curve->trainIteration[k]);
      QCOMPARE(losses.value("train_loss").toArray()[k].toDouble(), curve->trainLoss[k]);
      QCOMPARE(losses.value("test_loss").toArray()[k].toDouble(), curve->testLoss[k]);
    }
    // And so are the per-layer test gaps the window plots.
    const std::vector<double> gaps = csvColumn(dir.filePath("diagnostics.csv"), "test_gap");
    QCOMPARE(curve->layerGap.size(), qsizetype(gaps.size()));
    for (size_t t = 0; t < gaps.size(); ++t) QCOMPARE(curve->layerGap[qsizetype(t)], gaps[t]);
  }

  void reproduceTrainsWhatGenerateAndTrainTrain_data() {
    QTest::addColumn<QString>("figure");
    QTest::addColumn<QString>("data");
    QTest::addColumn<QStringList>("training");
    // Fig. 4 and 5 at --tiny: n = 10, m = 20, 100 training and 100 test signals from seed 0.
    QTest::newRow("learned steps") << "learned-steps" << "learned-steps.csv"
                                   << QStringList{"--net", "slista", "--layers", "8", "--lambda", "0.2", "--max-iter", "30"};
    const QStringList coupling{"--net", "lista-cp", "--layers", "5", "--lambda", "0.05", "--max-iter", "40",
                               "--layer-wise", "--patience", "0"};
    QTest::newRow("coupling") << "coupling" << "coupling.csv" << coupling;
    QTest::newRow("coupling's control") << "coupling" << "coupling-control.csv"
                                        << coupling + QStringList{"--coupling-offset", "0.5"};
  }

  void reproduceTrainsWhatGenerateAndTrainTrain() {
    QFETCH(QString, figure);
    QFETCH(QString, data);
    QFETCH(QStringList, training);
    QTemporaryDir dir;
    QCOMPARE(runCommand({"reproduce", figure, "--tiny", "--out", dir.path()}), 0);
    QCOMPARE(runCommand({"generate", "--n", "10", "--m", "20", "--signals", "100", "--test", "100", "--seed", "0",
                         "--out", dir.path()}),
             0);
    QCOMPARE(runCommand(QStringList{"train", "--dict", dir.filePath("D.csv"), "--train", dir.filePath("X.csv"), "--test",
                                    dir.filePath("X_test.csv"), "--out", dir.filePath("net.json"), "--diagnostics",
                                    dir.filePath("diagnostics.csv")} +
                        training),
             0);
    // Every per-layer number, the learned steps and thresholds among them, to the last bit (17 digits).
    const QByteArray reproduced = fileBytes(dir.filePath(data));
    QVERIFY(reproduced.count('\n') > 3);
    QCOMPARE(reproduced, fileBytes(dir.filePath("diagnostics.csv")));
  }

  void reproduceSolvesWhatTheWorkbenchSolves() {
    // Fig. 2 at --tiny: n = 10, m = 50, lambda = 0.5, 10 signals, 60 iterations, seed 0.
    QTemporaryDir dir;
    QCOMPARE(runCommand({"reproduce", "oista", "--tiny", "--out", dir.path()}), 0);
    MainWindow window;
    window.show();
    ExperimentSettings s = sizedProblem(10, 50, 10, 60);
    s.lambda = 0.5;
    QVERIFY(runSettings(window, s));
    const ConvergenceSnapshot& shown = window.shownSnapshot();
    QCOMPARE(shown.curves.size(), 3);
    for (const ConvergenceCurve& curve : shown.curves) {
      const std::vector<double> gaps = csvColumn(dir.filePath("oista.csv"), curve.method.toLower() + "_gap");
      QCOMPARE(curve.gapMean.size(), qsizetype(gaps.size()));
      for (size_t t = 0; t < gaps.size(); ++t) QCOMPARE(curve.gapMean[qsizetype(t)], gaps[t]);
    }
  }

  void coreExperimentIsReproducible() {
    const ProblemSpec spec{.n = 6, .m = 12, .trainCount = 50, .testCount = 40, .sparse = {}, .seed = 9};
    const ExperimentProblem a = makeProblem(spec), b = makeProblem(spec);
    QVERIFY(a.dictionary->atoms() == b.dictionary->atoms() && a.train.X == b.train.X && a.test.X == b.test.X);
    // The sets are separate streams: more test signals leave the training set as it was.
    ProblemSpec moreTests = spec;
    moreTests.testCount = 70;
    QVERIFY(makeProblem(moreTests).train.X == a.train.X);
    QVERIFY(makeProblem(moreTests).test.X.leftCols(40) == a.test.X);
    const ReferenceSolution reference = solveReference(*a.dictionary, a.test.X, 0.3);
    const TrainingData data = trainingData(*a.dictionary, a.train, a.test, 0.3, LossKind::SemiSupervised, reference);
    QCOMPARE(data.trainTargets.cols(), Eigen::Index(50));
    QVERIFY(data.testTargets == reference.Z);
    QVERIFY_THROWS_EXCEPTION(InputError, trainingData(*a.dictionary, a.train, a.test, 0.3, LossKind::Supervised, reference));
    NetworkSettings settings{Parametrization::Slista, 4, 0.3, {}};
    settings.training.loss = LossKind::SemiSupervised;
    settings.training.maxIterations = 15;
    const TrainedNetwork first = trainNetwork(*a.dictionary, data, settings);
    const TrainedNetwork second = trainNetwork(*a.dictionary, data, settings);
    QVERIFY(sameWeights(first.file.weights, second.file.weights));
    QCOMPARE(first.file.lambda, 0.3);
    QCOMPARE(first.file.weights.layerCount(), 4);
    QCOMPARE(first.file.training.value("loss").toString(), QString("semi-supervised"));
    QCOMPARE(first.file.training.value("iterations").toInt(), first.result.iterations);
    QVERIFY(first.result.bestTestLoss < first.result.initialTestLoss);
  }

  void throttleActsOncePerIntervalOrWhenForced() {
    ProgressThrottle immediate(std::chrono::hours(1));
    QVERIFY(immediate.due());    // the first call acts at once
    QVERIFY(!immediate.due());   // then waits for the interval
    QVERIFY(immediate.due(true));  // unless forced
    ProgressThrottle later(std::chrono::milliseconds(30), ProgressThrottle::First::AfterInterval);
    QVERIFY(!later.due());
    bool acted = false;  // due() restarts the interval: asked until it says yes, not once more
    QTRY_VERIFY(acted || (acted = later.due()));
    QVERIFY(!later.due());
  }
};

QTEST_MAIN(TestExperiment)
#include "test_experiment.moc"
