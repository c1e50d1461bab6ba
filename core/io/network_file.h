// A trained network as a JSON file: the parametrization, n, m, lambda, T, a SHA-256 hash of D, the
// training settings, every weight and, optionally, D itself (numbers written shortest-round-trip, so they
// load bit-exactly). Loading checks the hash against the dictionary in use and refuses a mismatch: weights
// learned for one D are meaningless for another. A file that holds D runs on its own (eval, export
// without --dict); the reproduce protocol's checkpoints leave it out (D is regenerated from the seed).
#pragma once

#include "networks/network_parameters.h"

#include <QJsonObject>

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
std::string formatNetworkJson(const NetworkFile& file);
// Throws InputError naming the source and the field at fault.
NetworkFile parseNetworkJson(const std::string& text, const std::string& sourceName);
// Throws InputError if the file was trained for another dictionary.
void checkDictionary(const NetworkFile& file, const Matrix& D, const std::string& sourceName);

}  // namespace unfold
