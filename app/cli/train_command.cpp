// unfoldlab train: learn an unfolded network on a training set, keep the best by test loss, save it.
#include "commands.h"

#include "command_options.h"
#include "input_error.h"
#include "quoted_text.h"
#include "lasso.h"
#include "matrix_file.h"
#include "network_diagnostics.h"
#include "network_file.h"
#include "network_trainer.h"
#include "output_files.h"
#include "problem_files.h"
#include "reference_solver.h"

#include <QJsonObject>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>

namespace unfold::cli {

namespace {

std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted.store(true); }

// Prints one progress line, rewritten in place at most 5 times a second, and stops on Ctrl-C.
class ProgressLine : public TrainingObserver {
 public:
  ProgressLine(std::ostream& err, double L) : err_(err), L_(L) {}
  bool onIteration(const TrainingProgress& p) override {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && p.iteration != p.maxIterations) return interrupted.load();
    last_ = now;
    double steps = 0;
    for (const LayerWeights& layer : p.weights.layers) steps += layer.step;
    char line[256];
    std::snprintf(line, sizeof line, "\riter %6d/%d  layers %2d  train %.6e  test %.6e  lr %.2e  mean step x L %.3f  %5.1f s ",
                  p.iteration, p.maxIterations, p.layers, p.trainLoss, p.testLoss, p.learningRate,
                  steps / std::max(1, p.layers) * L_, p.elapsedSeconds);
    err_ << line << std::flush;
    return interrupted.load();
  }
  bool stopRequested() override { return interrupted.load(); }

 private:
  std::ostream& err_;
  double L_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int runTrain(const QStringList& arguments, std::ostream& stdOut, std::ostream& err) {
  CommandOptions options(
      "train",
      "unfoldlab train --dict D.csv --train X_train.csv --test X_test.csv --lambda 0.1 "
      "--net lista|lista-cp|alista|slista --layers 20 [--loss unsupervised|semi-supervised|supervised] "
      "[--optimizer gd|adam] [--max-iter 3000] [--seed 0] --out net.json [--report report.csv]",
      "Trains an unfolded network initialised as ISTA and keeps the best weights by test loss. Ctrl-C stops\n"
      "the training and saves the best network so far. The report has one row per layer:\n"
      "layer,test_cost,test_gap,ista_gap,fista_gap,step_times_l,coupling\n"
      "Outputs: '-' is standard output; files are replaced all-or-none (the network, report and\n"
      "diagnostics together), and an output that is an input is refused before any work.\n"
      "Limits: a matrix file at most 2 GiB.");
  options.addValue("dict", "file", "Dictionary D, n x m.");
  options.addValue("train", "file", "Training signals, one per row.");
  options.addValue("test", "file", "Test signals, one per row.");
  options.addValue("lambda", "value", "Lasso lambda > 0.");
  options.addValue("net", "name", "lista, lista-cp, alista or slista.", "slista");
  options.addValue("layers", "T", "Number of layers.", "20");
  options.addValue("loss", "name", "unsupervised (F_x(z_T)), semi-supervised (1/2||z_T - z*||^2) or supervised (1/2||z_T - z0||^2).", "unsupervised");
  options.addValue("train-codes", "file", "Ground-truth codes z0 of the training signals (supervised loss), one per row.");
  options.addValue("test-codes", "file", "Ground-truth codes z0 of the test signals (supervised loss).");
  options.addValue("optimizer", "name", "gd (full batch, backtracking line search) or adam (mini-batches).", "gd");
  options.addValue("max-iter", "count", "Optimizer steps in all.", "3000");
  options.addValue("time-limit", "seconds", "Stop after this long (0: no limit).", "0");
  options.addValue("lr", "rate", "Initial learning rate, at most 1e6 (default: GD 1, adapted by the line search; Adam 1e-3).");
  options.addValue("batch-size", "count", "Adam's mini-batch size.", "256");
  options.addValue("patience", "count", "Stop after this many test evaluations without improvement (0: never).", "300");
  options.addSwitch("layer-wise", "Train layers 1..t, then add layer t+1 as a copy of layer t.");
  options.addValue("seed", "seed", "Seed (Adam's batches).", "0");
  options.addValue("out", "file", "Where to save the network (JSON).");
  options.addValue("report", "file", "Per-layer report (CSV).");
  options.addValue("diagnostics", "file",
                   "Per-layer diagnostics for figures (CSV): the report's columns, then threshold_times_l, "
                   "lista_wz_coupling, inv_ls_q10, inv_ls_q50, inv_ls_q90 (1/L_S quantiles in units of 1/L).");
  if (!options.parse(arguments, stdOut)) return 0;

  const std::string dictPath = options.text("dict");
  const double lambda = options.positiveNumber("lambda");
  const std::string netName = options.text("net");
  const auto kind = parseParametrization(netName);
  if (!kind) throw InputError("--net: unknown network " + quotedInput(netName) + " (lista, lista-cp, alista or slista)");
  const int layers = static_cast<int>(options.integer("layers", 1, 1000));
  const auto loss = parseLossKind(options.text("loss"));
  if (!loss) throw InputError("--loss: unknown loss " + quotedInput(options.text("loss")) + " (unsupervised, semi-supervised or supervised)");
  const auto optimizer = parseOptimizer(options.text("optimizer"));
  if (!optimizer) throw InputError("--optimizer: unknown optimizer " + quotedInput(options.text("optimizer")) + " (gd or adam)");
  TrainingSettings settings;
  settings.loss = *loss;
  settings.optimizer = *optimizer;
  settings.maxIterations = static_cast<int>(options.integer("max-iter", 0, 100000000));
  settings.timeLimitSeconds = static_cast<double>(options.integer("time-limit", 0, 100000000));
  if (options.isSet("lr")) settings.learningRate = options.positiveNumber("lr", 1e6);
  settings.batchSize = static_cast<int>(options.integer("batch-size", 1, 100000000));
  settings.patience = static_cast<int>(options.integer("patience", 0, 100000000));
  settings.layerWise = options.isSet("layer-wise");
  settings.seed = options.seed("seed");
  const std::string outPath = options.text("out");
  const auto reportPath = options.optionalText("report");
  const auto diagnosticsPath = options.optionalText("diagnostics");
  OutputFiles files(stdOut);
  files.addInput("--dict", dictPath);
  files.addInput("--train", options.text("train"));
  files.addInput("--test", options.text("test"));
  files.addInput("--train-codes", options.optionalText("train-codes"));
  files.addInput("--test-codes", options.optionalText("test-codes"));
  files.addOutput("--out", outPath);
  files.addOutput("--report", reportPath);
  files.addOutput("--diagnostics", diagnosticsPath);
  files.check();
  std::ostream& out = files.writesToStandardOutput() ? err : stdOut;  // stdout carries the file then

  Matrix Dmatrix = readDictionary(dictPath);
  TrainingData data;
  data.trainX = readSignalsFor(Dmatrix, dictPath, options.text("train"));
  data.testX = readSignalsFor(Dmatrix, dictPath, options.text("test"));
  validateProblem(Dmatrix, data.trainX, lambda);
  validateProblem(Dmatrix, data.testX, lambda);
  if (*loss == LossKind::Supervised) {
    if (!options.isSet("train-codes") || !options.isSet("test-codes"))
      throw InputError("the supervised loss needs --train-codes and --test-codes (ground truth z0; see generate --signal-kind sparse)");
    data.trainTargets = readCodesFor(Dmatrix, data.trainX.cols(), options.text("train-codes"));
    data.testTargets = readCodesFor(Dmatrix, data.testX.cols(), options.text("test-codes"));
  }
  const Dictionary dictionary(Dmatrix);
  // The exact solutions come first and can take a while on a big problem: say so (sign of life).
  if (static_cast<double>(dictionary.atoms().size()) * static_cast<double>((data.testX.cols() + data.trainX.cols())) > 1e8)
    err << "reference: solving every signal exactly first (a big problem: this can take minutes)...\n";
  const ReferenceSolution testReference = solveReference(dictionary, data.testX, lambda);
  if (*loss == LossKind::SemiSupervised) {
    data.trainTargets = solveReference(dictionary, data.trainX, lambda).Z;
    data.testTargets = testReference.Z;
  }

  UnfoldedNetwork network(dictionary, lambda, istaInitialization(*kind, dictionary.atoms(), dictionary.lipschitz(), layers));
  ProgressLine progress(err, dictionary.lipschitz());
  interrupted.store(false);
  const auto previous = std::signal(SIGINT, onInterrupt);
  const auto start = std::chrono::steady_clock::now();
  const TrainingResult result = trainNetwork(network, data, settings, &progress);
  std::signal(SIGINT, previous);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  err << "\n";

  NetworkFile file;
  file.weights = result.weights;
  file.n = dictionary.signalDimension();
  file.m = dictionary.atomCount();
  file.lambda = lambda;
  file.dictionaryHash = dictionaryHash(dictionary.atoms());
  file.training = QJsonObject{{"loss", QString::fromStdString(lossKindName(*loss))},
                              {"optimizer", QString::fromStdString(options.text("optimizer"))},
                              {"max_iter", settings.maxIterations},
                              {"iterations", result.iterations},
                              {"layer_wise", settings.layerWise},
                              {"seed", QString::number(settings.seed)},
                              {"train_signals", static_cast<qint64>(data.trainX.cols())},
                              {"test_signals", static_cast<qint64>(data.testX.cols())},
                              {"initial_test_loss", result.initialTestLoss},
                              {"best_test_loss", result.bestTestLoss},
                              {"stopped", QString::fromStdString(stopReasonText(result.reason))},
                              {"seconds", seconds}};
  files.write(outPath, formatNetworkJson(file));

  const std::vector<LayerDiagnostics> report = diagnoseNetwork(network, data.trainX, data.testX, testReference.optimalCost);
  if (reportPath) files.write(*reportPath, formatReportCsv(report));
  if (diagnosticsPath) files.write(*diagnosticsPath, formatDiagnosticsCsv(report));
  files.commit();
  const LayerDiagnostics& last = report.back();
  char line[512];
  std::snprintf(line, sizeof line,
                "%s, %d layers, %s loss: %d iterations in %.1f s (%s)\n"
                "test loss %.6e -> %.6e; test F(z_T) - F* = %.3e (ISTA %.3e, FISTA %.3e after %d iterations)\n",
                parametrizationLabel(*kind).c_str(), layers, lossKindName(*loss).c_str(), result.iterations, seconds,
                stopReasonText(result.reason).c_str(), result.initialTestLoss, result.bestTestLoss, last.testGap,
                last.istaGap, last.fistaGap, layers);
  out << line << "wrote " << outPath << "\n";
  if (reportPath) out << "wrote " << *reportPath << "\n";
  if (diagnosticsPath) out << "wrote " << *diagnosticsPath << "\n";
  return 0;
}

}  // namespace unfold::cli
