#include "protocol_files.h"

#include "base/input_error.h"
#include "io/matrix_file.h"
#include "reproduce.h"

#include <QFile>

#include <cstdio>
#include <sstream>

namespace unfold::reproduce {

Results readResults(const QString& path) {
  Results rows;
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

Results readShardResults(const QDir& folder, QStringList* files) {
  Results rows;
  for (const QString& name : folder.entryList({"*.csv"}, QDir::Files, QDir::Name)) {
    for (const auto& row : readResults(folder.filePath(name))) rows.insert(row);
    files->append(folder.filePath(name));
  }
  return rows;
}

void writeResults(const QString& path, const Results& rows) {
  std::string csv = "dataset,lambda,method,depth,test_gap\n";
  for (const auto& [key, gap] : rows)
    csv.append(std::get<0>(key)).append(",").append(QString::number(std::get<1>(key)).toStdString()).append(",").append(std::get<2>(key))
        .append(",").append(std::to_string(std::get<3>(key))).append(",").append(csvNumber(gap)).append("\n");
  writeFileAtomically(path.toStdString(), csv);
}

Checkpointer::Checkpointer(QString path, const Dictionary& d, double lambda, QJsonObject key, int alreadyDone)
    : path_(std::move(path)), d_(d), lambda_(lambda), key_(std::move(key)), done_(alreadyDone),
      throttle_(std::chrono::minutes(1), ProgressThrottle::First::AfterInterval) {}

bool Checkpointer::onIteration(const TrainingProgress& p) {
  if (!throttle_.due()) return false;
  QJsonObject training = key_;
  training.insert("iterations_done", done_ + p.iteration);
  writeSavedNetwork(path_, p.weights, d_, lambda_, training);
  return false;
}

void writeSavedNetwork(const QString& path, const NetworkWeights& weights, const Dictionary& d, double lambda,
                       const QJsonObject& key) {
  const NetworkFile file{weights, d.signalDimension(), d.atomCount(), lambda, dictionaryHash(d.atoms()), key, Matrix()};
  writeFileAtomically(path.toStdString(), formatNetworkJson(file));
}

std::optional<std::pair<NetworkWeights, int>> readSavedNetwork(const QString& path, const QJsonObject& key, const Dictionary& d) {
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

}  // namespace unfold::reproduce
