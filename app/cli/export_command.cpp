// unfoldlab export: a trained network as a Python module (NumPy, or a torch.nn.Module) and its weights.
#include "commands.h"

#include "base/input_error.h"
#include "base/quoted_text.h"
#include "command_options.h"
#include "io/matrix_file.h"
#include "io/network_export.h"
#include "io/network_file.h"
#include "io/output_files.h"
#include "output_folder.h"
#include "problem_files.h"

#include <QDir>

namespace unfold::cli {

int runExport(const QStringList& arguments, std::ostream& stdOut, std::ostream& /*err*/) {
  CommandOptions options(
      "export", "unfoldlab export --net net.json [--dict D.csv] --format numpy|torch --out DIR [--name NAME]",
      "Writes a trained network as Python: DIR/NAME.py with forward(X) (signals as rows in, codes as rows\n"
      "out, the same as `unfoldlab eval --codes`) and its weights in DIR/NAME.npz. numpy: needs NumPy only;\n"
      "torch: a torch.nn.Module (Network, load()) whose learned weights are parameters, trainable further.\n"
      "The dictionary is part of the network's computation: the one the network file holds (unfoldlab train\n"
      "saves it), or --dict for a file that holds none (checked against the network).\n"
      "Both files are replaced together, never over an input.");
  addNetworkOptions(options);
  options.addValue("format", "name", "numpy or torch.", "numpy");
  options.addValue("out", "dir", "Output folder (created if missing).");
  options.addValue("name", "name", "Module name (default: the network file's name, as a Python identifier).");
  if (!options.parse(arguments, stdOut)) return 0;
  const std::string netPath = options.text("net"), folderPath = options.text("out");
  const auto dictPath = options.optionalText("dict");
  const auto format = parseExportFormat(options.text("format"));
  if (!format) throw InputError("--format: unknown format " + quotedInput(options.text("format")) + " (numpy or torch)");
  const std::string name = pythonModuleName(options.optionalText("name").value_or(netPath));
  if (options.optionalText("name") && name != *options.optionalText("name"))
    throw InputError("--name: " + quotedInput(*options.optionalText("name")) + " is not a Python identifier (try " + name + ")");
  OutputFolder folder("--out", folderPath, " (the module and its weights go into one)");  // made if missing
  const std::string modulePath = QDir(folder.path()).filePath(QString::fromStdString(name + ".py")).toStdString();
  const std::string weightsPath = QDir(folder.path()).filePath(QString::fromStdString(name + ".npz")).toStdString();
  OutputFiles files(stdOut);
  files.addInput("--net", netPath);
  files.addInput("--dict", dictPath);
  files.addOutput("--out", modulePath);
  files.addOutput("--out", weightsPath);
  files.check();

  const NetworkFile file = parseNetworkJson(readWholeFile(netPath), netPath);
  const Matrix D = dictionaryForNetwork(file, netPath, dictPath);
  for (const ExportedFile& exported : exportNetwork(file, D, *format, name, netPath))
    files.write(exported.name == name + ".py" ? modulePath : weightsPath, exported.contents);
  files.commit();
  folder.keep();
  stdOut << "wrote " << printableText(modulePath) << "\nwrote " << printableText(weightsPath) << "\n";
  return 0;
}

}  // namespace unfold::cli
