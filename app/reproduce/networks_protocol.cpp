// Fig. 6: test F(z_T) - F* against the depth T for ISTA, FISTA, LISTA-CP, ALISTA and SLISTA, on simulated
// data (Gaussian D, n = 64, m = 256) and digits (8x8 images as atoms), lambda = 0.1 and 0.8; one network
// trained per depth. The full protocol (10,000 signals, depths 1..30, 3,000 steps each) runs for days on a
// laptop, so it is resumable: every finished network is saved at once to DIR/networks.csv, and running
// the same command again skips what is there; the network in training is checkpointed every minute to
// DIR/networks-checkpoint.json and picked up from there, so an interruption loses at most a minute.
// DIR/networks-protocol.txt records the protocol, so that a --quick run never mixes with a full one.
#include "reproduce.h"

#include "dictionary.h"
#include "input_error.h"
#include "lasso.h"
#include "matrix_file.h"
#include "method_palette.h"
#include "network_file.h"
#include "network_trainer.h"
#include "paper_figure.h"
#include "problem_generators.h"
#include "reference_solver.h"
#include "solver.h"
#include "trace_recorder.h"

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

struct Problem {
  std::unique_ptr<Dictionary> d;
  Matrix trainX, testX;
  Vector testOptimalCost;
};

Problem makeProblem(const std::string& dataset, double lambda, int signalCount) {
  const bool digits = dataset == "digits";
  Problem p;
  p.d = std::make_unique<Dictionary>(digits ? digitsDictionary(256, 0) : gaussianDictionary(64, 256, 0));
  const SignalKind kind = digits ? SignalKind::Digits : SignalKind::Gaussian;
  p.trainX = makeSignals(kind, p.d->atoms(), signalCount, 1).X;
  p.testX = makeSignals(kind, p.d->atoms(), signalCount, 2).X;
  p.testOptimalCost = solveReference(*p.d, p.testX, lambda).optimalCost;
  return p;
}

// Saves the weights of the network in training every minute, with which network it is and how far.
class Checkpointer : public TrainingObserver {
 public:
  Checkpointer(QString path, const Dictionary& d, double lambda, QJsonObject key, int alreadyDone)
      : path_(std::move(path)), d_(d), lambda_(lambda), key_(std::move(key)), done_(alreadyDone) {}
  bool onIteration(const TrainingProgress& p) override {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(60)) return false;
    last_ = now;
    QJsonObject training = key_;
    training.insert("iterations_done", done_ + p.iteration);
    const NetworkFile file{p.weights, d_.signalDimension(), d_.atomCount(), lambda_, dictionaryHash(d_.atoms()), training};
    writeFileAtomically(path_.toStdString(), formatNetworkJson(file));
    return false;
  }

 private:
  QString path_;
  const Dictionary& d_;
  double lambda_;
  QJsonObject key_;
  int done_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
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

std::string lower(const std::string& label) {
  std::string out = label;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

void reproduceNetworks(const Context& context) {
  const Protocol protocol = protocolFor(context.scale);
  const QString resultsPath = QDir(context.directory).filePath("networks.csv");
  const QString protocolPath = QDir(context.directory).filePath("networks-protocol.txt");
  const QString checkpointPath = QDir(context.directory).filePath("networks-checkpoint.json");
  if (QFile::exists(protocolPath)) {
    if (readWholeFile(protocolPath.toStdString()) != protocol.describe())
      throw InputError(context.directory.toStdString() + " holds a networks run of another protocol (" +
                       protocolPath.toStdString() + "): use another --out, or delete its networks files to start over");
  } else {
    writeFileAtomically(protocolPath.toStdString(), protocol.describe());
  }
  std::map<Key, double> rows = readResults(resultsPath);
  // Work in units of (layers x steps), for the ETA.
  double totalUnits = 0, doneUnits = 0;
  for (const char* dataset : kDatasets)
    for (double lambda : kLambdas)
      for (Parametrization kind : kNetworks)
        for (int depth : protocol.depths) {
          const double units = double(depth) * protocol.iterations;
          totalUnits += units;
          if (rows.count({dataset, lambda, lower(parametrizationLabel(kind)), depth})) doneUnits += units;
        }
  if (doneUnits > 0) context.err << "  resuming: " << int(100 * doneUnits / totalUnits) << " % of the work is saved in " << resultsPath.toStdString() << "\n";
  double unitsThisRun = 0, secondsThisRun = 0;
  for (const char* dataset : kDatasets) {
    for (double lambda : kLambdas) {
      bool missing = false;
      for (Parametrization kind : kNetworks)
        for (int depth : protocol.depths) missing |= !rows.count({dataset, lambda, lower(parametrizationLabel(kind)), depth});
      for (const char* solver : {"ista", "fista"}) missing |= !rows.count({dataset, lambda, solver, protocol.depths.back()});
      if (!missing) continue;
      const Problem p = makeProblem(dataset, lambda, protocol.signalCount);
      for (const Algorithm algorithm : {Algorithm::Ista, Algorithm::Fista}) {
        TraceRecorder trace(*p.d, p.testOptimalCost, lambda, false);
        solveLasso(algorithm, *p.d, p.testX, lambda, protocol.depths.back(), &trace);
        for (int depth : protocol.depths) rows[{dataset, lambda, algorithmName(algorithm), depth}] = trace.rows()[size_t(depth)].gap;
      }
      writeResults(resultsPath, rows);
      for (Parametrization kind : kNetworks) {
        for (int depth : protocol.depths) {
          const Key key{dataset, lambda, lower(parametrizationLabel(kind)), depth};
          if (rows.count(key)) continue;
          const auto start = std::chrono::steady_clock::now();
          UnfoldedNetwork network(*p.d, lambda, istaInitialization(kind, p.d->atoms(), p.d->lipschitz(), depth));
          const QJsonObject checkpointKey{{"dataset", dataset}, {"lambda", lambda},
                                          {"method", QString::fromStdString(std::get<2>(key))}, {"depth", depth},
                                          {"protocol", QString::fromStdString(protocol.describe())}};
          int done = 0;
          if (const auto saved = readCheckpoint(checkpointPath, checkpointKey, *p.d)) {
            network.weights() = saved->first;
            done = saved->second;
            context.err << "  resuming " << std::get<2>(key) << " T=" << depth << " from its checkpoint (" << done << " steps done)\n";
          }
          TrainingSettings settings;
          settings.maxIterations = std::max(1, protocol.iterations - done);
          Checkpointer checkpointer(checkpointPath, *p.d, lambda, checkpointKey, done);
          trainNetwork(network, {p.trainX, {}, p.testX, {}}, settings, &checkpointer);
          const Matrix Z = network.forward(p.testX);
          rows[key] = (lassoCosts(p.d->atoms(), p.testX, Z, lambda) - p.testOptimalCost).mean();
          writeResults(resultsPath, rows);  // saved at once; the checkpoint is no longer needed
          QFile::remove(checkpointPath);
          const double units = double(depth) * protocol.iterations;
          unitsThisRun += units;
          doneUnits += units;
          secondsThisRun += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          const double eta = secondsThisRun / unitsThisRun * (totalUnits - doneUnits);
          char line[256];
          std::snprintf(line, sizeof line, "  %-9s lambda=%.1f %-8s T=%2d: gap %.3e   %5.1f %% done, ETA %.0f s\n", dataset,
                        lambda, parametrizationLabel(kind).c_str(), depth, rows[key], 100 * doneUnits / totalUnits, eta);
          context.err << line << std::flush;
        }
      }
    }
  }

  // The figure: one panel per dataset (rows) and lambda (columns).
  ui::PaperFigure figure(QString("Test F(z_T) − F* against the depth T\n%1 training and test signals, %2 training steps per network")
                             .arg(protocol.signalCount).arg(protocol.iterations), 2, 2, 760, 600);
  const char* methods[] = {"ista", "fista", "lista-cp", "alista", "slista"};
  const char* labels[] = {"ISTA", "FISTA", "LISTA-CP", "ALISTA", "SLISTA"};
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 2; ++c) {
      QCPAxisRect* panel = figure.panel(r, c);
      for (int k = 0; k < 5; ++k) {
        QVector<double> depth, gap;
        for (int t : protocol.depths) {
          depth.append(t);
          const double g = rows.at({kDatasets[r], kLambdas[c], methods[k], t});
          gap.append(g > 1e-16 ? g : qQNaN());
        }
        const bool network = k >= 2;
        figure.addLine(panel, labels[k], depth, gap, QPen(ui::methodColor(labels[k]), network ? 2.2 : 1.8, network ? Qt::SolidLine : Qt::DashLine),
                       true, network ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssNone);
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

}  // namespace unfold::reproduce
