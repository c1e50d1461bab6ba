// The experiment's settings as a form: problem size, lambda (log-scale slider tied to a spin box, as a
// fraction of lambda_max), seed, iterations and the methods to run. Emits changed() on every edit; the
// window debounces it.
#pragma once

#include "experiment_settings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSlider;
class QSpinBox;

namespace unfold::ui {

class SettingsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit SettingsPanel(QWidget* parent = nullptr);
  ExperimentSettings settings() const;
  void setSettings(const ExperimentSettings& settings);
  QDoubleSpinBox* lambdaBox() const { return lambdaBox_; }
  // What the inspector plots show; changing it never restarts a run.
  QString inspectedMethod() const;
  int inspectedSignal() const;
  QComboBox* methodChoice() const { return inspectMethod_; }
  QSpinBox* signalChoice() const { return inspectSignal_; }
  void setInspectableSignals(int count);
  QSlider* lambdaSlider() const { return lambdaSlider_; }

 signals:
  void changed();
  void inspectChanged();

 private:
  void lambdaFromSlider(int position);
  void lambdaFromBox(double value);

  QSpinBox *n_, *m_, *signals_, *iterations_, *seed_;
  QDoubleSpinBox* lambdaBox_;
  QSlider* lambdaSlider_;
  QCheckBox *ista_, *fista_, *oista_;
  QComboBox* inspectMethod_;
  QSpinBox* inspectSignal_;
  bool syncing_ = false;
};

}  // namespace unfold::ui
