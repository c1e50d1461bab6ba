// unfoldlab solve: one iterative solver on a batch of signals, measured against the certified F*.
#include "commands.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "command_options.h"
#include "io/matrix_file.h"
#include "io/output_files.h"
#include "lasso/lasso.h"
#include "lasso/reference_solver.h"
#include "lasso/solver.h"
#include "lasso/solver_observer.h"
#include "lasso/trace_recorder.h"
#include "linalg/dictionary.h"
#include "problem_files.h"
#include "progress_line.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace unfold::cli {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Watches the solver at every iterate: records its trace row; stops at the first non-finite cost or
// iterate (a finite input whose scale still overflows must not end in a trace of inf and NaN with exit
// code 0); streams the rows to the --trace output in 1 MB pieces (a 10^7-iteration trace never sits in
// memory); and keeps a progress line up to date on stderr.
class SolveWatch : public SolverObserver {
 public:
  SolveWatch(TraceRecorder& trace, OutputFiles& files, std::optional<std::string> tracePath, std::string algo,
             int iterations, ProgressLine& progress)
      : trace_(trace), files_(files), tracePath_(std::move(tracePath)), algo_(std::move(algo)), iterations_(iterations),
        progress_(progress) {
    trace_.keepOnlyLastRow(true);
    if (tracePath_) pending_ = traceCsvHeader();
  }
  bool onIteration(const IterationState& s) override {
    trace_.onIteration(s);
    const TraceRow& row = trace_.rows().back();
    if (!std::isfinite(row.cost) || !std::isfinite(row.gap) || !std::isfinite(row.lsOverL) ||
        !std::isfinite(row.stepTimesL.value_or(0.0))) {  // a non-finite z_t makes the cost non-finite
      failedAt_ = s.iteration;
      return true;
    }
    if (tracePath_) {
      pending_ += formatTraceRow(row);
      if (pending_.size() >= (1u << 20)) flush();
    }
    char line[160];
    std::snprintf(line, sizeof line, "%s: iteration %d/%d, %.1f s", algo_.c_str(), s.iteration, iterations_, progress_.seconds());
    progress_.show(line, s.iteration == iterations_);
    return false;
  }
  int failedAt() const { return failedAt_; }
  void finish() {
    flush();
    if (tracePath_) files_.close(*tracePath_);
  }

 private:
  void flush() {
    if (tracePath_ && !pending_.empty()) files_.append(*tracePath_, pending_);
    pending_.clear();
  }
  TraceRecorder& trace_;
  OutputFiles& files_;
  std::optional<std::string> tracePath_;
  std::string algo_;
  int iterations_;
  ProgressLine& progress_;
  std::string pending_;
  int failedAt_ = -1;
};

}  // namespace

int runSolve(const QStringList& arguments, std::ostream& stdOut, std::ostream& err) {
  CommandOptions options(
      "solve",
      "unfoldlab solve --dict D.csv --signals X.csv --lambda 0.1 --algo ista|fista|oista|ista-bt --iters 1000 "
      "[--trace trace.csv] [--codes Z.csv]",
      "Runs one solver from z = 0 on every signal (one per row of the signals file) and compares it with\n"
      "the exact Lasso solution (certified duality gap <= 1e-12 F(0)). Files are .csv or .npy.\n"
      "The trace has one row per iterate t = 0..T with the header\n"
      "iter,cost,gap,support_size,ls_over_l,step_times_l,accepted,gap_q10,gap_median,gap_q90 (means\n"
      "over the signals, then the gap's 10 %, 50 % and 90 % quantiles over them; the step columns\n"
      "describe the step that produced z_t and are empty at t = 0; accepted is OISTA's).\n"
      "Outputs: '-' is standard output (as CSV); a device or FIFO is written in place; files are\n"
      "replaced all-or-none, and an output that is an input is refused before any work.\n"
      "Limits: a matrix file at most 2 GiB.");
  options.addValue("dict", "file", "Dictionary D, n rows x m columns.");
  options.addValue("signals", "file", "Signals, one per row (N x n).");
  options.addValue("lambda", "value", "Regularisation lambda > 0 (absolute).");
  options.addValue("algo", "name", "ista, fista, oista or ista-bt (ISTA with backtracking: per signal, the last step x 2, halved\nuntil the quadratic upper bound holds; step_times_l is its accepted step x L).", "ista");
  options.addValue("iters", "T", "Number of iterations, 0 to 10^7 (the trace streams to its file).", "1000");
  options.addValue("trace", "file", "Write the per-iteration trace (CSV).");
  options.addValue("codes", "file", "Write the final codes z_T, one per row (N x m).");
  options.addSwitch("no-ls", "Leave L_S/L out of the trace (it costs eigenvalue computations).");
  options.addSwitch("progress", "Show the progress line on stderr from the start (default: once a phase takes 2 s).");
  if (!options.parse(arguments, stdOut)) return 0;

  const auto algorithm = parseAlgorithm(options.text("algo"));
  if (!algorithm) throw InputError("--algo: unknown algorithm " + quotedInput(options.text("algo")) + " (ista, fista, oista or ista-bt)");
  const std::string algoName = algorithmName(*algorithm);  // as the log and scripts spell it, whatever was typed
  const double lambda = options.positiveNumber("lambda");
  const int iterations = static_cast<int>(options.integer("iters", 0, 10000000));
  const auto tracePath = options.optionalText("trace");
  const auto codesPath = options.optionalText("codes");
  const std::string dictPath = options.text("dict");
  const std::string signalsPath = options.text("signals");
  OutputFiles files(stdOut);
  declareFiles(files, options, {"dict", "signals"}, {"codes"}, {"trace"});
  std::ostream& out = files.writesToStandardOutput() ? err : stdOut;  // stdout carries the file then

  Matrix D = readDictionary(dictPath);
  const Matrix X = readSignalsFor(D, dictPath, signalsPath);
  validateProblem(D, X, lambda, dictPath, signalsPath);
  const Dictionary dictionary(std::move(D));
  char line[512];
  std::snprintf(line, sizeof line, "problem: n = %lld, m = %lld, N = %lld signals, lambda = %g, L = %.6g, mean lambda_max = %.6g\n",
                static_cast<long long>(dictionary.signalDimension()), static_cast<long long>(dictionary.atomCount()),
                static_cast<long long>(X.cols()), lambda, dictionary.lipschitz(), lambdaMax(dictionary.atoms(), X).mean());
  out << line;

  auto start = std::chrono::steady_clock::now();
  const ReferenceSolution reference = solveReferenceShowingProgress(dictionary, X, lambda, err, options.isSet("progress"));
  std::snprintf(line, sizeof line, "reference: F* for every signal in %.2f s, max gap / F(0) = %.2e%s\n", secondsSince(start),
                reference.maxRelativeGap(),
                reference.uncertified ? (" (" + std::to_string(reference.uncertified) + " signals above 1e-12)").c_str() : "");
  out << line;

  TraceRecorder trace(dictionary, reference.optimalCost, lambda, !options.isSet("no-ls"));
  start = std::chrono::steady_clock::now();
  ProgressLine solverProgress(err, options.isSet("progress"));
  SolveWatch watch(trace, files, tracePath, algoName, iterations, solverProgress);
  const SolveResult result = solveLasso(*algorithm, dictionary, X, lambda, iterations, &watch);
  solverProgress.finish();
  if (watch.failedAt() >= 0)
    throw InputError(algoName + " produced a non-finite value (Inf or NaN) at iteration " + std::to_string(watch.failedAt()) +
                     "; the problem's scale overflows double precision. No file was replaced.");
  watch.finish();
  const double seconds = secondsSince(start);
  const TraceRow& last = trace.rows().back();
  std::snprintf(line, sizeof line, "%s: %d iterations in %.2f s; mean F - F* = %.3e (median %.3e), mean |S| = %.2f, mean |S*| = %.2f\n",
                algoName.c_str(), result.iterations, seconds, last.gap, last.gapQ50, last.supportSize,
                static_cast<double>((reference.Z.array() != 0.0).count()) / static_cast<double>(X.cols()));
  out << line;

  if (codesPath) files.write(*codesPath, formatSignalsFile(*codesPath, result.Z));
  files.commit();
  if (tracePath) out << "wrote " << printableText(*tracePath) << "\n";
  if (codesPath) out << "wrote " << printableText(*codesPath) << "\n";
  return 0;
}

}  // namespace unfold::cli
