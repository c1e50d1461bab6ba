// File → Open session… and Open network…: files read on a pool thread (a LISTA's weights run to tens of
// MB), then shown. A network trained on the command line (`unfoldlab train --out`) or saved by another
// session shows in the workbench as if trained here.
#include "window/main_window.h"

#include "base/enum_names.h"
#include "base/input_error.h"
#include "io/matrix_file.h"
#include "io/network_file.h"
#include "plots/method_palette.h"
#include "run/background_work.h"
#include "window/settings_panel.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QMessageBox>
#include <QStatusBar>

namespace unfold::ui {

namespace {

// Through the bounded reader (the network-file limit): a device such as /dev/zero never ends.
std::optional<NetworkFile> readNetworkFile(const QString& path, QString* error) {
  try {
    return parseNetworkJson(readWholeFile(path.toStdString()), path.toStdString());
  } catch (const InputError& e) {
    *error = QString::fromStdString(e.what());
    return std::nullopt;
  }
}

// The settings that show `network` beside what the form has: its parametrization ticked, its depth, its
// lambda, and what its training record says of the data and the loss, so that the run recognises it
// (the worker checks D and the training signals against the hashes in the file, and says so when it
// has to train it again). Other networks ticked follow its depth: the form has one T for all.
ExperimentSettings settingsShowing(ExperimentSettings settings, const NetworkFile& network) {
  settings.networks.insert(network.weights.kind);
  settings.layers = static_cast<int>(network.weights.layerCount());
  settings.lambda = network.lambda;
  const QJsonObject& record = network.training;
  if (const int trains = record.value("train_signals").toInt(); trains > 0) settings.trainCount = trains;
  if (const auto loss = parseLossKind(record.value("loss").toString().toStdString())) settings.loss = *loss;
  if (record.contains("layer_wise")) settings.layerWise = record.value("layer_wise").toBool();
  // The form's training steps say the file's budget (and train it again with that, should D differ).
  if (const int budget = record.value("max_iter").toInt(); budget > 0) settings.trainingIterations = budget;
  return settings;
}

// What the form takes from an opened network's file: its depth and λ, and what else changed, as "5 layers
// (was 3), λ = 0.2 λₘₐₓ, 100 training signals (was 300)". The training signals, say, are also what the
// other networks ticked train on.
QString formTaken(const ExperimentSettings& before, const ExperimentSettings& after) {
  QStringList taken;
  const auto note = [&taken](auto was, auto is, const QString& text, bool always = false) {
    if (was != is) taken << text.arg(is) + QString(" (was %1)").arg(was);
    else if (always) taken << text.arg(is);
  };
  note(before.layers, after.layers, "%1 layers", true);
  note(before.lambda, after.lambda, "λ = %1 λₘₐₓ", true);
  note(before.trainCount, after.trainCount, "%1 training signals");
  note(before.trainingIterations, after.trainingIterations, "%1 training steps");
  note(QString::fromStdString(lossKindName(before.loss)), QString::fromStdString(lossKindName(after.loss)), "the %1 loss");
  if (before.layerWise != after.layerWise) taken << (after.layerWise ? "layer-wise training" : "end-to-end training");
  return taken.join(", ");
}

// Why `network` cannot stand on the problem shown (for a generated problem, or for imported files that
// have been read), or empty.
QString wrongProblem(const NetworkFile& network, const ExperimentSettings& settings, const ConvergenceSnapshot& shown) {
  Eigen::Index n = 0, m = 0;
  if (settings.source != ProblemSource::Files) {
    n = settings.source == ProblemSource::Digits ? 64 : settings.n;
    m = settings.m;
  } else if (shown.request.source == ProblemSource::Files && shown.request.dictionaryFile == settings.dictionaryFile &&
             shown.dimension > 0) {
    n = shown.dimension;
    m = shown.atoms;
  }
  if (n == 0 || (n == network.n && m == network.m)) return {};
  return QString("it is a network for n = %1, m = %2, and the workbench's problem has n = %3, m = %4: import the D it was "
                 "trained for (File → Import D and signals), or generate a problem of its size with the same seed")
      .arg(network.n).arg(network.m).arg(n).arg(m);
}

}  // namespace

QString MainWindow::offerOpenedNetworks(RunRequest& request) const {
  QStringList unfit;
  for (const auto& [kind, network] : opened_) {
    if (!request.settings.networks.count(kind) || request.pretrained.count(kind)) continue;
    if (network.lambda == request.settings.lambda && network.weights.layerCount() == request.settings.layers)
      request.pretrained[kind] = network;  // the worker still checks D and the training signals
    else
      unfit << QString("%1 from %2 is for λ = %3 λₘₐₓ, T = %4")
                   .arg(methodLabel(kind), network.training.value("opened_from").toString())
                   .arg(network.lambda)
                   .arg(network.weights.layerCount());
  }
  if (unfit.isEmpty()) return {};
  return unfit.join("; ") + QString(": this run trains %1 of its own").arg(unfit.size() == 1 ? "one" : "them");
}

quint64 MainWindow::startReading(const QString& path) {
  // In the status line, which a menu's status tips do not wipe out as they do a message.
  reading_ = QFileInfo(path).fileName();
  statusBar()->clearMessage();
  updateStatus();
  updateControls();
  return ++fileReads_;
}

bool MainWindow::latestRead(quint64 read) {
  if (read != fileReads_) return false;  // another file was asked for meanwhile: it stands
  reading_.clear();
  updateStatus();
  updateControls();
  return true;
}

void MainWindow::reportOpened(const QString& path, const QString& error, bool quiet, const QString& dialogTitle) {
  emit fileOpened(path, error);
  if (!error.isEmpty() && !quiet && dialogsEnabled_) QMessageBox::warning(this, dialogTitle, error);
}

void MainWindow::openSessionFile(const QString& path, bool quiet) {
  const quint64 read = startReading(path);
  readFileInBackground(this, path, readSessionFile,
                       [this, read, path, quiet](const std::optional<Session>& session, const QString& error) {
                         if (!latestRead(read)) return;
                         if (session) {  // else the current session is untouched
                           applySession(*session, path);
                           rememberRecent(path);
                         }
                         reportOpened(path, error, quiet, "Open session");
                       });
}

void MainWindow::openNetworkFile(const QString& path, bool quiet) {
  const quint64 read = startReading(path);
  readFileInBackground(this, path, readNetworkFile,
                       [this, read, path, quiet](const std::optional<NetworkFile>& network, const QString& error) {
                         if (!latestRead(read)) return;
                         // Checked against the form as it is now, not as it was when the read began.
                         reportOpened(path, network ? showNetworkFile(*network, path) : error, quiet, "Open network");
                       });
}

QString MainWindow::showNetworkFile(NetworkFile network, const QString& path) {
  const ExperimentSettings before = settings_->settings();
  if (const QString why = wrongProblem(network, before, shown_); !why.isEmpty())
    return QString("%1: %2.").arg(path, why);  // the workbench is untouched
  const ExperimentSettings wanted = settingsShowing(before, network);
  const Session earlier = currentSession();  // for File → Back to the earlier problem
  settings_->setSettings(wanted, SettingsPanel::Quietly);
  if (settings_->settings() != wanted) {  // the form rounded or clamped a value: the run would not reuse it
    settings_->setSettings(before, SettingsPanel::Quietly);
    return QString("%1: the workbench's form cannot hold λ = %2 λₘₐₓ, T = %3 with %4 training signals "
                   "(λ from 1e-4 to 1.5 in steps of 1e-4, T up to 200, 2 to 100000 training signals).")
        .arg(path).arg(network.lambda).arg(wanted.layers).arg(wanted.trainCount);
  }
  // Where the weights came from, for the legends (and in a session saved with them, for the record).
  network.training.insert("opened_from", QFileInfo(path).fileName());
  TrainedNetworks kept = trained_.find(wanted);
  kept[network.weights.kind] = network;
  trained_.keep(wanted, kept);
  opened_[network.weights.kind] = network;
  if (wanted != before) beforeLoad_ = EarlierProblem{earlier, sessionSettings_, sessionFile_, unsavedTraining_};
  loadedSettings_ = wanted;
  markSessionChanged();
  startDefaultRun();  // first: a run's start clears the status bar's message
  statusBar()->showMessage(QString("%1 from %2: %3%4")
                               .arg(methodLabel(network.weights.kind), QFileInfo(path).fileName(), formTaken(before, wanted))
                               .arg(wanted != before ? " (Ctrl+Z: back to the form as it was)" : ""),
                           kFileMessageMs);
  return {};
}

}  // namespace unfold::ui
