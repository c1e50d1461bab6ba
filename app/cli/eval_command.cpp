// unfoldlab eval: a saved network on a set of signals, layer by layer, next to ISTA and FISTA.
#include "commands.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "command_options.h"
#include "io/matrix_file.h"
#include "io/network_file.h"
#include "io/output_files.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "networks/network_diagnostics.h"
#include "problem_files.h"

#include <cmath>
#include <cstdio>

namespace unfold::cli {

int runEval(const QStringList& arguments, std::ostream& stdOut, std::ostream& err) {
  CommandOptions options("eval", "unfoldlab eval --net net.json [--dict D.csv] --signals X.csv [--lambda 0.1] [--report report.csv] [--codes Z.csv]",
                         "Evaluates a trained network (checked against the dictionary it was trained for) on the signals:\n"
                         "per layer t, the mean F(z_t) - F* next to ISTA and FISTA after t iterations.\n"
                         "Outputs: '-' is standard output; files are replaced all-or-none, never over an input.\n"
                         "Limits: a matrix file at most 2 GiB, a network file at most 256 MiB.");
  addNetworkInputOptions(options, "Signals, one per row.", "Lasso lambda > 0 (default: the one the network was trained for).");
  options.addValue("report", "file", "Per-layer report (CSV).");
  options.addValue("diagnostics", "file",
                   "Per-layer diagnostics for figures (CSV): the report's columns, then threshold_times_l, "
                   "lista_wz_coupling, inv_ls_q10, inv_ls_q50, inv_ls_q90 (1/L_S quantiles in units of 1/L).");
  options.addValue("codes", "file", "The network's output codes z_T, one per row (N x m), like solve --codes.");
  if (!options.parse(arguments, stdOut)) return 0;
  const std::optional<double> lambdaFlag = optionalLambda(options);
  const auto reportPath = options.optionalText("report");
  const auto diagnosticsPath = options.optionalText("diagnostics");
  const auto codesPath = options.optionalText("codes");
  OutputFiles files(stdOut);
  declareFiles(files, options, {"net", "dict", "signals"}, {"codes"}, {"report", "diagnostics"});
  std::ostream& out = files.writesToStandardOutput() ? err : stdOut;  // stdout carries the file then

  NetworkInputs in = readNetworkInputs(options, lambdaFlag);
  const double lambda = in.lambda;
  if (!in.otherLambda.empty()) err << "warning: " << in.otherLambda << " (evaluating at --lambda)\n";
  const Matrix& X = in.X;
  const Dictionary dictionary(std::move(in.D));
  const UnfoldedNetwork network(dictionary, lambda, in.file.weights);
  const ReferenceSolution reference = solveReferenceShowingProgress(dictionary, X, lambda, err, false);
  const std::vector<LayerDiagnostics> report = diagnoseNetwork(network, X, X, reference.optimalCost);
  for (const LayerDiagnostics& r : report)  // printed or written, an Inf or NaN would pass as a result
    if (!std::isfinite(r.testGap))
      throw InputError(in.netPath + ": the network's gap is not finite (Inf or NaN) at layer " + std::to_string(r.layer) +
                       " on these signals (its weights are too large for them); nothing was written");
  if (reportPath) files.write(*reportPath, formatReportCsv(report));
  if (diagnosticsPath) files.write(*diagnosticsPath, formatDiagnosticsCsv(report));
  if (codesPath) {
    const Matrix Z = network.forward(X);
    if (!Z.allFinite()) throw InputError(in.netPath + ": the network's output is not finite (Inf or NaN) on these signals; no file was replaced");
    files.write(*codesPath, formatSignalsFile(*codesPath, Z));
  }
  files.commit();
  char line[256];
  out << "layer  network_gap    ista_gap       fista_gap\n";
  for (const LayerDiagnostics& r : report) {
    std::snprintf(line, sizeof line, "%5d  %.6e  %.6e  %.6e\n", r.layer, r.testGap, r.istaGap, r.fistaGap);
    out << line;
  }
  if (reportPath) out << "wrote " << printableText(*reportPath) << "\n";
  if (diagnosticsPath) out << "wrote " << printableText(*diagnosticsPath) << "\n";
  if (codesPath) out << "wrote " << printableText(*codesPath) << "\n";
  return 0;
}

}  // namespace unfold::cli
