// The files of the Fig. 6 protocol's folder (networks_protocol.cpp): the results table
// (dataset,lambda,method,depth,test_gap; networks.csv, and one file per network from a shard) and the
// checkpoint of the network in training.
#pragma once

#include "base/progress_throttle.h"
#include "io/network_file.h"
#include "linalg/dictionary.h"
#include "networks/network_trainer.h"

#include <QDir>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace unfold::reproduce {

using ResultKey = std::tuple<std::string, double, std::string, int>;  // dataset, lambda, method, depth
using Results = std::map<ResultKey, double>;                            // the test gap of each

// The rows saved so far (none if the file does not exist); InputError names a damaged row.
Results readResults(const QString& path);
// The shard results: one file per network in `folder` (their paths go to `files`, to remove them once merged).
Results readShardResults(const QDir& folder, QStringList* files);
void writeResults(const QString& path, const Results& rows);  // atomically

// Saves the weights of the network in training every minute, with which network it is (`key`) and how far.
class Checkpointer : public TrainingObserver {
 public:
  Checkpointer(QString path, const Dictionary& d, double lambda, QJsonObject key, int alreadyDone);
  bool onIteration(const TrainingProgress& p) override;

 private:
  QString path_;
  const Dictionary& d_;
  double lambda_;
  QJsonObject key_;
  int done_;
  ProgressThrottle throttle_;
};

// Weights saved with what they are (`key`, e.g. the network and its depth), without D (the protocol
// regenerates it from the seed): checkpoints, and the deepest trained network of each setting, the start
// of its next depth. Atomically.
void writeSavedNetwork(const QString& path, const NetworkWeights& weights, const Dictionary& d, double lambda,
                       const QJsonObject& key);
// The saved weights and steps done ("iterations_done", 0 if absent), if they are this network's (every
// entry of `key` matches) and D's; nullopt for a missing, damaged or other file.
std::optional<std::pair<NetworkWeights, int>> readSavedNetwork(const QString& path, const QJsonObject& key, const Dictionary& d);

}  // namespace unfold::reproduce
