#include "reproduce.h"

#include "protocol_spec.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "command_options.h"
#include "output_folder.h"
#include "io/matrix_file.h"

#include <QDir>

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <vector>

namespace unfold::reproduce {

std::string csvNumber(double value) {
  if (std::isnan(value)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

int runReproduce(const QStringList& arguments, std::ostream& out, std::ostream& err) {
  cli::CommandOptions options(
      "reproduce", "unfoldlab reproduce oista|ls-ratio|learned-steps|coupling|networks|iterations|sample-size|all "
                   "[--quick | --tiny] --out DIR [--optimizer gd|adam|lbfgs] [--signals N] [--depths LIST] [--shard K/N | --plan N]",
      "Reproduces a figure of 'Learning step sizes for unfolded sparse coding' (Ablin et al. 2019) from scratch:\n"
      "DIR/NAME.png (300 dpi), NAME.pdf, NAME.svg and the CSV of every curve.\n"
      "  oista          ISTA, FISTA, OISTA, ISTA-BT and their steps (Fig. 2)             seconds\n"
      "  ls-ratio       L_S/L against |S|/m with Marchenko-Pastur (Fig. E.1)              ~20 s\n"
      "  learned-steps  SLISTA's learned steps against 1/L_S (Fig. 4)                     minutes (--quick: ~20 s)\n"
      "  coupling       weight coupling of a 40-layer LISTA-CP (Fig. 5), and its control  ~3 min (--quick: ~15 s)\n"
      "  networks       networks against depth, simulated and digits data (Fig. 6)        hours (--quick: minutes);\n"
      "                 resumable: rerun the same command to continue from what is saved in DIR;\n"
      "                 on a cluster: --shard K/N per job (sharing DIR), then once without --shard\n"
      "  iterations     iterations and time to F* + 1e-8, ISTA, FISTA, OISTA, ISTA-BT (Fig. E.2)  minutes\n"
      "  sample-size    LISTA-CP and SLISTA against the training set's size (Fig. E.3)    minutes\n"
      "  all            every figure");
  options.addSwitch("quick", "Fewer signals, layers and training steps: minutes, not hours.");
  options.addSwitch("tiny", "Toy sizes that run in seconds (for tests; the numbers mean little).");
  options.addValue("out", "dir", "Output folder (created if missing).");
  options.addValue("shard", "K/N", "networks: train only the K-th of N parts (balanced by cost) into DIR, shared by\n"
                                   "all shards; draws nothing (scripts/slurm/reproduce-networks.sbatch runs them).");
  options.addValue("optimizer", "name",
                   "networks: gd, adam or lbfgs for every network (unfoldlab train --optimizer). Default lbfgs:\n"
                   "each depth starts from the trained one before and stops once its test gap falls by less than\n"
                   "1 % in 20 steps (100 at most). gd: the paper's protocol, 3,000 steps from ISTA (days).", "lbfgs");
  options.addValue("signals", "N", "networks: training and test signals, N each (default: 10000; --quick 500).");
  options.addValue("depths", "list", "networks: the depths, e.g. 1-30 (the default), 5,10,20 or 1-5,10.");
  options.addValue("plan", "N", "networks: print the split into N shards and train nothing: per shard its networks "
                                "(what is done in DIR left out), its seconds on a 2-core AMD EPYC at most (every "
                                "network using all its steps: the time limit) and as expected.");
  options.addPositional("figure", "oista, ls-ratio, learned-steps, coupling, networks, iterations, sample-size or all.");
  if (!options.parse(arguments, out)) return 0;
  const std::map<QString, std::function<void(const Context&)>> figures = {
      {"oista", reproduceOista},     {"ls-ratio", reproduceLsRatio}, {"learned-steps", reproduceLearnedSteps},
      {"coupling", reproduceCoupling}, {"networks", reproduceNetworks}, {"iterations", reproduceIterations},
      {"sample-size", reproduceSampleSize}};
  const QString figure = options.positional().value(0);
  if (!figures.count(figure) && figure != "all")
    throw InputError((figure.isEmpty() ? std::string("name a figure") : "unknown figure " + quotedInput(figure.toStdString())) +
                     ": oista, ls-ratio, learned-steps, coupling, networks, iterations, sample-size or all");
  if (options.isSet("tiny") && options.isSet("quick")) throw InputError("--tiny and --quick: give one of them");
  const Scale scale = options.isSet("tiny") ? Scale::Tiny : options.isSet("quick") ? Scale::Quick : Scale::Full;
  const auto optimizer = parseOptimizer(options.text("optimizer"));
  if (!optimizer) throw InputError("--optimizer: unknown optimizer " + quotedInput(options.text("optimizer")) + " (gd, adam or lbfgs)");
  if (options.isSet("optimizer") && figure != "networks" && figure != "all")
    throw InputError("--optimizer goes with the networks figure");
  int signalCount = 0;
  std::vector<int> depths;
  if ((options.isSet("signals") || options.isSet("depths")) && figure != "networks" && figure != "all")
    throw InputError("--signals and --depths go with the networks figure");
  if (options.isSet("signals")) signalCount = static_cast<int>(options.integer("signals", 2, 1000000));
  if (options.isSet("depths")) {
    const std::string text = options.optionalText("depths").value_or("");
    depths = parseDepths(text);
    if (depths.empty())
      throw InputError("--depths: " + quotedInput(text) + " is not increasing depths 1 to 200 such as 1-30 or 5,10,20");
  }
  cli::OutputFolder folder("--out", options.text("out"));
  const QString directory = folder.path();
  std::optional<Shard> shard;
  int planShards = 0;
  if (options.isSet("shard") || options.isSet("plan")) {
    if (figure != "networks") throw InputError("--shard and --plan go with the networks figure");
    if (options.isSet("shard") && options.isSet("plan")) throw InputError("--shard and --plan: give one of them");
    if (options.isSet("shard")) {
      shard = parseShard(options.text("shard"));
      if (!shard) throw InputError("--shard: " + quotedInput(options.text("shard")) + " is not K/N with 1 <= K <= N <= 10000");
    } else {
      planShards = static_cast<int>(options.integer("plan", 1, kMaxShards));
    }
    FigureFiles unused(directory, "networks", false, out);  // a shard or a plan draws nothing
    reproduceNetworks(Context{scale, directory, unused, out, err, shard, planShards, *optimizer, signalCount, depths});
    folder.keep();
    return 0;
  }
  // Every figure's files are checked before the first figure computes; each figure's files are then
  // replaced together when it is complete (so `all` keeps the figures finished before a failure).
  std::vector<std::pair<QString, std::unique_ptr<FigureFiles>>> selected;
  for (const auto& [name, make] : figures)
    if (figure == "all" || figure == name)
      selected.emplace_back(name, std::make_unique<FigureFiles>(directory, name, name != "networks", out,
                                                                name == "coupling" ? QStringList{"control"} : QStringList{}));
  for (auto& [name, files] : selected) files->check();
  if (figure == "all" || figure == "networks")  // a refused networks folder is said now, not after the other figures
    checkNetworksProtocol(Context{scale, directory, *selected.front().second, out, err, std::nullopt, 0, *optimizer, signalCount, depths});
  QStringList written;
  for (auto& [name, files] : selected) {
    err << "reproducing " << name.toStdString() << "...\n";
    figures.at(name)(Context{scale, directory, *files, out, err, std::nullopt, 0, *optimizer, signalCount, depths});
    if (name == "networks") written << QDir(directory).filePath("networks.csv");
    written << files->commit();
    folder.keep();
  }
  for (const QString& path : written) out << "wrote " << printableText(path.toStdString()) << "\n";
  return 0;
}

}  // namespace unfold::reproduce
