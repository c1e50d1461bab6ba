// Parsing of one subcommand's options (on QCommandLineParser) with the checks every subcommand needs:
// --help, unknown options, required options, and numbers, each failing with an InputError that names
// the flag and the bad value.
#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace unfold::cli {

class CommandOptions {
 public:
  CommandOptions(std::string command, std::string synopsis, std::string description);

  // Declares --name VALUE (valueName is shown in --help) or a --name switch.
  void addValue(const QString& name, const QString& valueName, const QString& help,
                const QString& defaultValue = {});
  void addSwitch(const QString& name, const QString& help);
  // Declares an argument that is not an option (most commands take none); positional() lists them.
  void addPositional(const QString& name, const QString& help);
  QStringList positional() const;

  // Parses the subcommand's arguments (without the program and subcommand names). Returns false if
  // --help was asked (the help text has been written to `out`); throws InputError on a bad command line.
  bool parse(const QStringList& arguments, std::ostream& out);

  bool isSet(const QString& name) const { return parser_.isSet(name); }
  std::string text(const QString& name) const;          // throws if missing and no default
  std::optional<std::string> optionalText(const QString& name) const;
  // Numbers are parsed whole ("1.5x" and "nan" are refused), finite, and within the given range.
  double positiveNumber(const QString& name, double maximum = 1e300) const;  // > 0 and <= maximum
  double number(const QString& name, double minimum, double maximum) const;
  long long integer(const QString& name, long long minimum, long long maximum) const;
  std::uint64_t seed(const QString& name) const;

 private:
  double finiteNumber(const QString& name) const;
  std::string command_;
  std::string synopsis_;
  QCommandLineParser parser_;
  qsizetype positionalCount_ = 0;
  QStringList valueNames_;  // the options that take a value
};

}  // namespace unfold::cli
