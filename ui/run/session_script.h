// A workbench session as the commands it corresponds to: a bash script that regenerates its data, runs
// its solvers, trains and evaluates its networks headless. The workbench and the command line make the
// same data and weights from the same settings (core/experiments), so the script gives the numbers the
// window showed.
#pragma once

#include "run/experiment_settings.h"

#include <QString>

namespace unfold::ui {

// Empty with `*why` set for what the commands cannot redo (a problem read from files is rescaled by
// the workbench, which no command does).
QString sessionScript(const ExperimentSettings& settings, const QString& title, QString* why);

}  // namespace unfold::ui
