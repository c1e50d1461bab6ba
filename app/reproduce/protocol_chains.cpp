#include "protocol_chains.h"

#include "protocol_files.h"

#include "base/input_error.h"

#include <QDir>

#include <algorithm>

namespace unfold::reproduce {

namespace {
QJsonObject atDepth(QJsonObject key, int depth) {
  key["depth"] = depth;
  return key;
}
}  // namespace

QString ProtocolChains::path(const QJsonObject& key) const {
  return QDir(directory_).filePath(QString("networks-chains/%1-lambda%2-%3.json")
                                       .arg(key["dataset"].toString()).arg(key["lambda"].toDouble()).arg(key["method"].toString()));
}

void ProtocolChains::prepare() const {
  const QString folder = QDir(directory_).filePath("networks-chains");
  if (!QDir().mkpath(folder)) throw InputError(folder.toStdString() + ": cannot create the folder");
}

void ProtocolChains::save(const QJsonObject& key, const Dictionary& d, double lambda, const NetworkWeights& weights) const {
  prepare();
  writeSavedNetwork(path(key), weights, d, lambda, key);
}

std::optional<NetworkWeights> ProtocolChains::saved(const QJsonObject& key, const Dictionary& d, int depth) const {
  const auto file = readSavedNetwork(path(key), atDepth(key, depth), d);
  return file ? std::optional(file->first) : std::nullopt;
}

std::optional<NetworkWeights> ProtocolChains::start(const QJsonObject& key, const Dictionary& d, const TrainingData& data,
                                                    const NetworkSettings& settings) const {
  const auto at = std::find(depths_.begin(), depths_.end(), settings.layers);
  if (at == depths_.begin() || at == depths_.end()) return std::nullopt;
  const auto previous = saved(key, d, *(at - 1));
  if (!previous) {
    err_ << "  " << path(key).toStdString() << ": no trained T=" << *(at - 1) << " network to start from: T="
         << settings.layers << " starts from ISTA\n";
    return std::nullopt;
  }
  return deeperStart(d, data, settings, *previous);
}

}  // namespace unfold::reproduce
