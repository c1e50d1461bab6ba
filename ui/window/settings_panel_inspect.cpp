// The Inspect box's side of the settings panel: which method and signal the inspector plots show, what
// the last run offers, and what the plots show when another panel picked their signal.
#include "window/settings_panel.h"

#include "run/iterate_history.h"

#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>

#include <algorithm>

namespace unfold::ui {

namespace {

constexpr int kNetworkItems = 100;  // a network's item data: 100 + its parametrization; a solver's: its algorithm

}  // namespace

int SettingsPanel::inspectItemData(MethodKey method) {
  if (const auto* network = std::get_if<Parametrization>(&method)) return kNetworkItems + static_cast<int>(*network);
  return static_cast<int>(std::get<Algorithm>(method));
}

MethodKey SettingsPanel::inspectItemMethod(int data) {
  if (data >= kNetworkItems) return static_cast<Parametrization>(data - kNetworkItems);
  return static_cast<Algorithm>(data);
}

void SettingsPanel::setInspection(MethodKey method, int signal) {
  {
    const QSignalBlocker quiet(this);  // one inspectChanged() for both, from setInspectedSignal
    inspectMethod_->setCurrentIndex(inspectMethod_->findData(inspectItemData(method)));
    inspectWanted_ = method;
  }
  setInspectedSignal(signal);
}

void SettingsPanel::setInspectedSignal(int signal) {
  {
    const QSignalBlocker quiet(this);
    inspectSignal_->setMaximum(std::max(inspectSignal_->maximum(), signal));
    inspectSignal_->setValue(signal);
  }
  emit inspectChanged();
}

MethodKey SettingsPanel::inspectedMethod() const { return inspectItemMethod(inspectMethod_->currentData().toInt()); }
int SettingsPanel::inspectedSignal() const { return inspectSignal_->value(); }

void SettingsPanel::setInspectableSignals(int count, int total) {
  const QSignalBlocker quiet(this);  // the plots follow from the snapshot that set the count
  inspectSignal_->setMaximum(std::max(0, count - 1));
  const QString kept = count < total ? QString("the run kept the first %1 of %2: at most %3, fewer on long runs, whose "
                                               "iterates\nwould pass ~32 MB; the Lₛ/L plot's mean is over them")
                                           .arg(count).arg(total).arg(kInspectedSignalLimit)
                                     : count > 0 ? QString("the run kept all %1").arg(count)
                                                 : QString("the first %1 are kept").arg(kInspectedSignalLimit);
  inspectSignal_->setToolTip(QString("The signal the support and Lₛ/L plots show (%1);\nor click a dot in the Lₛ/L scatter").arg(kept));
}

void SettingsPanel::setInspectableMethods(const QList<MethodKey>& methods) {
  auto* model = qobject_cast<QStandardItemModel*>(inspectMethod_->model());
  int firstRan = -1;
  for (int row = 0; row < inspectMethod_->count(); ++row) {
    const bool ran = methods.contains(inspectItemMethod(inspectMethod_->itemData(row).toInt()));
    model->item(row)->setEnabled(ran);
    if (ran && firstRan < 0) firstRan = row;
  }
  const QSignalBlocker quiet(this);
  if (const int wanted = inspectMethod_->findData(inspectItemData(inspectWanted_)); wanted >= 0 && model->item(wanted)->isEnabled())
    inspectMethod_->setCurrentIndex(wanted);  // back to it, now that the run has it
  else if (firstRan >= 0 && !model->item(inspectMethod_->currentIndex())->isEnabled())
    inspectMethod_->setCurrentIndex(firstRan);
}

void SettingsPanel::setInspectedElsewhere(const QString& what) {
  inspectBox_->setTitle(what.isEmpty() ? kInspectTitle : "Inspect (another pick)");
  inspectNote_->setText(QString("The plots show %1; pick a method or signal here to go back.").arg(what));
  inspectNote_->setVisible(!what.isEmpty());
}

}  // namespace unfold::ui
