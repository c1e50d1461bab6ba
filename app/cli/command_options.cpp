#include "command_options.h"

#include "base/input_error.h"
#include "base/quoted_text.h"

#include <QRegularExpression>

#include <cmath>
#include <cstdio>

namespace unfold::cli {

namespace {

std::string flag(const QString& name) { return "--" + name.toStdString(); }

std::string formatLimit(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// QCommandLineParser wraps an option's help to its column itself; a line break written into the help in
// the source would end a line mid-sentence, so breaks there only keep the source lines short.
QString flowing(QString help) { return help.replace('\n', ' '); }

}  // namespace

CommandOptions::CommandOptions(std::string command, std::string synopsis, std::string description)
    : command_(std::move(command)), synopsis_(std::move(synopsis)) {
  parser_.setApplicationDescription(QString::fromStdString(description));
  parser_.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  parser_.addOption(QCommandLineOption({"h", "help"}, "Show this help."));
}

void CommandOptions::addValue(const QString& name, const QString& valueName, const QString& help,
                              const QString& defaultValue) {
  QCommandLineOption option(name, flowing(help), valueName);
  if (!defaultValue.isEmpty()) option.setDefaultValue(defaultValue);
  parser_.addOption(option);
  valueNames_ << name;
}

void CommandOptions::addSwitch(const QString& name, const QString& help) {
  parser_.addOption(QCommandLineOption(name, flowing(help)));
}

void CommandOptions::addPositional(const QString& name, const QString& help) {
  parser_.addPositionalArgument(name, flowing(help));
  ++positionalCount_;
}

QStringList CommandOptions::positional() const { return parser_.positionalArguments(); }

bool CommandOptions::parse(const QStringList& arguments, std::ostream& out) {
  QStringList withProgram = arguments;
  withProgram.prepend(QString::fromStdString("unfoldlab " + command_));
  if (!parser_.parse(withProgram)) {
    // The parser's own message has the unknown name as typed, a terminal's escape sequences and all.
    if (const QStringList unknown = parser_.unknownOptionNames(); !unknown.isEmpty())
      throw InputError("Unknown option " + quotedInput(unknown.front().toStdString()) + ".");
    throw InputError(parser_.errorText().toStdString());
  }
  if (parser_.isSet("help")) {
    QString help = parser_.helpText();
    help.replace(QRegularExpression("^Usage: [^\n]*"), QString::fromStdString("Usage: " + synopsis_));
    out << help.toStdString();
    return false;
  }
  for (const QString& name : std::as_const(valueNames_)) {
    if (!parser_.isSet(name)) continue;
    const QStringList values = parser_.values(name);
    // The last of two would win without a word ("--algo ista ... --algo fista" ran FISTA).
    if (values.size() > 1)
      throw InputError(flag(name) + " is given " + std::to_string(values.size()) + " times (" +
                       quotedInput(values.front().toStdString()) + ", " + quotedInput(values.back().toStdString()) +
                       "): give it once");
    // A value left out takes the next option as the value: "--codes --trace t.csv" wrote a file "--trace".
    if (values.front().startsWith("--"))
      throw InputError(flag(name) + " has no value: it would take the option " + quotedInput(values.front().toStdString()) +
                       " as one (a file so named: ./" + values.front().toStdString() + ")");
  }
  if (parser_.positionalArguments().size() > positionalCount_)
    throw InputError("unexpected argument " + quotedInput(parser_.positionalArguments().at(positionalCount_).toStdString()) +
                     " (see unfoldlab " + command_ + " --help)");
  return true;
}

std::optional<std::string> CommandOptions::optionalText(const QString& name) const {
  if (!parser_.isSet(name) && parser_.value(name).isEmpty()) return std::nullopt;
  return parser_.value(name).toStdString();
}

std::string CommandOptions::text(const QString& name) const {
  const auto value = optionalText(name);
  if (!value) throw InputError(flag(name) + " is required (see unfoldlab " + command_ + " --help)");
  if (value->empty()) throw InputError(flag(name) + " is empty (see unfoldlab " + command_ + " --help)");
  return *value;
}

double CommandOptions::finiteNumber(const QString& name) const {
  const std::string value = text(name);
  bool ok = false;
  const double number = QString::fromStdString(value).toDouble(&ok);
  if (!ok || !std::isfinite(number)) throw InputError(flag(name) + ": not a number " + quotedInput(value));
  return number;
}

double CommandOptions::positiveNumber(const QString& name, double maximum) const {
  const double number = finiteNumber(name);
  if (!(number > 0.0)) throw InputError(flag(name) + " must be > 0 (got " + text(name) + ")");
  if (number > maximum) throw InputError(flag(name) + " must be at most " + formatLimit(maximum) + " (got " + text(name) + ")");
  return number;
}

double CommandOptions::number(const QString& name, double minimum, double maximum) const {
  const double number = finiteNumber(name);
  if (number < minimum || number > maximum)
    throw InputError(flag(name) + " must be between " + formatLimit(minimum) + " and " + formatLimit(maximum) + " (got " +
                     text(name) + ")");
  return number;
}

long long CommandOptions::integer(const QString& name, long long minimum, long long maximum) const {
  const std::string value = text(name);
  bool ok = false;
  const long long number = QString::fromStdString(value).toLongLong(&ok);
  if (!ok) throw InputError(flag(name) + ": not an integer " + quotedInput(value));
  if (number < minimum || number > maximum)
    throw InputError(flag(name) + " must be between " + std::to_string(minimum) + " and " +
                     std::to_string(maximum) + " (got " + value + ")");
  return number;
}

std::uint64_t CommandOptions::seed(const QString& name) const {
  const std::string value = text(name);
  bool ok = false;
  const qulonglong number = QString::fromStdString(value).toULongLong(&ok);
  if (!ok) throw InputError(flag(name) + ": not a non-negative integer " + quotedInput(value));
  return number;
}

}  // namespace unfold::cli
