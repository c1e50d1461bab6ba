// unfoldlab attack: adversarial signals for a trained network (core/experiments/network_attack.h).
#include "commands.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "command_options.h"
#include "experiments/network_attack.h"
#include "io/matrix_file.h"
#include "io/network_file.h"
#include "io/output_files.h"
#include "lasso/lasso.h"
#include "interrupt.h"
#include "problem_files.h"
#include "progress_line.h"

#include <cstdio>

namespace unfold::cli {

namespace {

template <typename Field>
double mean(const std::vector<SignalRobustness>& rows, Field field) {
  double sum = 0.0;
  for (const SignalRobustness& s : rows) sum += static_cast<double>(s.*field);
  return sum / static_cast<double>(rows.size());
}

}  // namespace

int runAttack(const QStringList& arguments, std::ostream& stdOut, std::ostream& err) {
  CommandOptions options(
      "attack",
      "unfoldlab attack --net net.json [--dict D.csv] --signals X.csv [--lambda 0.1] --out adv.csv [--steps N] [--report attack.csv]",
      "Adversarial signals for a trained network: from each signal, projected gradient ascent on the network's\n"
      "suboptimality F_x(z_T) - F*(x) over the equiregularization set ||D^T x||_inf = 1 (each signal is first\n"
      "rescaled onto it). The gradient is the network's, backpropagated to x, minus x - D z*(x) (z* certified).\n"
      "A move that does not raise a signal's gap is taken back and halved, so no gap falls. Ctrl-C stops\n"
      "the attack and writes what it reached.\n"
      "Outputs: '-' is standard output; files are replaced all-or-none, never over an input.\n"
      "Limits: a matrix file at most 2 GiB, a network file at most 256 MiB.");
  addNetworkInputOptions(options, "Signals to start from, one per row.",
                         "Lasso lambda > 0: the one the network was trained for (the default).");
  options.addValue("out", "file", "The attacked signals, one per row (readable by every command).");
  options.addValue("steps", "N", "Ascent steps, 1 to 100000.", "50");
  options.addValue("report", "file",
                   "Per signal (CSV): signal,gap_before,gap_after,support_before,support_after (|S*|),\n"
                   "off_support_layer_before,off_support_layer_after (first layer with a non-zero outside S*; 0: none),\n"
                   "ls_over_l_before,ls_over_l_after (L_S*/L),\n"
                   "layers_past_2_over_ls_before,layers_past_2_over_ls_after (layers whose step exceeds 2/L_S*).");
  if (!options.parse(arguments, stdOut)) return 0;
  const std::optional<double> lambdaFlag = optionalLambda(options);
  const std::string outPath = options.text("out");
  const auto reportPath = options.optionalText("report");
  AttackSettings settings;
  settings.steps = static_cast<int>(options.integer("steps", 1, 100000));
  OutputFiles files(stdOut);
  declareFiles(files, options, {"net", "dict", "signals"}, {"out"}, {"report"});
  std::ostream& out = files.writesToStandardOutput() ? err : stdOut;  // stdout carries the file then

  NetworkInputs in = readNetworkInputs(options, lambdaFlag);
  const double lambda = in.lambda;
  // The attack's findings hold for the problem the network learned; at another lambda they mean nothing.
  if (!in.otherLambda.empty()) throw InputError(in.otherLambda + " (--lambda)");
  const Matrix& X = in.X;
  const Dictionary dictionary(std::move(in.D));
  const UnfoldedNetwork network(dictionary, lambda, in.file.weights);

  ProgressLine progress(err, false);
  std::string latest;  // a stopped attack's log ends where it stopped
  settings.progress = [&](const AttackProgress& p) {
    char line[160];
    std::snprintf(line, sizeof line, "attack: step %d/%d, mean gap %.3e (from %.3e)", p.step, p.steps, p.meanGap,
                  p.meanGapBefore);
    latest = line;
    progress.show(latest, p.step == p.steps);
    return CtrlCStops::pressed();
  };
  const AttackResult result = [&] {
    const CtrlCStops ctrlC;
    return attackNetwork(network, X, settings);
  }();
  progress.finish(latest);
  if (!result.X.allFinite()) throw InputError(in.netPath + ": the attack left the finite numbers; nothing was written");
  files.write(outPath, formatSignalsFile(outPath, result.X));
  if (reportPath) files.write(*reportPath, formatAttackReportCsv(result));
  files.commit();
  char line[400];
  std::snprintf(line, sizeof line,
                "%d steps%s: mean F(z_T) - F* %.3e -> %.3e (x%.1f); mean |S*| %.1f -> %.1f; mean L_S*/L %.3f -> %.3f\n",
                result.stepsDone, result.stopped ? " (stopped)" : "", mean(result.before, &SignalRobustness::gap),
                mean(result.after, &SignalRobustness::gap),
                mean(result.after, &SignalRobustness::gap) / mean(result.before, &SignalRobustness::gap),
                mean(result.before, &SignalRobustness::supportSize), mean(result.after, &SignalRobustness::supportSize),
                mean(result.before, &SignalRobustness::lsOverL), mean(result.after, &SignalRobustness::lsOverL));
  out << line;
  out << "wrote " << printableText(outPath) << "\n";
  if (reportPath) out << "wrote " << printableText(*reportPath) << "\n";
  return 0;
}

}  // namespace unfold::cli
