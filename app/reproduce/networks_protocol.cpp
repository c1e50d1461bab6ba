// Fig. 6: test F(z_T) - F* against the depth T for ISTA, FISTA, LISTA-CP, ALISTA and SLISTA, on simulated
// data (Gaussian D, n = 64, m = 256) and digits (8x8 images as atoms), lambda = 0.1 and 0.8; one network
// trained per depth. The full protocol (10,000 signals, depths 1..30, 3,000 steps each) runs for days on a
// laptop, so it is resumable: every finished network is saved at once to DIR/networks.csv, and running
// the same command again skips what is there; the network in training is checkpointed every minute to
// DIR/networks-checkpoint.json and picked up from there, so an interruption loses at most a minute.
// DIR/networks-protocol.txt records the protocol, so that a --quick run never mixes with a full one.
#include "reproduce.h"

#include "base/input_error.h"
#include "base/progress_throttle.h"
#include "experiments/experiment.h"
#include "io/matrix_file.h"
#include "lasso/lasso.h"
#include "lasso/solver.h"
#include "lasso/trace_recorder.h"
#include "plots/method_palette.h"
#include "plots/paper_figure.h"

#include <QDir>
#include <QFile>

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>

namespace unfold::reproduce {

namespace {

struct Protocol {
  int signalCount = 10000, iterations = 3000;
  std::vector<int> depths;
  std::string describe() const {
    std::string out = "signals=" + std::to_string(signalCount) + " iterations=" + std::to_string(iterations) + " depths=";
    for (int t : depths) out += std::to_string(t) + (t == depths.back() ? "" : ",");
    return out + "\n";
  }
};

Protocol protocolFor(Scale scale) {
  Protocol p;
  if (scale == Scale::Full) {
    for (int t = 1; t <= 30; ++t) p.depths.push_back(t);
  } else if (scale == Scale::Quick) {
    p = {500, 100, {1, 2, 5, 10, 20}};
  } else {
    p = {40, 5, {1, 3}};
  }
  return p;
}

const char* kDatasets[] = {"simulated", "digits"};
const double kLambdas[] = {0.1, 0.8};
const Algorithm kSolvers[] = {Algorithm::Ista, Algorithm::Fista};
const Parametrization kNetworks[] = {Parametrization::ListaCp, Parametrization::Alista, Parametrization::Slista};

using Key = std::tuple<std::string, double, std::string, int>;  // dataset, lambda, method, depth

// The rows saved so far (none if the file does not exist).
std::map<Key, double> readResults(const QString& path) {
  std::map<Key, double> rows;
  if (!QFile::exists(path)) return rows;
  std::istringstream in(readWholeFile(path.toStdString()));
  std::string line;
  std::getline(in, line);  // header
  int number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    char dataset[32], method[32];
    double lambda = 0, gap = 0;
    int depth = 0;
    if (std::sscanf(line.c_str(), "%31[^,],%lf,%31[^,],%d,%lf", dataset, &lambda, method, &depth, &gap) != 5)
      throw InputError(path.toStdString() + ", line " + std::to_string(number) + ": not a result row (delete the file to start over)");
    rows[{dataset, lambda, method, depth}] = gap;
  }
  return rows;
}

void writeResults(const QString& path, const std::map<Key, double>& rows) {
  std::string csv = "dataset,lambda,method,depth,test_gap\n";
  for (const auto& [key, gap] : rows)
    csv.append(std::get<0>(key)).append(",").append(QString::number(std::get<1>(key)).toStdString()).append(",").append(std::get<2>(key))
        .append(",").append(std::to_string(std::get<3>(key))).append(",").append(csvNumber(gap)).append("\n");
  writeFileAtomically(path.toStdString(), csv);
}

// Saves the weights of the network in training every minute, with which network it is and how far.
class Checkpointer : public TrainingObserver {
 public:
  Checkpointer(QString path, const Dictionary& d, double lambda, QJsonObject key, int alreadyDone)
      : path_(std::move(path)), d_(d), lambda_(lambda), key_(std::move(key)), done_(alreadyDone) {}
  bool onIteration(const TrainingProgress& p) override {
    if (!throttle_.due()) return false;
    QJsonObject training = key_;
    training.insert("iterations_done", done_ + p.iteration);
    const NetworkFile file{p.weights, d_.signalDimension(), d_.atomCount(), lambda_, dictionaryHash(d_.atoms()), training,
                           Matrix()};  // hundreds of networks share one D (regenerated from the seed): files stay small
    writeFileAtomically(path_.toStdString(), formatNetworkJson(file));
    return false;
  }

 private:
  QString path_;
  const Dictionary& d_;
  double lambda_;
  QJsonObject key_;
  int done_;
  ProgressThrottle throttle_{std::chrono::minutes(1), ProgressThrottle::First::AfterInterval};
};

// The checkpoint's weights and steps done, if it belongs to this network.
std::optional<std::pair<NetworkWeights, int>> readCheckpoint(const QString& path, const QJsonObject& key, const Dictionary& d) {
  if (!QFile::exists(path)) return std::nullopt;
  try {
    const NetworkFile file = parseNetworkJson(readWholeFile(path.toStdString()), path.toStdString());
    checkDictionary(file, d.atoms(), path.toStdString());
    for (auto it = key.begin(); it != key.end(); ++it)
      if (file.training.value(it.key()) != it.value()) return std::nullopt;
    return std::pair{file.weights, file.training.value("iterations_done").toInt()};
  } catch (const InputError&) {
    return std::nullopt;  // damaged or another network's: train from scratch
  }
}

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

// Where the protocol stands, in units of (layers x steps), for the ETA.
struct Progress {
  double totalUnits = 0, doneUnits = 0, unitsThisRun = 0, secondsThisRun = 0;
  void finished(int depth, int iterations, double seconds) {
    const double units = double(depth) * iterations;
    unitsThisRun += units;
    doneUnits += units;
    secondsThisRun += seconds;
  }
  double eta() const { return secondsThisRun / unitsThisRun * (totalUnits - doneUnits); }
  double percent() const { return 100 * doneUnits / totalUnits; }
};

// One run of the protocol: its results so far (DIR/networks.csv) and where its files are.
class ProtocolRun {
 public:
  ProtocolRun(const Context& context, Protocol protocol) : context_(context), protocol_(std::move(protocol)) {
    const QDir dir(context.directory);
    resultsPath_ = dir.filePath("networks.csv");
    checkpointPath_ = dir.filePath("networks-checkpoint.json");
    checkProtocolFile(dir.filePath("networks-protocol.txt"));
    rows_ = readResults(resultsPath_);
    countSavedWork();
  }

  void runDataset(const char* dataset, double lambda) {
    if (!missingAny(dataset, lambda)) return;
    const DatasetProblem p = makeDatasetProblem(dataset, lambda, protocol_.signalCount);
    solveBaselines(dataset, lambda, p);
    for (Parametrization kind : kNetworks)
      for (int depth : protocol_.depths)
        if (!rows_.count(keyOf(dataset, lambda, kind, depth))) trainOne(dataset, lambda, kind, depth, p);
  }

  const std::map<Key, double>& rows() const { return rows_; }
  const QString& resultsPath() const { return resultsPath_; }

 private:
  static Key keyOf(const char* dataset, double lambda, Parametrization kind, int depth) {
    return {dataset, lambda, parametrizationName(kind), depth};
  }

  void checkProtocolFile(const QString& protocolPath) const {
    if (!QFile::exists(protocolPath)) {
      writeFileAtomically(protocolPath.toStdString(), protocol_.describe());
    } else if (readWholeFile(protocolPath.toStdString()) != protocol_.describe()) {
      throw InputError(context_.directory.toStdString() + " holds a networks run of another protocol (" +
                       protocolPath.toStdString() + "): use another --out, or delete its networks files to start over");
    }
  }

  void countSavedWork() {
    for (const char* dataset : kDatasets)
      for (double lambda : kLambdas)
        for (Parametrization kind : kNetworks)
          for (int depth : protocol_.depths) {
            const double units = double(depth) * protocol_.iterations;
            progress_.totalUnits += units;
            if (rows_.count(keyOf(dataset, lambda, kind, depth))) progress_.doneUnits += units;
          }
    if (progress_.doneUnits > 0)
      context_.err << "  resuming: " << int(progress_.percent()) << " % of the work is saved in " << resultsPath_.toStdString() << "\n";
  }

  bool missingAny(const char* dataset, double lambda) const {
    bool missing = false;
    for (Parametrization kind : kNetworks)
      for (int depth : protocol_.depths) missing |= !rows_.count(keyOf(dataset, lambda, kind, depth));
    for (Algorithm solver : kSolvers) missing |= !rows_.count({dataset, lambda, algorithmName(solver), protocol_.depths.back()});
    return missing;
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

  // Trains one network (from its checkpoint if there is one), saves its test gap at once.
  void trainOne(const char* dataset, double lambda, Parametrization kind, int depth, const DatasetProblem& p) {
    const Dictionary& d = *p.data.dictionary;
    const Key key = keyOf(dataset, lambda, kind, depth);
    const auto start = std::chrono::steady_clock::now();
    const QJsonObject checkpointKey{{"dataset", dataset}, {"lambda", lambda},
                                    {"method", QString::fromStdString(std::get<2>(key))}, {"depth", depth},
                                    {"protocol", QString::fromStdString(protocol_.describe())}};
    const auto saved = readCheckpoint(checkpointPath_, checkpointKey, d);
    const int done = saved ? saved->second : 0;
    if (saved) context_.err << "  resuming " << std::get<2>(key) << " T=" << depth << " from its checkpoint (" << done << " steps done)\n";
    NetworkSettings settings{kind, depth, lambda, {}};
    settings.training.maxIterations = std::max(1, protocol_.iterations - done);
    Checkpointer checkpointer(checkpointPath_, d, lambda, checkpointKey, done);
    const TrainingData data = trainingData(d, p.data.train, p.data.test, lambda, LossKind::Unsupervised, p.reference);
    const TrainedNetwork trained = trainNetwork(d, data, settings, &checkpointer, saved ? &saved->first : nullptr);
    const Matrix Z = UnfoldedNetwork(d, lambda, trained.file.weights).forward(p.data.test.X);
    rows_[key] = (lassoCosts(d.atoms(), p.data.test.X, Z, lambda) - p.reference.optimalCost).mean();
    writeResults(resultsPath_, rows_);  // saved at once; the checkpoint is no longer needed
    QFile::remove(checkpointPath_);
    progress_.finished(depth, protocol_.iterations, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    char line[256];
    std::snprintf(line, sizeof line, "  %-9s lambda=%.1f %-8s T=%2d: gap %.3e   %5.1f %% done, ETA %.0f s\n", dataset,
                  lambda, parametrizationLabel(kind).c_str(), depth, rows_[key], progress_.percent(), progress_.eta());
    context_.err << line << std::flush;
  }

  const Context& context_;
  const Protocol protocol_;
  QString resultsPath_, checkpointPath_;
  std::map<Key, double> rows_;
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
void drawFigure(const Context& context, const Protocol& protocol, const std::map<Key, double>& rows) {
  ui::PaperFigure figure(QString("Test F(z_T) − F* against the depth T\n%1 training and test signals, %2 training steps per network")
                             .arg(protocol.signalCount).arg(protocol.iterations), 2, 2, 760, 600);
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
      ui::PaperFigure::setLogarithmic(panel->axis(QCPAxis::atLeft));
      panel->axis(QCPAxis::atLeft)->rescale();
      const QCPRange range = panel->axis(QCPAxis::atLeft)->range();
      panel->axis(QCPAxis::atLeft)->setRange(range.lower / 2, range.upper * 2);
      panel->axis(QCPAxis::atBottom)->setRange(0.5, protocol.depths.back() + 0.5);
      if (r == 1) panel->axis(QCPAxis::atBottom)->setLabel("depth T (layers, iterations)");
      if (c == 0) panel->axis(QCPAxis::atLeft)->setLabel(r == 0 ? "simulated: F − F*" : "digits: F − F*");
      if (r == 0) figure.setPanelTitle(panel, QString("λ = %1 λ_max").arg(kLambdas[c]));
    }
  }
  context.files.writeFigure(figure);
}

}  // namespace

void reproduceNetworks(const Context& context) {
  const Protocol protocol = protocolFor(context.scale);
  ProtocolRun run(context, protocol);
  for (const char* dataset : kDatasets)
    for (double lambda : kLambdas) run.runDataset(dataset, lambda);
  drawFigure(context, protocol, run.rows());
}

}  // namespace unfold::reproduce
