// A workbench session as the commands it corresponds to: a bash script that regenerates its data, runs
// its solvers, trains and evaluates its networks headless. The workbench and the command line make the
// same data and weights from the same settings (core/experiments), so the script gives the numbers the
// window showed.
#pragma once

#include "run/convergence_snapshot.h"
#include "run/experiment_settings.h"

#include <QString>

namespace unfold::ui {

// Empty with `*why` set for what the commands cannot redo. An imported problem's files stand in the
// script as they are when `shown`, the run of these settings, found them usable whole (`generate`'s own
// files are: on ||D^T x||_inf = 1 already, a test file of their own).
QString sessionScript(const ExperimentSettings& settings, const QString& title, const ConvergenceSnapshot& shown, QString* why);

}  // namespace unfold::ui
