// unfoldlab solve: one iterative solver on a batch of signals, measured against the certified F*.
#include "commands.h"

#include "command_options.h"
#include "dictionary.h"
#include "input_error.h"
#include "lasso.h"
#include "matrix_file.h"
#include "problem_files.h"
#include "reference_solver.h"
#include "solver.h"
#include "trace_recorder.h"

#include <chrono>
#include <cstdio>

namespace unfold::cli {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int runSolve(const QStringList& arguments, std::ostream& out, std::ostream&) {
  CommandOptions options(
      "solve",
      "unfoldlab solve --dict D.csv --signals X.csv --lambda 0.1 --algo ista|fista|oista --iters 1000 "
      "[--trace trace.csv] [--codes Z.csv]",
      "Runs one solver from z = 0 on every signal (one per row of the signals file) and compares it with\n"
      "the exact Lasso solution (certified duality gap <= 1e-12 F(0)). Files are .csv or .npy.\n"
      "The trace has one row per iterate t = 0..T with the header\n"
      "iter,cost,gap,support_size,ls_over_l,step_times_l,accepted (means over the signals; the step\n"
      "columns describe the step that produced z_t and are empty at t = 0; accepted is OISTA's).");
  options.addValue("dict", "file", "Dictionary D, n rows x m columns.");
  options.addValue("signals", "file", "Signals, one per row (N x n).");
  options.addValue("lambda", "value", "Regularisation lambda > 0 (absolute).");
  options.addValue("algo", "name", "ista, fista or oista.", "ista");
  options.addValue("iters", "T", "Number of iterations.", "1000");
  options.addValue("trace", "file", "Write the per-iteration trace (CSV).");
  options.addValue("codes", "file", "Write the final codes z_T, one per row (N x m).");
  options.addSwitch("no-ls", "Leave L_S/L out of the trace (it costs eigenvalue computations).");
  if (!options.parse(arguments, out)) return 0;

  const std::string algoName = options.text("algo");
  const auto algorithm = parseAlgorithm(algoName);
  if (!algorithm) throw InputError("--algo: unknown algorithm '" + algoName + "' (ista, fista or oista)");
  const double lambda = options.positiveNumber("lambda");
  const int iterations = static_cast<int>(options.integer("iters", 0, 10000000));
  const auto tracePath = options.optionalText("trace");
  const auto codesPath = options.optionalText("codes");
  const std::string dictPath = options.text("dict");
  const std::string signalsPath = options.text("signals");

  Matrix D = readDictionary(dictPath);
  const Matrix X = readSignalsFor(D, dictPath, signalsPath);
  validateProblem(D, X, lambda);
  const Dictionary dictionary(std::move(D));
  char line[512];
  std::snprintf(line, sizeof line, "problem: n = %lld, m = %lld, N = %lld signals, lambda = %g, L = %.6g, mean lambda_max = %.6g\n",
                static_cast<long long>(dictionary.signalDimension()), static_cast<long long>(dictionary.atomCount()),
                static_cast<long long>(X.cols()), lambda, dictionary.lipschitz(), lambdaMax(dictionary.atoms(), X).mean());
  out << line;

  auto start = std::chrono::steady_clock::now();
  const ReferenceSolution reference = solveReference(dictionary, X, lambda);
  std::snprintf(line, sizeof line, "reference: F* for every signal in %.2f s, max gap / F(0) = %.2e%s\n", secondsSince(start),
                reference.maxRelativeGap(),
                reference.uncertified ? (" (" + std::to_string(reference.uncertified) + " signals above 1e-12)").c_str() : "");
  out << line;

  TraceRecorder trace(dictionary, reference.optimalCost, lambda, !options.isSet("no-ls"));
  start = std::chrono::steady_clock::now();
  const SolveResult result = solveLasso(*algorithm, dictionary, X, lambda, iterations, &trace);
  const double seconds = secondsSince(start);
  const TraceRow& last = trace.rows().back();
  std::snprintf(line, sizeof line, "%s: %d iterations in %.2f s; mean F - F* = %.3e (median %.3e), mean |S| = %.2f, mean |S*| = %.2f\n",
                algoName.c_str(), result.iterations, seconds, last.gap, last.gapQ50, last.supportSize,
                static_cast<double>((reference.Z.array() != 0.0).count()) / static_cast<double>(X.cols()));
  out << line;

  if (tracePath) {
    writeFileAtomically(*tracePath, formatTraceCsv(trace.rows()));
    out << "wrote " << *tracePath << "\n";
  }
  if (codesPath) {
    writeSignalsFile(*codesPath, result.Z);
    out << "wrote " << *codesPath << "\n";
  }
  return 0;
}

}  // namespace unfold::cli
