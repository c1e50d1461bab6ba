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

void SettingsPanel::setInspection(Algorithm method, int signal) {
  {
    const QSignalBlocker quiet(this);  // one inspectChanged() for both
    inspectMethod_->setCurrentIndex(inspectMethod_->findData(static_cast<int>(method)));
    inspectSignal_->setMaximum(std::max(inspectSignal_->maximum(), signal));
    inspectSignal_->setValue(signal);
  }
  emit inspectChanged();
}

Algorithm SettingsPanel::inspectedMethod() const {
  return static_cast<Algorithm>(inspectMethod_->currentData().toInt());
}
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

void SettingsPanel::setInspectableMethods(const QList<Algorithm>& methods) {
  auto* model = qobject_cast<QStandardItemModel*>(inspectMethod_->model());
  int firstRan = -1;
  for (int row = 0; row < inspectMethod_->count(); ++row) {
    const bool ran = methods.contains(static_cast<Algorithm>(inspectMethod_->itemData(row).toInt()));
    model->item(row)->setEnabled(ran);
    if (ran && firstRan < 0) firstRan = row;
  }
  if (firstRan >= 0 && !model->item(inspectMethod_->currentIndex())->isEnabled()) {
    const QSignalBlocker quiet(this);
    inspectMethod_->setCurrentIndex(firstRan);
  }
}

void SettingsPanel::setInspectedElsewhere(const QString& what) {
  inspectBox_->setTitle(what.isEmpty() ? kInspectTitle : "Inspect (another pick)");
  inspectNote_->setText(QString("The plots show %1; pick a method or signal here to go back.").arg(what));
  inspectNote_->setVisible(!what.isEmpty());
}

}  // namespace unfold::ui
