#include "session_file.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace unfold::ui {

namespace {

constexpr const char* kFormat = "unfoldlab-session";

// Reads an integer field within [low, high]; on failure sets the error and returns false.
bool integerField(const QJsonObject& o, const char* key, int low, int high, int& out, const QString& where, QString* error) {
  const QJsonValue v = o.value(key);
  const double d = v.toDouble(std::nan(""));
  if (!v.isDouble() || d != std::floor(d) || d < low || d > high) {
    *error = QString("%1: '%2' must be an integer from %3 to %4").arg(where, key).arg(low).arg(high);
    return false;
  }
  out = static_cast<int>(d);
  return true;
}

}  // namespace

QByteArray formatSession(const Session& s) {
  QJsonArray methods;
  if (s.settings.ista) methods.append("ista");
  if (s.settings.fista) methods.append("fista");
  if (s.settings.oista) methods.append("oista");
  const QJsonObject settings{{"dictionary", "gaussian"},
                             {"n", s.settings.n},
                             {"m", s.settings.m},
                             {"signals", s.settings.signalCount},
                             {"seed", static_cast<qint64>(s.settings.seed)},
                             {"lambda", s.settings.lambda},
                             {"iterations", s.settings.iterations},
                             {"methods", methods}};
  const QJsonObject root{{"format", kFormat},
                         {"version", 1},
                         {"title", s.title},
                         {"settings", settings},
                         {"inspect", QJsonObject{{"method", s.inspectedMethod}, {"signal", s.inspectedSignal}}}};
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<Session> parseSession(const QByteArray& json, const QString& source, QString* error) {
  QJsonParseError parse;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parse);
  if (parse.error != QJsonParseError::NoError) {
    *error = QString("%1: not valid JSON at offset %2 (%3)").arg(source).arg(parse.offset).arg(parse.errorString());
    return std::nullopt;
  }
  const QJsonObject root = document.object();
  if (root.value("format").toString() != kFormat) {
    *error = QString("%1: not an Unfold Lab session (format is not '%2')").arg(source, kFormat);
    return std::nullopt;
  }
  if (root.value("version").toInt() != 1) {
    *error = QString("%1: unsupported session version %2").arg(source).arg(root.value("version").toInt());
    return std::nullopt;
  }
  Session s;
  s.title = root.value("title").toString();
  const QJsonObject o = root.value("settings").toObject();
  const QString where = source + ", settings";
  if (o.value("dictionary").toString("gaussian") != "gaussian") {
    *error = where + ": only the 'gaussian' dictionary can be opened in the workbench for now";
    return std::nullopt;
  }
  int seed = 0;
  if (!integerField(o, "n", 1, 2000, s.settings.n, where, error) || !integerField(o, "m", 1, 8000, s.settings.m, where, error) ||
      !integerField(o, "signals", 1, 100000, s.settings.signalCount, where, error) ||
      !integerField(o, "iterations", 1, 100000, s.settings.iterations, where, error) ||
      !integerField(o, "seed", 0, 1000000, seed, where, error))
    return std::nullopt;
  s.settings.seed = static_cast<quint64>(seed);
  s.settings.lambda = o.value("lambda").toDouble(-1);
  if (!(s.settings.lambda >= 1e-4 && s.settings.lambda <= 1.5)) {
    *error = where + ": 'lambda' must be a number from 0.0001 to 1.5 (a fraction of lambda_max)";
    return std::nullopt;
  }
  const QJsonArray methods = o.value("methods").toArray();
  s.settings.ista = s.settings.fista = s.settings.oista = false;
  for (const QJsonValue& m : methods) {
    const QString name = m.toString();
    if (name == "ista") s.settings.ista = true;
    else if (name == "fista") s.settings.fista = true;
    else if (name == "oista") s.settings.oista = true;
    else {
      *error = QString("%1: unknown method '%2' (ista, fista, oista)").arg(where, name);
      return std::nullopt;
    }
  }
  const QJsonObject inspect = root.value("inspect").toObject();
  s.inspectedMethod = inspect.value("method").toString("OISTA").toUpper();
  s.inspectedSignal = inspect.value("signal").toInt(0);
  if (!QStringList{"ISTA", "FISTA", "OISTA"}.contains(s.inspectedMethod) || s.inspectedSignal < 0 || s.inspectedSignal > 49) {
    *error = source + ", inspect: 'method' must be ISTA, FISTA or OISTA and 'signal' 0 to 49";
    return std::nullopt;
  }
  return s;
}

std::optional<Session> readSessionFile(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = QString("%1: cannot open (%2)").arg(path, file.errorString());
    return std::nullopt;
  }
  if (file.size() > 1 << 20) {
    *error = path + ": too large for a session file";
    return std::nullopt;
  }
  return parseSession(file.readAll(), path, error);
}

std::optional<Session> readPreset(const QString& name, QString* error) {
  const QString path = ":/unfoldlab/presets/" + name + ".json";
  if (!QFile::exists(path)) {
    *error = QString("unknown preset '%1' (presets: %2)").arg(name, presetNames().join(", "));
    return std::nullopt;
  }
  return readSessionFile(path, error);
}

QStringList presetNames() {
  QStringList names;
  for (const QString& file : QDir(":/unfoldlab/presets").entryList({"*.json"})) names << file.chopped(5);
  return names;
}

}  // namespace unfold::ui
