#include "io/network_file.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "io/json_duplicate_keys.h"
#include "io/json_value_text.h"
#include "io/readable_json.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace unfold {

namespace {

constexpr const char* kFormat = "unfoldlab-network";
constexpr int kVersion = 1;

QJsonArray toArray(const double* values, Eigen::Index count) {
  QJsonArray out;
  for (Eigen::Index i = 0; i < count; ++i) out.append(values[i]);
  return out;
}

QJsonObject matrixJson(const Matrix& M) {
  // Row-major, as NumPy would print it.
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = M;
  return {{"rows", static_cast<qint64>(M.rows())}, {"cols", static_cast<qint64>(M.cols())},
          {"values", toArray(rows.data(), rows.size())}};
}

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}
  [[noreturn]] void fail(const std::string& what) const { throw InputError(source_ + ": " + what); }

  double number(const QJsonObject& o, const char* key, const std::string& where) const {
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble())) fail(where + "'" + key + "' must be a finite number");
    return v.toDouble();
  }
  // A whole number in [1, most]: a count ("3" or 2.5 is not one, and must not read as 0 or -1).
  qint64 count(const QJsonObject& o, const char* key, qint64 most) const {
    const QJsonValue v = o.value(key);
    if (v.isUndefined()) fail("'" + std::string(key) + "' is missing");
    const double d = v.toDouble();  // 0 for a value that is no number, refused below too
    if (!v.isDouble() || d != std::floor(d) || d < 1 || d > double(most))
      fail("'" + std::string(key) + "' must be a whole number from 1 to " + std::to_string(most) + ", not " + jsonValueText(v));
    return static_cast<qint64>(d);
  }
  Vector vector(const QJsonObject& o, const char* key, Eigen::Index size, const std::string& where) const {
    const QJsonArray a = o.value(key).toArray();
    if (a.size() != size) fail(where + "'" + key + "' must have " + std::to_string(size) + " values (has " + std::to_string(a.size()) + ")");
    Vector out(size);
    for (Eigen::Index i = 0; i < size; ++i) {
      if (!a[i].isDouble() || !std::isfinite(a[i].toDouble())) fail(where + "'" + key + "'[" + std::to_string(i) + "] is not a finite number");
      out(i) = a[i].toDouble();
    }
    return out;
  }
  Matrix matrix(const QJsonObject& o, const char* key, Eigen::Index rows, Eigen::Index cols, const std::string& where) const {
    const QJsonObject m = o.value(key).toObject();
    if (m.value("rows").toInteger(-1) != rows || m.value("cols").toInteger(-1) != cols)
      fail(where + "'" + key + "' must be " + std::to_string(rows) + " x " + std::to_string(cols));
    const Vector values = vector(m, "values", rows * cols, where + key + ".");
    Matrix out(rows, cols);
    for (Eigen::Index r = 0; r < rows; ++r)
      for (Eigen::Index c = 0; c < cols; ++c) out(r, c) = values(r * cols + c);
    return out;
  }

 private:
  std::string source_;
};

}  // namespace

std::string matrixHash(const Matrix& D) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  const qint64 shape[2] = {static_cast<qint64>(D.rows()), static_cast<qint64>(D.cols())};
  hash.addData(QByteArrayView(reinterpret_cast<const char*>(shape), sizeof shape));
  hash.addData(QByteArrayView(reinterpret_cast<const char*>(D.data()), static_cast<qsizetype>(D.size() * sizeof(double))));
  return hash.result().toHex().toStdString();
}

QJsonObject networkJson(const NetworkFile& file) {
  // JSON has no Inf or NaN (Qt would write null, which loads as 0): never write a non-finite weight.
  if (!file.weights.flatten().allFinite() || !std::isfinite(file.lambda) || !file.dictionary.allFinite())
    throw InputError("the network has a non-finite weight (Inf or NaN); refusing to save it");
  QJsonArray layers;
  for (const LayerWeights& layer : file.weights.layers) {
    QJsonObject o;
    switch (file.weights.kind) {
      case Parametrization::Lista:
        o["Wz"] = matrixJson(layer.Wz);
        o["Wx"] = matrixJson(layer.Wx);
        o["theta"] = toArray(layer.theta.data(), layer.theta.size());
        break;
      case Parametrization::ListaCp:
        o["W"] = matrixJson(layer.W);
        o["theta"] = toArray(layer.theta.data(), layer.theta.size());
        break;
      case Parametrization::Alista:
        o["gamma"] = layer.step;
        o["theta"] = layer.theta(0);
        break;
      case Parametrization::Slista:
        o["alpha"] = layer.step;
        break;
    }
    layers.append(o);
  }
  QJsonObject root{{"format", kFormat},
                         {"version", kVersion},
                         {"parametrization", QString::fromStdString(parametrizationName(file.weights.kind))},
                         {"n", static_cast<qint64>(file.n)},
                         {"m", static_cast<qint64>(file.m)},
                         {"lambda", file.lambda},
                         {"layers", file.weights.layerCount()},
                         {"dictionary_sha256", QString::fromStdString(file.dictionaryHash)},
                         {"training", file.training},
                         {"weights", layers}};
  if (file.dictionary.size()) {
    if (dictionaryHash(file.dictionary) != file.dictionaryHash)
      throw std::logic_error("formatNetworkJson: the dictionary does not match dictionaryHash");
    root["dictionary"] = matrixJson(file.dictionary);
  }
  return root;
}

std::int64_t mostNetworkFileBytes(Parametrization kind, int layers, Eigen::Index n, Eigen::Index m) {
  constexpr std::int64_t kBytesPerNumber = 24, kRecord = 4096;  // the settings and outcome around them
  return std::int64_t(layers) * layerParameterCount(kind, n, m) * kBytesPerNumber + kRecord;
}

std::string formatNetworkJson(const NetworkFile& file) { return readableJson(networkJson(file)).toStdString(); }

NetworkFile parseNetworkJson(const std::string& text, const std::string& source) {
  const Reader r(source);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) r.fail("empty file");  // not "illegal value"
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
  if (error.error != QJsonParseError::NoError)
    r.fail("not valid JSON at offset " + std::to_string(error.offset) + " (" + error.errorString().toStdString() + ")");
  if (const auto duplicate = firstDuplicateKey(text)) r.fail(duplicateKeyMessage(*duplicate));
  return parseNetworkObject(document.object(), source);
}

NetworkFile parseNetworkObject(const QJsonObject& root, const std::string& source) {
  const Reader r(source);
  if (root.value("format").toString() != kFormat) r.fail("not an Unfold Lab network file (format is not 'unfoldlab-network')");
  if (const QJsonValue version = root.value("version"); !version.isDouble() || version.toDouble() != kVersion)
    r.fail("unsupported version " + jsonValueText(version) + " (this program reads version " + std::to_string(kVersion) + ")");
  NetworkFile file;
  const auto kind = parseParametrization(root.value("parametrization").toString().toStdString());
  if (!kind) r.fail("unknown parametrization " + quotedInput(root.value("parametrization").toString().toStdString()));
  file.weights.kind = *kind;
  file.n = root.value("n").toInteger(0);
  file.m = root.value("m").toInteger(0);
  if (file.n < 1 || file.m < 1 || file.n > 100000 || file.m > 1000000) r.fail("'n' and 'm' must be positive sizes");
  file.lambda = r.number(root, "lambda", "");
  if (!(file.lambda > 0)) r.fail("'lambda' must be > 0");
  file.dictionaryHash = root.value("dictionary_sha256").toString().toStdString();
  if (file.dictionaryHash.size() != 64) r.fail("'dictionary_sha256' is missing or malformed");
  file.training = root.value("training").toObject();
  if (root.contains("dictionary")) {
    file.dictionary = r.matrix(root, "dictionary", file.n, file.m, "");
    if (dictionaryHash(file.dictionary) != file.dictionaryHash) r.fail("'dictionary' does not match 'dictionary_sha256'");
  }
  const qint64 depth = r.count(root, "layers", kMostLayers);
  if (!root.value("weights").isArray()) r.fail("'weights' must be an array of the layers' weights");
  const QJsonArray layers = root.value("weights").toArray();
  if (layers.size() != depth)
    r.fail("'weights' must hold one entry per layer: 'layers' is " + std::to_string(depth) + ", 'weights' holds " +
           std::to_string(layers.size()));
  for (qsizetype t = 0; t < layers.size(); ++t) {
    const QJsonObject o = layers[t].toObject();
    const std::string where = "layer " + std::to_string(t + 1) + ": ";
    LayerWeights layer;
    switch (file.weights.kind) {
      case Parametrization::Lista:
        layer.Wz = r.matrix(o, "Wz", file.m, file.m, where);
        layer.Wx = r.matrix(o, "Wx", file.m, file.n, where);
        layer.theta = r.vector(o, "theta", file.m, where);
        break;
      case Parametrization::ListaCp:
        layer.W = r.matrix(o, "W", file.n, file.m, where);
        layer.theta = r.vector(o, "theta", file.m, where);
        break;
      case Parametrization::Alista:
        layer.step = r.number(o, "gamma", where);
        layer.theta = Vector::Constant(1, r.number(o, "theta", where));
        break;
      case Parametrization::Slista:
        layer.step = r.number(o, "alpha", where);
        break;
    }
    if (layer.theta.size() && layer.theta.minCoeff() < 0) r.fail(where + "thresholds must be >= 0");
    if ((*kind == Parametrization::Alista || *kind == Parametrization::Slista) && !(layer.step > 0)) r.fail(where + "the step must be > 0");
    file.weights.layers.push_back(std::move(layer));
  }
  return file;
}

void checkDictionary(const NetworkFile& file, const Matrix& D, const std::string& source) {
  if (D.rows() != file.n || D.cols() != file.m)
    throw InputError(source + ": trained for a " + std::to_string(file.n) + " x " + std::to_string(file.m) +
                     " dictionary, but D is " + std::to_string(D.rows()) + " x " + std::to_string(D.cols()));
  if (dictionaryHash(D) != file.dictionaryHash)
    throw InputError(source + ": trained for another dictionary (SHA-256 of D does not match); retrain it for this D");
}

}  // namespace unfold
