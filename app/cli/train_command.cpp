// unfoldlab train: learn an unfolded network on a training set, keep the best by test loss, save it.
#include "commands.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "command_options.h"
#include "experiments/experiment.h"
#include "io/bounded_file.h"
#include "io/matrix_file.h"
#include "io/output_files.h"
#include "lasso/lasso.h"
#include "networks/network_diagnostics.h"
#include "interrupt.h"
#include "problem_files.h"
#include "progress_line.h"

#include <QFileInfo>

#include <chrono>
#include <cstdio>

namespace unfold::cli {

namespace {

// The training's progress line (progress_line.h); Ctrl-C stops the training.
class TrainingProgressLine : public TrainingObserver {
 public:
  TrainingProgressLine(std::ostream& err, bool fromTheStart, double L) : line_(err, fromTheStart), L_(L) {}
  bool onIteration(const TrainingProgress& p) override {
    // Kept formatted (a few microseconds against a training step) for a run that stops early.
    latest_ = format(p);
    line_.show(latest_, p.iteration == p.maxIterations);
    return CtrlCStops::pressed();
  }
  bool stopRequested() override { return CtrlCStops::pressed(); }
  void finish() { line_.finish(latest_); }

 private:
  std::string format(const TrainingProgress& p) const {
    char rate[32] = "       -";  // L-BFGS has no learning rate
    if (p.learningRate > 0) std::snprintf(rate, sizeof rate, "%.2e", p.learningRate);
    char part[160];
    std::snprintf(part, sizeof part, "iter %6d/%d  layers %2d  train %.6e  test %.6e  lr %s", p.iteration, p.maxIterations,
                  p.layers, p.trainLoss, p.testLoss, rate);
    std::string line = part;
    // A learned step only for the networks that have one (ALISTA, SLISTA): LISTA's would read 0.
    double steps = 0;
    for (const LayerWeights& layer : p.weights.layers) steps += layer.step;
    if (steps > 0) {
      std::snprintf(part, sizeof part, "  mean step x L %.3f", steps / std::max(1, p.layers) * L_);
      line += part;
    }
    std::snprintf(part, sizeof part, "  %5.1f s", p.elapsedSeconds);
    return line + part;
  }

  ProgressLine line_;
  double L_;
  std::string latest_;
};

constexpr const char* kSynopsis =
    "unfoldlab train --dict D.csv --train X_train.csv --test X_test.csv --lambda 0.1 "
    "--net lista|lista-cp|alista|slista --layers 20 [--loss unsupervised|semi-supervised|supervised] "
    "[--optimizer gd|adam|lbfgs] [--max-iter 3000] [--seed 0] --out net.json [--report report.csv]";
constexpr const char* kDescription =
    "Trains an unfolded network initialised as ISTA and keeps the best weights by test loss. Ctrl-C stops\n"
    "the training and saves the best network so far. The report has one row per layer:\n"
    "layer,test_cost,test_gap,ista_gap,fista_gap,step_times_l,coupling\n"
    "Outputs: '-' is standard output; files are replaced all-or-none (the network, report and\n"
    "diagnostics together), and an output that is an input is refused before any work.\n"
    "Limits: a matrix file at most 2 GiB; the network written at most 256 MiB (a network that could exceed it\n"
    "is refused before training: a LISTA holds m*m + m*n + m numbers a layer).";

void declareOptions(CommandOptions& options) {
  options.addValue("dict", "file", "Dictionary D, n x m.");
  options.addValue("train", "file", "Training signals, one per row.");
  options.addValue("test", "file", "Test signals, one per row.");
  options.addValue("lambda", "value", "Lasso lambda > 0.");
  options.addValue("net", "name", "lista, lista-cp, alista or slista.", "slista");
  options.addValue("layers", "T", "Number of layers.", "20");
  options.addValue("loss", "name", "unsupervised (F_x(z_T)), semi-supervised (1/2||z_T - z*||^2) or supervised (1/2||z_T - z0||^2).", "unsupervised");
  options.addValue("train-codes", "file", "Ground-truth codes z0 of the training signals (supervised loss), one per row.");
  options.addValue("test-codes", "file", "Ground-truth codes z0 of the test signals (supervised loss).");
  options.addValue("optimizer", "name",
                   "gd (full batch, backtracking line search), adam (mini-batches) or lbfgs (full batch L-BFGS-B:\n"
                   "a step is an evaluation that lowers the training loss).", "gd");
  options.addValue("max-iter", "count", "Optimizer steps in all.", "3000");
  options.addValue("time-limit", "seconds", "Stop after this long (0: no limit).", "0");
  options.addValue("lr", "rate", "Initial learning rate, at most 1e6 (default: GD 1, adapted by the line search; Adam 1e-3; L-BFGS: none).");
  options.addValue("batch-size", "count", "Adam's mini-batch size.", "256");
  options.addValue("patience", "count", "Stop after this many test evaluations without improvement (0: never).", "300");
  options.addSwitch("layer-wise", "Train layers 1..t, then add layer t+1 as a copy of layer t (--max-iter is\n"
                                  "shared evenly between the layers, one step a layer at least).");
  options.addValue("coupling-offset", "d",
                   "lista-cp: every layer (--layer-wise: each new one) starts d from coupling,\n"
                   "||W - D diag(theta)||_F / ||D||_F, in a random direction (0 to 10; a control: coupling\n"
                   "found after training is then learned, not inherited from an ISTA start).", "0");
  options.addValue("seed", "seed", "Seed (Adam's batches).", "0");
  options.addValue("out", "file", "Where to save the network (JSON, with D: eval and export need no --dict).");
  options.addValue("report", "file", "Per-layer report (CSV).");
  options.addValue("diagnostics", "file",
                   "Per-layer diagnostics for figures (CSV): the report's columns, then threshold_times_l, "
                   "lista_wz_coupling, inv_ls_q10, inv_ls_q50, inv_ls_q90 (1/L_S quantiles in units of 1/L).");
  options.addSwitch("progress", "Show the progress line on stderr from the start (default: once training takes 2 s).");
}

// The network to train, from the options (in the order their errors are reported).
NetworkSettings networkSettings(const CommandOptions& options) {
  NetworkSettings settings;
  settings.lambda = options.positiveNumber("lambda");
  const std::string netName = options.text("net");
  const auto kind = parseParametrization(netName);
  if (!kind) throw InputError("--net: unknown network " + quotedInput(netName) + " (lista, lista-cp, alista or slista)");
  settings.kind = *kind;
  settings.layers = static_cast<int>(options.integer("layers", 1, kMostLayers));
  const auto loss = parseLossKind(options.text("loss"));
  if (!loss) throw InputError("--loss: unknown loss " + quotedInput(options.text("loss")) + " (unsupervised, semi-supervised or supervised)");
  const auto optimizer = parseOptimizer(options.text("optimizer"));
  if (!optimizer) throw InputError("--optimizer: unknown optimizer " + quotedInput(options.text("optimizer")) + " (gd, adam or lbfgs)");
  TrainingSettings& t = settings.training;
  t.loss = *loss;
  t.optimizer = *optimizer;
  t.maxIterations = static_cast<int>(options.integer("max-iter", 0, 100000000));
  t.timeLimitSeconds = static_cast<double>(options.integer("time-limit", 0, 100000000));
  if (options.isSet("lr")) t.learningRate = options.positiveNumber("lr", 1e6);
  t.batchSize = static_cast<int>(options.integer("batch-size", 1, 100000000));
  t.patience = static_cast<int>(options.integer("patience", 0, 100000000));
  t.layerWise = options.isSet("layer-wise");
  t.couplingOffset = options.number("coupling-offset", 0, 10);
  t.seed = options.seed("seed");
  return settings;
}

// The training and test sets from their files, with the codes when the loss needs them.
struct SignalFiles {
  Matrix D;
  SignalSet train, test;
};

SignalFiles readSignalFiles(const CommandOptions& options, const NetworkSettings& settings) {
  const std::string dictPath = options.text("dict");
  SignalFiles in;
  in.D = readDictionary(dictPath);
  in.train.X = readSignalsFor(in.D, dictPath, options.text("train"));
  in.test.X = readSignalsFor(in.D, dictPath, options.text("test"));
  validateProblem(in.D, in.train.X, settings.lambda, dictPath, options.text("train"));
  validateProblem(in.D, in.test.X, settings.lambda, dictPath, options.text("test"));
  if (settings.training.loss == LossKind::Supervised) {
    if (!options.isSet("train-codes") || !options.isSet("test-codes"))
      throw InputError("the supervised loss needs --train-codes and --test-codes (ground truth z0; see generate --signal-kind sparse)");
    in.train.Z0 = readCodesFor(in.D, in.train.X.cols(), options.text("train-codes"));
    in.test.Z0 = readCodesFor(in.D, in.test.X.cols(), options.text("test-codes"));
  } else if (options.isSet("train-codes") || options.isSet("test-codes")) {  // given for nothing: a mistaken --loss?
    throw InputError(std::string(options.isSet("train-codes") ? "--train-codes" : "--test-codes") +
                     " goes with --loss supervised (the " + lossKindName(settings.training.loss) + " loss uses no ground truth)");
  }
  return in;
}

std::string mebibytes(std::int64_t bytes) { return std::to_string((bytes + (std::int64_t(1) << 19)) >> 20) + " MiB"; }

// Before any work: a network file over the readers' limit could be written but never read again.
void refuseUnreadableNetwork(const NetworkSettings& settings, Eigen::Index n, Eigen::Index m) {
  const std::int64_t bytes = mostNetworkFileBytes(settings.kind, settings.layers, n, m);
  if (bytes <= kNetworkFileLimit) return;
  int fitting = settings.layers - 1;
  while (fitting > 0 && mostNetworkFileBytes(settings.kind, fitting, n, m) > kNetworkFileLimit) --fitting;
  throw InputError("--out: a " + parametrizationLabel(settings.kind) + " of " + std::to_string(settings.layers) +
                   " layers for n = " + std::to_string(n) + ", m = " + std::to_string(m) + " takes up to " +
                   mebibytes(bytes) + " as JSON, over the " + byteSizeText(kNetworkFileLimit) + " a network file may have: " +
                   (fitting > 0 ? "at most " + std::to_string(fitting) + " layers fit; or " : std::string()) +
                   "LISTA-CP (n x m a layer) or SLISTA");
}

// Trains with a progress line on err; Ctrl-C ends the training with the best weights so far.
TrainedNetwork trainWithProgress(const Dictionary& dictionary, const TrainingData& data, const NetworkSettings& settings,
                                 std::ostream& err, bool progressFromTheStart) {
  TrainingProgressLine progress(err, progressFromTheStart, dictionary.lipschitz());
  TrainedNetwork trained = [&] {
    const CtrlCStops ctrlC;
    return trainNetwork(dictionary, data, settings, &progress);
  }();
  progress.finish();
  return trained;
}

void printSummary(std::ostream& out, const NetworkSettings& settings, const TrainedNetwork& trained,
                  const std::vector<LayerDiagnostics>& layers) {
  const TrainingResult& result = trained.result;
  const LayerDiagnostics& last = layers.back();
  const std::string why = stopReasonText(result.reason) + (collapsedToZero(layers) ? std::string("; ") + kCollapsedToZero : "");
  char line[512];
  std::snprintf(line, sizeof line,
                "%s, %d layers, %s loss: %d iterations in %.1f s (%s)\n"
                "test loss %.6e -> %.6e; test F(z_T) - F* = %.3e (ISTA %.3e, FISTA %.3e after %d iterations)\n",
                parametrizationLabel(settings.kind).c_str(), settings.layers, lossKindName(settings.training.loss).c_str(),
                result.iterations, trained.seconds, why.c_str(), result.initialTestLoss,
                result.bestTestLoss, last.testGap, last.istaGap, last.fistaGap, settings.layers);
  out << line;
  if (result.iterations > 0 && result.bestTestLoss == result.initialTestLoss)  // the losses above may have fallen
    out << "no step lowered the test loss: the network keeps its starting weights\n";
  if (collapsedToZero(layers)) out << parametrizationLabel(settings.kind) << " collapsed: " << collapseReason(settings.kind, settings.lambda) << "\n";
}

}  // namespace

int runTrain(const QStringList& arguments, std::ostream& stdOut, std::ostream& err) {
  CommandOptions options("train", kSynopsis, kDescription);
  declareOptions(options);
  if (!options.parse(arguments, stdOut)) return 0;
  const std::string dictPath = options.text("dict");
  const NetworkSettings settings = networkSettings(options);
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
  files.check([&] {  // as every command: the file types after the paths, before anything is opened
    checkJsonFileName("--out", outPath);
    if (reportPath) checkTableFileName("--report", *reportPath);
    if (diagnosticsPath) checkTableFileName("--diagnostics", *diagnosticsPath);
  });
  std::ostream& out = files.writesToStandardOutput() ? err : stdOut;  // stdout carries the file then
  // Allowed (a quick look at how well a network can fit), but its test figures would mean little unsaid.
  if (const QFileInfo train(QString::fromStdString(options.text("train"))), test(QString::fromStdString(options.text("test")));
      train.exists() && train.canonicalFilePath() == test.canonicalFilePath())
    err << "warning: --train and --test are the same file: the test loss and gaps are measured on the training signals\n";

  const SignalFiles in = readSignalFiles(options, settings);
  refuseUnreadableNetwork(settings, in.D.rows(), in.D.cols());
  const Dictionary dictionary(in.D);
  // The exact solutions come first and can take a while on a big problem: say so (sign of life).
  if (static_cast<double>(dictionary.atoms().size()) * static_cast<double>((in.test.X.cols() + in.train.X.cols())) > 1e8)
    err << "reference: solving every signal exactly first (a big problem: this can take minutes)...\n";
  const ReferenceSolution testReference =
      solveReferenceShowingProgress(dictionary, in.test.X, settings.lambda, err, options.isSet("progress"));
  const TrainingData data = trainingData(dictionary, in.train, in.test, settings.lambda, settings.training.loss, testReference);
  const TrainedNetwork trained = trainWithProgress(dictionary, data, settings, err, options.isSet("progress"));
  NetworkFile saved = trained.file;
  saved.dictionary = in.D;  // so that eval and export need no --dict
  std::string json = formatNetworkJson(saved);
  if (static_cast<std::int64_t>(json.size()) > kNetworkFileLimit) {  // beyond what the readers take: without D
    err << "note: " << outPath << " leaves D out (with it the file would exceed the 256 MiB network file limit); "
        << "eval and export will need --dict\n";
    saved.dictionary.resize(0, 0);
    json = formatNetworkJson(saved);
  }
  if (static_cast<std::int64_t>(json.size()) > kNetworkFileLimit && saved.training.contains("curve")) {  // millions of steps
    err << "note: " << outPath << " leaves its training curve out (with it the file would exceed the limit)\n";
    saved.training.remove("curve");
    json = formatNetworkJson(saved);
  }
  if (static_cast<std::int64_t>(json.size()) > kNetworkFileLimit)  // beyond the estimate checked before training
    throw InputError("--out: the network takes " + mebibytes(static_cast<std::int64_t>(json.size())) + " as JSON, over the " +
                     byteSizeText(kNetworkFileLimit) + " a network file may have; not written");
  files.write(outPath, json);

  const UnfoldedNetwork network(dictionary, settings.lambda, trained.file.weights);
  const std::vector<LayerDiagnostics> report = diagnoseNetwork(network, data.trainX, data.testX, testReference.optimalCost);
  if (reportPath) files.write(*reportPath, formatReportCsv(report));
  if (diagnosticsPath) files.write(*diagnosticsPath, formatDiagnosticsCsv(report));
  files.commit();
  printSummary(out, settings, trained, report);
  out << "wrote " << printableText(outPath) << "\n";
  if (reportPath) out << "wrote " << printableText(*reportPath) << "\n";
  if (diagnosticsPath) out << "wrote " << printableText(*diagnosticsPath) << "\n";
  return 0;
}

}  // namespace unfold::cli
