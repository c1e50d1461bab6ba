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

// The checkpoint's weights and steps done, if it belongs to this network (`key`) and D.
std::optional<std::pair<NetworkWeights, int>> readCheckpoint(const QString& path, const QJsonObject& key, const Dictionary& d);

}  // namespace unfold::reproduce
