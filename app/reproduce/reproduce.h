// unfoldlab reproduce: the paper's figures (Ablin et al. 2019) from scratch, each as PNG (300 dpi), PDF
// and SVG plus the CSV of every curve. Three scales: the paper's protocol, --quick (minutes) and --tiny
// (seconds, for tests; the numbers are not meaningful at that size).
#pragma once

#include "figure_files.h"
#include "networks/network_trainer.h"
#include "protocol_shards.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <ostream>
#include <vector>

namespace unfold::reproduce {

enum class Scale { Full, Quick, Tiny };

struct Context {
  Scale scale = Scale::Full;
  QString directory;   // exists
  FigureFiles& files;  // where the figure's CSV and pictures go (checked before the figure computes)
  std::ostream& out;   // what was written
  std::ostream& err;   // progress
  // networks only: train the K-th of N parts into the shared DIR and draw nothing (protocol_shards.h)
  std::optional<Shard> shard = std::nullopt;
  int planShards = 0;  // networks only: print the split into this many shards with time estimates, train nothing
  Optimizer optimizer = Optimizer::Lbfgs;  // networks only: how every network is trained
  int signalCount = 0;      // networks only: training and test signals each (0: the scale's)
  std::vector<int> depths;  // networks only: the depths trained (empty: the scale's)
};

// Each fills context.files; throws InputError on bad input or a failed write.
void reproduceOista(const Context& context);
void reproduceLsRatio(const Context& context);
void reproduceLearnedSteps(const Context& context);
void reproduceCoupling(const Context& context);
void reproduceNetworks(const Context& context);  // resumable: see networks_protocol.cpp
void reproduceIterations(const Context& context);  // Fig. E.2
void reproduceSampleSize(const Context& context);  // Fig. E.3
// Throws InputError if DIR holds a networks run of another protocol (checked before any figure computes).
void checkNetworksProtocol(const Context& context);

// The subcommand: unfoldlab reproduce oista|ls-ratio|learned-steps|coupling|networks|all [--quick] --out DIR
int runReproduce(const QStringList& arguments, std::ostream& out, std::ostream& err);

// A CSV cell: a number to full precision, empty for NaN.
std::string csvNumber(double value);

}  // namespace unfold::reproduce
