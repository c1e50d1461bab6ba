// Reading the inputs every subcommand shares: D, a batch of signals checked against D, and codes files
// checked against both, with errors that name the files; the files declared from the options, and the
// exact solutions the evaluating commands measure against.
#pragma once

#include "base/types.h"
#include "command_options.h"
#include "io/network_file.h"
#include "io/output_files.h"
#include "lasso/reference_solver.h"
#include "linalg/dictionary.h"

#include <QString>

#include <initializer_list>
#include <optional>
#include <ostream>

#include <string>

namespace unfold::cli {

Matrix readDictionary(const std::string& path);  // n x m, finite
// One signal per row in the file; returned as n x N. Checks the dimension against D and the values.
Matrix readSignalsFor(const Matrix& D, const std::string& dictPath, const std::string& path);
// One code per row in the file; returned as m x N. Checks the size against D and the signal count.
Matrix readCodesFor(const Matrix& D, Eigen::Index signalCount, const std::string& path);

// The dictionary a trained network runs with: the --dict file (checked against the network) or, without
// it, the D the network file holds; a file that holds none is refused, asking for --dict.
Matrix dictionaryForNetwork(const NetworkFile& network, const std::string& netPath,
                            const std::optional<std::string>& dictPath);

// A command that runs a trained network on signals (eval, attack): its options --net, --dict, --signals,
// --lambda, and those inputs read and checked (the network, the D it runs with, the signals against D).
void addNetworkInputOptions(CommandOptions& options, const QString& signalsHelp, const QString& lambdaHelp);
void addNetworkOptions(CommandOptions& options);  // --net and --dict only (export)
struct NetworkInputs {
  std::string netPath;
  NetworkFile file;
  Matrix D;
  Matrix X;  // n x N
  double lambda = 0.0;  // --lambda, or without it the one the network was trained for
  // Empty, or "NET: the network was trained for lambda = A, not B" when --lambda is another one.
  std::string otherLambda;
};
// `lambda`: --lambda, read (and checked) with the other flags, before any file.
NetworkInputs readNetworkInputs(const CommandOptions& options, std::optional<double> lambda);
// --lambda if given (> 0), else nullopt.
std::optional<double> optionalLambda(const CommandOptions& options);

// Declares the paths of the named options (flag --name; an option not given is left out) as the
// command's inputs and outputs, then checks them before any work (OutputFiles::check), and the outputs'
// names against what they will hold: a matrix (.csv, .npy) or a CSV table (matrix_file.h).
void declareFiles(OutputFiles& files, const CommandOptions& options, std::initializer_list<QString> inputs,
                  std::initializer_list<QString> matrixOutputs, std::initializer_list<QString> tableOutputs);

// F* of every signal with a progress line on `err`, and first a sign of life on a problem big enough to
// take minutes.
ReferenceSolution solveReferenceShowingProgress(const Dictionary& dictionary, const Matrix& X, double lambda,
                                                std::ostream& err, bool progressFromTheStart);

}  // namespace unfold::cli
