// File → "Export network as Python…" and "Export session as commands…": what `unfoldlab export` writes
// (core/io/network_export.h) and the commands a session corresponds to (run/session_script.h), in files
// the user picks, written all-or-none. Each returns the message for the status bar, or an empty string
// if the user cancelled or a dialog already said what went wrong.
#pragma once

#include "io/network_export.h"
#include "run/convergence_snapshot.h"
#include "run/experiment_settings.h"

#include <QString>

class QWidget;

namespace unfold::ui {

// `request` is the run the network answers (its dictionary is part of the exported computation).
QString exportNetworkAsPython(QWidget* parent, const NetworkFile& network, const ExperimentSettings& request,
                              ExportFormat format);
// `shown`: the run drawn (an imported problem's files stand in the script only as that run found them).
QString exportSessionAsCommands(QWidget* parent, const ExperimentSettings& settings, const QString& title,
                                const ConvergenceSnapshot& shown);

}  // namespace unfold::ui
