#include "window/python_export.h"

#include "base/input_error.h"
#include "io/output_files.h"
#include "networks/network_parameters.h"
#include "plots/plot_export.h"
#include "run/session_script.h"
#include "run/workbench_problem.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

#include <iostream>

namespace unfold::ui {

namespace {

// Writes the files together (never over each other, a folder or a device's name), or says why.
bool writeAllOrNone(QWidget* parent, const QString& title, const std::vector<std::pair<QString, std::string>>& files) {
  try {
    OutputFiles outputs(std::cout);
    for (const auto& [path, contents] : files) outputs.addOutput("file", path.toStdString());
    outputs.check();
    for (const auto& [path, contents] : files) outputs.write(path.toStdString(), contents);
    outputs.commit();
    return true;
  } catch (const InputError& error) {
    QMessageBox::warning(parent, title, QString::fromStdString(error.what()));
    return false;
  }
}

}  // namespace

QString exportNetworkAsPython(QWidget* parent, const NetworkFile& network, const ExperimentSettings& request,
                              ExportFormat format) {
  const QString title = format == ExportFormat::Numpy ? "Export network for NumPy" : "Export network for PyTorch";
  const QString label = QString::fromStdString(parametrizationName(network.weights.kind));
  const QString path = askOutputPath(parent, title, QString(label).replace('-', '_') + ".py", "Python module (*.py)");
  if (path.isEmpty()) return {};
  const QFileInfo module(path);
  const std::string name = pythonModuleName(module.fileName().toStdString());
  try {
    const Matrix D = workbenchDictionary(request);
    std::vector<std::pair<QString, std::string>> files;
    for (const ExportedFile& exported : exportNetwork(network, D, format, name, "the workbench"))
      files.emplace_back(module.dir().filePath(QString::fromStdString(exported.name)), exported.contents);
    if (!writeAllOrNone(parent, title, files)) return {};
    return QString("%1 exported to %2 and %3").arg(QString::fromStdString(parametrizationLabel(network.weights.kind)),
                                                   files[0].first, files[1].first);
  } catch (const InputError& error) {
    QMessageBox::warning(parent, title, QString::fromStdString(error.what()));
    return {};
  }
}

QString exportSessionAsCommands(QWidget* parent, const ExperimentSettings& settings, const QString& title,
                                const ConvergenceSnapshot& shown) {
  const QString dialogTitle = "Export session as commands";
  QString why;
  const QString script = sessionScript(settings, title, shown, &why);
  if (script.isEmpty()) {
    QMessageBox::information(parent, dialogTitle, "This session cannot be written as commands: " + why + ".");
    return {};
  }
  const QString path = askOutputPath(parent, dialogTitle, "session.sh", "Shell script (*.sh)");
  if (path.isEmpty() || !writeAllOrNone(parent, dialogTitle, {{path, script.toStdString()}})) return {};
  return QString("Session written as commands to %1 (run: bash %1)").arg(path);
}

}  // namespace unfold::ui
