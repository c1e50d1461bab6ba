// A trained network as a JSON file: the parametrization, n, m, lambda, T, a SHA-256 hash of D, the
// training settings, every weight and, optionally, D itself (numbers written shortest-round-trip, so they
// load bit-exactly). Loading checks the hash against the dictionary in use and refuses a mismatch: weights
// learned for one D are meaningless for another. A file that holds D runs on its own (eval, export
// without --dict); the reproduce protocol's checkpoints leave it out (D is regenerated from the seed).
#pragma once

#include "networks/network_parameters.h"

#include <QJsonObject>

#include <cstdint>
#include <string>

namespace unfold {

struct NetworkFile {
  NetworkWeights weights;
  Eigen::Index n = 0, m = 0;
  double lambda = 0.0;
  std::string dictionaryHash;
  QJsonObject training;  // settings and outcome, for the record
  Matrix dictionary;     // n x m, or empty when the file does not hold D (it matches dictionaryHash)
};

std::string matrixHash(const Matrix& M);  // hex SHA-256 of the shape and the column-major float64 values
inline std::string dictionaryHash(const Matrix& D) { return matrixHash(D); }

// Throws InputError if a weight or lambda is not finite (JSON cannot hold it).
QJsonObject networkJson(const NetworkFile& file);
std::string formatNetworkJson(const NetworkFile& file);  // networkJson as readableJson writes it
// At most about the size of the file formatNetworkJson writes for the weights of a network of `layers`
// layers of `kind` for D n x m (without D and the training curve, whose length depends on when training
// stops): 24 bytes a number, what a weight's shortest decimal takes with a sign, "0.00" or an exponent,
// and its comma (21.5 on average for a LISTA's). A command checks it against the readers' limit before
// training rather than write, hours later, a file nothing can read.
std::int64_t mostNetworkFileBytes(Parametrization kind, int layers, Eigen::Index n, Eigen::Index m);
// Throws InputError naming the source and the field at fault.
NetworkFile parseNetworkJson(const std::string& text, const std::string& sourceName);
// The same for a network's object already parsed (a session's networks, which the session's own read has
// checked as JSON): not formatted and parsed again.
NetworkFile parseNetworkObject(const QJsonObject& root, const std::string& sourceName);
// Throws InputError if the file was trained for another dictionary.
void checkDictionary(const NetworkFile& file, const Matrix& D, const std::string& sourceName);

}  // namespace unfold
