// The chains of a protocol that trains each depth from the trained previous depth of its setting
// (dataset, lambda, parametrization): DIR/networks-chains/<setting>.json holds the setting's deepest
// trained network so far, with its depth and the protocol it belongs to, so that a rerun (or the plain run
// after the shards) starts the next depth from it. In a shared DIR only the shard that owns a setting
// writes its file (protocol_shards.h, assignChainShards).
#pragma once

#include "experiments/experiment.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <ostream>
#include <vector>

namespace unfold::reproduce {

class ProtocolChains {
 public:
  ProtocolChains(QString directory, std::vector<int> depths, std::ostream& err)
      : directory_(std::move(directory)), depths_(std::move(depths)), err_(err) {}

  // Makes the chains' folder (InputError if it cannot be: said before any network trains).
  void prepare() const;
  // `key` names the network (dataset, lambda, method, depth and the protocol's text).
  void save(const QJsonObject& key, const Dictionary& d, double lambda, const NetworkWeights& weights) const;
  // This very network, if it was saved (trained, its result not yet written when the run stopped).
  std::optional<NetworkWeights> saved(const QJsonObject& key, const Dictionary& d, int depth) const;
  // The start of `settings.layers` from the trained previous depth of the protocol; none for the first
  // depth, or (said on err) when that network is not saved.
  std::optional<NetworkWeights> start(const QJsonObject& key, const Dictionary& d, const TrainingData& data,
                                      const NetworkSettings& settings) const;

 private:
  QString path(const QJsonObject& key) const;

  QString directory_;
  std::vector<int> depths_;
  std::ostream& err_;
};

}  // namespace unfold::reproduce
