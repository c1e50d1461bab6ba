#include "window/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QCoreApplication>
#include <QScrollBar>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QWidget>

namespace unfold::ui {

namespace {

class WheelGuard : public QObject {
 public:
  using QObject::QObject;
  bool eventFilter(QObject* receiver, QEvent* event) override {
    if (event->type() != QEvent::Wheel) return false;
    auto* widget = qobject_cast<QWidget*>(receiver);
    // A slider never takes it: a drag gives it the focus, and a wheel turned later to scroll the form
    // moved λ as the pointer passed over it (a new run, unasked). Its keys and drags are its own.
    if (!widget || (widget->hasFocus() && !qobject_cast<QAbstractSlider*>(widget))) return false;
    // The scroll area around the form takes it instead (Qt's own propagation stops at widgets that
    // keep mouse events to themselves).
    for (QWidget* parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
      if (auto* area = qobject_cast<QAbstractScrollArea*>(parent)) {
        QCoreApplication::sendEvent(area->verticalScrollBar(), event);
        break;
      }
    }
    return true;
  }
};

}  // namespace

void guardWheel(QWidget* form) {
  auto* guard = new WheelGuard(form);
  QList<QWidget*> inputs;
  for (QWidget* w : form->findChildren<QAbstractSpinBox*>()) inputs << w;
  for (QWidget* w : form->findChildren<QComboBox*>()) inputs << w;
  for (QWidget* w : form->findChildren<QAbstractSlider*>()) inputs << w;
  for (QWidget* w : inputs) {
    w->setFocusPolicy(Qt::StrongFocus);  // the wheel does not give them the focus either
    w->installEventFilter(guard);
  }
}

}  // namespace unfold::ui
