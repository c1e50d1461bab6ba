// Fig. 6: test F(z_T) - F* against the depth T for ISTA, FISTA, LISTA-CP, ALISTA and SLISTA, on simulated
// data (Gaussian D, n = 64, m = 256) and digits (8x8 images as atoms), lambda = 0.1 and 0.8; one network
// trained per depth (protocol_spec.h: how). The full protocol (10,000 signals, depths 1..30) runs for
// hours (days with GD's 3,000 steps each), so it is resumable: every finished network is saved at once to
// DIR/networks.csv, and running the same command again skips what is there; the network in training is
// checkpointed every minute to DIR/networks-checkpoint.json and picked up from there, so an interruption
// loses at most a minute.
// DIR/networks-protocol.txt records the protocol, so that a --quick run never mixes with a full one.
// On a cluster (--shard K/N, protocol_shards.h) the shards share DIR: each finished network goes to a file
// of its own, DIR/networks-shards/<network>.csv, renamed into place, and each shard checkpoints to a file
// of its own, so shards running at once never write the same file; a run without --shard reads those
// files, trains what is still missing, merges everything into networks.csv and draws the figure.
#include "reproduce.h"

#include "protocol_chains.h"
#include "protocol_files.h"
#include "protocol_progress.h"
#include "protocol_spec.h"

#include "base/input_error.h"
#include "experiments/experiment.h"
#include "io/matrix_file.h"
#include "lasso/lasso.h"
#include "lasso/solver.h"
#include "lasso/trace_recorder.h"
#include "plots/method_palette.h"
#include "plots/paper_figure.h"

#include <QDir>
#include <QFile>
#include <QLocale>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <tuple>

namespace unfold::reproduce {

namespace {

// Refuses a folder whose protocol file names another protocol, or that holds results without the file that
// says which protocol made them (a folder with neither is a new run).
void checkSavedProtocol(const Context& context, const Protocol& protocol) {
  const QDir dir(context.directory);
  const QString path = dir.filePath("networks-protocol.txt");
  if (!QFile::exists(path)) {
    QStringList saved = dir.entryList({"networks.csv", "networks-checkpoint*.json"}, QDir::Files);
    if (!QDir(dir.filePath("networks-shards")).entryList({"*.csv"}, QDir::Files).isEmpty()) saved << "networks-shards/";
    if (saved.isEmpty()) return;
    throw InputError(context.directory.toStdString() + " holds networks results (" + saved.join(", ").toStdString() +
                     ") but no networks-protocol.txt to say which protocol made them: restore that file, use another "
                     "--out, or delete its networks files (networks*, networks-shards/) to start over");
  }
  const std::string saved = readWholeFile(path.toStdString());
  if (saved == protocol.describe()) return;
  Protocol gd = protocol;
  gd.optimizer = Optimizer::GradientDescent;
  gd.fromShallower = false;
  gd.stallWindow = 0;
  const std::string hint = saved == gd.describe() ? " (a GD run: --optimizer gd continues it)" : "";
  throw InputError(context.directory.toStdString() + " holds a networks run of another protocol (" + path.toStdString() + ")" +
                   hint + ": use another --out, or delete its networks files (networks*, networks-shards/) to start over");
}

const char* kDatasets[] = {"simulated", "digits"};
const double kLambdas[] = {0.1, 0.8};
const Algorithm kSolvers[] = {Algorithm::Ista, Algorithm::Fista};
const Parametrization kNetworks[] = {Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista};

// The problem of a dataset: what `generate --dict gaussian|digits --n 64 --m 256 --signals S --test S
// --seed 0` writes, with F* of the test signals.
struct DatasetProblem {
  ExperimentProblem data;
  ReferenceSolution reference;
};

DatasetProblem makeDatasetProblem(const std::string& dataset, double lambda, int signalCount) {
  ProblemSpec spec;
  if (dataset == "digits") {
    spec.dictionary = DictionaryKind::Digits;
    spec.signalKind = SignalKind::Digits;
  }
  spec.n = 64;
  spec.m = 256;
  spec.trainCount = spec.testCount = signalCount;
  DatasetProblem p{makeProblem(spec), {}};
  p.reference = solveReference(*p.data.dictionary, p.data.test.X, lambda);
  return p;
}

// One run of the protocol: its results so far (DIR/networks.csv) and where its files are.
class ProtocolRun {
 public:
  ProtocolRun(const Context& context, Protocol protocol)
      : context_(context), protocol_(std::move(protocol)), shardFolder_(QDir(context.directory).filePath("networks-shards")) {
    const QDir dir(context.directory);
    resultsPath_ = dir.filePath("networks.csv");
    checkpointPath_ = context.shard ? dir.filePath(QString("networks-checkpoint-shard-%1-of-%2.json")
                                                       .arg(context.shard->index).arg(context.shard->count))
                                    : dir.filePath("networks-checkpoint.json");
    checkProtocolFile(dir.filePath("networks-protocol.txt"));
    rows_ = readResults(resultsPath_);
    rows_.merge(readShardResults(shardFolder_, &shardFiles_));
    if (context.shard && !QDir().mkpath(shardFolder_.path()))
      throw InputError(shardFolder_.path().toStdString() + ": cannot create the folder");
    if (protocol_.fromShallower && context.planShards == 0) chains_.prepare();
    planUnits();
    countSavedWork();
  }

  // The baselines that are missing (unsharded runs), then every network of this run that is missing, the
  // shallowest first across all datasets and lambdas: the ETA knows each setting's speed after the
  // first few percent of the work.
  void run() {
    if (!context_.shard)
      for (const char* dataset : kDatasets)
        for (double lambda : kLambdas)
          if (baselinesMissing(dataset, lambda)) solveBaselines(dataset, lambda, problem(dataset, lambda));
    for (int depth : protocol_.depths)
      for (const char* dataset : kDatasets)
        for (double lambda : kLambdas)
          for (Parametrization kind : kNetworks)
            if (mine(dataset, lambda, kind, depth) && !rows_.count(keyOf(dataset, lambda, kind, depth)))
              trainOne(dataset, lambda, kind, depth, problem(dataset, lambda));
  }

  // After an unsharded run: everything in networks.csv, the shard files it merged removed.
  void mergeShardResults() {
    if (shardFiles_.isEmpty()) return;
    writeResults(resultsPath_, rows_);
    // The folder stays: a shard still running writes its next network there.
    for (const QString& file : shardFiles_) QFile::remove(file);
  }

  // Per shard of the split `--shard K/count` makes: the networks it still has to train, their seconds on
  // the reference machine at most (what time limits need) and as expected.
  void printPlan(int count) const {
    const std::vector<int> shards = protocol_.fromShallower ? assignChainShards(units_, count) : assignShards(units_, count);
    std::vector<double> seconds(static_cast<size_t>(count), 0.0), expected(static_cast<size_t>(count), 0.0);
    std::vector<int> networks(static_cast<size_t>(count), 0);
    for (size_t u = 0; u < units_.size(); ++u) {
      const ShardUnit& unit = units_[u];
      if (rows_.count(keyOf(unit.dataset.c_str(), unit.lambda, unit.kind, unit.depth))) continue;
      const double bound = unit.cost * protocol_.signalCount * kSecondsPerCostAndSignal * optimizerTimeFactor(protocol_.optimizer);
      seconds[size_t(shards[u] - 1)] += bound;
      expected[size_t(shards[u] - 1)] +=
          protocol_.fromShallower ? networkCost(unit.kind, unit.depth, 1) * (progress_.stalledSteps + Progress::kStartSteps) *
                                        protocol_.signalCount * kChainSecondsPerCostAndSignal
                                  : bound;
      ++networks[size_t(shards[u] - 1)];
    }
    for (int k = 0; k < count; ++k)
      context_.out << "shard " << k + 1 << "/" << count << " networks=" << networks[size_t(k)]
                   << " seconds=" << static_cast<long>(seconds[size_t(k)])
                   << " expected_seconds=" << static_cast<long>(std::min(expected[size_t(k)], seconds[size_t(k)])) << "\n";
    context_.out << "max_seconds=" << static_cast<long>(*std::max_element(seconds.begin(), seconds.end())) << "\n";
  }

  const Results& rows() const { return rows_; }
  const QString& resultsPath() const { return resultsPath_; }
  int trainedThisRun() const { return trainedThisRun_; }
  QString shardFolder() const { return shardFolder_.path(); }

 private:
  // Every network of the protocol, with its cost and (when sharded) whether it is this shard's.
  void planUnits() {
    for (const char* dataset : kDatasets)
      for (double lambda : kLambdas)
        for (Parametrization kind : kNetworks)
          for (int depth : protocol_.depths)
            units_.push_back({dataset, lambda, kind, depth, networkCost(kind, depth, protocol_.iterations)});
    shardOf_ = !context_.shard            ? std::vector<int>(units_.size(), 1)
               : protocol_.fromShallower ? assignChainShards(units_, context_.shard->count)
                                         : assignShards(units_, context_.shard->count);
  }

  bool mine(const std::string& dataset, double lambda, Parametrization kind, int depth) const {
    if (!context_.shard) return true;
    for (size_t u = 0; u < units_.size(); ++u)
      if (units_[u].dataset == dataset && units_[u].lambda == lambda && units_[u].kind == kind && units_[u].depth == depth)
        return shardOf_[u] == context_.shard->index;
    return false;
  }

  static ResultKey keyOf(const char* dataset, double lambda, Parametrization kind, int depth) {
    return {dataset, lambda, parametrizationName(kind), depth};
  }

  void checkProtocolFile(const QString& protocolPath) const {
    checkSavedProtocol(context_, protocol_);
    if (!QFile::exists(protocolPath)) writeFileAtomically(protocolPath.toStdString(), protocol_.describe());
  }

  void countSavedWork() {
    if (protocol_.fromShallower) progress_.stalledSteps = std::min(protocol_.iterations, protocol_.stallWindow + 1);
    for (const ShardUnit& unit : units_) {
      if (!mine(unit.dataset, unit.lambda, unit.kind, unit.depth)) continue;
      progress_.totalUnits += unit.cost;
      ++progress_.totalNetworks;
      if (rows_.count(keyOf(unit.dataset.c_str(), unit.lambda, unit.kind, unit.depth))) {
        progress_.doneUnits += unit.cost;
        ++progress_.doneNetworks;
      } else {
        progress_.left[{unit.dataset, unit.lambda, unit.kind}].push_back(unit.depth);
      }
    }
    if (progress_.doneUnits > 0)
      context_.err << "  resuming: " << int(progress_.percent()) << " % of the work is saved in " << resultsPath_.toStdString() << "\n";
  }

  bool baselinesMissing(const char* dataset, double lambda) const {
    for (Algorithm solver : kSolvers)
      for (int depth : protocol_.depths)
        if (!rows_.count({dataset, lambda, algorithmName(solver), depth})) return true;
    return false;
  }

  // The data and F* of a dataset at a lambda, made when first needed and kept (all four fit in memory:
  // ~35 MB each at the full protocol's 10,000 + 10,000 signals).
  const DatasetProblem& problem(const char* dataset, double lambda) {
    std::unique_ptr<DatasetProblem>& slot = problems_[{dataset, lambda}];
    if (!slot) slot = std::make_unique<DatasetProblem>(makeDatasetProblem(dataset, lambda, protocol_.signalCount));
    return *slot;
  }

  void solveBaselines(const char* dataset, double lambda, const DatasetProblem& p) {
    const Dictionary& d = *p.data.dictionary;
    for (const Algorithm algorithm : kSolvers) {
      TraceRecorder trace(d, p.reference.optimalCost, lambda, false);
      solveLasso(algorithm, d, p.data.test.X, lambda, protocol_.depths.back(), &trace);
      for (int depth : protocol_.depths) rows_[{dataset, lambda, algorithmName(algorithm), depth}] = trace.rows()[size_t(depth)].gap;
    }
    writeResults(resultsPath_, rows_);
  }

  // Trains one network (from its checkpoint if there is one, else from the trained shallower network of
  // its setting when the protocol says so), saves its test gap at once.
  void trainOne(const char* dataset, double lambda, Parametrization kind, int depth, const DatasetProblem& p) {
    const Dictionary& d = *p.data.dictionary;
    const ResultKey key = keyOf(dataset, lambda, kind, depth);
    const auto start = std::chrono::steady_clock::now();
    const QJsonObject checkpointKey{{"dataset", dataset}, {"lambda", lambda},
                                    {"method", QString::fromStdString(std::get<2>(key))}, {"depth", depth},
                                    {"protocol", QString::fromStdString(protocol_.describe())}};
    const TrainingData data = trainingData(d, p.data.train, p.data.test, lambda, LossKind::Unsupervised, p.reference);
    NetworkWeights trainedWeights;
    int steps = 0;  // optimizer steps taken in this run
    if (const auto chained = protocol_.fromShallower ? chains_.saved(checkpointKey, d, depth) : std::nullopt) {
      trainedWeights = *chained;  // trained, the result row not yet written when the run stopped
    } else {
      const auto saved = readSavedNetwork(checkpointPath_, checkpointKey, d);
      const int done = saved ? saved->second : 0;
      if (saved) context_.err << "  resuming " << std::get<2>(key) << " T=" << depth << " from its checkpoint (" << done << " steps done)\n";
      NetworkSettings settings{kind, depth, lambda, protocol_.training(p.reference.optimalCost.mean(), done)};
      std::optional<NetworkWeights> shallower;
      if (!saved && protocol_.fromShallower) shallower = chains_.start(checkpointKey, d, data, settings);
      Checkpointer checkpointer(checkpointPath_, d, lambda, checkpointKey, done);
      const NetworkWeights* from = saved ? &saved->first : shallower ? &*shallower : nullptr;
      const TrainedNetwork trained = trainNetwork(d, data, settings, &checkpointer, from);
      trainedWeights = trained.file.weights;
      steps = trained.result.iterations;
      if (protocol_.fromShallower && !nextDepthDone(dataset, lambda, kind, depth)) chains_.save(checkpointKey, d, lambda, trainedWeights);
    }
    const Matrix Z = UnfoldedNetwork(d, lambda, trainedWeights).forward(p.data.test.X);
    rows_[key] = (lassoCosts(d.atoms(), p.data.test.X, Z, lambda) - p.reference.optimalCost).mean();
    // Saved at once (a shard: to a file of its own); the checkpoint is no longer needed.
    if (context_.shard && QDir().mkpath(shardFolder_.path()))
      writeResults(shardFolder_.filePath(QString("%1-lambda%2-%3-T%4.csv").arg(dataset).arg(lambda).arg(QString::fromStdString(std::get<2>(key))).arg(depth)),
                   {{key, rows_[key]}});
    else
      writeResults(resultsPath_, rows_);
    QFile::remove(checkpointPath_);
    ++trainedThisRun_;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress_.finished({dataset, lambda, kind}, depth, networkCost(kind, depth, protocol_.iterations), steps, seconds);
    char line[256];
    std::snprintf(line, sizeof line, "  %-9s lambda=%.1f %-8s T=%2d: gap %.3e, %4d steps, %6.1f s   %d/%d networks, %5.1f %% of the work done, ETA %.0f s\n",
                  dataset, lambda, parametrizationLabel(kind).c_str(), depth, rows_[key], steps, seconds, progress_.doneNetworks,
                  progress_.totalNetworks, progress_.percent(), progress_.eta(protocol_.iterations));
    context_.err << line << std::flush;
  }

  // A rerun that trains a dropped shallow network leaves the chain at the deeper network already there.
  bool nextDepthDone(const char* dataset, double lambda, Parametrization kind, int depth) const {
    const auto at = std::find(protocol_.depths.begin(), protocol_.depths.end(), depth);
    return at != protocol_.depths.end() && at + 1 != protocol_.depths.end() && rows_.count(keyOf(dataset, lambda, kind, *(at + 1)));
  }

  const Context& context_;
  const Protocol protocol_;
  const ProtocolChains chains_{context_.directory, protocol_.depths, context_.err};
  QString resultsPath_, checkpointPath_;
  QDir shardFolder_;
  QStringList shardFiles_;  // read at the start, merged into networks.csv by an unsharded run
  Results rows_;
  std::vector<ShardUnit> units_;
  std::map<std::pair<std::string, double>, std::unique_ptr<DatasetProblem>> problems_;
  std::vector<int> shardOf_;
  int trainedThisRun_ = 0;
  Progress progress_;
};

// One curve of the figure: a solver (dashed) or a network (solid, with markers).
struct Curve {
  std::string name;  // in networks.csv
  QString label;
  QColor color;
  bool network;
};

std::vector<Curve> figureCurves() {
  std::vector<Curve> curves;
  for (Algorithm a : kSolvers) curves.push_back({algorithmName(a), ui::methodLabel(a), ui::methodColor(a), false});
  for (Parametrization k : kNetworks)
    curves.push_back({parametrizationName(k), ui::methodLabel(k), ui::methodColor(k), true});
  return curves;
}

// One panel per dataset (rows) and lambda (columns).
void drawFigure(const Context& context, const Protocol& protocol, const Results& rows) {
  const QString optimizer = QString::fromStdString(optimizerLabel(protocol.optimizer));
  const QString training = protocol.fromShallower
                               ? QString("%1 from the depth before until the gap stalls, ≤ %2 steps").arg(optimizer).arg(protocol.iterations)
                               : QString("%1 %2 steps per network").arg(protocol.iterations).arg(optimizer);
  ui::PaperFigure figure(QString("Test F(z_T) − F* against the depth T\n%1 training and test signals · %2").arg(QLocale(QLocale::English).toString(protocol.signalCount)).arg(training),
                         2, 2, 760, 600);
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 2; ++c) {
      QCPAxisRect* panel = figure.panel(r, c);
      for (const Curve& curve : figureCurves()) {
        QVector<double> depth, gap;
        for (int t : protocol.depths) {
          depth.append(t);
          const double g = rows.at({kDatasets[r], kLambdas[c], curve.name, t});
          gap.append(g > 1e-16 ? g : qQNaN());
        }
        figure.addLine(panel, curve.label, depth, gap, QPen(curve.color, curve.network ? 2.2 : 1.8, curve.network ? Qt::SolidLine : Qt::DashLine),
                       true, curve.network ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssNone);
      }
      ui::PaperFigure::fitLogarithmic(panel->axis(QCPAxis::atLeft), 2);
      panel->axis(QCPAxis::atBottom)->setRange(0.5, protocol.depths.back() + 0.5);
      if (r == 1) panel->axis(QCPAxis::atBottom)->setLabel("depth T (layers, iterations)");
      if (c == 0) panel->axis(QCPAxis::atLeft)->setLabel(r == 0 ? "simulated: F − F*" : "digits: F − F*");
      if (r == 0) figure.setPanelTitle(panel, QString("λ = %1 λₘₐₓ").arg(kLambdas[c]));
    }
  }
  context.files.writeFigure(figure);
}

}  // namespace

void checkNetworksProtocol(const Context& context) {
  checkSavedProtocol(context, protocolFor(context.scale, context.optimizer, context.signalCount, context.depths));
}

void reproduceNetworks(const Context& context) {
  const Protocol protocol = protocolFor(context.scale, context.optimizer, context.signalCount, context.depths);
  ProtocolRun run(context, protocol);
  if (context.planShards > 0) {
    run.printPlan(context.planShards);
    return;
  }
  run.run();
  if (context.shard) {
    context.out << "shard " << context.shard->index << "/" << context.shard->count << ": trained " << run.trainedThisRun()
                << " networks into " << run.shardFolder().toStdString()
                << "; once every shard is done, the same command without --shard draws the figure\n";
    return;
  }
  run.mergeShardResults();
  drawFigure(context, protocol, run.rows());
}

}  // namespace unfold::reproduce
