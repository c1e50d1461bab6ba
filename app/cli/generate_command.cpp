// unfoldlab generate: a seeded dictionary and signals written as files, the inputs of solve and train.
#include "commands.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "command_options.h"
#include "output_folder.h"
#include "experiments/experiment.h"
#include "experiments/problem_generators.h"
#include "io/bounded_file.h"
#include "io/matrix_file.h"
#include "io/output_files.h"
#include "linalg/dictionary.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cstdio>

namespace unfold::cli {

namespace {

constexpr const char* kSynopsis = "unfoldlab generate --dict gaussian|digits --n 64 --m 256 --signals 1000 --seed 0 --out DIR";
constexpr const char* kDescription =
    "Writes DIR/D.csv (n x m, atoms are columns) and DIR/X.csv (one signal per row), plus\n"
    "DIR/X_test.csv with --test and DIR/Z0.csv (ground-truth codes) for sparse signals.\n"
    "Signals lie on the equiregularization set ||D^T x||_inf = 1, so lambda is a fraction of\n"
    "lambda_max. The same seed gives the same files. Every file must stay within the 2 GiB a matrix\n"
    "file may have (about 85 million numbers as CSV, 268 million as .npy). A folder holding files of an\n"
    "earlier set that this one would not replace (a test set, codes, the other format) is refused.";

void declareOptions(CommandOptions& options) {
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
}

struct GenerateRequest {
  ProblemSpec spec;
  std::string format, outDir;
  std::string path(const std::string& name) const { return outDir + "/" + name + "." + format; }
};

// The request from the options, in the order their errors are reported.
GenerateRequest parseRequest(const CommandOptions& options) {
  GenerateRequest r;
  ProblemSpec& spec = r.spec;
  const std::string dictName = options.text("dict");
  const auto kind = parseDictionaryKind(dictName);
  if (!kind) throw InputError("--dict: unknown dictionary " + quotedInput(dictName) + " (gaussian or digits)");
  spec.dictionary = *kind;
  spec.n = options.integer("n", 1, 100000);
  spec.m = options.integer("m", 1, 1000000);
  spec.trainCount = options.integer("signals", 1, 100000000);
  spec.testCount = options.integer("test", 0, 100000000);
  spec.seed = options.seed("seed");
  r.format = QString::fromStdString(options.text("format")).toLower().toStdString();  // any case, as every name
  if (r.format != "csv" && r.format != "npy") throw InputError("--format: expected csv or npy, got " + quotedInput(options.text("format")));
  spec.signalKind = *kind == DictionaryKind::Digits ? SignalKind::Digits : SignalKind::Gaussian;
  if (const auto name = options.optionalText("signal-kind"); name && !name->empty()) {
    const auto parsed = parseSignalKind(*name);
    if (!parsed) throw InputError("--signal-kind: unknown kind " + quotedInput(*name) + " (gaussian, dz, digits, sparse)");
    spec.signalKind = *parsed;
  }
  // --nonzeros matters for sparse signals only: its default (5) must not refuse --m 4 for other kinds.
  if (spec.signalKind == SignalKind::Sparse || options.isSet("nonzeros"))
    spec.sparse.nonZeros = static_cast<int>(options.integer("nonzeros", 1, spec.m));
  spec.sparse.noise = options.number("noise", 0.0, 1e6);
  r.outDir = options.text("out");
  return r;
}

// Every file written must be readable back: refuse, before generating, one larger than the readers'
// limit (a CSV number takes up to 25 bytes, a .npy one 8).
void checkFileSizes(const GenerateRequest& r) {
  const double bytesPerEntry = r.format == "csv" ? 25.0 : 8.0;
  const double n = double(r.spec.n);
  for (const auto& [name, entries] : {std::pair{"D", n * double(r.spec.m)}, {"X", n * double(r.spec.trainCount)},
                                      {"X_test", n * double(r.spec.testCount)}})
    if (entries * bytesPerEntry > static_cast<double>(kMatrixFileLimit))
      throw InputError(std::string(name) + "." + r.format + " would be too large: " + std::to_string(static_cast<long long>(entries)) +
                       " numbers, more than a matrix file may hold (" + byteSizeText(kMatrixFileLimit) +
                       (r.format == "csv" ? "; --format npy takes 3x fewer bytes)" : ")"));
}

// The files a request writes, without their extension.
std::vector<std::string> writtenNames(const GenerateRequest& r) {
  const bool sparse = r.spec.signalKind == SignalKind::Sparse, test = r.spec.testCount > 0;
  std::vector<std::string> names{"D", "X"};
  if (sparse) names.push_back("Z0");
  if (test) names.push_back("X_test");
  if (test && sparse) names.push_back("Z0_test");
  return names;
}

// A folder that holds files of an earlier generate that this one would not replace (a test set, codes, the
// other format) is refused: left beside the new D, they would no longer match it, and nothing would say so.
void refuseAnEarlierSetsFiles(const GenerateRequest& r, const std::vector<std::string>& written) {
  QStringList earlier;
  for (const char* name : {"D", "X", "Z0", "X_test", "Z0_test"})
    for (const char* format : {"csv", "npy"}) {
      const bool replaced = format == r.format && std::find(written.begin(), written.end(), name) != written.end();
      const QFileInfo file(QString::fromStdString(r.outDir + "/" + name + "." + format));
      if (!replaced && (file.exists() || file.isSymLink())) earlier << file.fileName();
    }
  if (!earlier.isEmpty())
    throw InputError("--out " + quotedInput(r.outDir) + " holds " + earlier.join(", ").toStdString() +
                     " of an earlier set that this run would not replace (beside the new D they would no longer "
                     "match it): remove them or choose another folder");
}

// Writes D, the training and the test signals (and their codes), all or none. Returns D.
Matrix writeProblem(const GenerateRequest& r, std::ostream& out) {
  OutputFolder folder("--out", r.outDir);
  const bool sparse = r.spec.signalKind == SignalKind::Sparse, test = r.spec.testCount > 0;
  OutputFiles files(out);
  const std::vector<std::string> written = writtenNames(r);
  refuseAnEarlierSetsFiles(r, written);
  for (const std::string& name : written) files.addFolderOutput("--out", r.path(name));
  files.check();
  const Matrix D = specDictionary(r.spec);
  const SignalSet train = specTrainingSignals(r.spec, D);
  files.write(r.path("D"), formatMatrixFile(r.path("D"), D));
  files.write(r.path("X"), formatSignalsFile(r.path("X"), train.X));
  if (sparse) files.write(r.path("Z0"), formatSignalsFile(r.path("Z0"), *train.Z0));
  if (test) {
    const SignalSet testSet = specTestSignals(r.spec, D);
    files.write(r.path("X_test"), formatSignalsFile(r.path("X_test"), testSet.X));
    if (sparse) files.write(r.path("Z0_test"), formatSignalsFile(r.path("Z0_test"), *testSet.Z0));
  }
  files.commit();
  folder.keep();
  return D;
}

}  // namespace

int runGenerate(const QStringList& arguments, std::ostream& out, std::ostream& err) {
  CommandOptions options("generate", kSynopsis, kDescription);
  declareOptions(options);
  if (!options.parse(arguments, out)) return 0;
  const GenerateRequest r = parseRequest(options);
  checkFileSizes(r);
  const ProblemSpec& spec = r.spec;
  if (double(spec.n) * double(spec.trainCount + spec.testCount) > 1e7)
    err << "generating " << spec.trainCount + spec.testCount << " signals...\n";
  const Dictionary dictionary(writeProblem(r, out));
  char line[256];
  std::snprintf(line, sizeof line, "wrote %s: D is %lld x %lld (L = %.6g), %lld %s signals%s\n", printableText(r.outDir).c_str(),
                static_cast<long long>(spec.n), static_cast<long long>(spec.m), dictionary.lipschitz(),
                static_cast<long long>(spec.trainCount), signalKindName(spec.signalKind).c_str(),
                spec.testCount > 0 ? (" + " + std::to_string(spec.testCount) + " test signals").c_str() : "");
  out << line;
  return 0;
}

}  // namespace unfold::cli
