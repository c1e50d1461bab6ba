#include "run/session_file.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "io/bounded_file.h"
#include "io/json_duplicate_keys.h"
#include "io/json_value_text.h"
#include "io/network_file.h"
#include "io/readable_json.h"
#include "plots/method_palette.h"
#include "run/iterate_history.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <cmath>

namespace unfold::ui {

namespace {

constexpr const char* kFormat = "unfoldlab-session";

QString shownValue(const QJsonValue& v) { return QString::fromStdString(jsonValueText(v)); }
QString quoted(const QString& text) { return QString::fromStdString(quotedInput(text.toStdString())); }

// A field the settings cannot do without: "'n' is missing" rather than a complaint about its value.
bool present(const QJsonObject& o, const char* key, const QString& what, const QString& where, QString* error) {
  if (o.contains(key)) return true;
  *error = QString("%1: '%2' is missing (%3)").arg(where, key, what);
  return false;
}

// Reads an integer field within [low, high]; on failure sets the error and returns false.
bool integerField(const QJsonObject& o, const char* key, int low, int high, int& out, const QString& where, QString* error) {
  const QString what = QString("an integer from %1 to %2").arg(low).arg(high);
  if (!present(o, key, what, where, error)) return false;
  const QJsonValue v = o.value(key);
  const double d = v.toDouble(std::nan(""));
  if (!v.isDouble() || d != std::floor(d) || d < low || d > high) {
    *error = QString("%1: '%2' must be %3 (got %4)").arg(where, key, what, shownValue(v));
    return false;
  }
  out = static_cast<int>(d);
  return true;
}

const QStringList kSources{"gaussian", "digits", "files"};
// The methods' names in sessions: the command line's (ista, ..., lista-cp, ...), in the form's order.
QStringList methodNames() {
  QStringList names;
  for (Algorithm a : ExperimentSettings::kAlgorithms) names << QString::fromStdString(algorithmName(a));
  for (Parametrization k : ExperimentSettings::kParametrizations) names << QString::fromStdString(parametrizationName(k));
  return names;
}

// Adds the method `name` to the choice; false for a name that is no method.
bool choose(ExperimentSettings& s, const QString& name) {
  const std::string text = name.toStdString();
  if (const auto algorithm = parseAlgorithm(text)) s.solvers.insert(*algorithm);
  else if (const auto kind = parseParametrization(text)) s.networks.insert(*kind);
  else return false;
  return true;
}

}  // namespace

QByteArray formatSession(const Session& s) {
  QJsonArray methods;
  for (Algorithm a : s.settings.solvers) methods.append(QString::fromStdString(algorithmName(a)));
  for (Parametrization k : s.settings.networks) methods.append(QString::fromStdString(parametrizationName(k)));
  QJsonObject settings{{"dictionary", kSources[static_cast<int>(s.settings.source)]},
                       {"n", s.settings.n},
                       {"m", s.settings.m},
                       {"signals", s.settings.signalCount},
                       {"train_signals", s.settings.trainCount},
                       {"seed", static_cast<qint64>(s.settings.seed)},
                       {"lambda", s.settings.lambda},
                       {"iterations", s.settings.iterations},
                       {"methods", methods},
                       {"layers", s.settings.layers},
                       {"loss", QString::fromStdString(lossKindName(s.settings.loss))},
                       {"training_iterations", s.settings.trainingIterations},
                       {"layer_wise", s.settings.layerWise}};
  if (s.settings.source == ProblemSource::Files) {
    settings.insert("dictionary_file", s.settings.dictionaryFile);
    settings.insert("signals_file", s.settings.signalsFile);
    if (!s.settings.testSignalsFile.isEmpty()) settings.insert("test_signals_file", s.settings.testSignalsFile);
  }
  QJsonObject root{{"format", kFormat},
                   {"version", 1},
                   {"title", s.title},
                   {"settings", settings},
                   {"inspect", QJsonObject{{"method", methodLabel(s.inspectedMethod)}, {"signal", s.inspectedSignal}}}};
  QJsonObject networks;
  for (const auto& [kind, file] : s.networks)
    networks.insert(methodLabel(kind), networkJson(file));
  if (!networks.isEmpty()) root.insert("networks", networks);
  if (!s.focus.isEmpty()) root.insert("focus", s.focus);
  if (s.costMedian) root.insert("cost_curve", "median");
  if (s.costEveryBand) root.insert("cost_bands", "every");
  return readableJson(root);
}

namespace {

// Exactly the types the format says: a wrong type is refused, never read as a default.
bool typed(const QJsonObject& object, const QString& at, const char* key, QJsonValue::Type type, const char* what,
           QString* error) {
  if (!object.contains(key) || object.value(key).type() == type) return true;
  *error = QString("%1: '%2' must be %3").arg(at, key, what);
  return false;
}

// The format, version and the types of the top-level fields.
bool checkRoot(const QJsonObject& root, const QString& source, QString* error) {
  if (root.value("format").toString() != kFormat) {
    *error = QString("%1: not an Unfold Lab session (format is not '%2')").arg(source, kFormat);
    return false;
  }
  if (root.value("version").toInt() != 1) {
    *error = QString("%1: unsupported session version %2").arg(source).arg(root.value("version").toInt());
    return false;
  }
  return typed(root, source, "title", QJsonValue::String, "a string", error) &&
         typed(root, source, "settings", QJsonValue::Object, "an object", error) &&
         typed(root, source, "inspect", QJsonValue::Object, "an object", error) &&
         typed(root, source, "networks", QJsonValue::Object, "an object", error) &&
         typed(root, source, "focus", QJsonValue::String, "a string", error);
}

// The value of `key`, a string, one of the two `allowed` (the first when absent); nullopt and an error
// otherwise.
std::optional<QString> eitherOf(const QJsonObject& root, const QString& source, const char* key,
                                const std::array<QString, 2>& allowed, QString* error) {
  if (!typed(root, source, key, QJsonValue::String, "a string", error)) return std::nullopt;
  const QString value = root.value(key).toString(allowed[0]);
  if (value == allowed[0] || value == allowed[1]) return value;
  *error = QString("%1: '%2' must be %3 or %4, not %5").arg(source, key, allowed[0], allowed[1], quoted(value));
  return std::nullopt;
}

// The problem: its source, files, sizes, seed and lambda.
bool readProblem(const QJsonObject& o, const QString& where, ExperimentSettings& s, QString* error) {
  const qsizetype sourceIndex = kSources.indexOf(o.value("dictionary").toString("gaussian"));
  if (sourceIndex < 0) {
    *error = where + ": 'dictionary' must be gaussian, digits or files";
    return false;
  }
  s.source = static_cast<ProblemSource>(sourceIndex);
  s.dictionaryFile = o.value("dictionary_file").toString();
  s.signalsFile = o.value("signals_file").toString();
  s.testSignalsFile = o.value("test_signals_file").toString();  // optional: one file may hold both sets
  if (s.source == ProblemSource::Files && (s.dictionaryFile.isEmpty() || s.signalsFile.isEmpty())) {
    *error = where + ": 'dictionary_file' and 'signals_file' are needed with \"dictionary\": \"files\"";
    return false;
  }
  // Fields added after the first sessions were written are optional, with the defaults.
  const auto optionalInteger = [&](const char* key, int low, int high, int& out) {
    return !o.contains(key) || integerField(o, key, low, high, out, where, error);
  };
  int seed = 0;
  if (!integerField(o, "n", 1, 2000, s.n, where, error) || !integerField(o, "m", 1, 8000, s.m, where, error) ||
      !integerField(o, "signals", 1, 100000, s.signalCount, where, error) ||
      !integerField(o, "iterations", 1, 100000, s.iterations, where, error) ||
      !integerField(o, "seed", 0, 1000000, seed, where, error) ||
      !optionalInteger("train_signals", 2, 100000, s.trainCount) || !optionalInteger("layers", 1, 200, s.layers) ||
      !optionalInteger("training_iterations", 1, 1000000, s.trainingIterations))
    return false;
  s.seed = static_cast<quint64>(seed);
  return true;
}

// The training, lambda and the methods chosen.
bool readMethods(const QJsonObject& o, const QString& where, ExperimentSettings& s, QString* error) {
  s.layerWise = o.value("layer_wise").toBool(false);
  const auto loss = parseLossKind(o.value("loss").toString("unsupervised").toStdString());
  if (!loss) {
    *error = where + ": 'loss' must be unsupervised, semi-supervised or supervised";
    return false;
  }
  s.loss = *loss;
  const QString lambdaRange = "a number from 0.0001 to 1.5, a fraction of lambda_max";
  if (!present(o, "lambda", lambdaRange, where, error)) return false;
  s.lambda = o.value("lambda").toDouble(-1);
  if (!(s.lambda >= 1e-4 && s.lambda <= 1.5)) {
    *error = QString("%1: 'lambda' must be %2 (got %3)").arg(where, lambdaRange, shownValue(o.value("lambda")));
    return false;
  }
  s.solvers.clear();
  s.networks.clear();
  for (const QJsonValue& m : o.value("methods").toArray()) {
    if (!m.isString() || !choose(s, m.toString())) {
      const QString shown = m.isString() ? quoted(m.toString()) : shownValue(m);
      *error = QString("%1: unknown method %2 (%3)").arg(where, shown, methodNames().join(", "));
      return false;
    }
  }
  return true;
}

bool readSettings(const QJsonObject& o, const QString& where, ExperimentSettings& s, QString* error) {
  return typed(o, where, "dictionary", QJsonValue::String, "a string (gaussian, digits or files)", error) &&
         typed(o, where, "dictionary_file", QJsonValue::String, "a string (a path)", error) &&
         typed(o, where, "signals_file", QJsonValue::String, "a string (a path)", error) &&
         typed(o, where, "test_signals_file", QJsonValue::String, "a string (a path)", error) &&
         typed(o, where, "layer_wise", QJsonValue::Bool, "true or false", error) &&
         typed(o, where, "loss", QJsonValue::String, "a string (unsupervised, semi-supervised or supervised)", error) &&
         typed(o, where, "lambda", QJsonValue::Double, "a number", error) &&
         typed(o, where, "methods", QJsonValue::Array, "an array of method names", error) &&
         readProblem(o, where, s, error) && readMethods(o, where, s, error);
}

// Trained weights are checked against the problem when the run uses them (network_training_run.h);
// weights that cannot be read are left out, and that network trains anew.
TrainedNetworks readNetworks(const QJsonObject& networks, const QString& source) {
  TrainedNetworks out;
  for (auto it = networks.begin(); it != networks.end(); ++it) {
    const auto kind = parseParametrization(it.key().toLower().toStdString());
    if (!kind) continue;
    try {
      out[*kind] = parseNetworkObject(it.value().toObject(), source.toStdString() + ", networks, " + it.key().toStdString());
    } catch (const InputError&) {
      continue;  // see above
    }
  }
  return out;
}

bool readInspection(const QJsonObject& inspect, const QString& source, Session& s, QString* error) {
  if (!typed(inspect, source + ", inspect", "method", QJsonValue::String, "a string (ISTA, FISTA, OISTA, SLISTA, …)", error) ||
      !typed(inspect, source + ", inspect", "signal", QJsonValue::Double, "an integer", error))
    return false;
  // A solver, or a network (its layers).
  const std::string name = inspect.value("method").toString("OISTA").toLower().toStdString();
  const auto solver = parseAlgorithm(name);
  const auto network = solver ? std::nullopt : parseParametrization(name);
  s.inspectedMethod = solver ? MethodKey(*solver) : network ? MethodKey(*network) : MethodKey(Algorithm::Oista);
  s.inspectedSignal = inspect.value("signal").toInt(0);
  if ((!solver && !network) || s.inspectedSignal < 0 || s.inspectedSignal >= kInspectedSignalLimit) {
    *error = source + QString(", inspect: 'method' must be ISTA, FISTA, OISTA, ISTA-BT, LISTA, LISTA-CP, ALISTA or SLISTA and "
                              "'signal' 0 to %1").arg(kInspectedSignalLimit - 1);
    return false;
  }
  return true;
}

}  // namespace

std::optional<Session> parseSession(const QByteArray& json, const QString& source, QString* error) {
  QJsonParseError parse;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parse);
  if (parse.error != QJsonParseError::NoError) {
    *error = QString("%1: not valid JSON at offset %2 (%3)").arg(source).arg(parse.offset).arg(parse.errorString());
    return std::nullopt;
  }
  if (const auto duplicate = firstDuplicateKey(std::string_view(json.constData(), size_t(json.size())))) {
    *error = source + ": " + QString::fromStdString(duplicateKeyMessage(*duplicate));
    return std::nullopt;
  }
  const QJsonObject root = document.object();
  if (!checkRoot(root, source, error)) return std::nullopt;
  Session s;
  s.title = root.value("title").toString();
  if (!readSettings(root.value("settings").toObject(), source + ", settings", s.settings, error)) return std::nullopt;
  s.networks = readNetworks(root.value("networks").toObject(), source);
  if (!readInspection(root.value("inspect").toObject(), source, s, error)) return std::nullopt;
  s.focus = root.value("focus").toString();
  if (!s.focus.isEmpty() && !kFocusPlots.contains(s.focus)) {
    *error = QString("%1: 'focus' must be one of %2, not %3").arg(source, kFocusPlots.join(", "), quoted(s.focus));
    return std::nullopt;
  }
  const auto costCurve = eitherOf(root, source, "cost_curve", {"mean", "median"}, error);
  const auto costBands = costCurve ? eitherOf(root, source, "cost_bands", {"inspected", "every"}, error) : std::nullopt;
  if (!costBands) return std::nullopt;
  s.costMedian = *costCurve == "median";
  s.costEveryBand = *costBands == "every";
  return s;
}

std::optional<Session> readSessionFile(const QString& path, QString* error) {
  if (QFile file(path); !file.open(QIODevice::ReadOnly)) {  // the message the window has always shown
    *error = QString("%1: cannot open (%2)").arg(path, file.errorString());
    return std::nullopt;
  }
  try {
    // Bounded: a device such as /dev/zero reports size 0 and never ends.
    const std::string name = path.toStdString();
    return parseSession(readBoundedFile(name, kSessionFileLimit, "a session file", textOnly(name)), path, error);
  } catch (const InputError& e) {
    *error = QString::fromStdString(e.what());
    return std::nullopt;
  }
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
