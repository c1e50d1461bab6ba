#include "problem_files.h"

#include "base/input_error.h"
#include "base/shortest_decimal.h"
#include "io/matrix_file.h"
#include "lasso/lasso.h"
#include "progress_line.h"

#include <cmath>

namespace unfold::cli {

Matrix readDictionary(const std::string& path) {
  Matrix D = readDictionaryFile(path);
  if (D.cols() < 1 || D.rows() < 1) throw InputError(path + ": the dictionary is empty");
  return D;
}

Matrix readSignalsFor(const Matrix& D, const std::string& dictPath, const std::string& path) {
  Matrix X = readSignalsFile(path);
  if (X.rows() != D.rows())
    throw InputError("shape mismatch: " + dictPath + " has n = " + std::to_string(D.rows()) + " rows but the signals in " +
                     path + " have " + std::to_string(X.rows()) + (X.rows() == 1 ? " column" : " columns") + " (one signal per row)");
  return X;
}

Matrix readCodesFor(const Matrix& D, Eigen::Index signalCount, const std::string& path) {
  Matrix Z = readSignalsFile(path);
  if (Z.rows() != D.cols() || Z.cols() != signalCount)
    throw InputError("shape mismatch: " + path + " must hold " + std::to_string(signalCount) + " codes of size m = " +
                     std::to_string(D.cols()) + " (one per row), it is " + std::to_string(Z.cols()) + " x " +
                     std::to_string(Z.rows()));
  return Z;
}

Matrix dictionaryForNetwork(const NetworkFile& network, const std::string& netPath,
                            const std::optional<std::string>& dictPath) {
  if (!dictPath) {
    if (network.dictionary.size() == 0)
      throw InputError(netPath + ": the file does not hold its dictionary (a reproduce checkpoint, or saved by an older version); give --dict");
    return network.dictionary;
  }
  Matrix D = readDictionary(*dictPath);
  checkDictionary(network, D, netPath);
  return D;
}

void addNetworkOptions(CommandOptions& options) {
  options.addValue("net", "file", "Network saved by unfoldlab train.");
  options.addValue("dict", "file", "The dictionary it was trained for (default: the one the network file holds).");
}

void addNetworkInputOptions(CommandOptions& options, const QString& signalsHelp, const QString& lambdaHelp) {
  addNetworkOptions(options);
  options.addValue("signals", "file", signalsHelp);
  options.addValue("lambda", "value", lambdaHelp);
}

std::optional<double> optionalLambda(const CommandOptions& options) {
  return options.isSet("lambda") ? std::optional(options.positiveNumber("lambda")) : std::nullopt;
}

NetworkInputs readNetworkInputs(const CommandOptions& options, std::optional<double> lambda) {
  NetworkInputs in;
  in.netPath = options.text("net");
  const auto dictPath = options.optionalText("dict");
  in.file = parseNetworkJson(readWholeFile(in.netPath), in.netPath);
  in.D = dictionaryForNetwork(in.file, in.netPath, dictPath);
  in.X = readSignalsFor(in.D, dictPath.value_or(in.netPath), options.text("signals"));
  in.lambda = lambda.value_or(in.file.lambda);
  validateProblem(in.D, in.X, in.lambda, dictPath.value_or(in.netPath), options.text("signals"));
  if (std::abs(in.lambda - in.file.lambda) > 1e-12 * in.file.lambda) {
    in.otherLambda = in.netPath + ": the network was trained for lambda = " + shortestDecimal(in.file.lambda) + ", not " +
                     shortestDecimal(in.lambda);
  }
  return in;
}

void declareFiles(OutputFiles& files, const CommandOptions& options, std::initializer_list<QString> inputs,
                  std::initializer_list<QString> matrixOutputs, std::initializer_list<QString> tableOutputs) {
  for (const QString& name : inputs) files.addInput("--" + name.toStdString(), options.optionalText(name));
  const auto outputKinds = {std::pair(matrixOutputs, &checkMatrixFileName), std::pair(tableOutputs, &checkTableFileName)};
  for (const auto& [outputs, checkName] : outputKinds)
    for (const QString& name : outputs) files.addOutput("--" + name.toStdString(), options.optionalText(name));
  // The file types after the paths (an output over an input, an empty name or a folder is the first
  // thing to say) and before any output is opened.
  files.check([&] {
    for (const auto& [outputs, checkName] : outputKinds)
      for (const QString& name : outputs)
        if (const auto path = options.optionalText(name)) checkName("--" + name.toStdString(), *path);
  });
}

ReferenceSolution solveReferenceShowingProgress(const Dictionary& dictionary, const Matrix& X, double lambda,
                                                std::ostream& err, bool progressFromTheStart) {
  if (static_cast<double>(dictionary.atoms().size()) * static_cast<double>(X.cols()) > 1e8)
    err << "reference: solving every signal exactly first (a big problem: this can take minutes)...\n";
  ProgressLine progress(err, progressFromTheStart);
  ReferenceSettings settings;
  settings.progress = progress.referenceReporter();
  ReferenceSolution reference = solveReference(dictionary, X, lambda, settings);
  progress.finish();
  return reference;
}

}  // namespace unfold::cli
