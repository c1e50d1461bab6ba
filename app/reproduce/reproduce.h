// unfoldlab reproduce: the paper's figures (Ablin et al. 2019) from scratch, each as PNG (300 dpi), PDF
// and SVG plus the CSV of every curve. Three scales: the paper's protocol, --quick (minutes) and --tiny
// (seconds, for tests; the numbers are not meaningful at that size).
#pragma once

#include <QString>
#include <QStringList>

#include <ostream>

namespace unfold::reproduce {

enum class Scale { Full, Quick, Tiny };

struct Context {
  Scale scale = Scale::Full;
  QString directory;   // exists
  std::ostream& out;   // what was written
  std::ostream& err;   // progress
};

// Each returns the files it wrote; throws InputError on bad input or a failed write.
QStringList reproduceOista(const Context& context);
QStringList reproduceLsRatio(const Context& context);
QStringList reproduceLearnedSteps(const Context& context);
QStringList reproduceCoupling(const Context& context);
QStringList reproduceNetworks(const Context& context);  // resumable: see networks_protocol.cpp

// The subcommand: unfoldlab reproduce oista|ls-ratio|learned-steps|coupling|networks|all [--quick] --out DIR
int runReproduce(const QStringList& arguments, std::ostream& out, std::ostream& err);

// Helpers shared by the figures: a CSV cell, and writing a CSV file atomically.
std::string csvNumber(double value);
QString writeCsv(const QString& directory, const QString& name, const std::string& contents);

}  // namespace unfold::reproduce
