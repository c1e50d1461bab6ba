// What the user asks the workbench to compute: the problem and the methods to run on it.
#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace unfold::ui {

struct ExperimentSettings {
  int n = 10, m = 50;
  int signalCount = 100;
  double lambda = 0.5;  // a fraction of lambda_max (signals lie on the equiregularization set)
  int iterations = 200;
  quint64 seed = 0;
  bool ista = true, fista = true, oista = true;
  bool operator==(const ExperimentSettings&) const = default;
};

}  // namespace unfold::ui

Q_DECLARE_METATYPE(unfold::ui::ExperimentSettings)
