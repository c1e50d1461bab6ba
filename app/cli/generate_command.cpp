// unfoldlab generate: a seeded dictionary and signals written as files, the inputs of solve and train.
#include "commands.h"

#include "command_options.h"
#include "bounded_file.h"
#include "dictionary.h"
#include "experiment.h"
#include "input_error.h"
#include "quoted_text.h"
#include "matrix_file.h"
#include "output_files.h"
#include "problem_generators.h"

#include <QDir>

#include <cstdio>

namespace unfold::cli {

int runGenerate(const QStringList& arguments, std::ostream& out, std::ostream& err) {
  CommandOptions options(
      "generate",
      "unfoldlab generate --dict gaussian|digits --n 64 --m 256 --signals 1000 --seed 0 --out DIR",
      "Writes DIR/D.csv (n x m, atoms are columns) and DIR/X.csv (one signal per row), plus\n"
      "DIR/X_test.csv with --test and DIR/Z0.csv (ground-truth codes) for sparse signals.\n"
      "Signals lie on the equiregularization set ||D^T x||_inf = 1, so lambda is a fraction of\n"
      "lambda_max. The same seed gives the same files. Every file must stay within the 2 GiB a matrix\n"
      "file may have (about 85 million numbers as CSV, 268 million as .npy).");
  options.addValue("dict", "kind", "gaussian (unit-norm Gaussian atoms) or digits (8x8 images, n = 64).", "gaussian");
  options.addValue("n", "n", "Signal dimension, 1 to 100000.", "64");
  options.addValue("m", "m", "Number of atoms, 1 to 10^6.", "256");
  options.addValue("signals", "N", "Number of (training) signals, 1 to 10^8.", "1000");
  options.addValue("test", "N", "Also write N test signals to X_test (0 to 10^8).", "0");
  options.addValue("signal-kind", "kind",
                   "gaussian (x~ ~ N(0, I), the talk), dz (x~ = Dz, z ~ N(0, I), the paper's code), digits "
                   "(images), sparse (x = D z0 + noise). Default: digits for a digits dictionary, else gaussian.");
  options.addValue("nonzeros", "k", "Non-zeros of z0 for sparse signals.", "5");
  options.addValue("noise", "sigma", "Noise standard deviation for sparse signals, 0 to 1e6.", "0.01");
  options.addValue("seed", "seed", "Random seed.", "0");
  options.addValue("format", "csv|npy", "File format.", "csv");
  options.addValue("out", "DIR", "Output folder (created if missing).");
  if (!options.parse(arguments, out)) return 0;

  const std::string dictName = options.text("dict");
  const auto kind = parseDictionaryKind(dictName);
  if (!kind) throw InputError("--dict: unknown dictionary " + quotedInput(dictName) + " (gaussian or digits)");
  const auto n = options.integer("n", 1, 100000);
  const auto m = options.integer("m", 1, 1000000);
  const auto count = options.integer("signals", 1, 100000000);
  const auto testCount = options.integer("test", 0, 100000000);
  const auto seed = options.seed("seed");
  const std::string format = options.text("format");
  if (format != "csv" && format != "npy") throw InputError("--format: expected csv or npy, got " + quotedInput(format));
  SignalKind signalKind = *kind == DictionaryKind::Digits ? SignalKind::Digits : SignalKind::Gaussian;
  if (const auto name = options.optionalText("signal-kind"); name && !name->empty()) {
    const auto parsed = parseSignalKind(*name);
    if (!parsed) throw InputError("--signal-kind: unknown kind " + quotedInput(*name) + " (gaussian, dz, digits, sparse)");
    signalKind = *parsed;
  }
  SparseSignalSettings sparse;
  // --nonzeros matters for sparse signals only: its default (5) must not refuse --m 4 for other kinds.
  if (signalKind == SignalKind::Sparse || options.isSet("nonzeros"))
    sparse.nonZeros = static_cast<int>(options.integer("nonzeros", 1, m));
  sparse.noise = options.number("noise", 0.0, 1e6);
  const std::string outDir = options.text("out");
  // Every file written must be readable back: refuse, before generating, one larger than the readers'
  // limit (a CSV number takes up to 25 bytes, a .npy one 8).
  const double bytesPerEntry = format == "csv" ? 25.0 : 8.0;
  for (const auto& [name, entries] : {std::pair{"D", double(n) * double(m)}, {"X", double(n) * double(count)},
                                      {"X_test", double(n) * double(testCount)}})
    if (entries * bytesPerEntry > static_cast<double>(kMatrixFileLimit))
      throw InputError(std::string(name) + "." + format + " would be too large: " + std::to_string(static_cast<long long>(entries)) +
                       " numbers, more than a matrix file may hold (" + byteSizeText(kMatrixFileLimit) +
                       (format == "csv" ? "; --format npy takes 3x fewer bytes)" : ")"));
  if (double(n) * double(count + testCount) > 1e7) err << "generating " << count + testCount << " signals...\n";

  if (!QDir().mkpath(QString::fromStdString(outDir))) throw InputError(outDir + ": cannot create the folder");
  const auto path = [&](const std::string& name) { return outDir + "/" + name + "." + format; };
  OutputFiles files(out);
  const bool sparseSignals = signalKind == SignalKind::Sparse;
  files.addOutput("--out", path("D"));
  files.addOutput("--out", path("X"));
  if (sparseSignals) files.addOutput("--out", path("Z0"));
  if (testCount > 0) files.addOutput("--out", path("X_test"));
  if (testCount > 0 && sparseSignals) files.addOutput("--out", path("Z0_test"));
  files.check();

  const ProblemSpec spec{*kind, signalKind, n, m, count, testCount, sparse, seed};
  const Matrix D = specDictionary(spec);
  const SignalSet train = specTrainingSignals(spec, D);
  std::optional<SignalSet> test;
  if (testCount > 0) test = specTestSignals(spec, D);

  files.write(path("D"), formatMatrixFile(path("D"), D));
  files.write(path("X"), formatSignalsFile(path("X"), train.X));
  if (sparseSignals) files.write(path("Z0"), formatSignalsFile(path("Z0"), *train.Z0));
  if (test) {
    files.write(path("X_test"), formatSignalsFile(path("X_test"), test->X));
    if (sparseSignals) files.write(path("Z0_test"), formatSignalsFile(path("Z0_test"), *test->Z0));
  }
  files.commit();
  const Dictionary dictionary(D);
  char line[256];
  std::snprintf(line, sizeof line, "wrote %s: D is %lld x %lld (L = %.6g), %lld %s signals%s\n",
                outDir.c_str(), static_cast<long long>(n), static_cast<long long>(m), dictionary.lipschitz(),
                static_cast<long long>(count), signalKindName(signalKind).c_str(),
                test ? (" + " + std::to_string(testCount) + " test signals").c_str() : "");
  out << line;
  return 0;
}

}  // namespace unfold::cli
