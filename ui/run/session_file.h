// A workbench session as a JSON file a teacher can send to students: the experiment's settings, what is
// inspected and the trained networks' weights. Problems are generated from their seed (or read from the
// files named), so the settings reproduce the same dictionary, signals and solver results; the saved
// weights reproduce the networks without training them again. Presets (resources/presets/NAME.json) use
// the same format.
#pragma once

#include "run/convergence_snapshot.h"
#include "run/experiment_settings.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace unfold::ui {

struct Session {
  QString title;
  ExperimentSettings settings;
  MethodKey inspectedMethod = Algorithm::Oista;  // in the file: its label ("OISTA", "SLISTA")
  int inspectedSignal = 0;
  TrainedNetworks networks;  // in the file: by label ("SLISTA"), each in network_file.h's JSON
  // Optional: the plot the session is about ("ratio": Lₛ / L), raised and given more of the window when it
  // opens; one of kFocusPlots.
  QString focus;
  // The cost plot's curves: the median over the signals (the paper's Fig. 2) rather than the mean. In the
  // file: "cost_curve": "median" or "mean" (the default).
  bool costMedian = false;
  // The 10-90 % band of every method on the cost plot, not only the inspected method's. In the file:
  // "cost_bands": "every" or "inspected" (the default).
  bool costEveryBand = false;
};

inline const QStringList kFocusPlots{"support", "ratio", "steps", "coupling", "training", "robustness"};

QByteArray formatSession(const Session& session);
// nullopt with `error` set (naming the source and the field) for anything malformed or out of range.
std::optional<Session> parseSession(const QByteArray& json, const QString& source, QString* error);

// Reads a session file, or the preset NAME from the resources; same error contract.
std::optional<Session> readSessionFile(const QString& path, QString* error);
std::optional<Session> readPreset(const QString& name, QString* error);
QStringList presetNames();

}  // namespace unfold::ui
