// The experiment's settings as a form: the problem (source, sizes, seed and "regenerate", lambda on a
// log-scale slider tied to a spin box, as a fraction of lambda_max), the solvers and their iterations,
// the networks to train (depth T, loss, training budget). Emits changed() on every edit; the window
// debounces it. Its widgets carry object names (source, n, m, lambda, lambdaSlider, inspectSignal, ...)
// for tests and scripts that drive the window as a user does.
#pragma once

#include "run/experiment_settings.h"

#include <QWidget>

#include <map>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace unfold::ui {

class LogSlider;
class ProblemFileRows;

class SettingsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit SettingsPanel(QWidget* parent = nullptr);
  ExperimentSettings settings() const;
  // Takes what is typed in a box but not yet confirmed (Enter or leaving the box): a run started by F5
  // from inside the box runs what the box shows.
  void commitTypedValues();
  // Shows `settings`; Notify emits changed() (a run follows), Quietly does not (the form catches up
  // with what the plots show, e.g. after a refused import).
  enum Notification { Notify, Quietly };
  void setSettings(const ExperimentSettings& settings, Notification notification = Notify);
  // Inspect this method (a solver's iterations, a network's layers) and signal (nothing reruns); the
  // signal may exceed the current run's range.
  void setInspection(MethodKey method, int signal);
  // Another signal under the method picked (a network still to train stays the pick).
  void setInspectedSignal(int signal);
  // What the inspector plots show; changing it never restarts a run.
  MethodKey inspectedMethod() const;
  // The method last picked: what the plots show, or a network they will show once the run has trained it.
  MethodKey pickedMethod() const { return inspectWanted_; }
  int inspectedSignal() const;
  // The signals the shown run kept iterates of (the first `count` of its `total` test signals): the
  // inspector's choice is limited to them, and the box's tooltip says how many and why.
  void setInspectableSignals(int count, int total);
  // The solvers the shown run has iterates of, and its trained networks: the others are greyed in the
  // method list. A method the run does not have (a network still to train) is replaced by the first that
  // ran, quietly (the window redraws after this), and picked again once the run has it.
  void setInspectableMethods(const QList<MethodKey>& methods);
  // The plots show a signal picked elsewhere (in the robustness plot): the box says which, until a pick
  // here takes them back. Empty: the box's own method and signal.
  void setInspectedElsewhere(const QString& what);
  // What the imported files of the problem shown hold ("n = 8, m = 20; 30 test signals"): said under the
  // file names while they are the files chosen (n and m are not asked for an import; they come from D).
  // The import dialog, from the File menu as from the source box: accepted, the problem is those files.
  void importProblem();
  void setImportedSizes(const ExperimentSettings& shown, const QString& sizes);

 signals:
  void changed();
  void inspectChanged();

 private:
  static constexpr const char* kInspectTitle = "Inspect (no recomputation)";

  QGroupBox* buildProblemBox();
  QWidget* buildFileRows();
  QLayout* buildLambdaRow();
  QGroupBox* buildSolverBox();
  QGroupBox* buildNetworkBox();
  QGroupBox* buildInspectBox();
  // The method list's item data for a method, and back.
  static int inspectItemData(MethodKey method);
  static MethodKey inspectItemMethod(int data);
  void nameWidgets();
  void connectEdits();
  void lambdaFromSlider(double value);
  void lambdaFromBox(double value);
  void updateSourceRows();
  void sourceChosen(int index);
  void updateLossNote();

  QComboBox* source_;
  ProblemFileRows* fileRows_;
  QFormLayout* problemForm_;
  QSpinBox *n_, *m_, *signals_, *train_, *iterations_, *seed_;
  QDoubleSpinBox* lambdaBox_;
  LogSlider* lambdaSlider_;
  std::map<Algorithm, QCheckBox*> solverBoxes_;
  std::map<Parametrization, QCheckBox*> networkBoxes_;
  QCheckBox* layerWise_;
  QSpinBox *layers_, *budget_;
  QComboBox* loss_;
  QLabel* lossNote_;
  int sourceIndex_ = 0;  // the source shown before the last choice (restored if an import is cancelled)
  QGroupBox* inspectBox_ = nullptr;
  QLabel* inspectNote_ = nullptr;
  QComboBox* inspectMethod_;
  // The method last picked (or set): where a run does not have it yet (a network still to train), the
  // list shows another, and goes back to it once the run has it.
  MethodKey inspectWanted_ = Algorithm::Oista;
  QSpinBox* inspectSignal_;
  bool syncing_ = false;
};

}  // namespace unfold::ui
